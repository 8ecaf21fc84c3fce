// Reads responses for the raw CSV export a page at a time (memory does not grow with the number of
// responses), and the admin's list of responses. Filters mean what they mean on the dashboard
// (lib/needs/filters.ts): dates are Peru calendar days of the submission (for partial responses, of
// the last save).
import { and, desc, eq, gt, gte, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { RawRow } from "@/lib/export/responses-csv";
import { type Db, tablesOf } from "../client";
import { int } from "../dialect";
import { filterTerms, type ResolvedFilters } from "./filter-terms";
import type { DimensionSlots } from "./survey-dimensions";

export interface ExportOptions {
  includePartial: boolean;
  filters: ResolvedFilters;
}

/** Rows per query of the export. */
export const EXPORT_PAGE_SIZE = 500;

/** The responses of the survey an export or the responses list covers, as a condition on `responses`. */
export function exportWhere(db: Db, slug: string, slots: DimensionSlots, { includePartial, filters }: ExportOptions): SQL {
  const { responses } = tablesOf(db);
  const terms = [sql`${responses.surveySlug} = ${slug}`];
  if (!includePartial) terms.push(sql`${responses.status} = 'complete'`);
  // A partial response's date is that of its last save.
  terms.push(...filterTerms(responses, slots, filters, sql`coalesce(${responses.submittedAt}, ${responses.updatedAt})`));
  return sql.join(terms, sql` and `);
}

/**
 * Iterates the matching responses: the completed ones, oldest submission first, then (with
 * includePartial) the partial ones, oldest start first. Reads `pageSize` rows per query, each page
 * starting after the last row of the previous one (keyset pagination on (submitted_at, id), then
 * (started_at, id)): the completed responses' pages are ranges of responses_survey_status_idx, so
 * every query costs the same however far the export has got. The pages are separate reads, not one
 * snapshot: a response completed while the export runs may be left out of it.
 */
export async function* iterateExportRows(
  db: Db,
  slug: string,
  slots: DimensionSlots,
  options: ExportOptions,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<RawRow, void, undefined> {
  const { responses, units } = tablesOf(db);
  const where = exportWhere(db, slug, slots, options);
  /** The responses of `status` ordered by (`key`, id), after the row with `after` = [key, id] if given. */
  async function* byKey(status: "complete" | "partial", key: SQLiteColumn, keyOf: (row: RawRow) => string) {
    let after: [string, string] | undefined;
    for (;;) {
      const rows: RawRow[] = await db
        .select({
          id: responses.id,
          survey_version: responses.surveyVersion,
          unit_code: units.code,
          unit_name: units.name,
          status: responses.status,
          locale: responses.locale,
          started_at: responses.startedAt,
          submitted_at: responses.submittedAt,
          round: responses.round,
          data: responses.data,
        })
        .from(responses)
        .leftJoin(units, eq(units.id, responses.unitId))
        .where(
          and(
            where,
            eq(responses.status, status),
            // (key, id) > after, written so that the key's range can be read from an index.
            after && and(gte(key, after[0]), or(gt(key, after[0]), gt(responses.id, after[1]))),
          ),
        )
        .orderBy(key, responses.id)
        .limit(pageSize);
      yield* rows;
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) return;
      after = [keyOf(last), last.id];
    }
  }
  // A completed response always has its submission time.
  yield* byKey("complete", responses.submittedAt, (row) => row.submitted_at!);
  if (options.includePartial) yield* byKey("partial", responses.startedAt, (row) => row.started_at);
}

export interface ResponseListItem {
  id: string;
  unit_code: string | null;
  status: "partial" | "complete";
  locale: string;
  started_at: string;
  updated_at: string;
  submitted_at: string | null;
  is_demo: boolean;
}

/** Responses per page of the admin's responses list. */
export const RESPONSES_PAGE_SIZE = 50;

/** One page of responses (metadata only, newest first) and the counts by status. */
export async function listResponses(
  db: Db,
  slug: string,
  slots: DimensionSlots,
  options: ExportOptions,
  page: number,
  perPage = RESPONSES_PAGE_SIZE,
): Promise<{ complete: number; partial: number; items: ResponseListItem[] }> {
  const { responses, units } = tablesOf(db);
  const where = exportWhere(db, slug, slots, options);
  const counts = await db
    .select({ status: responses.status, n: int(sql`count(*)`) })
    .from(responses)
    .where(where)
    .groupBy(responses.status);
  const items = await db
    .select({
      id: responses.id,
      unit_code: units.code,
      status: responses.status,
      locale: responses.locale,
      started_at: responses.startedAt,
      updated_at: responses.updatedAt,
      submitted_at: responses.submittedAt,
      is_demo: responses.isDemo,
    })
    .from(responses)
    .leftJoin(units, eq(units.id, responses.unitId))
    .where(where)
    .orderBy(desc(sql`coalesce(${responses.submittedAt}, ${responses.updatedAt})`), responses.id)
    .limit(perPage)
    .offset((page - 1) * perPage);
  const byStatus = Object.fromEntries(counts.map((c) => [c.status, c.n]));
  return { complete: byStatus.complete ?? 0, partial: byStatus.partial ?? 0, items };
}
