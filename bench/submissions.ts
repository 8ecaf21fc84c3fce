// Submissions benchmark: PUT /api/responses/{uuid} with complete, valid dnc-tim responses (rate
// limited, validated, stored with their need ratings) against the baseline PUT /api/bench/bare/{uuid},
// which writes the same rows (the response and its need ratings, in one transaction, through the
// same prepared statements, same pragmas) and does nothing else: no validation, no rate limiting,
// no lookups. The baseline is a route of the benchmark build only (.next-bench); both run on one
// server, in interleaved rounds (A B B A …), and each round's ratio compares two neighbouring runs
// so that the load other programs put on the machine cancels out; the summary is the median.
// Target: at least 0.9× the baseline's throughput, p99 within 2× of the baseline's (SQLite); on
// PostgreSQL at least 0.5× the baseline's throughput.
//
//   npx tsx bench/submissions.ts [--engine sqlite|postgres] [--addresses N] [--duration 5] [--connections 20] [--rounds 8] [--warmup 3] [--docs]
//   npx tsx bench/submissions.ts --engine postgres --instances 2 [--addresses N] [--duration 5] [--connections 20] [--rounds 8] [--warmup 3] [--docs]
//
// --engine postgres: the server's database is a new database on a throwaway PostgreSQL cluster
// (SONDEO_DATABASE_URL; bench/harness.ts). --instances 2 (PostgreSQL only) measures scaling instead:
// the product's route on one instance with all the connections against two instances on the same
// database with half the connections each, in interleaved rounds.
// --addresses N: each request carries the next of N client addresses in X-Forwarded-For (respondents
// behind a proxy), instead of all coming from 127.0.0.1; the rate limit counts per address.
// --docs writes the figures and this command into bench/README.md (between the markers of the
// engine and mode run).
// bench/profile-submissions.ts shows where the server's time goes on each route.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isCompiled, validateResponseData, validateWithSurveyCore } from "@/lib/responses/response-validation";
import { loadDncTim } from "../tests/support/dnc-tim";
import {
  type BenchDatabase,
  choiceOption,
  formatResults,
  numberOption,
  postgresTransactions,
  runLoad,
  withServers,
  type LoadResult,
  type LoadSpec,
} from "./harness";
import { submissionBodies } from "./submission-bodies";

const engine = choiceOption("engine", ["sqlite", "postgres"] as const);
const instances = numberOption("instances", 1);
const duration = numberOption("duration", 5);
const connections = numberOption("connections", 20);
const rounds = numberOption("rounds", 8);
const warmup = numberOption("warmup", 3);
/** 0: every request from 127.0.0.1 (one client address); N: X-Forwarded-For cycles through N addresses. */
const addresses = process.argv.includes("--addresses") ? numberOption("addresses", 1000) : 0;
const writeDocs = process.argv.includes("--docs");
if (instances > 2 || !Number.isInteger(instances)) throw new Error("--instances takes 1 or 2");
if (instances > 1 && engine !== "postgres") throw new Error("--instances 2 needs --engine postgres (two instances share one database)");
const TARGET_THROUGHPUT = engine === "postgres" ? 0.5 : 0.9;
/** SQLite only: on PostgreSQL the p99 ratio is printed for information. */
const TARGET_P99 = engine === "postgres" ? null : 2;
/** The part of bench/README.md that --docs rewrites: one per engine and mode. */
const MODE = engine === "sqlite" ? "" : instances > 1 ? ` --engine ${engine} --instances ${instances}` : ` --engine ${engine}`;
const START = `<!-- bench/submissions.ts${MODE} --docs: start -->`;
const END = `<!-- bench/submissions.ts${MODE} --docs: end -->`;
const BASE = "baseline";
const REAL = "PUT /api/responses";
const ONE = "1 instance";
const TWO = "2 instances";

const survey = loadDncTim();
const bodies = submissionBodies();

function cpuPerCall(fn: (i: number) => void, calls: number): number {
  fn(0);
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) fn(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / calls;
}

function validationCost(): string {
  const payloads = bodies.map((b) => JSON.parse(b) as { data: Record<string, unknown> });
  const compiled = cpuPerCall((i) => validateResponseData(survey.definition, payloads[i % payloads.length]!.data, { complete: true }), 2000);
  const reference = cpuPerCall((i) => validateWithSurveyCore(survey.definition, payloads[i % payloads.length]!.data, { complete: true }), 5);
  return [
    `validation CPU per complete submission (in process, dnc-tim):`,
    `  compiled validator (shape + completion): ${(compiled * 1000).toFixed(0)} µs`,
    `  survey-core (new Model, validate):       ${reference.toFixed(0)} ms  (${(reference / compiled).toFixed(0)}× more)`,
  ].join("\n");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summarise(name: string, runs: LoadResult[]): LoadResult {
  const mine = runs.filter((r) => r.name.startsWith(`${name} #`));
  const cpu = mine.flatMap((r) => (r.cpuMsPerRequest === null ? [] : [r.cpuMsPerRequest]));
  const dbCpu = mine.flatMap((r) => (r.dbCpuMsPerRequest === null || r.dbCpuMsPerRequest === undefined ? [] : [r.dbCpuMsPerRequest]));
  const measuredDb = mine.some((r) => r.dbCpuMsPerRequest !== undefined);
  return {
    name: `${name} (median)`,
    requestsPerSecond: median(mine.map((r) => r.requestsPerSecond)),
    p50: median(mine.map((r) => r.p50)),
    p99: median(mine.map((r) => r.p99)),
    ok: mine.reduce((s, r) => s + r.ok, 0),
    non2xx: mine.reduce((s, r) => s + r.non2xx, 0),
    errors: mine.reduce((s, r) => s + r.errors, 0),
    statusCodes: {},
    cpuMsPerRequest: cpu.length ? median(cpu) : null,
    ...(measuredDb ? { dbCpuMsPerRequest: dbCpu.length ? median(dbCpu) : null } : {}),
  };
}

/** Each round's ratios of `b` to `a` (the two runs of a round are neighbours in time). */
function pairedRatios(runs: LoadResult[], a = BASE, b = REAL): { throughput: number[]; p99: number[] } {
  const throughput: number[] = [];
  const p99: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const base = runs.find((r) => r.name === `${a} #${round}`)!;
    const real = runs.find((r) => r.name === `${b} #${round}`)!;
    throughput.push(real.requestsPerSecond / base.requestsPerSecond);
    p99.push(real.p99 / base.p99);
  }
  return { throughput, p99 };
}

const addressLine = () =>
  addresses === 0 ? "every request from one client address (127.0.0.1)" : `requests from ${addresses} client addresses in turn (X-Forwarded-For)`;

/** The engine line of the report: which database the servers ran on. */
function engineLine(database: BenchDatabase, servers: number): string {
  if (!database.postgres) return "";
  const pool = process.env.SONDEO_PG_POOL_SIZE ?? "10";
  return `PostgreSQL ${database.postgres.version} (throwaway cluster on 127.0.0.1, fsync on; saves at read committed), ${servers} app instance${servers > 1 ? "s" : ""}, pool of ${pool} connections each; ${addressLine()}`;
}

/** PostgreSQL: how many transactions were rolled back (serialization failures, retried by transaction()). */
const transactionLine = (t: { committed: number; rolledBack: number } | undefined) =>
  t
    ? [
        `PostgreSQL transactions over the whole run (warm-up included): ${t.committed} committed, ${t.rolledBack} rolled back (${((100 * t.rolledBack) / Math.max(1, t.committed + t.rolledBack)).toFixed(1)} %: serialization failures that transaction() retries, or errors)`,
      ]
    : [];

/** The timed runs with failed requests: their status codes. */
const failuresOf = (runs: LoadResult[]) =>
  runs.filter((r) => r.non2xx > 0 || r.errors > 0).map((r) => `${r.name}: status ${JSON.stringify(r.statusCodes)}, ${r.errors} errors`);

const list = (values: number[]) => values.map((v) => v.toFixed(2)).join(" ");
const cpuLine = (a: LoadResult, b: LoadResult) => {
  const app =
    a.cpuMsPerRequest !== null && b.cpuMsPerRequest !== null
      ? `app server CPU per request: ${b.cpuMsPerRequest.toFixed(2)} ms against ${a.cpuMsPerRequest.toFixed(2)} ms (+${(b.cpuMsPerRequest - a.cpuMsPerRequest).toFixed(2)} ms; the commit's fsync waits are not CPU)`
      : "server CPU per request: not measured (no /proc)";
  const db =
    a.dbCpuMsPerRequest != null && b.dbCpuMsPerRequest != null
      ? `; PostgreSQL CPU per request: ${b.dbCpuMsPerRequest.toFixed(2)} ms against ${a.dbCpuMsPerRequest.toFixed(2)} ms`
      : "";
  return app + db;
};

/** The product against the baseline on one server (either engine). */
type Specs = Record<string, LoadSpec["request"]>;

async function compareWithBaseline(specs: Specs) {
  const { runs, serverLog, database, transactions } = await withServers(
    1,
    async ([server], database) => {
      const serverPid = server!.process.pid;
      const databasePid = database.postgres?.pid;
      console.log(`\nserver ${server!.url} (throwaway database: ${server!.db})`);
      console.log(`warm-up: ${warmup} s each`);
      await runLoad(server!.url, { name: "warm-up baseline", request: specs[BASE]!, connections, duration: warmup });
      await runLoad(server!.url, { name: "warm-up real", request: specs[REAL]!, connections, duration: warmup });
      const runs: LoadResult[] = [];
      for (let round = 1; round <= rounds; round++) {
        const order = round % 2 === 1 ? ([BASE, REAL] as const) : ([REAL, BASE] as const);
        for (const kind of order) {
          const name = `${kind} #${round}`;
          console.log(`running ${name}: ${duration} s, ${connections} connections`);
          runs.push(await runLoad(server!.url, { name, request: specs[kind]!, connections, duration, serverPid, databasePid }));
        }
      }
      const transactions = database.postgres ? await postgresTransactions(database.postgres.url) : undefined;
      return { runs, serverLog: server!.output(), database, transactions };
    },
    { engine },
  );

  const summary = [summarise(BASE, runs), summarise(REAL, runs)];
  const [base, real] = summary as [LoadResult, LoadResult];
  const paired = pairedRatios(runs);
  const throughput = median(paired.throughput);
  const p99 = median(paired.p99);
  const fallback = serverLog.split("\n").filter((l) => l.includes("[validation]"));
  const verdict = [
    `per round, throughput ×: ${list(paired.throughput)}`,
    `per round, p99 ×:        ${list(paired.p99)}`,
    `throughput ${throughput.toFixed(2)}× the baseline (median of ${rounds} rounds; target ≥ ${TARGET_THROUGHPUT.toFixed(2)}×): ${throughput >= TARGET_THROUGHPUT ? "met" : "NOT met"}`,
    TARGET_P99 === null
      ? `p99 ${p99.toFixed(2)}× the baseline's (median of ${rounds} rounds; no target on PostgreSQL)`
      : `p99 ${p99.toFixed(2)}× the baseline's (median of ${rounds} rounds; target ≤ ${TARGET_P99.toFixed(2)}×): ${p99 <= TARGET_P99 ? "met" : "NOT met"}`,
    cpuLine(base, real),
    fallback.length ? `server fell back to survey-core: ${fallback.join(" / ")}` : "server used the compiled validator (no fallback logged)",
    ...transactionLine(transactions),
  ];
  const table = `${formatResults(runs, runs[0]!.name)}\n\n${formatResults(summary, summary[0]!.name)}`;
  const failed = real.non2xx > 0 || base.non2xx > 0 || real.errors > 0 || base.errors > 0;
  return { table, verdict, failed, failures: failuresOf(runs), database, serverLog };
}

/** The product's route on one instance with all the connections against two on the same database (PostgreSQL). */
async function compareInstances(specs: Specs) {
  const { runs, serverLog, database, transactions } = await withServers(
    2,
    async (servers, database) => {
      const urls = servers.map((s) => s.url);
      const pids = servers.map((s) => s.process.pid!);
      const databasePid = database.postgres?.pid;
      console.log(`\nservers ${urls.join(", ")} on one PostgreSQL database`);
      console.log(`warm-up: ${warmup} s on each`);
      for (const url of urls) await runLoad(url, { name: "warm-up real", request: specs[REAL]!, connections, duration: warmup });
      const runs: LoadResult[] = [];
      for (let round = 1; round <= rounds; round++) {
        const order = round % 2 === 1 ? ([ONE, TWO] as const) : ([TWO, ONE] as const);
        for (const kind of order) {
          const name = `${kind} #${round}`;
          const two = kind === TWO;
          console.log(`running ${name}: ${duration} s, ${connections} connections${two ? ` (${connections / 2} on each)` : ""}`);
          runs.push(
            await runLoad(two ? urls : urls[0]!, {
              name,
              request: specs[REAL]!,
              connections,
              duration,
              serverPids: two ? pids : [pids[0]!],
              databasePid,
            }),
          );
        }
      }
      const transactions = database.postgres ? await postgresTransactions(database.postgres.url) : undefined;
      return { runs, serverLog: servers.map((s) => s.output()).join("\n"), database, transactions };
    },
    { engine },
  );
  const summary = [summarise(ONE, runs), summarise(TWO, runs)];
  const [one, two] = summary as [LoadResult, LoadResult];
  const paired = pairedRatios(runs, ONE, TWO);
  const throughput = median(paired.throughput);
  const verdict = [
    `per round, req/s of 2 instances ÷ 1: ${list(paired.throughput)}`,
    `per round, p99 of 2 instances ÷ 1:   ${list(paired.p99)}`,
    `requests/s: 1 instance ${one.requestsPerSecond.toFixed(0)}, 2 instances ${two.requestsPerSecond.toFixed(0)} (medians); 2 instances give ${throughput.toFixed(2)}× the requests/s of one (median of ${rounds} rounds)`,
    `${cpuLine(one, two).replace("app server CPU", "app servers' CPU (summed)")}`,
    `${os.cpus().length} CPUs shared by autocannon, the app instances and PostgreSQL: a second instance can only use CPU the first leaves idle`,
    ...transactionLine(transactions),
  ];
  const table = `${formatResults(runs, runs[0]!.name)}\n\n${formatResults(summary, summary[0]!.name)}`;
  const failed = one.non2xx > 0 || two.non2xx > 0 || one.errors > 0 || two.errors > 0;
  return { table, verdict, failed, failures: failuresOf(runs), database, serverLog };
}

async function main(): Promise<void> {
  if (!isCompiled(survey.definition)) console.warn("warning: dnc-tim is validated by survey-core, not the compiled validator");
  const cost = validationCost();
  console.log(cost);

  let i = 0;
  let client = 0;
  const body = () => bodies[i++ % bodies.length]!;
  // Respondents behind a proxy: each request names the next of `addresses` client addresses (the
  // rate limit counts per address, lib/http/rate-limit.ts clientIp).
  const from = (): { headers?: Record<string, string> } => {
    if (addresses === 0) return {};
    const n = client++ % addresses;
    return { headers: { "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } };
  };
  const specs = {
    [BASE]: () => ({ method: "PUT", path: `/api/bench/bare/${randomUUID()}`, body: body(), ...from() }),
    [REAL]: () => ({ method: "PUT", path: `/api/responses/${randomUUID()}`, body: body(), ...from() }),
  };

  const { table, verdict, failed, failures, database, serverLog } = instances > 1 ? await compareInstances(specs) : await compareWithBaseline(specs);
  const engineInfo = engineLine(database, instances);
  console.log(`\n${engineInfo ? `${engineInfo}\n\n` : ""}${table}\n\n${verdict.join("\n")}`);
  if (failed) {
    // The server's errors, counted by message (the warm-ups' included).
    const counts = new Map<string, number>();
    for (const line of serverLog.split("\n").filter((l) => /error|Error/.test(l))) {
      const text = line.replace(/\$\d+/g, "$n").slice(0, 200);
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    const lines = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([text, n]) => `${String(n).padStart(5)}× ${text}`);
    console.log(
      `warning: some requests failed; the figures are not comparable\n${failures.join("\n")}${lines.length ? `\nserver log, lines with errors (whole run, warm-up included):\n${lines.join("\n")}` : ""}`,
    );
  }

  if (writeDocs && failed) {
    console.log("bench/README.md left as it was: a run with failed requests is not a figure to publish");
    process.exitCode = 1;
  } else if (writeDocs) {
    const command = `npx tsx bench/submissions.ts ${process.argv.slice(2).join(" ")}`.trim();
    const machine = `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} at the end`;
    const section = [
      START,
      `Latest run (${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${machine}):`,
      "",
      "```",
      `$ ${command}`,
      cost,
      "",
      ...(engineInfo ? [engineInfo, ""] : []),
      table,
      "",
      ...verdict,
      "```",
      END,
    ].join("\n");
    const file = path.resolve(__dirname, "README.md");
    const doc = fs.readFileSync(file, "utf8");
    const from = doc.indexOf(START);
    const to = doc.indexOf(END);
    if (from < 0 || to < from) throw new Error(`bench/README.md has no ${START} … ${END} section`);
    fs.writeFileSync(file, doc.slice(0, from) + section + doc.slice(to + END.length));
    console.log("\nupdated bench/README.md");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
