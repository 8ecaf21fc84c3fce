// Shared by the HTTP benchmarks: makes the benchmark build if its sources changed (.next-bench: the
// production build plus the baseline routes, route.bench.ts), starts `next start` on it on
// 127.0.0.1 with a throwaway database — a SQLite file, or (engine "postgres") a new database on a
// throwaway PostgreSQL cluster, which several instances may share — drives load with autocannon for
// a fixed duration and number of connections, prints figures and ratios, and stops the servers
// (and the cluster) and deletes their files however the run ends.
import fs from "node:fs";
import autocannon from "autocannon";
import type { Engine } from "@/db/client";
import { buildIfNeeded } from "../scripts/build-if-needed";
import { startPostgres, type TestPostgres } from "../tests/support/postgres";
import { startServer, type TestServer } from "../tests/support/server";

export interface LoadSpec {
  name: string;
  /** Method, path, body and extra headers of each request (called once per request: fresh ids). */
  request: () => { method: string; path: string; body?: string; headers?: Record<string, string> };
  connections: number;
  /** Seconds. */
  duration: number;
  /** The server's process id: its CPU time during the run is measured (Linux /proc). */
  serverPid?: number;
  /** Several servers (runLoad over several URLs): their CPU time summed. */
  serverPids?: number[];
  /** The database server's process (PostgreSQL's postmaster): its CPU time and its children's is measured. */
  databasePid?: number;
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
  /** The database server's CPU milliseconds per 2xx request (PostgreSQL); absent if unmeasured. */
  dbCpuMsPerRequest?: number | null;
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

/**
 * User + system CPU milliseconds of a process and all its descendants so far, the ones that have
 * exited and been waited for included (cutime, cstime): PostgreSQL's postmaster and its backends.
 */
function processTreeCpuMs(root: number | undefined): number | null {
  if (root === undefined) return null;
  const stats = new Map<number, { ppid: number; ms: number }>();
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // ppid is the 2nd field after the name; utime, stime, cutime, cstime the 12th–15th.
      stats.set(Number(pid), { ppid: Number(f[1]), ms: ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / 100 });
    } catch {
      /* exited meanwhile */
    }
  }
  if (!stats.has(root)) return null;
  let total = 0;
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    total += stats.get(pid)?.ms ?? 0;
    for (const [child, s] of stats) if (s.ppid === pid) queue.push(child);
  }
  return total;
}

/** The postmaster of the PostgreSQL cluster listening on `port` (found in /proc by its command line). */
export function postmasterPid(port: number): number | undefined {
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      const p = argv.indexOf("-p");
      if (argv[0]?.endsWith("/postgres") && p > 0 && argv[p + 1] === String(port)) return Number(pid);
    } catch {
      /* exited meanwhile */
    }
  }
  return undefined;
}

export interface ServerOptions {
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** The database: a throwaway SQLite file (default), or a new database on a throwaway PostgreSQL cluster. */
  engine?: Engine;
}

/** What withServers started besides the servers. */
export interface BenchDatabase {
  engine: Engine;
  /** PostgreSQL: the cluster, the servers' database, its server version and its postmaster's pid (for its CPU time). */
  postgres?: { cluster: TestPostgres; url: string; version: string; pid?: number };
}

/**
 * PostgreSQL: the transactions of the database so far, committed and rolled back (a serialization
 * failure that transaction() retries is one rolled back), from pg_stat_database.
 */
export async function postgresTransactions(url: string): Promise<{ committed: number; rolledBack: number }> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // Backends report their counts when idle for a second at most: wait for them.
    await new Promise((r) => setTimeout(r, 1500));
    await client.query("select pg_stat_clear_snapshot()");
    const { rows } = await client.query<{ c: string; r: string }>(
      "select xact_commit c, xact_rollback r from pg_stat_database where datname = current_database()",
    );
    return { committed: Number(rows[0]?.c ?? 0), rolledBack: Number(rows[0]?.r ?? 0) };
  } finally {
    await client.end();
  }
}

/** Runs `body` against a fresh built server; always stops it and deletes its database. */
export async function withServer<T>(body: (server: TestServer, db: BenchDatabase) => Promise<T>, options: ServerOptions = {}): Promise<T> {
  return withServers(1, (servers, db) => body(servers[0]!, db), options);
}

/**
 * Runs `body` against `count` fresh built servers on one database (several: PostgreSQL only); always
 * stops them, stops the PostgreSQL cluster, and deletes their files.
 */
export async function withServers<T>(
  count: number,
  body: (servers: TestServer[], db: BenchDatabase) => Promise<T>,
  options: ServerOptions = {},
): Promise<T> {
  const engine = options.engine ?? "sqlite";
  if (count > 1 && engine !== "postgres") throw new Error("several app instances share one database on PostgreSQL only");
  buildIfNeeded({ bench: true });
  const servers: TestServer[] = [];
  let cluster: TestPostgres | undefined;
  const cleanUp = async () => {
    for (const server of servers.splice(0)) {
      await server.stop();
      fs.rmSync(server.dir, { recursive: true, force: true });
    }
    await cluster?.stop();
  };
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const database: BenchDatabase = { engine };
    let db: string | undefined;
    if (engine === "postgres") {
      cluster = await startPostgres();
      db = await cluster.createDatabase("sondeo_bench");
      const { Client } = await import("pg");
      const client = new Client({ connectionString: db });
      await client.connect();
      const version = (await client.query<{ v: string }>("select current_setting('server_version') v")).rows[0]!.v;
      await client.end();
      database.postgres = { cluster, url: db, version, pid: postmasterPid(cluster.port) };
    }
    // One after the other: each migrates on start (on PostgreSQL behind an advisory lock anyway).
    for (let i = 0; i < count; i++) {
      servers.push(
        await startServer({
          ...(db ? { db } : {}),
          env: { SONDEO_BENCH_BUILD: "1", SONDEO_SEED_SAMPLE_UNITS: "0", ...options.env },
          nodeArgs: options.nodeArgs,
        }),
      );
    }
    return await body([...servers], database);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await cleanUp();
  }
}

type Autocannon = Awaited<ReturnType<typeof autocannon>>;

/**
 * One fixed-duration, fixed-concurrency load run. Given several URLs (servers on one database), the
 * connections are split evenly across them, one autocannon per server, run at the same time:
 * requests/s are summed, p50 is the mean and p99 the largest of the servers'.
 */
export async function runLoad(baseUrl: string | string[], spec: LoadSpec): Promise<LoadResult> {
  const urls = typeof baseUrl === "string" ? [baseUrl] : baseUrl;
  if (spec.connections < urls.length) throw new Error(`${spec.connections} connections cannot be split over ${urls.length} servers`);
  const pids = spec.serverPids ?? (spec.serverPid === undefined ? [] : [spec.serverPid]);
  const serverCpu = () => {
    const each = pids.map(processCpuMs);
    return pids.length > 0 && each.every((v) => v !== null) ? (each as number[]).reduce((a, b) => a + b, 0) : null;
  };
  const cpuBefore = serverCpu();
  const dbBefore = processTreeCpuMs(spec.databasePid);
  const results: Autocannon[] = await Promise.all(
    urls.map((url, i) =>
      autocannon({
        url,
        title: spec.name,
        connections: Math.floor(spec.connections / urls.length) + (i < spec.connections % urls.length ? 1 : 0),
        duration: spec.duration,
        timeout: 30,
        headers: { "content-type": "application/json" },
        requests: [
          {
            setupRequest: (req) => {
              const { headers, ...rest } = spec.request();
              return { ...req, ...rest, ...(headers ? { headers: { "content-type": "application/json", ...req.headers, ...headers } } : {}) };
            },
          },
        ],
      }),
    ),
  );
  const cpuAfter = serverCpu();
  const dbAfter = processTreeCpuMs(spec.databasePid);
  const statusCodes: Record<string, number> = {};
  for (const result of results) {
    for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (statusCodes[code] ?? 0) + s.count;
  }
  const ok = results.reduce((sum, r) => sum + r["2xx"], 0);
  return {
    name: spec.name,
    requestsPerSecond: results.reduce((sum, r) => sum + r["2xx"] / r.duration, 0),
    p50: Math.round(results.reduce((sum, r) => sum + r.latency.p50, 0) / results.length),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    ok,
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    statusCodes,
    cpuMsPerRequest: cpuBefore !== null && cpuAfter !== null && ok > 0 ? (cpuAfter - cpuBefore) / ok : null,
    ...(spec.databasePid === undefined
      ? {}
      : { dbCpuMsPerRequest: dbBefore !== null && dbAfter !== null && ok > 0 ? (dbAfter - dbBefore) / ok : null }),
  };
}

function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

/**
 * A table of results, each with its ratio to the baseline (throughput ×, p99 ×). "CPU ms/req" is
 * the app server's (all of them, for several); "DB CPU ms/req", shown when measured, PostgreSQL's.
 */
export function formatResults(results: LoadResult[], baseline: string): string {
  const base = results.find((r) => r.name === baseline);
  const db = results.some((r) => r.dbCpuMsPerRequest !== undefined);
  const lines = [
    `${"run".padEnd(30)}${pad("req/s", 7)}${pad("p50 ms", 8)}${pad("p99 ms", 8)}${pad("2xx", 7)}${pad("non-2xx", 9)}${pad("errors", 8)}${pad("CPU ms/req", 12)}${db ? pad("DB CPU ms/req", 15) : ""}${pad("× req/s", 9)}${pad("× p99", 7)}`,
  ];
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? "-" : v.toFixed(2));
  for (const r of results) {
    const throughput = base ? (r.requestsPerSecond / base.requestsPerSecond).toFixed(2) : "-";
    const p99 = base && base.p99 > 0 ? (r.p99 / base.p99).toFixed(2) : "-";
    lines.push(
      `${r.name.padEnd(30)}${pad(r.requestsPerSecond.toFixed(0), 7)}${pad(r.p50, 8)}${pad(r.p99, 8)}${pad(r.ok, 7)}${pad(r.non2xx, 9)}${pad(r.errors, 8)}${pad(ms(r.cpuMsPerRequest), 12)}${db ? pad(ms(r.dbCpuMsPerRequest), 15) : ""}${pad(throughput, 9)}${pad(p99, 7)}`,
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

/** Reads a `--name value` option from argv, one of `allowed` (the first is the default). */
export function choiceOption<T extends string>(name: string, allowed: readonly [T, ...T[]]): T {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return allowed[0];
  const value = process.argv[i + 1] as T;
  if (!allowed.includes(value)) throw new Error(`--${name} takes ${allowed.join(" | ")}, not ${String(value)}`);
  return value;
}
