// Coverage of a survey: how many responses each unit started and completed, against the number
// expected. Counts only — computed with GROUP BY in the database; no answer ever leaves it.
import { sql } from "drizzle-orm";
import type { DayCount, GroupCoverage, UnitCoverage } from "@/lib/coverage/coverage";
import type { Db } from "../client";
import { all, boolLiteral, int, peruDay } from "../dialect";

/** Units shown: the active ones, plus inactive ones that received responses in the round. */
const shownUnits = (db: Db, slug: string, round: number) => sql`
  with counts as (
    select unit_id, ${int(sql`count(*)`)} as started, ${int(sql`coalesce(sum(case when status = 'complete' then 1 else 0 end), 0)`)} as completed
    from responses where survey_slug = ${slug} and round = ${round} group by unit_id
  )
  select u.id as "unitId", u.code, u.name, u.institution, u.region, u.expected, u.active,
         coalesce(c.started, 0) as started, coalesce(c.completed, 0) as completed
  from units u left join counts c on c.unit_id = u.id
  where u.active = ${boolLiteral(db, true)} or c.started is not null
  union all
  select null, null, null, null, null, 0, ${boolLiteral(db, true)}, c.started, c.completed
  from counts c where c.unit_id is null`;

/** SQLite gives the active flag as 0/1, PostgreSQL as a boolean. */
type RawUnitRow = Omit<UnitCoverage, "active"> & { active: number | boolean };

/** Coverage of one round of the survey (docs/rounds.md). */
export async function listCoverageByUnit(db: Db, slug: string, round: number): Promise<UnitCoverage[]> {
  return (await all<RawUnitRow>(db, shownUnits(db, slug, round))).map((r) => ({ ...r, active: Boolean(r.active) }));
}

/** Totals of the same rows by the units' institution or region (null = responses without unit). */
export async function listCoverageByGroup(db: Db, slug: string, round: number, by: "institution" | "region"): Promise<GroupCoverage[]> {
  const column = sql.raw(by === "institution" ? "institution" : "region");
  return all<GroupCoverage>(
    db,
    sql`
    select ${column} as key, ${int(sql`count("unitId")`)} as units, ${int(sql`sum(expected)`)} as expected,
           ${int(sql`sum(started)`)} as started, ${int(sql`sum(completed)`)} as completed
    from (${shownUnits(db, slug, round)}) as shown
    group by ${column}
    order by ${column} is null, ${column}`,
  );
}

/**
 * Completed responses per day in Peru time (UTC−5 all year), oldest first: an answer sent at 21:00
 * in Tumbes counts for that day, not the next.
 */
export async function listCompletionsByDay(db: Db, slug: string, round: number): Promise<DayCount[]> {
  return all<DayCount>(
    db,
    sql`
    select ${peruDay(db, sql`submitted_at`)} as day, ${int(sql`count(*)`)} as completed
    from responses
    where survey_slug = ${slug} and round = ${round} and status = 'complete' and submitted_at is not null
    group by 1 order by 1`,
  );
}

/** Started and completed responses of every survey, for the survey list. */
export async function countResponsesBySurvey(db: Db): Promise<Map<string, { started: number; completed: number }>> {
  const rows = await all<{ slug: string; started: number; completed: number }>(
    db,
    sql`
    select survey_slug as slug, ${int(sql`count(*)`)} as started, ${int(sql`coalesce(sum(case when status = 'complete' then 1 else 0 end), 0)`)} as completed
    from responses group by survey_slug`,
  );
  return new Map(rows.map((r) => [r.slug, { started: r.started, completed: r.completed }]));
}
