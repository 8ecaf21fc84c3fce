// Streams responses for the raw CSV export from a dedicated read-only connection, one row at a
// time (memory does not grow with the number of responses).
import type Database from "better-sqlite3";

export interface ExportFilters {
  includePartial: boolean;
  institucion?: string;
  region?: string;
  cargoCategoria?: string;
  aniosCasos?: string;
  unitId?: number;
  /** Inclusive date range on the submission date (partial responses: last update), YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export interface ExportRow {
  id: string;
  survey_version: string;
  unit_code: string | null;
  unit_name: string | null;
  status: "partial" | "complete";
  locale: string;
  started_at: string;
  submitted_at: string | null;
  data: string;
}

export function exportWhere(slug: string, f: ExportFilters): { sql: string; params: unknown[] } {
  const clauses = ["r.survey_slug = ?"];
  const params: unknown[] = [slug];
  if (!f.includePartial) clauses.push("r.status = 'complete'");
  const json: [keyof ExportFilters, string][] = [
    ["institucion", "$.institucion"],
    ["region", "$.region"],
    ["cargoCategoria", "$.cargo_categoria"],
    ["aniosCasos", "$.anios_casos"],
  ];
  for (const [key, path] of json) {
    if (f[key] !== undefined) {
      clauses.push(`json_extract(r.data, '${path}') = ?`);
      params.push(f[key]);
    }
  }
  if (f.unitId !== undefined) {
    clauses.push("r.unit_id = ?");
    params.push(f.unitId);
  }
  if (f.from) {
    clauses.push("coalesce(r.submitted_at, r.updated_at) >= ?");
    params.push(f.from);
  }
  if (f.to) {
    clauses.push("coalesce(r.submitted_at, r.updated_at) < date(?, '+1 day')");
    params.push(f.to);
  }
  return { sql: clauses.join(" and "), params };
}

/** Iterates the matching responses, oldest first. The caller owns (and closes) `reader`. */
export function iterateExportRows(reader: Database.Database, slug: string, filters: ExportFilters): IterableIterator<ExportRow> {
  const where = exportWhere(slug, filters);
  return reader
    .prepare(
      `select r.id, r.survey_version, u.code as unit_code, u.name as unit_name, r.status, r.locale,
              r.started_at, r.submitted_at, r.data
         from responses r left join units u on u.id = r.unit_id
        where ${where.sql}
        order by r.started_at, r.id`,
    )
    .iterate(...where.params) as IterableIterator<ExportRow>;
}
