// The one translation of a view's filters into SQL, for either table that carries the breakdown
// slots (need_ratings for the needs figures; responses for the question summary, open answers,
// demo counts and the raw export): both have the same dim1…dim8, unit_id and submitted_at columns.
import { eq, sql, type SQL } from "drizzle-orm";
import { submittedBounds } from "@/lib/needs/filters";
import type { needRatings, responses } from "../schema";
import { dimColumn, type DimensionSlots } from "./survey-dimensions";

/** Filters ready for SQL: question breakdown values, the unit as its id, and the date range. */
export interface ResolvedFilters {
  values: Readonly<Record<string, string>>;
  unitId?: number;
  /** The survey round (docs/rounds.md); every view resolves one, undefined only for all rounds. */
  round?: number;
  from?: string;
  to?: string;
  /**
   * Aggregate views only: the releases the figures cover (docs/confidentiality.md) — lo…hi, none
   * when the selection is not published. Their date range has become this; from/to are then unset.
   */
  release?: { published: boolean; lo: number; hi: number };
}

/**
 * `date` is the moment the date filters compare (default: the submission; the raw export of
 * partial responses compares their last save too).
 */
export function filterTerms(
  table: typeof needRatings | typeof responses,
  slots: DimensionSlots,
  f: ResolvedFilters,
  date: SQL = sql`${table.submittedAt}`,
): SQL[] {
  const terms: SQL[] = [];
  for (const [name, value] of Object.entries(f.values)) {
    const slot = slots.get(name);
    // A breakdown with no slot has no stored values yet: nothing can match it.
    terms.push(slot === undefined ? sql`0 = 1` : sql`${dimColumn(table, slot)} = ${value}`);
  }
  if (f.unitId !== undefined) terms.push(eq(table.unitId, f.unitId));
  if (f.round !== undefined) terms.push(eq(table.round, f.round));
  const bounds = submittedBounds(f);
  if (bounds.from) terms.push(sql`${date} >= ${bounds.from}`);
  if (bounds.toExclusive) terms.push(sql`${date} < ${bounds.toExclusive}`);
  if (f.release) {
    terms.push(f.release.published ? sql`${table.releaseBatch} between ${f.release.lo} and ${f.release.hi}` : sql`0 = 1`);
  }
  return terms;
}

/** Completed responses of a survey under the filters, as terms on `table` (the database's responses: tablesOf). */
export function completedResponsesWhere(table: typeof responses, slug: string, slots: DimensionSlots, f: ResolvedFilters): SQL {
  return sql.join([sql`${table.surveySlug} = ${slug}`, sql`${table.status} = 'complete'`, ...filterTerms(table, slots, f)], sql` and `);
}

export const NO_FILTERS: ResolvedFilters = { values: {} };
