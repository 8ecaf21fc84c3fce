// The views' query: a breakdown and filters, shared by the dashboard pages, the APIs and the exports
// so that a URL means the same thing everywhere (URL search params ⇄ NeedsQuery). The parameters are
// those of the survey's needs declaration: one per breakdown (its name), plus by, from and to.
import { z } from "zod";
import { isCalendarDay, peruDayStartIso } from "../time/lima-time";
import type { NeedsDeclaration } from "./declaration";

export interface FilterDimension {
  name: string;
  kind: "question" | "unit";
  /** Accepted values (question breakdowns); [] for the unit, which takes a unit id or code. */
  values: readonly string[];
}

/** What a survey can be filtered and broken down by (nothing but dates without a declaration). */
export interface FilterSpec {
  dimensions: readonly FilterDimension[];
}

export function filterSpec(declaration: Pick<NeedsDeclaration, "breakdowns"> | undefined): FilterSpec {
  return {
    dimensions: (declaration?.breakdowns ?? []).map((b) => ({ name: b.name, kind: b.kind, values: b.choices.map((c) => c.value) })),
  };
}

export const DATE_KEYS = ["from", "to"] as const;
/** The survey round a view shows (docs/rounds.md): its number; absent, the latest round that has opened. */
export const ROUND_KEY = "round";

/** Filter parameter names of a survey: its breakdowns, then the round, from and to. */
export function filterKeys(spec: FilterSpec): string[] {
  return [...spec.dimensions.map((d) => d.name), ROUND_KEY, ...DATE_KEYS];
}

/** Whether a filter key is one of the view's own (round, dates) rather than a breakdown. */
export function isViewKey(key: string): key is typeof ROUND_KEY | (typeof DATE_KEYS)[number] {
  return key === ROUND_KEY || (DATE_KEYS as readonly string[]).includes(key);
}

/** Breakdown name → selected value, plus `round` (a number) and `from` / `to` (YYYY-MM-DD, Peru days). */
export type NeedsFilters = Record<string, string>;
export interface NeedsQuery {
  /** The breakdown; null for a survey without breakdowns. */
  by: string | null;
  filters: NeedsFilters;
}

export type SearchInput = URLSearchParams | Record<string, string | string[] | undefined>;
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

const UNIT = /^(\d{1,9}|[A-Za-z0-9][A-Za-z0-9_-]{0,39})$/;

/** A page's search parameters (or a URL's) as URLSearchParams, repeated keys kept. */
export function searchParamsOf(input: SearchInput): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, values] of entries(input)) for (const v of values) out.append(k, v);
  return out;
}

function entries(input: SearchInput): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const push = (k: string, v: string) => out.set(k, [...(out.get(k) ?? []), v]);
  if (input instanceof URLSearchParams) input.forEach((v, k) => push(k, v));
  else for (const [k, v] of Object.entries(input)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) push(k, one);
  return out;
}

export interface ParseOptions {
  /** Other parameters the caller understands (e.g. page); anything else is refused. */
  extraKeys?: readonly string[];
}

export function parseNeedsQuery(input: SearchInput, spec: FilterSpec, options: ParseOptions = {}): ParseResult<NeedsQuery> {
  const raw = entries(input);
  const extra = new Set(options.extraKeys ?? []);
  const keys = filterKeys(spec);
  const known = spec.dimensions.length ? ["by", ...keys] : keys;
  const flat: Record<string, string> = {};
  for (const [key, values] of raw) {
    if (extra.has(key)) continue;
    if (!known.includes(key)) return { ok: false, message: `Unknown parameter "${key}". Use ${known.join(", ")}.` };
    const nonEmpty = values.filter((v) => v.trim() !== "");
    if (nonEmpty.length > 1) return { ok: false, message: `Give "${key}" at most once.` };
    if (nonEmpty[0] !== undefined) flat[key] = nonEmpty[0].trim();
  }
  const names = spec.dimensions.map((d) => d.name);
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const d of spec.dimensions) {
    shape[d.name] =
      d.kind === "unit"
        ? z.string().regex(UNIT, { message: "must be a unit id or code" }).optional()
        : z
            .string()
            .max(200)
            .refine((v) => d.values.includes(v), { message: `must be one of: ${d.values.join(", ")}` })
            .optional();
  }
  const day = z.string().refine(isCalendarDay, { message: "must be a date YYYY-MM-DD" }).optional();
  const schema = z
    .object({
      ...shape,
      ...(names.length ? { by: z.enum(names as [string, ...string[]], { message: `must be one of: ${names.join(", ")}` }).optional() } : {}),
      [ROUND_KEY]: z
        .string()
        .regex(/^[1-9]\d{0,3}$/, { message: "must be a round number (1, 2, …)" })
        .optional(),
      from: day,
      to: day,
    })
    .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before from", path: ["to"] });
  const parsed = schema.safeParse(flat);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join(".") || "query"}: ${issue?.message ?? "invalid"}` };
  }
  const data = parsed.data as Record<string, string | undefined>;
  const filters: NeedsFilters = {};
  for (const key of keys) if (data[key] !== undefined) filters[key] = data[key] as string;
  return { ok: true, value: { by: data.by ?? names[0] ?? null, filters } };
}

/** The canonical URL query of a view (default `by` and empty filters left out). */
export function toSearchParams(query: NeedsQuery, spec: FilterSpec, extra: Record<string, string | number | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (query.by !== null && query.by !== (spec.dimensions[0]?.name ?? null)) params.set("by", query.by);
  for (const key of filterKeys(spec)) {
    const v = query.filters[key];
    if (v) params.set(key, v);
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") params.set(k, String(v));
  return params;
}

export function hasFilters(filters: NeedsFilters): boolean {
  return Object.values(filters).some((v) => v !== undefined);
}

/**
 * The submitted_at bounds of the date filters. Dates are calendar days in Peru (UTC−05:00 all
 * year, no daylight saving); `to` is inclusive.
 */
export function submittedBounds(filters: { from?: string; to?: string }): { from?: string; toExclusive?: string } {
  return {
    from: filters.from ? peruDayStartIso(filters.from) : undefined,
    toExclusive: filters.to ? peruDayStartIso(filters.to, 1) : undefined,
  };
}
