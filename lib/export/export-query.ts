// Query parameters of the CSV exports: the dashboard's filters (and breakdown) plus the format.
import { z } from "zod";
import { parseNeedsQuery, type FilterSpec, type NeedsQuery } from "@/lib/needs/filters";
import type { Locale } from "./columns";
import type { Separator } from "./csv-format";

export const FORMAT_KEYS = ["labels", "partial", "sep"] as const;

const format = z.object({
  labels: z.enum(["codes", "es", "en"]).default("codes"),
  partial: z.enum(["0", "1"]).default("0"),
  sep: z.enum(["comma", "semicolon"]).default("comma"),
});

export interface ExportQuery extends NeedsQuery {
  labels: Locale | null;
  includePartial: boolean;
  separator: Separator;
}

export type ExportParse = { ok: true; value: ExportQuery } | { ok: false; message: string };

export function parseExportQuery(params: URLSearchParams, spec: FilterSpec): ExportParse {
  const needs = parseNeedsQuery(params, spec, { extraKeys: FORMAT_KEYS });
  if (!needs.ok) return needs;
  const parsed = format.safeParse(Object.fromEntries(FORMAT_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join(".")}: ${issue?.message}` };
  }
  return {
    ok: true,
    value: {
      ...needs.value,
      labels: parsed.data.labels === "codes" ? null : parsed.data.labels,
      includePartial: parsed.data.partial === "1",
      separator: parsed.data.sep,
    },
  };
}

/**
 * What an export of one round holds, for its file name: "necesidades-ronda2". A survey with one
 * round keeps the plain name.
 */
export function roundExportName(what: string, round: number, roundCount: number): string {
  return roundCount > 1 ? `${what}-ronda${round}` : what;
}

/** `sondeo-<slug>-<what>-<YYYYMMDD-HHMM>.csv` */
export function exportFileName(slug: string, what: string, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return `sondeo-${slug}-${what}-${stamp}.csv`;
}

/** `sep` alone, for the exports that take no filters (codebook, coverage); null when invalid. */
export function parseSeparator(params: URLSearchParams): Separator | null {
  const parsed = format.shape.sep.safeParse(params.get("sep") || undefined);
  return parsed.success ? parsed.data : null;
}
