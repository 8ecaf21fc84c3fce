// Streams responses for the raw CSV export from a dedicated read-only connection, one row at a
// time (memory does not grow with the number of responses). Filters mean what they mean on the
// dashboard (lib/needs/filters.ts): dates are Peru calendar days of the submission (for partial
// responses, of the last save).
import type Database from "better-sqlite3";
import { submittedBounds } from "@/lib/needs/filters";
import type { RawRow } from "@/lib/export/responses-csv";
import type { ResolvedFilters } from "./needs";

export interface ExportOptions {
  includePartial: boolean;
  filters: ResolvedFilters;
}

const JSON_FILTERS = [
  ["institucion", "$.institucion"],
  ["region", "$.region"],
  ["cargo_categoria", "$.cargo_categoria"],
  ["anios_casos", "$.anios_casos"],
] as const;

export function exportWhere(slug: string, { includePartial, filters }: ExportOptions): { sql: string; params: unknown[] } {
  const clauses = ["r.survey_slug = ?"];
  const params: unknown[] = [slug];
  if (!includePartial) clauses.push("r.status = 'complete'");
  for (const [key, path] of JSON_FILTERS) {
    if (filters[key] !== undefined) {
      clauses.push(`json_extract(r.data, '${path}') = ?`);
      params.push(filters[key]);
    }
  }
  if (filters.unitId !== undefined) {
    clauses.push("r.unit_id = ?");
    params.push(filters.unitId);
  }
  const bounds = submittedBounds(filters);
  if (bounds.from) {
    clauses.push("coalesce(r.submitted_at, r.updated_at) >= ?");
    params.push(bounds.from);
  }
  if (bounds.toExclusive) {
    clauses.push("coalesce(r.submitted_at, r.updated_at) < ?");
    params.push(bounds.toExclusive);
  }
  return { sql: clauses.join(" and "), params };
}

/** Iterates the matching responses, oldest first. The caller owns (and closes) `reader`. */
export function iterateExportRows(reader: Database.Database, slug: string, options: ExportOptions): IterableIterator<RawRow> {
  const where = exportWhere(slug, options);
  return reader
    .prepare(
      `select r.id, r.survey_version, u.code as unit_code, u.name as unit_name, r.status, r.locale,
              r.started_at, r.submitted_at, r.data
         from responses r left join units u on u.id = r.unit_id
        where ${where.sql}
        order by r.started_at, r.id`,
    )
    .iterate(...where.params) as IterableIterator<RawRow>;
}

export interface ResponseListItem {
  id: string;
  unit_code: string | null;
  status: "partial" | "complete";
  locale: string;
  started_at: string;
  updated_at: string;
  submitted_at: string | null;
  is_demo: number;
}

/** One page of responses (metadata only, newest first) and the counts by status. */
export function listResponses(reader: Database.Database, slug: string, options: ExportOptions, page: number, perPage = 50) {
  const where = exportWhere(slug, options);
  const counts = reader
    .prepare(`select r.status, count(*) as n from responses r where ${where.sql} group by r.status`)
    .all(...where.params) as { status: string; n: number }[];
  const items = reader
    .prepare(
      `select r.id, u.code as unit_code, r.status, r.locale, r.started_at, r.updated_at, r.submitted_at, r.is_demo
         from responses r left join units u on u.id = r.unit_id
        where ${where.sql}
        order by coalesce(r.submitted_at, r.updated_at) desc, r.id
        limit ? offset ?`,
    )
    .all(...where.params, perPage, (page - 1) * perPage) as ResponseListItem[];
  const byStatus = Object.fromEntries(counts.map((c) => [c.status, c.n]));
  return { complete: byStatus.complete ?? 0, partial: byStatus.partial ?? 0, items };
}
