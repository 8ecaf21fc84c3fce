// Coverage of a survey: how many responses each unit started and completed, against the number
// expected. Counts only — computed with GROUP BY in SQLite; no answer ever leaves the database.
import { sql } from "drizzle-orm";
import type { DayCount, GroupCoverage, UnitCoverage } from "@/lib/coverage/coverage";
import { PERU_SQLITE_MODIFIER } from "@/lib/time/lima-time";
import type { Db } from "../client";

/** Units shown: the active ones, plus inactive ones that received responses in the round. */
const shownUnits = (slug: string, round: number) => sql`
  with counts as (
    select unit_id, count(*) as started, coalesce(sum(status = 'complete'), 0) as completed
    from responses where survey_slug = ${slug} and round = ${round} group by unit_id
  )
  select u.id as unitId, u.code, u.name, u.institution, u.region, u.expected, u.active,
         coalesce(c.started, 0) as started, coalesce(c.completed, 0) as completed
  from units u left join counts c on c.unit_id = u.id
  where u.active = 1 or c.started is not null
  union all
  select null, null, null, null, null, 0, 1, c.started, c.completed
  from counts c where c.unit_id is null`;

type RawUnitRow = Omit<UnitCoverage, "active"> & { active: number };

/** Coverage of one round of the survey (docs/rounds.md). */
export function listCoverageByUnit(db: Db, slug: string, round: number): UnitCoverage[] {
  return db.all<RawUnitRow>(shownUnits(slug, round)).map((r) => ({ ...r, active: r.active === 1 }));
}

/** Totals of the same rows by the units' institution or region (null = responses without unit). */
export function listCoverageByGroup(db: Db, slug: string, round: number, by: "institution" | "region"): GroupCoverage[] {
  const column = sql.raw(by === "institution" ? "institution" : "region");
  return db.all<GroupCoverage>(sql`
    select ${column} as key, count(unitId) as units, sum(expected) as expected,
           sum(started) as started, sum(completed) as completed
    from (${shownUnits(slug, round)})
    group by ${column}
    order by ${column} is null, ${column}`);
}

/**
 * Completed responses per day in Peru time (UTC−5 all year), oldest first: an answer sent at 21:00
 * in Tumbes counts for that day, not the next.
 */
export function listCompletionsByDay(db: Db, slug: string, round: number): DayCount[] {
  return db.all<DayCount>(sql`
    select date(submitted_at, ${PERU_SQLITE_MODIFIER}) as day, count(*) as completed
    from responses
    where survey_slug = ${slug} and round = ${round} and status = 'complete' and submitted_at is not null
    group by day order by day`);
}

/** Started and completed responses of every survey, for the survey list. */
export function countResponsesBySurvey(db: Db): Map<string, { started: number; completed: number }> {
  const rows = db.all<{ slug: string; started: number; completed: number }>(sql`
    select survey_slug as slug, count(*) as started, coalesce(sum(status = 'complete'), 0) as completed
    from responses group by survey_slug`);
  return new Map(rows.map((r) => [r.slug, { started: r.started, completed: r.completed }]));
}
