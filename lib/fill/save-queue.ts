// Sends a respondent's answers to the server one request at a time, the latest state winning:
// a state queued while a request is in flight replaces any older queued state, and everyone
// waiting on the older state gets the newer one's result. Network failures, timeouts, 5xx and
// 429 are retried with capped exponential backoff (Retry-After is respected), because on a weak
// connection at a border post they are normal; any other status is final and handed back.

export interface TransportResult {
  status: number;
  body: unknown;
  /** Seconds from a Retry-After header, if the server sent one. */
  retryAfterSeconds?: number;
}

/** Sends one payload; rejects when the request did not get an HTTP answer at all. */
export type Transport<P> = (payload: P) => Promise<TransportResult>;

export type QueueActivity =
  | { kind: "sending" }
  | { kind: "waiting"; reason: "network" | "server"; delayMs: number; attempt: number }
  | { kind: "settled"; result: TransportResult; more: boolean };

export interface SaveQueueOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Upper bound for a server-requested Retry-After wait. */
  maxRetryAfterMs?: number;
  random?: () => number;
  onActivity?: (activity: QueueActivity) => void;
}

interface Job<P> {
  payload: P;
  waiters: ((result: TransportResult) => void)[];
}

export function isRetriable(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** Backoff before retry number `attempt` (1-based): doubling from the base, capped, jittered. */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export class SaveQueue<P> {
  private next: Job<P> | null = null;
  private running = false;
  private wakeUp: (() => void) | null = null;
  private serverAskedToWait = false;
  private readonly base: number;
  private readonly max: number;
  private readonly maxRetryAfter: number;
  private readonly random: () => number;

  constructor(
    private readonly transport: Transport<P>,
    private readonly options: SaveQueueOptions = {},
  ) {
    this.base = options.baseDelayMs ?? 1000;
    this.max = options.maxDelayMs ?? 30_000;
    this.maxRetryAfter = options.maxRetryAfterMs ?? 10 * 60_000;
    this.random = options.random ?? Math.random;
  }

  /** Queues `payload` (replacing any queued one) and resolves with the final result for it. */
  save(payload: P): Promise<TransportResult> {
    return new Promise((resolve) => {
      if (this.next) {
        this.next.payload = payload;
        this.next.waiters.push(resolve);
      } else {
        this.next = { payload, waiters: [resolve] };
      }
      if (!this.running) void this.run();
    });
  }

  /**
   * Ends the current backoff wait now (the browser is online again, or the person pressed
   * submit) — unless the server asked us to wait with Retry-After.
   */
  wake(): void {
    if (!this.serverAskedToWait) this.wakeUp?.();
  }

  /** True while a request is in flight or waiting to be retried. */
  get busy(): boolean {
    return this.running;
  }

  private emit(activity: QueueActivity): void {
    this.options.onActivity?.(activity);
  }

  private async run(): Promise<void> {
    this.running = true;
    let attempt = 0;
    try {
      while (this.next) {
        const job = this.next;
        this.next = null;
        this.emit({ kind: "sending" });
        let result: TransportResult | null = null;
        try {
          result = await this.transport(job.payload);
        } catch {
          result = null;
        }
        if (result && !isRetriable(result.status)) {
          attempt = 0;
          for (const resolve of job.waiters) resolve(result);
          this.emit({ kind: "settled", result, more: this.next !== null });
          continue;
        }
        // Not delivered: retry it, unless a newer state was queued meanwhile (that one wins).
        const newer = this.next as Job<P> | null; // may have been queued during the await
        if (newer) newer.waiters.unshift(...job.waiters);
        else this.next = job;
        attempt += 1;
        const delayMs = this.retryDelay(attempt, result);
        this.serverAskedToWait = (result?.retryAfterSeconds ?? 0) > 0;
        this.emit({ kind: "waiting", reason: result ? "server" : "network", delayMs, attempt });
        await this.sleep(delayMs);
        this.serverAskedToWait = false;
      }
    } finally {
      this.running = false;
    }
  }

  private retryDelay(attempt: number, result: TransportResult | null): number {
    const backoff = backoffDelay(attempt, this.base, this.max, this.random);
    const asked = result?.retryAfterSeconds;
    if (asked !== undefined && Number.isFinite(asked) && asked > 0) {
      return Math.min(this.maxRetryAfter, Math.max(asked * 1000, backoff));
    }
    return backoff;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.wakeUp = null;
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
