// Submissions benchmark: PUT /api/responses/{uuid} with complete, valid dnc-tim responses (fully
// validated, stored with their need ratings) against PUT /api/bench/bare/{uuid}, which inserts the
// same responses row with no validation — same build, same server, same run, alternating rounds.
// Targets: at least 0.5× the baseline's throughput, p99 within 2× of the baseline's.
//
//   npx tsx bench/submissions.ts [--duration 10] [--connections 20] [--rounds 2] [--warmup 3] [--docs]
//
// --docs writes the figures and this command into README.md (between its markers).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDemoGenerator } from "@/lib/demo/demo-responses";
import { seededRng } from "@/lib/demo/rng";
import { isCompiled, validateResponseData, validateWithSurveyCore } from "@/lib/response-validation";
import { loadDncTim } from "../tests/support/dnc-tim";
import { formatResults, numberOption, runLoad, withServer, type LoadResult } from "./harness";

const duration = numberOption("duration", 10);
const connections = numberOption("connections", 20);
const rounds = numberOption("rounds", 2);
const warmup = numberOption("warmup", 3);
const writeDocs = process.argv.includes("--docs");
/** The part of README.md that --docs rewrites. */
const START = "<!-- bench/submissions.ts --docs: start -->";
const END = "<!-- bench/submissions.ts --docs: end -->";

const survey = loadDncTim();

/** Complete, valid responses (checked here), each sent many times under fresh ids. */
const demo = createDemoGenerator(survey);
const bodies = Array.from({ length: 300 }, (_, i) => {
  const { data, locale } = demo.next(seededRng(i + 1));
  const check = validateResponseData(survey.definition, data, { complete: true, locale });
  if (!check.ok) throw new Error(`demo response ${i} is not valid: ${JSON.stringify(check.issues)}`);
  return JSON.stringify({ survey: survey.slug, locale, data, complete: true });
});

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
  const mine = runs.filter((r) => r.name.startsWith(name));
  return {
    name: `${name} (median)`,
    requestsPerSecond: median(mine.map((r) => r.requestsPerSecond)),
    p50: median(mine.map((r) => r.p50)),
    p99: median(mine.map((r) => r.p99)),
    ok: mine.reduce((s, r) => s + r.ok, 0),
    non2xx: mine.reduce((s, r) => s + r.non2xx, 0),
    errors: mine.reduce((s, r) => s + r.errors, 0),
    statusCodes: {},
  };
}

async function main(): Promise<void> {
  if (!isCompiled(survey.definition)) console.warn("warning: dnc-tim is validated by survey-core, not the compiled validator");
  const cost = validationCost();
  console.log(cost);

  let i = 0;
  const body = () => bodies[i++ % bodies.length]!;
  const bare = { method: "PUT", path: "", body: "" };
  const specs = {
    bare: () => ({ ...bare, path: `/api/bench/bare/${randomUUID()}`, body: body() }),
    real: () => ({ ...bare, path: `/api/responses/${randomUUID()}`, body: body() }),
  };

  const { runs, serverLog } = await withServer(async (server) => {
    console.log(`\nserver ${server.url} (throwaway database in ${server.dir})`);
    console.log(`warm-up: ${warmup} s each`);
    await runLoad(server.url, { name: "warm-up bare", request: specs.bare, connections, duration: warmup });
    await runLoad(server.url, { name: "warm-up real", request: specs.real, connections, duration: warmup });
    const runs: LoadResult[] = [];
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? (["bare", "real"] as const) : (["real", "bare"] as const);
      for (const kind of order) {
        const name = `${kind === "bare" ? "bare insert" : "PUT /api/responses"} #${round}`;
        console.log(`running ${name}: ${duration} s, ${connections} connections`);
        runs.push(await runLoad(server.url, { name, request: specs[kind], connections, duration }));
      }
    }
    return { runs, serverLog: server.output() };
  });

  const summary = [summarise("bare insert", runs), summarise("PUT /api/responses", runs)];
  const [base, real] = summary as [LoadResult, LoadResult];
  const throughput = real.requestsPerSecond / base.requestsPerSecond;
  const p99 = real.p99 / base.p99;
  const fallback = serverLog.split("\n").filter((l) => l.includes("[validation]"));
  const verdict = [
    `throughput ${throughput.toFixed(2)}× the bare insert (target ≥ 0.50×): ${throughput >= 0.5 ? "met" : "NOT met"}`,
    `p99 ${p99.toFixed(2)}× the bare insert's (target ≤ 2.00×): ${p99 <= 2 ? "met" : "NOT met"}`,
    fallback.length ? `server fell back to survey-core: ${fallback.join(" / ")}` : "server used the compiled validator (no fallback logged)",
  ];
  const table = `${formatResults(runs, runs[0]!.name)}\n\n${formatResults(summary, summary[0]!.name)}`;
  console.log(`\n${table}\n\n${verdict.join("\n")}`);
  if (real.non2xx > 0 || base.non2xx > 0) console.log("warning: some requests failed; the figures are not comparable");

  if (writeDocs) {
    const command = `npx tsx bench/submissions.ts ${process.argv.slice(2).join(" ")}`.trim();
    const machine = `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end`;
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
    const file = path.resolve(__dirname, "../README.md");
    const doc = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : `# Performance\n\n${START}\n${END}\n`;
    const from = doc.indexOf(START);
    const to = doc.indexOf(END);
    if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} section`);
    fs.writeFileSync(file, doc.slice(0, from) + section + doc.slice(to + END.length));
    console.log("\nupdated README.md");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
