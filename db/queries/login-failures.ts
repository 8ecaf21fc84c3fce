// Failed sign-ins, kept in SQLite so throttling survives a restart. Old rows are pruned.
import { and, desc, eq, gt, lt } from "drizzle-orm";
import type { Db } from "../client";
import { loginFailures } from "../schema";

const KEEP_MS = 24 * 60 * 60 * 1000;

/** Failure times (ISO) for this e-mail and for this IP since `sinceIso`, newest first, capped. */
export function recentLoginFailures(db: Db, email: string, ip: string, sinceIso: string, cap = 100) {
  const since = (column: typeof loginFailures.email | typeof loginFailures.ip, value: string) =>
    db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(and(eq(column, value), gt(loginFailures.at, sinceIso)))
      .orderBy(desc(loginFailures.at))
      .limit(cap)
      .all()
      .map((r) => r.at);
  return { account: since(loginFailures.email, email), ip: since(loginFailures.ip, ip) };
}

/** Records a failure and returns its id (so a sign-in that turns out right can withdraw it). */
export function insertLoginFailure(db: Db, email: string, ip: string, at = new Date()): number {
  db.delete(loginFailures)
    .where(lt(loginFailures.at, new Date(at.getTime() - KEEP_MS).toISOString()))
    .run();
  return db.insert(loginFailures).values({ email, ip, at: at.toISOString() }).returning({ id: loginFailures.id }).get().id;
}

/** After a successful sign-in the account's failures are forgiven (the IP's are not). */
export function clearAccountLoginFailures(db: Db, email: string): void {
  db.delete(loginFailures).where(eq(loginFailures.email, email)).run();
}
