// Removes the synthetic responses of `npm run demo` (is_demo = 1), of one survey or all, with
// their need ratings, in one transaction. Real responses (is_demo = 0) are never selected.
import { eq, sql } from "drizzle-orm";
import { type Db, tablesOf } from "../client";
import { get, int, run, transaction } from "../dialect";

export interface DeletedDemoResponses {
  responses: number;
  needRatings: number;
  /** Real responses in the same scope, all still there: for the operator's peace of mind. */
  realKept: number;
}

export async function deleteDemoResponses(db: Db, options: { surveySlug?: string } = {}): Promise<DeletedDemoResponses> {
  const { needRatings, responses } = tablesOf(db);
  const scope = options.surveySlug === undefined ? sql`` : sql` and ${responses.surveySlug} = ${options.surveySlug}`;
  const demo = sql`${eq(responses.isDemo, true)}${scope}`;
  return transaction(db, async (tx) => {
    // need_ratings cascades on delete, but deleting them first keeps the count exact and does
    // not depend on the connection's foreign_keys pragma.
    const ratings = await run(
      tx,
      sql`delete from ${needRatings} where ${needRatings.responseId} in (select ${responses.id} from ${responses} where ${demo})`,
    );
    const removed = await run(tx, sql`delete from ${responses} where ${demo}`);
    const kept = await get<{ n: number }>(tx, sql`select ${int(sql`count(*)`)} as n from ${responses} where ${eq(responses.isDemo, false)}${scope}`);
    return { responses: removed, needRatings: ratings, realKept: kept?.n ?? 0 };
  });
}
