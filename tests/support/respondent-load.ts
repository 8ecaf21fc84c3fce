// Simulated respondents for load and crash tests: each one autosaves partial progress a few
// times, then submits (retrying on network errors, as the fill page does), and records every
// completion the server acknowledged. Bounded by a duration and a count; 127.0.0.1 only.
import { randomUUID } from "node:crypto";
import { completeAnswers } from "./sample-answers";

export interface LoadOptions {
  url: string;
  unit: string | null;
  respondents: number;
  seconds: number;
  /** Stop early after this many completions in total (a bound, not a target). */
  maxCompletions?: number;
  signal?: AbortSignal;
}

export interface LoadReport {
  requests: number;
  /** 5xx answers and unexpected statuses (network errors counted apart). */
  errors: number;
  networkErrors: number;
  rateLimited: number;
  statuses: Record<string, number>;
  latenciesMs: number[];
  /** Response ids whose completion got a 200 with status "complete". */
  acknowledged: Set<string>;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runRespondentLoad(opts: LoadOptions): Promise<LoadReport> {
  const report: LoadReport = {
    requests: 0,
    errors: 0,
    networkErrors: 0,
    rateLimited: 0,
    statuses: {},
    latenciesMs: [],
    acknowledged: new Set(),
    p50: 0,
    p99: 0,
  };
  const deadline = Date.now() + opts.seconds * 1000;
  const stop = () =>
    Date.now() > deadline || opts.signal?.aborted === true || (opts.maxCompletions !== undefined && report.acknowledged.size >= opts.maxCompletions);

  async function send(id: string, data: Record<string, unknown>, complete: boolean): Promise<Response | null> {
    const started = performance.now();
    report.requests++;
    try {
      const res = await fetch(`${opts.url}/api/responses/${id}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ survey: "dnc-tim", unit: opts.unit, locale: "es", data, complete }),
        signal: AbortSignal.timeout(30_000),
      });
      report.latenciesMs.push(performance.now() - started);
      report.statuses[res.status] = (report.statuses[res.status] ?? 0) + 1;
      if (res.status === 429) report.rateLimited++;
      else if (res.status !== 200) report.errors++;
      return res;
    } catch {
      report.networkErrors++;
      return null;
    }
  }

  async function respondent(n: number): Promise<void> {
    let i = 0;
    while (!stop()) {
      const id = randomUUID();
      const full = completeAnswers({ cargo: `Encuestado ${n}-${i++} – Tumbes, ñandú` });
      const keys = Object.keys(full);
      for (const cut of [3, 9, 14]) {
        if (stop()) return;
        await send(id, Object.fromEntries(keys.slice(0, cut).map((k) => [k, full[k]])), false);
      }
      // Submit, retrying like the fill page until acknowledged or the run ends.
      for (let attempt = 0; attempt < 5; attempt++) {
        const res = await send(id, full, true);
        if (res?.status === 200) {
          // Acknowledged only once the whole answer has arrived (a crash can cut it short).
          const body = (await res.json().catch(() => null)) as { status?: string } | null;
          if (body?.status === "complete") {
            report.acknowledged.add(id);
            break;
          }
          report.networkErrors++;
          continue;
        }
        if (res && res.status !== 429 && res.status < 500) break;
        if (stop() && !res) return;
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
      }
    }
  }

  await Promise.all(Array.from({ length: opts.respondents }, (_, n) => respondent(n)));
  const sorted = [...report.latenciesMs].sort((a, b) => a - b);
  report.p50 = percentile(sorted, 50);
  report.p99 = percentile(sorted, 99);
  return report;
}
