// How many completed responses each round of a survey holds (the rounds page and its API).
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { responses } from "../schema";

/** Round number → completed responses; a round nobody has completed is absent (read it as 0). */
export function countCompletedByRound(db: Db, slug: string): Map<number, number> {
  const rows = db.all<{ round: number; completed: number }>(sql`
    select ${responses.round} as round, count(*) as completed
    from ${responses}
    where ${responses.surveySlug} = ${slug} and ${responses.status} = 'complete'
    group by ${responses.round}`);
  return new Map(rows.map((r) => [r.round, r.completed]));
}
