import { describe, expect, it } from "vitest";
import { decideLoginThrottle, LOGIN_THROTTLE, secondsUntilBelowLimit } from "@/lib/auth/login-throttle";

const MIN = 60_000;
const now = Date.parse("2026-11-30T15:00:00.000Z");
const ago = (ms: number) => new Date(now - ms).toISOString();

describe("sign-in throttling window", () => {
  it("allows up to 4 failures per account and blocks at the 5th within 15 minutes", () => {
    const four = [1, 2, 3, 4].map((m) => ago(m * MIN));
    expect(decideLoginThrottle({ accountFailures: four, ipFailures: four, now })).toEqual({ blocked: false });
    const five = [...four, ago(5 * MIN)];
    const d = decideLoginThrottle({ accountFailures: five, ipFailures: five, now });
    expect(d).toMatchObject({ blocked: true, scope: "account" });
    // The oldest of the five (5 min ago) leaves the window in 10 minutes.
    expect(d.blocked && d.retryAfterSeconds).toBe(10 * 60);
  });

  it("forgets failures older than the window", () => {
    const old = [16, 17, 18, 19, 20, 30].map((m) => ago(m * MIN));
    expect(decideLoginThrottle({ accountFailures: old, ipFailures: old, now })).toEqual({ blocked: false });
    const mixed = [...old, ago(1 * MIN), ago(2 * MIN)];
    expect(decideLoginThrottle({ accountFailures: mixed, ipFailures: mixed, now })).toEqual({ blocked: false });
  });

  it("waits until enough failures have left the window, not just the oldest", () => {
    // 7 failures at 1..7 min ago, limit 5: allowed again once 3 have expired, i.e. the one 5 min ago.
    const seven = [1, 2, 3, 4, 5, 6, 7].map((m) => ago(m * MIN));
    expect(secondsUntilBelowLimit(seven, 5, 15 * MIN, now)).toBe(10 * 60);
  });

  it("blocks an IP that guesses across many accounts (20 per 15 min), each account under its own limit", () => {
    const ipFailures = Array.from({ length: 20 }, (_, i) => ago((i + 1) * 30_000));
    const d = decideLoginThrottle({ accountFailures: [ago(MIN)], ipFailures, now });
    expect(d).toMatchObject({ blocked: true, scope: "ip" });
    const nineteen = ipFailures.slice(0, 19);
    expect(decideLoginThrottle({ accountFailures: [], ipFailures: nineteen, now })).toEqual({ blocked: false });
  });

  it("never asks to wait less than a second, and ignores unreadable or future timestamps", () => {
    const edge = Array.from({ length: 5 }, () => ago(LOGIN_THROTTLE.windowMs - 100));
    const d = decideLoginThrottle({ accountFailures: edge, ipFailures: [], now });
    expect(d.blocked && d.retryAfterSeconds).toBe(1);
    const junk = ["nonsense", "", new Date(now + 10 * MIN).toISOString(), ago(MIN), ago(MIN), ago(MIN), ago(MIN)];
    expect(decideLoginThrottle({ accountFailures: junk, ipFailures: [], now })).toEqual({ blocked: false });
  });
});
