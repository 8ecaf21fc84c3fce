// Submissions benchmark: PUT /api/responses/{uuid} with complete, valid dnc-tim responses (rate
// limited, validated, stored with their need ratings) against the baseline PUT /api/bench/bare/{uuid},
// which writes the same rows (the response and its need ratings, in one transaction, through the
// same prepared statements, same pragmas) and does nothing else: no validation, no rate limiting,
// no lookups. The baseline is a route of the benchmark build only (.next-bench); both run on one
// server, in interleaved rounds (A B B A …), and each round's ratio compares two neighbouring runs
// so that the load other programs put on the machine cancels out; the summary is the median.
// Target: at least 0.9× the baseline's throughput, p99 within 2× of the baseline's.
//
//   npx tsx bench/submissions.ts [--duration 5] [--connections 20] [--rounds 8] [--warmup 3] [--docs]
//
// --docs writes the figures and this command into bench/README.md (between its markers).
// bench/profile-submissions.ts shows where the server's time goes on each route.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isCompiled, validateResponseData, validateWithSurveyCore } from "@/lib/responses/response-validation";
import { loadDncTim } from "../tests/support/dnc-tim";
import { formatResults, numberOption, runLoad, withServer, type LoadResult } from "./harness";
import { submissionBodies } from "./submission-bodies";

const duration = numberOption("duration", 5);
const connections = numberOption("connections", 20);
const rounds = numberOption("rounds", 8);
const warmup = numberOption("warmup", 3);
const writeDocs = process.argv.includes("--docs");
const TARGET_THROUGHPUT = 0.9;
const TARGET_P99 = 2;
/** The part of bench/README.md that --docs rewrites. */
const START = "<!-- bench/submissions.ts --docs: start -->";
const END = "<!-- bench/submissions.ts --docs: end -->";
const BASE = "baseline";
const REAL = "PUT /api/responses";

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
  };
}

/** Each round's product/baseline ratios (the two runs of a round are neighbours in time). */
function pairedRatios(runs: LoadResult[]): { throughput: number[]; p99: number[] } {
  const throughput: number[] = [];
  const p99: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const base = runs.find((r) => r.name === `${BASE} #${round}`)!;
    const real = runs.find((r) => r.name === `${REAL} #${round}`)!;
    throughput.push(real.requestsPerSecond / base.requestsPerSecond);
    p99.push(real.p99 / base.p99);
  }
  return { throughput, p99 };
}

async function main(): Promise<void> {
  if (!isCompiled(survey.definition)) console.warn("warning: dnc-tim is validated by survey-core, not the compiled validator");
  const cost = validationCost();
  console.log(cost);

  let i = 0;
  const body = () => bodies[i++ % bodies.length]!;
  const specs = {
    [BASE]: () => ({ method: "PUT", path: `/api/bench/bare/${randomUUID()}`, body: body() }),
    [REAL]: () => ({ method: "PUT", path: `/api/responses/${randomUUID()}`, body: body() }),
  };

  const { runs, serverLog } = await withServer(async (server) => {
    const serverPid = server.process.pid;
    console.log(`\nserver ${server.url} (throwaway database in ${server.dir})`);
    console.log(`warm-up: ${warmup} s each`);
    await runLoad(server.url, { name: "warm-up baseline", request: specs[BASE], connections, duration: warmup });
    await runLoad(server.url, { name: "warm-up real", request: specs[REAL], connections, duration: warmup });
    const runs: LoadResult[] = [];
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? ([BASE, REAL] as const) : ([REAL, BASE] as const);
      for (const kind of order) {
        const name = `${kind} #${round}`;
        console.log(`running ${name}: ${duration} s, ${connections} connections`);
        runs.push(await runLoad(server.url, { name, request: specs[kind], connections, duration, serverPid }));
      }
    }
    return { runs, serverLog: server.output() };
  });

  const summary = [summarise(BASE, runs), summarise(REAL, runs)];
  const [base, real] = summary as [LoadResult, LoadResult];
  const paired = pairedRatios(runs);
  const throughput = median(paired.throughput);
  const p99 = median(paired.p99);
  const fallback = serverLog.split("\n").filter((l) => l.includes("[validation]"));
  const list = (values: number[]) => values.map((v) => v.toFixed(2)).join(" ");
  const verdict = [
    `per round, throughput ×: ${list(paired.throughput)}`,
    `per round, p99 ×:        ${list(paired.p99)}`,
    `throughput ${throughput.toFixed(2)}× the baseline (median of ${rounds} rounds; target ≥ ${TARGET_THROUGHPUT.toFixed(2)}×): ${throughput >= TARGET_THROUGHPUT ? "met" : "NOT met"}`,
    `p99 ${p99.toFixed(2)}× the baseline's (median of ${rounds} rounds; target ≤ ${TARGET_P99.toFixed(2)}×): ${p99 <= TARGET_P99 ? "met" : "NOT met"}`,
    base.cpuMsPerRequest !== null && real.cpuMsPerRequest !== null
      ? `server CPU per request: ${real.cpuMsPerRequest.toFixed(2)} ms against ${base.cpuMsPerRequest.toFixed(2)} ms (+${(real.cpuMsPerRequest - base.cpuMsPerRequest).toFixed(2)} ms; the commit's fsync waits are not CPU)`
      : "server CPU per request: not measured (no /proc)",
    fallback.length ? `server fell back to survey-core: ${fallback.join(" / ")}` : "server used the compiled validator (no fallback logged)",
  ];
  const table = `${formatResults(runs, runs[0]!.name)}\n\n${formatResults(summary, summary[0]!.name)}`;
  console.log(`\n${table}\n\n${verdict.join("\n")}`);
  const failed = real.non2xx > 0 || base.non2xx > 0;
  if (failed) console.log("warning: some requests failed; the figures are not comparable");

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
