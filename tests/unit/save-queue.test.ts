import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffDelay, SaveQueue, type QueueActivity, type TransportResult } from "@/lib/fill/save-queue";

type Call = { payload: string; resolve: (r: TransportResult) => void; reject: (e: Error) => void };

/** A transport whose requests the test answers one by one. */
function manualTransport() {
  const calls: Call[] = [];
  const send = (payload: string) => new Promise<TransportResult>((resolve, reject) => calls.push({ payload, resolve, reject }));
  return { calls, send };
}

const ok = (body: unknown = {}): TransportResult => ({ status: 200, body });

describe("SaveQueue", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends one request at a time and then only the latest queued state", async () => {
    const t = manualTransport();
    const q = new SaveQueue(t.send, { random: () => 1 });
    const first = q.save("a");
    const second = q.save("b");
    const third = q.save("c");
    await vi.advanceTimersByTimeAsync(0);
    expect(t.calls.map((c) => c.payload)).toEqual(["a"]);
    t.calls[0]!.resolve(ok("A"));
    await expect(first).resolves.toEqual(ok("A"));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.calls.map((c) => c.payload)).toEqual(["a", "c"]);
    t.calls[1]!.resolve(ok("C"));
    // "b" was superseded: its waiter gets the result of the state that replaced it.
    await expect(second).resolves.toEqual(ok("C"));
    await expect(third).resolves.toEqual(ok("C"));
    expect(q.busy).toBe(false);
  });

  it("retries network failures and 5xx with growing delays until it gets an answer", async () => {
    const t = manualTransport();
    const activity: QueueActivity[] = [];
    const q = new SaveQueue(t.send, { baseDelayMs: 1000, random: () => 1, onActivity: (a) => activity.push(a) });
    const done = q.save("x");
    await vi.advanceTimersByTimeAsync(0);
    t.calls[0]!.reject(new TypeError("Failed to fetch"));
    await vi.advanceTimersByTimeAsync(999);
    expect(t.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls).toHaveLength(2);
    t.calls[1]!.resolve({ status: 503, body: null });
    await vi.advanceTimersByTimeAsync(1999);
    expect(t.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    t.calls[2]!.resolve(ok());
    await expect(done).resolves.toEqual(ok());
    expect(activity.filter((a) => a.kind === "waiting")).toEqual([
      { kind: "waiting", reason: "network", delayMs: 1000, attempt: 1 },
      { kind: "waiting", reason: "server", delayMs: 2000, attempt: 2 },
    ]);
  });

  it("waits as long as Retry-After asks, and wake() does not cut that short", async () => {
    const t = manualTransport();
    const q = new SaveQueue(t.send, { baseDelayMs: 100, random: () => 1 });
    const done = q.save("x");
    await vi.advanceTimersByTimeAsync(0);
    t.calls[0]!.resolve({ status: 429, body: null, retryAfterSeconds: 30 });
    await vi.advanceTimersByTimeAsync(0);
    q.wake();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(t.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.calls).toHaveLength(2);
    t.calls[1]!.resolve(ok());
    await expect(done).resolves.toEqual(ok());
  });

  it("wake() retries a network failure at once (the browser is back online)", async () => {
    const t = manualTransport();
    const q = new SaveQueue(t.send, { baseDelayMs: 60_000, random: () => 1 });
    void q.save("x");
    await vi.advanceTimersByTimeAsync(0);
    t.calls[0]!.reject(new TypeError("offline"));
    await vi.advanceTimersByTimeAsync(10);
    q.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.calls).toHaveLength(2);
  });

  it("hands back 4xx answers without retrying", async () => {
    const t = manualTransport();
    const q = new SaveQueue(t.send);
    const done = q.save("x");
    await vi.advanceTimersByTimeAsync(0);
    t.calls[0]!.resolve({ status: 422, body: { error: "invalid_answers" } });
    await expect(done).resolves.toEqual({ status: 422, body: { error: "invalid_answers" } });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(t.calls).toHaveLength(1);
  });

  it("a state queued during a failed attempt replaces the failed one on retry", async () => {
    const t = manualTransport();
    const q = new SaveQueue(t.send, { baseDelayMs: 1000, random: () => 1 });
    const old = q.save("old");
    await vi.advanceTimersByTimeAsync(0);
    const latest = q.save("new");
    t.calls[0]!.reject(new TypeError("offline"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.calls.map((c) => c.payload)).toEqual(["old", "new"]);
    t.calls[1]!.resolve(ok("N"));
    await expect(old).resolves.toEqual(ok("N"));
    await expect(latest).resolves.toEqual(ok("N"));
  });
});

describe("backoffDelay", () => {
  it("doubles from the base, is capped, and jitters within the upper half", () => {
    expect(backoffDelay(1, 1000, 30_000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 30_000, () => 1)).toBe(8000);
    expect(backoffDelay(20, 1000, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(20, 1000, 30_000, () => 0)).toBe(15_000);
  });
});
