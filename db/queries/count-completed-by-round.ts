// How many completed responses each round of a survey holds (the rounds page and its API).
import { and, eq, sql } from "drizzle-orm";
import { type Db, tablesOf } from "../client";
import { int } from "../dialect";

/** Round number → completed responses; a round nobody has completed is absent (read it as 0). */
export async function countCompletedByRound(db: Db, slug: string): Promise<Map<number, number>> {
  const { responses } = tablesOf(db);
  const rows = await db
    .select({ round: responses.round, completed: int(sql`count(*)`) })
    .from(responses)
    .where(and(eq(responses.surveySlug, slug), eq(responses.status, "complete")))
    .groupBy(responses.round);
  return new Map(rows.map((r) => [r.round, r.completed]));
}
