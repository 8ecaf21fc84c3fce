// Removes the synthetic responses of `npm run demo` (is_demo = 1), of one survey or all, with
// their need ratings, in one transaction. Real responses (is_demo = 0) are never selected.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { needRatings, responses } from "../schema";

export interface DeletedDemoResponses {
  responses: number;
  needRatings: number;
  /** Real responses in the same scope, all still there: for the operator's peace of mind. */
  realKept: number;
}

export function deleteDemoResponses(db: Db, options: { surveySlug?: string } = {}): DeletedDemoResponses {
  const scope = options.surveySlug === undefined ? sql`` : sql` and ${responses.surveySlug} = ${options.surveySlug}`;
  const demoIds = sql`select ${responses.id} from ${responses} where is_demo = 1${scope}`;
  return db.transaction(
    () => {
      // need_ratings cascades on delete, but deleting them first keeps the count exact and does
      // not depend on the connection's foreign_keys pragma.
      const ratings = db.run(sql`delete from ${needRatings} where ${needRatings.responseId} in (${demoIds})`);
      const removed = db.run(sql`delete from ${responses} where is_demo = 1${scope}`);
      const kept = db.get<{ n: number }>(sql`select count(*) as n from ${responses} where is_demo = 0${scope}`);
      return { responses: removed.changes, needRatings: ratings.changes, realKept: kept?.n ?? 0 };
    },
    { behavior: "immediate" },
  );
}
