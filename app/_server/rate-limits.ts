// The app's rate limits (saves, resume-code lookups), counted where every instance sees them:
// in process memory on SQLite (one process serves one SQLite file), in the database on
// PostgreSQL (several instances behind a load balancer count a client's requests together).
import { engineOf, getDb } from "@/db/client";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { clientIp, RateLimiter } from "@/lib/http/rate-limit";

export interface RequestLimiter {
  /** Counts one request of its client; 0 if allowed, else the seconds until it may try again. */
  hit(req: Request): Promise<number>;
}

/** A fixed-window limit of `limit()` requests per client address and `windowMs`, named `name`. */
export function requestLimiter(name: string, limit: () => number, windowMs: number): RequestLimiter {
  let memory: RateLimiter | undefined;
  return {
    async hit(req) {
      const db = await getDb();
      const key = clientIp(req);
      if (engineOf(db) === "postgres") return hitRateLimit(db, `${name}:${key}`, limit(), windowMs);
      memory ??= new RateLimiter(limit(), windowMs);
      return memory.hit(key);
    },
  };
}
