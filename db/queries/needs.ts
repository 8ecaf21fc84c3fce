// SQL aggregation of the need ratings for the needs dashboard and API: per group and topic the
// counted n, Σ importance and Σ competence, and per group the number of completed responses —
// all with GROUP BY over need_ratings (one row per completed response × topic), never row by row.
// The groups are the survey's declared breakdowns, read from their slot columns.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { UNIT_BREAKDOWN } from "@/lib/needs/declaration";
import type { TopicMoments } from "@/lib/needs/round-comparison";
import { type Db, engineOf, type Tables, tablesOf } from "../client";
import { first, int } from "../dialect";
import { filterTerms, type ResolvedFilters } from "./filter-terms";
import { dimColumn, type DimensionSlots } from "./survey-dimensions";

export type { ResolvedFilters };

/** What the queries need to know of a survey: its slug and where its breakdowns are stored. */
export interface NeedsTable {
  slug: string;
  slots: DimensionSlots;
}

export interface NeedSumRow {
  group: string | null;
  topic: string;
  /** need_ratings rows = completed responses of the group that carry this topic. */
  rows: number;
  /** Respondents counted for the topic: both ratings, not marked not applicable. */
  n: number;
  sumImportance: number;
  sumCompetence: number;
}

/** The grouping expression of a breakdown (null: no grouping, one group; see groupTerms). */
function groupColumn(needRatings: Tables["needRatings"], t: NeedsTable, by: string | null): SQL {
  if (by === null) return sql`null`;
  if (by === UNIT_BREAKDOWN) return sql`cast(${needRatings.unitId} as text)`;
  const slot = t.slots.get(by);
  return slot === undefined ? sql`null` : dimColumn(needRatings, slot);
}

/** GROUP BY terms: the group (unless there is none: PostgreSQL refuses a constant there) and the topic. */
function groupTerms(needRatings: Tables["needRatings"], t: NeedsTable, group: SQL, by: string | null): SQL[] {
  const constant = by === null || (by !== UNIT_BREAKDOWN && !t.slots.has(by));
  return constant ? [sql`${needRatings.topic}`] : [group, sql`${needRatings.topic}`];
}

/**
 * The spec's counting rule, in SQL: a rating counts only with both values and without not
 * applicable. Written as three CASEs rather than one shared predicate: ~20 % less work per row.
 */
function countedSums(needRatings: Tables["needRatings"]) {
  return {
    n: sql`count(case when not ${needRatings.notApplicable} then ${needRatings.importance} + ${needRatings.competence} end)`,
    sumImportance: sql`coalesce(sum(case when not ${needRatings.notApplicable} and ${needRatings.competence} is not null then ${needRatings.importance} end), 0)`,
    sumCompetence: sql`coalesce(sum(case when not ${needRatings.notApplicable} and ${needRatings.importance} is not null then ${needRatings.competence} end), 0)`,
  };
}

/**
 * Whether SQLite may use the covering index (survey_slug, dim1, topic, ratings…). For the first
 * breakdown without other filters it is an ordered index-only scan with no sort; with a filter on
 * the first breakdown, a selective range. Otherwise walking it costs a table lookup per row,
 * slower than a sequential scan of the table (bench/needs-aggregation.ts), so "+survey_slug" hides it.
 */
function useIndex(db: Db, t: NeedsTable, by: string | null, f: ResolvedFilters): boolean {
  // PostgreSQL's planner has statistics and needs no such hint.
  if (engineOf(db) === "postgres") return true;
  const first = [...t.slots].find(([, slot]) => slot === 1)?.[0];
  if (first !== undefined && f.values[first] !== undefined) return true;
  const onlyFirst = Object.keys(f.values).every((name) => name === first) && f.unitId === undefined && !f.from && !f.to;
  return onlyFirst && (by === null || by === first);
}

export function needRatingsWhere(needRatings: Tables["needRatings"], t: NeedsTable, f: ResolvedFilters, index: boolean): SQL | undefined {
  const slugTerm = index ? eq(needRatings.surveySlug, t.slug) : sql`+${needRatings.surveySlug} = ${t.slug}`;
  return and(slugTerm, ...filterTerms(needRatings, t.slots, f));
}

/** One row per (group, topic) under the filters. */
export async function listNeedSums(db: Db, t: NeedsTable, by: string | null, filters: ResolvedFilters): Promise<NeedSumRow[]> {
  const { needRatings } = tablesOf(db);
  const group = groupColumn(needRatings, t, by);
  const counted = countedSums(needRatings);
  return db
    .select({
      group: sql<string | null>`${group}`,
      topic: needRatings.topic,
      rows: int(sql`count(*)`),
      n: int(counted.n),
      sumImportance: int(counted.sumImportance),
      sumCompetence: int(counted.sumCompetence),
    })
    .from(needRatings)
    .where(needRatingsWhere(needRatings, t, filters, useIndex(db, t, by, filters)))
    .groupBy(...groupTerms(needRatings, t, group, by));
}

/**
 * Completed responses per group under the filters. saveResponse writes one need_ratings row per
 * topic for every completed response, so this is the largest per-topic row count of the group —
 * equal to COUNT(DISTINCT response_id), cheaper (no distinct over ids), and the very definition
 * listNeedSums' rows give the breakdown, so a filter's check and the breakdown never disagree.
 * (Were topic sets ever to differ across survey versions it could only undercount: suppress more.)
 */
export async function countCompletedByGroup(
  db: Db,
  t: NeedsTable,
  by: string | null,
  filters: ResolvedFilters,
): Promise<{ group: string | null; n: number }[]> {
  const { needRatings } = tablesOf(db);
  const group = groupColumn(needRatings, t, by);
  const perTopic = db
    .select({ group: sql<string | null>`${group}`.as("grp"), rows: int(sql`count(*)`).as("topic_rows") })
    .from(needRatings)
    .where(needRatingsWhere(needRatings, t, filters, useIndex(db, t, by, filters)))
    .groupBy(...groupTerms(needRatings, t, group, by))
    .as("per_topic");
  return db
    .select({ group: perTopic.group, n: int(sql`max(${perTopic.rows})`) })
    .from(perTopic)
    .groupBy(sql`grp`);
}

/** Completed responses under the filters (same definition as countCompletedByGroup). */
export async function countCompleted(db: Db, t: NeedsTable, filters: ResolvedFilters): Promise<number> {
  return (await countCompletedByGroup(db, t, null, filters))[0]?.n ?? 0;
}

/** A unit filter given as id or code → the unit's id; undefined when there is no such unit. */
export async function resolveUnit(db: Db, unit: string): Promise<number | undefined> {
  const { units } = tablesOf(db);
  if (/^\d+$/.test(unit)) {
    const byId = await first(
      db
        .select({ id: units.id })
        .from(units)
        .where(eq(units.id, Number(unit))),
    );
    if (byId) return byId.id;
  }
  return (await first(db.select({ id: units.id }).from(units).where(sql`lower(${units.code}) = ${unit.toLowerCase()}`)))?.id;
}

/** The units for the filter's drop-down. */
export async function listUnitsForFilter(db: Db): Promise<{ id: number; code: string; name: string }[]> {
  const { units } = tablesOf(db);
  return db.select({ id: units.id, code: units.code, name: units.name }).from(units).orderBy(units.code);
}

/** A group's topic moments (lib/needs/round-comparison.ts TopicMoments). */
export interface NeedMomentRow extends TopicMoments {
  group: string | null;
  topic: string;
}

/** Counted by the same rule as listNeedSums: both ratings, not "not applicable". */
const countedTotal = (needRatings: Tables["needRatings"], value: SQL) =>
  sql`coalesce(sum(case when not ${needRatings.notApplicable} and ${needRatings.importance} is not null and ${needRatings.competence} is not null
      then ${value} end), 0)`;

/**
 * Per (group, topic) the counted n, sums and sums of squares: what the comparison of two rounds
 * needs for its intervals (lib/needs/round-comparison.ts). Sums over the same sets of respondents
 * as listNeedSums, so the release rule covers them alike (docs/confidentiality.md).
 */
export async function listNeedMoments(db: Db, t: NeedsTable, by: string | null, filters: ResolvedFilters): Promise<NeedMomentRow[]> {
  const { needRatings } = tablesOf(db);
  const group = groupColumn(needRatings, t, by);
  const counted = countedSums(needRatings);
  const i = needRatings.importance;
  const c = needRatings.competence;
  return db
    .select({
      group: sql<string | null>`${group}`,
      topic: needRatings.topic,
      n: int(counted.n),
      sumImportance: int(counted.sumImportance),
      sumCompetence: int(counted.sumCompetence),
      sumImportanceSq: int(countedTotal(needRatings, sql`${i} * ${i}`)),
      sumCompetenceSq: int(countedTotal(needRatings, sql`${c} * ${c}`)),
      sumDiscrepancySq: int(countedTotal(needRatings, sql`(${i} - ${c}) * (${i} - ${c})`)),
    })
    .from(needRatings)
    .where(needRatingsWhere(needRatings, t, filters, useIndex(db, t, by, filters)))
    .groupBy(...groupTerms(needRatings, t, group, by));
}
