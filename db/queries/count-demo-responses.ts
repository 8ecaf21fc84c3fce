// How many synthetic responses (`npm run demo`, is_demo = 1) a survey's figures include, so the
// dashboards can say so. Reads only the demo rows, through the partial index responses_demo_idx:
// on a database without demo data it costs nothing, however many real responses it holds.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { responses } from "../schema";
import { filterTerms, NO_FILTERS, type ResolvedFilters } from "./filter-terms";
import type { DimensionSlots } from "./survey-dimensions";

export interface DemoCount {
  /** Demo responses under the filters, partial or complete (what coverage counts as started). */
  started: number;
  /** Completed ones: what the needs figures count. */
  completed: number;
}

export function countDemoResponses(db: Db, slug: string, slots: DimensionSlots = new Map(), filters: ResolvedFilters = NO_FILTERS): DemoCount {
  // `is_demo = 1` written literally (not a bound parameter) so SQLite may use the partial index.
  const where = sql.join([sql`${responses.surveySlug} = ${slug}`, sql`is_demo = 1`, ...filterTerms(responses, slots, filters)], sql` and `);
  const row = db.get<{ started: number; completed: number }>(sql`
    select count(*) as started, coalesce(sum(${responses.status} = 'complete'), 0) as completed
    from ${responses} indexed by responses_demo_idx
    where ${where}`);
  return { started: row?.started ?? 0, completed: row?.completed ?? 0 };
}
