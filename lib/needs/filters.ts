// The needs views' query: breakdown dimension + filters, shared by the dashboard pages and the API
// so that a URL means the same thing everywhere (URL search params ⇄ NeedsQuery).
import { z } from "zod";

export const DIMENSIONS = ["institucion", "region", "cargo_categoria", "anios_casos", "unit"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** Dimensions whose values are answers to a survey question (validated against its choices). */
export type ChoiceDimension = Exclude<Dimension, "unit">;
export const FILTER_KEYS = [...DIMENSIONS, "from", "to"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export type NeedsFilters = Partial<Record<FilterKey, string>>;
export interface NeedsQuery {
  by: Dimension;
  filters: NeedsFilters;
}

export type SearchInput = URLSearchParams | Record<string, string | string[] | undefined>;
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
function isCalendarDay(s: string): boolean {
  const time = Date.parse(`${s}T00:00:00Z`);
  return DAY.test(s) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(s);
}
const UNIT = /^(\d{1,9}|[A-Za-z0-9][A-Za-z0-9_-]{0,39})$/;

function entries(input: SearchInput): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const push = (k: string, v: string) => out.set(k, [...(out.get(k) ?? []), v]);
  if (input instanceof URLSearchParams) input.forEach((v, k) => push(k, v));
  else for (const [k, v] of Object.entries(input)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) push(k, one);
  return out;
}

export interface ParseOptions {
  /** Accepted values per choice dimension (from the survey definition); unchecked when absent. */
  allowed?: Partial<Record<ChoiceDimension, readonly string[]>>;
  /** Other parameters the caller understands (e.g. page); anything else is refused. */
  extraKeys?: readonly string[];
}

export function parseNeedsQuery(input: SearchInput, options: ParseOptions = {}): ParseResult<NeedsQuery> {
  const raw = entries(input);
  const extra = new Set(options.extraKeys ?? []);
  const flat: Record<string, string> = {};
  for (const [key, values] of raw) {
    if (extra.has(key)) continue;
    if (key !== "by" && !(FILTER_KEYS as readonly string[]).includes(key)) {
      return { ok: false, message: `Unknown parameter "${key}". Use by, ${FILTER_KEYS.join(", ")}.` };
    }
    const nonEmpty = values.filter((v) => v.trim() !== "");
    if (nonEmpty.length > 1) return { ok: false, message: `Give "${key}" at most once.` };
    if (nonEmpty[0] !== undefined) flat[key] = nonEmpty[0].trim();
  }
  const choice = (dim: ChoiceDimension) => {
    const allowed = options.allowed?.[dim];
    return z
      .string()
      .max(60)
      .refine((v) => !allowed || allowed.includes(v), {
        message: allowed ? `must be one of: ${allowed.join(", ")}` : "invalid value",
      })
      .optional();
  };
  const day = z.string().refine(isCalendarDay, { message: "must be a date YYYY-MM-DD" }).optional();
  const schema = z
    .object({
      by: z.enum(DIMENSIONS, { message: `must be one of: ${DIMENSIONS.join(", ")}` }).default("institucion"),
      institucion: choice("institucion"),
      region: choice("region"),
      cargo_categoria: choice("cargo_categoria"),
      anios_casos: choice("anios_casos"),
      unit: z.string().regex(UNIT, { message: "must be a unit id or code" }).optional(),
      from: day,
      to: day,
    })
    .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before from", path: ["to"] });
  const parsed = schema.safeParse(flat);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join(".") || "query"}: ${issue?.message ?? "invalid"}` };
  }
  const { by, ...rest } = parsed.data;
  const filters: NeedsFilters = {};
  for (const key of FILTER_KEYS) if (rest[key] !== undefined) filters[key] = rest[key];
  return { ok: true, value: { by, filters } };
}

/** The canonical URL query of a view (default `by` and empty filters left out). */
export function toSearchParams(query: NeedsQuery, extra: Record<string, string | number | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (query.by !== "institucion") params.set("by", query.by);
  for (const key of FILTER_KEYS) {
    const v = query.filters[key];
    if (v) params.set(key, v);
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") params.set(k, String(v));
  return params;
}

export function hasFilters(filters: NeedsFilters): boolean {
  return FILTER_KEYS.some((k) => filters[k] !== undefined);
}

/**
 * The submitted_at bounds of the date filters. Dates are calendar days in Peru (UTC−05:00 all
 * year, no daylight saving); `to` is inclusive.
 */
export function submittedBounds(filters: NeedsFilters): { from?: string; toExclusive?: string } {
  const lima = (day: string, plusDays = 0) =>
    new Date(Date.parse(`${day}T05:00:00.000Z`) + plusDays * 86_400_000).toISOString();
  return {
    from: filters.from ? lima(filters.from) : undefined,
    toExclusive: filters.to ? lima(filters.to, 1) : undefined,
  };
}
