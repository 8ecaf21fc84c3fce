// A fixed-window counter per key, in process memory: enough to slow down guessing and floods
// on a single-server deployment.
import { firstForwarded } from "./forwarded";

export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one hit; returns 0 if allowed, else the seconds until the window resets. */
  hit(key: string, now = Date.now()): number {
    if (this.hits.size > 50_000) this.sweep(now);
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return 0;
    }
    entry.count += 1;
    return entry.count > this.limit ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
  }
}

/** The client address as seen by the server (first X-Forwarded-For hop behind a proxy). */
export function clientIp(req: Request): string {
  return firstForwarded(req.headers, "x-forwarded-for") || req.headers.get("x-real-ip") || "local";
}
