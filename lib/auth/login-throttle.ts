// Sign-in throttling: a sliding window over recorded failures, per account and per client IP.
// Pure: the caller reads the failure times from the database and passes them in.

export interface ThrottleLimits {
  /** Failures allowed per account within the window before sign-in is refused. */
  perAccount: number;
  /** Failures allowed per IP address within the window (covers guessing many accounts). */
  perIp: number;
  windowMs: number;
}

export const LOGIN_THROTTLE: ThrottleLimits = { perAccount: 5, perIp: 20, windowMs: 15 * 60 * 1000 };

export type ThrottleDecision = { blocked: false } | { blocked: true; retryAfterSeconds: number; scope: "account" | "ip" };

/**
 * Seconds until fewer than `limit` of `failures` (ISO timestamps) lie inside the window ending at
 * `now`; 0 when already below the limit.
 */
export function secondsUntilBelowLimit(failures: readonly string[], limit: number, windowMs: number, now: number): number {
  const inWindow = failures
    .map((f) => Date.parse(f))
    .filter((t) => Number.isFinite(t) && t > now - windowMs && t <= now)
    .sort((a, b) => a - b);
  if (inWindow.length < limit) return 0;
  // The attempt is allowed again once all but limit-1 of these failures have left the window.
  const releasing = inWindow[inWindow.length - limit] as number;
  return Math.max(1, Math.ceil((releasing + windowMs - now) / 1000));
}

export function decideLoginThrottle(
  input: { accountFailures: readonly string[]; ipFailures: readonly string[]; now?: number },
  limits: ThrottleLimits = LOGIN_THROTTLE,
): ThrottleDecision {
  const now = input.now ?? Date.now();
  const account = secondsUntilBelowLimit(input.accountFailures, limits.perAccount, limits.windowMs, now);
  const ip = secondsUntilBelowLimit(input.ipFailures, limits.perIp, limits.windowMs, now);
  if (account === 0 && ip === 0) return { blocked: false };
  return account >= ip ? { blocked: true, retryAfterSeconds: account, scope: "account" } : { blocked: true, retryAfterSeconds: ip, scope: "ip" };
}
