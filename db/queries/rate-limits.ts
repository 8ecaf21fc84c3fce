// Fixed-window rate-limit counters kept in the database, so that several app instances behind a
// load balancer count one client's requests together (lib/http/rate-limit.ts keeps them in process
// memory, which is enough for a single process). One upsert per hit, no transaction: the counter
// is incremented atomically by the database.
import { lt, sql } from "drizzle-orm";
import { type Db, tablesOf } from "../client";
import { transaction } from "../dialect";

/**
 * Counts one hit of `key` in the window that holds `now`; returns 0 if allowed, else the seconds
 * until the window ends.
 */
export async function hitRateLimit(db: Db, key: string, limit: number, windowMs: number, now = Date.now()): Promise<number> {
  const { rateLimits } = tablesOf(db);
  const start = Math.floor(now / windowMs) * windowMs;
  const windowStart = new Date(start).toISOString();
  const expiresAt = new Date(start + windowMs).toISOString();
  const [row] = await transaction(
    db,
    (tx) =>
      tx
        .insert(rateLimits)
        .values({ key, windowStart, expiresAt, hits: 1 })
        .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } })
        .returning({ hits: rateLimits.hits }),
    // One atomic upsert: read committed is exact here, and serializable would make every client
    // that hits the same row at once a conflict to retry.
    { isolation: "read committed" },
  );
  // Now and then, forget windows that have ended (cheap: an index on expires_at).
  if (Math.random() < 0.01) await forgetEndedWindows(db, new Date(now).toISOString());
  return (row?.hits ?? 0) > limit ? Math.ceil((start + windowMs - now) / 1000) : 0;
}

async function forgetEndedWindows(db: Db, now: string): Promise<void> {
  const { rateLimits } = tablesOf(db);
  await transaction(db, (tx) => tx.delete(rateLimits).where(lt(rateLimits.expiresAt, now)));
}
