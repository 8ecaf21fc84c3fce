// SQL aggregation of the need ratings for the needs dashboard and API: per group and topic the
// counted n, Σ importance and Σ competence, and per group the number of completed responses —
// all with GROUP BY over need_ratings (one row per completed response × topic), never row by row.
import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { submittedBounds, type Dimension, type NeedsFilters } from "@/lib/needs/filters";
import type { Db } from "../client";
import { needRatings, units } from "../schema";

/** Filters with the unit resolved to its id (see resolveUnit). */
export type ResolvedFilters = Omit<NeedsFilters, "unit"> & { unitId?: number };

export interface NeedSumRow {
  group: string | null;
  topic: string;
  /** need_ratings rows = completed responses of the group that carry this topic. */
  rows: number;
  /** Respondents counted for the topic: both ratings, no no_aplica. */
  n: number;
  sumImportance: number;
  sumCompetence: number;
}

const GROUP_COLUMN: Record<Dimension, SQL> = {
  institucion: sql`${needRatings.institucion}`,
  region: sql`${needRatings.region}`,
  cargo_categoria: sql`${needRatings.cargoCategoria}`,
  anios_casos: sql`${needRatings.aniosCasos}`,
  unit: sql`cast(${needRatings.unitId} as text)`,
};

/**
 * The spec's counting rule, in SQL: a rating counts only with both values and without no_aplica.
 * Written as three CASEs rather than one shared predicate: ~20 % less work per row (docs-needs.md).
 */
const COUNTED_N = sql`count(case when ${needRatings.noAplica} = 0 then ${needRatings.importancia} + ${needRatings.dominio} end)`;
const COUNTED_SUM_I = sql`total(case when ${needRatings.noAplica} = 0 and ${needRatings.dominio} is not null then ${needRatings.importancia} end)`;
const COUNTED_SUM_C = sql`total(case when ${needRatings.noAplica} = 0 and ${needRatings.importancia} is not null then ${needRatings.dominio} end)`;

/**
 * Name of a proposed covering index (survey_slug, institucion, topic, importancia, dominio,
 * no_aplica) — not in the schema yet; see docs-needs.md. When it exists, the institution
 * breakdown is an ordered index-only scan with no sort.
 */
export const COVERING_INDEX = "need_ratings_survey_cover_idx";
const covering = new WeakMap<Db, { version: number; present: boolean }>();

function hasCoveringIndex(db: Db): boolean {
  const version = db.$client.pragma("schema_version", { simple: true }) as number;
  const cached = covering.get(db);
  if (cached?.version === version) return cached.present;
  const present = Boolean(
    db.$client.prepare("select 1 from sqlite_master where type = 'index' and name = ?").get(COVERING_INDEX),
  );
  covering.set(db, { version, present });
  return present;
}

/**
 * Whether SQLite may use an index on survey_slug. Reading the whole survey through the existing
 * (survey_slug, institucion, topic) index costs a random table lookup per row, slower than a
 * sequential scan (docs-needs.md has the figures), so "+survey_slug" hides it — unless an
 * institution filter makes the index selective, or a covering index serves the whole query.
 */
function indexOnSlug(db: Db, by: Dimension | null, f: ResolvedFilters, ratings: boolean): boolean {
  if (f.institucion !== undefined) return true;
  const onlyIndexed = f.region === undefined && f.cargo_categoria === undefined && f.anios_casos === undefined && f.unitId === undefined && !f.from && !f.to;
  if (!onlyIndexed || (by !== null && by !== "institucion")) return false;
  // Counting rows touches only (survey_slug, institucion, topic): the existing index covers it.
  return !ratings || hasCoveringIndex(db);
}

export function needRatingsWhere(slug: string, f: ResolvedFilters, useIndex = f.institucion !== undefined): SQL | undefined {
  const bounds = submittedBounds(f);
  const slugTerm = useIndex ? eq(needRatings.surveySlug, slug) : sql`+${needRatings.surveySlug} = ${slug}`;
  return and(
    slugTerm,
    f.institucion !== undefined ? eq(needRatings.institucion, f.institucion) : undefined,
    f.region !== undefined ? eq(needRatings.region, f.region) : undefined,
    f.cargo_categoria !== undefined ? eq(needRatings.cargoCategoria, f.cargo_categoria) : undefined,
    f.anios_casos !== undefined ? eq(needRatings.aniosCasos, f.anios_casos) : undefined,
    f.unitId !== undefined ? eq(needRatings.unitId, f.unitId) : undefined,
    bounds.from ? gte(needRatings.submittedAt, bounds.from) : undefined,
    bounds.toExclusive ? lt(needRatings.submittedAt, bounds.toExclusive) : undefined,
  );
}

/** One row per (group, topic) under the filters. */
export function listNeedSums(db: Db, slug: string, by: Dimension, filters: ResolvedFilters): NeedSumRow[] {
  const group = GROUP_COLUMN[by];
  return db
    .select({
      group: sql<string | null>`${group}`,
      topic: needRatings.topic,
      rows: sql<number>`count(*)`,
      n: sql<number>`${COUNTED_N}`,
      sumImportance: sql<number>`${COUNTED_SUM_I}`,
      sumCompetence: sql<number>`${COUNTED_SUM_C}`,
    })
    .from(needRatings)
    .where(needRatingsWhere(slug, filters, indexOnSlug(db, by, filters, true)))
    .groupBy(group, needRatings.topic)
    .all();
}

/**
 * Completed responses per group under the filters. saveResponse writes one need_ratings row per
 * topic for every completed response, so this is the largest per-topic row count of the group —
 * equal to COUNT(DISTINCT response_id), cheaper (no distinct over ids), and the very definition
 * listNeedSums' rows give the breakdown, so a filter's check and the breakdown never disagree.
 * (Were topic sets ever to differ across survey versions it could only undercount: suppress more.)
 */
export function countCompletedByGroup(
  db: Db,
  slug: string,
  by: Dimension,
  filters: ResolvedFilters,
): { group: string | null; n: number }[] {
  const group = GROUP_COLUMN[by];
  const perTopic = db
    .select({ group: sql<string | null>`${group}`.as("grp"), rows: sql<number>`count(*)`.as("topic_rows") })
    .from(needRatings)
    .where(needRatingsWhere(slug, filters, indexOnSlug(db, by, filters, false)))
    .groupBy(group, needRatings.topic)
    .as("per_topic");
  return db
    .select({ group: perTopic.group, n: sql<number>`max(${perTopic.rows})` })
    .from(perTopic)
    .groupBy(sql`grp`)
    .all();
}

/** Completed responses under the filters (same definition as countCompletedByGroup). */
export function countCompleted(db: Db, slug: string, filters: ResolvedFilters): number {
  const perTopic = db
    .select({ rows: sql<number>`count(*)`.as("topic_rows") })
    .from(needRatings)
    .where(needRatingsWhere(slug, filters, indexOnSlug(db, null, filters, false)))
    .groupBy(needRatings.topic)
    .as("per_topic");
  return db.select({ n: sql<number>`coalesce(max(${perTopic.rows}), 0)` }).from(perTopic).get()?.n ?? 0;
}

/** A unit filter given as id or code → the unit's id; undefined when there is no such unit. */
export function resolveUnit(db: Db, unit: string): number | undefined {
  if (/^\d+$/.test(unit)) {
    const byId = db.select({ id: units.id }).from(units).where(eq(units.id, Number(unit))).get();
    if (byId) return byId.id;
  }
  return db
    .select({ id: units.id })
    .from(units)
    .where(sql`lower(${units.code}) = ${unit.toLowerCase()}`)
    .get()?.id;
}

/** The units for the filter's drop-down. */
export function listUnitsForFilter(db: Db): { id: number; code: string; name: string }[] {
  return db.select({ id: units.id, code: units.code, name: units.name }).from(units).orderBy(units.code).all();
}
