// Streams responses for the raw CSV export from a dedicated read-only connection, one row at a
// time (memory does not grow with the number of responses). Filters mean what they mean on the
// dashboard (lib/needs/filters.ts): dates are Peru calendar days of the submission (for partial
// responses, of the last save).
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { RawRow } from "@/lib/export/responses-csv";
import { responses } from "../schema";
import { filterTerms, type ResolvedFilters } from "./filter-terms";
import type { DimensionSlots } from "./survey-dimensions";

export interface ExportOptions {
  includePartial: boolean;
  filters: ResolvedFilters;
}

const dialect = new SQLiteSyncDialect();

export function exportWhere(slug: string, slots: DimensionSlots, { includePartial, filters }: ExportOptions): { sql: string; params: unknown[] } {
  const terms = [sql`${responses.surveySlug} = ${slug}`];
  if (!includePartial) terms.push(sql`${responses.status} = 'complete'`);
  // A partial response's date is that of its last save.
  terms.push(...filterTerms(responses, slots, filters, sql`coalesce(${responses.submittedAt}, ${responses.updatedAt})`));
  const query = dialect.sqlToQuery(sql.join(terms, sql` and `));
  return { sql: query.sql, params: query.params };
}

/** Iterates the matching responses, oldest first. The caller owns (and closes) `reader`. */
export function iterateExportRows(reader: Database.Database, slug: string, slots: DimensionSlots, options: ExportOptions): IterableIterator<RawRow> {
  const where = exportWhere(slug, slots, options);
  return reader
    .prepare(
      `select responses.id, responses.survey_version, u.code as unit_code, u.name as unit_name, responses.status, responses.locale,
              responses.started_at, responses.submitted_at, responses.round, responses.data
         from responses left join units u on u.id = responses.unit_id
        where ${where.sql}
        order by responses.started_at, responses.id`,
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

/** Responses per page of the admin's responses list. */
export const RESPONSES_PAGE_SIZE = 50;

/** One page of responses (metadata only, newest first) and the counts by status. */
export function listResponses(
  reader: Database.Database,
  slug: string,
  slots: DimensionSlots,
  options: ExportOptions,
  page: number,
  perPage = RESPONSES_PAGE_SIZE,
) {
  const where = exportWhere(slug, slots, options);
  const counts = reader
    .prepare(`select responses.status, count(*) as n from responses where ${where.sql} group by responses.status`)
    .all(...where.params) as { status: string; n: number }[];
  const items = reader
    .prepare(
      `select responses.id, u.code as unit_code, responses.status, responses.locale, responses.started_at, responses.updated_at, responses.submitted_at, responses.is_demo
         from responses left join units u on u.id = responses.unit_id
        where ${where.sql}
        order by coalesce(responses.submitted_at, responses.updated_at) desc, responses.id
        limit ? offset ?`,
    )
    .all(...where.params, perPage, (page - 1) * perPage) as ResponseListItem[];
  const byStatus = Object.fromEntries(counts.map((c) => [c.status, c.n]));
  return { complete: byStatus.complete ?? 0, partial: byStatus.partial ?? 0, items };
}
