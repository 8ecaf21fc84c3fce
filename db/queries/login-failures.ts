// Failed sign-ins, kept in the database so throttling survives a restart. Old rows are pruned.
import { and, desc, eq, gt, lt } from "drizzle-orm";
import { type Db, tablesOf } from "../client";
import { transaction } from "../dialect";

const KEEP_MS = 24 * 60 * 60 * 1000;

/** Failure times (ISO) for this e-mail and for this IP since `sinceIso`, newest first, capped. */
export async function recentLoginFailures(db: Db, email: string, ip: string, sinceIso: string, cap = 100) {
  const { loginFailures } = tablesOf(db);
  const since = async (column: typeof loginFailures.email | typeof loginFailures.ip, value: string) => {
    const rows = await db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(and(eq(column, value), gt(loginFailures.at, sinceIso)))
      .orderBy(desc(loginFailures.at))
      .limit(cap);
    return rows.map((r) => r.at);
  };
  return { account: await since(loginFailures.email, email), ip: await since(loginFailures.ip, ip) };
}

/** Records a failure and returns its id (so a sign-in that turns out right can withdraw it). */
export async function insertLoginFailure(db: Db, email: string, ip: string, at = new Date()): Promise<number> {
  const { loginFailures } = tablesOf(db);
  return transaction(db, async (tx) => {
    await tx.delete(loginFailures).where(lt(loginFailures.at, new Date(at.getTime() - KEEP_MS).toISOString()));
    const [row] = await tx.insert(loginFailures).values({ email, ip, at: at.toISOString() }).returning({ id: loginFailures.id });
    return row!.id;
  });
}

/** After a successful sign-in the account's failures are forgiven (the IP's are not). */
export async function clearAccountLoginFailures(db: Db, email: string): Promise<void> {
  const { loginFailures } = tablesOf(db);
  await transaction(db, async (tx) => {
    await tx.delete(loginFailures).where(eq(loginFailures.email, email));
  });
}
