// Shared by the HTTP benchmarks: makes the benchmark build if its sources changed (.next-bench: the
// production build plus the baseline routes, route.bench.ts), starts `next start` on it on
// 127.0.0.1 with a throwaway SQLite file, drives load with autocannon for a fixed duration and
// number of connections, prints figures and ratios, and stops the server and deletes its files
// however the run ends.
import fs from "node:fs";
import autocannon from "autocannon";
import { buildIfNeeded } from "../scripts/build-if-needed";
import { startServer, type TestServer } from "../tests/support/server";

export interface LoadSpec {
  name: string;
  /** Method, path and body of each request (called once per request: fresh ids). */
  request: () => { method: string; path: string; body?: string };
  connections: number;
  /** Seconds. */
  duration: number;
  /** The server's process id: its CPU time during the run is measured (Linux /proc). */
  serverPid?: number;
}

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** The server process's CPU milliseconds (user + system) per 2xx request; null if unmeasured. */
  cpuMsPerRequest: number | null;
}

/** User + system CPU milliseconds of a process so far, from /proc (null elsewhere). */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces, hence the last ")"): utime and
    // stime are the 12th and 13th, in clock ticks (100 per second on Linux).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

export interface ServerOptions {
  env?: Record<string, string>;
  nodeArgs?: string[];
}

/** Runs `body` against a fresh built server; always stops it and deletes its database. */
export async function withServer<T>(body: (server: TestServer) => Promise<T>, options: ServerOptions = {}): Promise<T> {
  buildIfNeeded({ bench: true });
  const server = await startServer({
    env: { SONDEO_BENCH_BUILD: "1", SONDEO_SEED_SAMPLE_UNITS: "0", ...options.env },
    nodeArgs: options.nodeArgs,
  });
  const cleanUp = async () => {
    await server.stop();
    fs.rmSync(server.dir, { recursive: true, force: true });
  };
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await body(server);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await cleanUp();
  }
}

/** One fixed-duration, fixed-concurrency load run. */
export async function runLoad(baseUrl: string, spec: LoadSpec): Promise<LoadResult> {
  const cpuBefore = processCpuMs(spec.serverPid);
  const result = await autocannon({
    url: baseUrl,
    title: spec.name,
    connections: spec.connections,
    duration: spec.duration,
    timeout: 30,
    headers: { "content-type": "application/json" },
    requests: [{ setupRequest: (req) => ({ ...req, ...spec.request() }) }],
  });
  const cpuAfter = processCpuMs(spec.serverPid);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
  return {
    name: spec.name,
    requestsPerSecond: result["2xx"] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
    cpuMsPerRequest: cpuBefore !== null && cpuAfter !== null && result["2xx"] > 0 ? (cpuAfter - cpuBefore) / result["2xx"] : null,
  };
}

function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

/** A table of results, each with its ratio to the baseline (throughput ×, p99 ×). */
export function formatResults(results: LoadResult[], baseline: string): string {
  const base = results.find((r) => r.name === baseline);
  const lines = [
    `${"run".padEnd(30)}${pad("req/s", 7)}${pad("p50 ms", 8)}${pad("p99 ms", 8)}${pad("2xx", 7)}${pad("non-2xx", 9)}${pad("errors", 8)}${pad("CPU ms/req", 12)}${pad("× req/s", 9)}${pad("× p99", 7)}`,
  ];
  for (const r of results) {
    const throughput = base ? (r.requestsPerSecond / base.requestsPerSecond).toFixed(2) : "-";
    const p99 = base && base.p99 > 0 ? (r.p99 / base.p99).toFixed(2) : "-";
    const cpu = r.cpuMsPerRequest === null ? "-" : r.cpuMsPerRequest.toFixed(2);
    lines.push(
      `${r.name.padEnd(30)}${pad(r.requestsPerSecond.toFixed(0), 7)}${pad(r.p50, 8)}${pad(r.p99, 8)}${pad(r.ok, 7)}${pad(r.non2xx, 9)}${pad(r.errors, 8)}${pad(cpu, 12)}${pad(throughput, 9)}${pad(p99, 7)}`,
    );
  }
  return lines.join("\n");
}

/** Reads `--name value` options from argv (numbers only). */
export function numberOption(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
