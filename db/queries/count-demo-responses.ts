// How many synthetic responses (`npm run demo`, is_demo = 1) a survey's figures include, so the
// dashboards can say so. Reads only the demo rows, through the partial index responses_demo_idx:
// on a database without demo data it costs nothing, however many real responses it holds.
import { sql } from "drizzle-orm";
import { type Db, tablesOf } from "../client";
import { boolLiteral, get, indexedBy, int } from "../dialect";
import { filterTerms, NO_FILTERS, type ResolvedFilters } from "./filter-terms";
import type { DimensionSlots } from "./survey-dimensions";

export interface DemoCount {
  /** Demo responses under the filters, partial or complete (what coverage counts as started). */
  started: number;
  /** Completed ones: what the needs figures count. */
  completed: number;
}

export async function countDemoResponses(
  db: Db,
  slug: string,
  slots: DimensionSlots = new Map(),
  filters: ResolvedFilters = NO_FILTERS,
): Promise<DemoCount> {
  const { responses } = tablesOf(db);
  // `is_demo = 1` written literally (not a bound parameter) so SQLite may use the partial index.
  const where = sql.join(
    [sql`${responses.surveySlug} = ${slug}`, sql`is_demo = ${boolLiteral(db, true)}`, ...filterTerms(responses, slots, filters)],
    sql` and `,
  );
  const row = await get<{ started: number; completed: number }>(
    db,
    sql`
    select ${int(sql`count(*)`)} as started, ${int(sql`coalesce(sum(case when ${responses.status} = 'complete' then 1 else 0 end), 0)`)} as completed
    from ${responses} ${indexedBy(db, "responses_demo_idx")}
    where ${where}`,
  );
  return { started: row?.started ?? 0, completed: row?.completed ?? 0 };
}
