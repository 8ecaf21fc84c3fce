// Benchmark (not a test): the needs endpoint's computation vs the bare SQL GROUP BY, at 10k and
// 100k completed responses, on the same database in the same run.
//
//   npx tsx bench/needs-aggregation.ts [--engine sqlite|postgres] [--cache] [--reps 7] [--sizes 10000,100000] [--explain] [--docs]
//
// The storage is the generic one (db/schema.ts): ratings in need_ratings, the survey's breakdowns in
// the slot columns dim1…dim8 (dnc-tim: dim1 = its first breakdown, dim2 = its second). The bare SQL is
// the GROUP BY the endpoint runs for the default breakdown, on the same table.
// --cache keeps the generated databases in bench/.work/ and reuses them (generating 100k
// responses through saveResponse takes several minutes); otherwise they go to a temp dir.
// --engine postgres (default sqlite): the data is generated on SQLite as above, then copied into a
// database on a throwaway PostgreSQL cluster (bench/postgres.ts), VACUUM ANALYZE'd, and the app's
// query functions are timed there against bare SQL written for PostgreSQL, on the same database;
// --explain prints EXPLAIN (ANALYZE, BUFFERS) of the bare SQL and of the app's listNeedSums SQL.
// --docs writes what the run printed, and its command, into bench/README.md (between the engine's markers).
// Options take `--name value` or `--name=value`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { Client, type Pool } from "pg";
import { closeDb, handleOf, openDb, type Db } from "@/db/client";
import { get } from "@/db/dialect";
import { countCompleted, listNeedSums } from "@/db/queries/needs";
import { getNeedsReport, needsSurveyOf, resolveView } from "@/db/queries/needs-report";
import type { NeedsQuery } from "@/lib/needs/filters";
import { getSurvey, type SurveyEntry } from "@/surveys/registry";
import { insertSyntheticResponses } from "@/tests/support/needs-fixtures";
import type { TestPostgres } from "@/tests/support/postgres";
import { bulkCopyToPostgres, planSummary, vacuumAnalyze, withPostgres } from "./postgres";

/** `--name value`, `--name=value`, or a bare `--flag`. */
function parseArgs(argv: string[]): Map<string, string | undefined> {
  const parsed = new Map<string, string | undefined>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!.replace(/^--/, "");
    const eq = arg.indexOf("=");
    if (eq >= 0) parsed.set(arg.slice(0, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) parsed.set(arg, argv[++i]);
    else parsed.set(arg, undefined);
  }
  return parsed;
}
const args = parseArgs(process.argv.slice(2));
const REPS = Number(args.get("reps") ?? 7);
const SIZES = (args.get("sizes") ?? "10000,100000").split(",").map(Number);
const ENGINE = args.get("engine") ?? "sqlite";
if (ENGINE !== "sqlite" && ENGINE !== "postgres") throw new Error(`--engine sqlite|postgres, not ${ENGINE}`);
const DIR = args.has("cache") ? path.resolve(__dirname, ".work") : fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-bench-"));
const K = 5;
const TARGET = 1.5;

/** What the run prints, kept for --docs. */
const printed: string[] = [];
function out(line: string): void {
  console.log(line);
  printed.push(line);
}

/** The survey (the registry reads it from the database), its first two question breakdowns and a value of the second. */
async function benchSurvey() {
  const found = await getSurvey("dnc-tim");
  if (!found?.needs) throw new Error("survey dnc-tim not found");
  const survey = found;
  const declaration = found.needs;
  const questionBreakdowns = declaration.breakdowns.filter((b) => b.kind === "question");
  if (questionBreakdowns.length < 2) throw new Error("the bench needs a survey with two question breakdowns");
  const [first, second] = questionBreakdowns as [(typeof questionBreakdowns)[number], (typeof questionBreakdowns)[number]];
  const secondValue = second.choices.find((c) => c.value.endsWith("TUM"))?.value ?? (second.choices[0]?.value as string);
  return { survey, declaration, first, second, secondValue };
}
type Bench = Awaited<ReturnType<typeof benchSurvey>>;

async function database(size: number, survey: SurveyEntry): Promise<Db> {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `needs-bench-${size}.db`);
  if (fs.existsSync(file)) {
    const db = await openDb(file, { seedSample: true });
    const n = await get<{ n: number }>(db, sql`select count(*) n from responses where status = 'complete'`);
    if (n?.n === size) return db;
    await closeDb(db);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  const db = await openDb(file, { seedSample: true });
  const t0 = performance.now();
  await insertSyntheticResponses(db, survey, { count: size, seed: 2026, batch: 10_000, days: 60 });
  // A checkpoint writes the database file: not on db's read-only connection, on one of the bench's own.
  const writer = new Database(file);
  writer.pragma("wal_checkpoint(TRUNCATE)");
  writer.close();
  console.log(`  generated ${size} responses in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${file}`);
  return db;
}

const COUNTED = "importance is not null and competence is not null and not_applicable = 0";
// The terms every aggregate view's SQL carries besides the selection: the published releases it
// covers (docs/confidentiality.md) and the survey round it shows (docs/rounds.md). Both are columns of
// the covering index, so they cost a comparison per row, not a lookup; the baseline pays them too.
const VIEW_TERMS = "release_batch between 1 and 1000000000 and round = 1";
const BARE = {
  planner: `select dim1, topic, count(*) n, sum(importance) si, sum(competence) sc from need_ratings
            where survey_slug = ? and ${VIEW_TERMS} and ${COUNTED} group by dim1, topic`,
  scan: `select dim1, topic, count(*) n, sum(importance) si, sum(competence) sc from need_ratings not indexed
         where survey_slug = ? and ${VIEW_TERMS} and ${COUNTED} group by dim1, topic`,
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

interface Result {
  size: number;
  bare: number;
  bareScan: number;
  endpoint: number;
  exactCounts: number;
  filtered: number;
  bareFiltered: number;
}

async function run(size: number, { survey, declaration, first, second, secondValue }: Bench): Promise<Result> {
  const db = await database(size, survey);
  // The bare SQL runs on the database's read-only SQLite connection.
  const sqlite = db.$client;
  const bare = sqlite.prepare(BARE.planner);
  const bareScan = sqlite.prepare(BARE.scan);
  const distinct = sqlite.prepare("select dim1, count(distinct response_id) from need_ratings not indexed where survey_slug = ? group by dim1");
  const bareFiltered = sqlite.prepare(BARE.scan.replace("where survey_slug = ?", `where survey_slug = ? and dim2 = '${secondValue}'`));
  const all: NeedsQuery = { by: first.name, filters: {} };
  const filtered: NeedsQuery = { by: first.name, filters: { [second.name]: secondValue } };
  const target = await needsSurveyOf(db, survey.slug, declaration);
  if (target.slots.get(first.name) !== 1 || target.slots.get(second.name) !== 2) throw new Error("unexpected slots");
  const endpoint = () => getNeedsReport(db, target, all, K);
  const report = await endpoint(); // warm-up (and a sanity check)
  if (report.n !== size) throw new Error(`expected n = ${size}, got ${report.n}`);
  bare.all(survey.slug);
  const t: Record<keyof Omit<Result, "size" | "cover">, number[]> = {
    bare: [],
    bareScan: [],
    endpoint: [],
    exactCounts: [],
    filtered: [],
    bareFiltered: [],
  };
  for (let i = 0; i < REPS; i++) {
    // Interleaved, so that load from other processes hits every variant alike.
    t.bare.push(await time(() => bare.all(survey.slug)));
    t.endpoint.push(await time(endpoint));
    t.bareScan.push(await time(() => bareScan.all(survey.slug)));
    t.exactCounts.push(await time(() => distinct.all(survey.slug)));
    t.bareFiltered.push(await time(() => bareFiltered.all(survey.slug)));
    t.filtered.push(await time(() => getNeedsReport(db, target, filtered, K)));
  }
  await closeDb(db);
  return {
    size,
    bare: median(t.bare),
    bareScan: median(t.bareScan),
    endpoint: median(t.endpoint),
    exactCounts: median(t.exactCounts),
    filtered: median(t.filtered),
    bareFiltered: median(t.bareFiltered),
  };
}

const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(11);

async function mainSqlite(bench: Bench) {
  const { first, second, secondValue } = bench;
  const results: Result[] = [];
  for (const size of SIZES) {
    out(`- ${size} completed responses (${size * 18} need_ratings rows)`);
    const r = await run(size, bench);
    out(`  bare SQL GROUP BY (planner: covering index) ${ms(r.bare)}`);
    out(`  bare SQL GROUP BY (table scan)               ${ms(r.bareScan)}`);
    out(
      `${`  endpoint computation (by=${first.name})`.padEnd(47)}${ms(r.endpoint)}   ratio ${(r.endpoint / r.bare).toFixed(2)}× planner, ${(r.endpoint / r.bareScan).toFixed(2)}× scan`,
    );
    out(
      `${`  endpoint, ${second.name}=${secondValue} (release rule)`.padEnd(47)}${ms(r.filtered)}   bare ${ms(r.bareFiltered)} → ${(r.filtered / r.bareFiltered).toFixed(2)}×`,
    );
    out(`  (info) COUNT(DISTINCT response_id) by group  ${ms(r.exactCounts)}   (what a separate exact group count would add)`);
    results.push(r);
  }
  const small = results.find((r) => r.size === 10_000);
  const large = results.find((r) => r.size === 100_000);
  if (small && large) {
    out(
      `scaling t(100k)/t(10k): endpoint ${(large.endpoint / small.endpoint).toFixed(2)} · bare (planner) ${(large.bare / small.bare).toFixed(2)} · bare (scan) ${(large.bareScan / small.bareScan).toFixed(2)}`,
    );
    out(
      `target: endpoint ≤ ${TARGET}× bare SQL at 100k → ${(large.endpoint / large.bare).toFixed(2)}× (planner), ${(large.endpoint / large.bareScan).toFixed(2)}× (scan); t(100k)/t(10k) ≤ 10 → ${(large.endpoint / small.endpoint).toFixed(2)}`,
    );
  }
}

// ─── PostgreSQL ─────────────────────────────────────────────────────────────────────────────────
// The same data (generated on SQLite, copied over), the app's query functions on a PostgreSQL Db,
// and the bare SQL as one would write it by hand for PostgreSQL: the same filters as the app's
// default view (survey, the releases it covers, the round, the counting rule), one GROUP BY.
const PG_COUNTED = "importance is not null and competence is not null and not not_applicable";
const PG_BARE = `select dim1, topic, count(*) n, sum(importance) si, sum(competence) sc from need_ratings
  where survey_slug = $1 and release_batch between 1 and 1000000000 and round = 1 and ${PG_COUNTED}
  group by dim1, topic`;
const PG_BARE_FILTERED = PG_BARE.replace("where survey_slug = $1", "where survey_slug = $1 and dim2 = $2");

interface PgResult {
  size: number;
  bare: number;
  sums: number;
  endpoint: number;
  counted: number;
  filtered: number;
  bareFiltered: number;
  /** Per repetition, endpoint ÷ bare of the same repetition (neighbours in time): sorted. */
  pairedEndpoint: number[];
}

/** The bare query's rows in a canonical order, numbers as numbers (PostgreSQL returns bigint as text). */
const canonical = (rows: Record<string, unknown>[]): string =>
  JSON.stringify(
    rows
      .map((r) => ({ dim1: r.dim1 ?? null, topic: r.topic, n: Number(r.n), si: Number(r.si), sc: Number(r.sc) }))
      .sort((a, b) => `${a.dim1}|${a.topic}`.localeCompare(`${b.dim1}|${b.topic}`)),
  );

interface Captured {
  text: string;
  values: unknown[];
}

/** Records the SQL the app sends through the pool while `capture` is on (for EXPLAIN). */
function captureQueries(db: Db): { on: (flag: boolean) => void; queries: Captured[] } {
  const pool = db.$client as unknown as Pool;
  const original = pool.query.bind(pool) as (...a: unknown[]) => Promise<unknown>;
  const queries: Captured[] = [];
  let capturing = false;
  (pool as unknown as { query: (...a: unknown[]) => Promise<unknown> }).query = (q: unknown, values?: unknown) => {
    if (capturing) {
      const text = typeof q === "string" ? q : (q as { text: string }).text;
      queries.push({ text, values: (values ?? (q as { values?: unknown[] }).values ?? []) as unknown[] });
    }
    return original(q, values);
  };
  return { on: (flag) => (capturing = flag), queries };
}

async function planOf(pool: Pool, text: string, values: unknown[]): Promise<string> {
  const { rows } = await pool.query<{ "QUERY PLAN": [{ Plan: Parameters<typeof planSummary>[0] }] }>(`explain (format json) ${text}`, values);
  return planSummary(rows[0]!["QUERY PLAN"][0].Plan);
}

async function explainAnalyze(pool: Pool, text: string, values: unknown[]): Promise<string> {
  const { rows } = await pool.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${text}`, values);
  return rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n");
}

async function runPostgres(size: number, { survey, declaration, first, second, secondValue }: Bench, pg: TestPostgres): Promise<PgResult> {
  // The data: generated (or reused with --cache) on SQLite, its first view published there (the
  // release rule), then copied over, so that PostgreSQL's tables are as freshly loaded, not updated.
  const source = await database(size, survey);
  const sourceTarget = await needsSurveyOf(source, survey.slug, declaration);
  await getNeedsReport(source, sourceTarget, { by: first.name, filters: {} }, K);
  const sqliteRows = canonical(source.$client.prepare(BARE.planner).all(survey.slug) as Record<string, unknown>[]);
  const file = handleOf(source).target;
  await closeDb(source);

  const url = await pg.createDatabase(`needs_${size}`);
  const db = await openDb(url, { seedSample: false });
  const t0 = performance.now();
  const copied = await bulkCopyToPostgres(file, url);
  const t1 = performance.now();
  await vacuumAnalyze(url);
  out(
    `  copied into PostgreSQL in ${((t1 - t0) / 1000).toFixed(1)} s (responses ${copied.get("responses")}, need_ratings ${copied.get("need_ratings")}), VACUUM ANALYZE ${((performance.now() - t1) / 1000).toFixed(1)} s`,
  );

  const pool = db.$client as unknown as Pool;
  const capture = captureQueries(db);
  const all: NeedsQuery = { by: first.name, filters: {} };
  const filtered: NeedsQuery = { by: first.name, filters: { [second.name]: secondValue } };
  const target = await needsSurveyOf(db, survey.slug, declaration);
  if (target.slots.get(first.name) !== 1 || target.slots.get(second.name) !== 2) throw new Error("unexpected slots");
  const endpoint = () => getNeedsReport(db, target, all, K);
  const report = await endpoint(); // warm-up (and a sanity check)
  if (report.n !== size) throw new Error(`expected n = ${size}, got ${report.n}`);
  // The selection the endpoint's SQL runs with (the releases the view covers, the round).
  const view = await resolveView(db, target, all.filters, K);
  const sums = () => listNeedSums(db, target, first.name, view.filters);
  const counted = () => countCompleted(db, target, view.filters);

  // Sanity: the bare SQL reads on PostgreSQL what it reads on SQLite, and the app's sums agree with it.
  const bareRows = (await pool.query(PG_BARE, [survey.slug])).rows as Record<string, unknown>[];
  if (canonical(bareRows) !== sqliteRows) throw new Error("the bare SQL reads different figures on PostgreSQL than on SQLite");
  const appRows = (await sums()).map((r) => ({ dim1: r.group, topic: r.topic, n: r.n, si: r.sumImportance, sc: r.sumCompetence }));
  if (canonical(appRows) !== canonical(bareRows)) throw new Error("listNeedSums and the bare SQL disagree on PostgreSQL");

  capture.on(true);
  await sums();
  capture.on(false);
  const appSql = capture.queries.at(-1)!;
  out(`  plan, bare SQL:        ${await planOf(pool, PG_BARE, [survey.slug])}`);
  out(`  plan, app listNeedSums: ${await planOf(pool, appSql.text, appSql.values)}`);
  if (args.has("explain")) {
    console.log(`  app's SQL (listNeedSums): ${appSql.text}\n  parameters: ${JSON.stringify(appSql.values)}`);
    console.log(`  EXPLAIN ANALYZE, bare SQL:\n${await explainAnalyze(pool, PG_BARE, [survey.slug])}`);
    console.log(`  EXPLAIN ANALYZE, app listNeedSums:\n${await explainAnalyze(pool, appSql.text, appSql.values)}`);
  }

  const bare = () => pool.query(PG_BARE, [survey.slug]);
  const bareFiltered = () => pool.query(PG_BARE_FILTERED, [survey.slug, secondValue]);
  await bare();
  const t: Record<keyof Omit<PgResult, "size" | "pairedEndpoint">, number[]> = {
    bare: [],
    sums: [],
    endpoint: [],
    counted: [],
    filtered: [],
    bareFiltered: [],
  };
  for (let i = 0; i < REPS; i++) {
    // Interleaved, so that load from other processes hits every variant alike.
    t.bare.push(await time(bare));
    t.sums.push(await time(sums));
    t.endpoint.push(await time(endpoint));
    t.counted.push(await time(counted));
    t.bareFiltered.push(await time(bareFiltered));
    t.filtered.push(await time(() => getNeedsReport(db, target, filtered, K)));
  }
  await closeDb(db);
  return {
    size,
    bare: median(t.bare),
    sums: median(t.sums),
    endpoint: median(t.endpoint),
    counted: median(t.counted),
    filtered: median(t.filtered),
    bareFiltered: median(t.bareFiltered),
    pairedEndpoint: t.endpoint.map((e, i) => e / t.bare[i]!).sort((a, b) => a - b),
  };
}

async function mainPostgres(bench: Bench) {
  const { first, second, secondValue } = bench;
  await withPostgres(async (pg) => {
    const server = new Client({ connectionString: pg.url });
    await server.connect();
    const version = (await server.query<{ v: string }>("select current_setting('server_version') v")).rows[0]!.v;
    await server.end();
    out(`PostgreSQL ${version}, throwaway cluster on 127.0.0.1 (fsync on, default settings otherwise)`);
    const results: PgResult[] = [];
    for (const size of SIZES) {
      out(`- ${size} completed responses (${size * 18} need_ratings rows)`);
      const r = await runPostgres(size, bench, pg);
      out(`  bare SQL GROUP BY                            ${ms(r.bare)}`);
      out(`${`  app listNeedSums (by=${first.name})`.padEnd(47)}${ms(r.sums)}   ratio ${(r.sums / r.bare).toFixed(2)}×`);
      const paired = r.pairedEndpoint;
      out(
        `${`  endpoint computation (by=${first.name})`.padEnd(47)}${ms(r.endpoint)}   ratio ${(r.endpoint / r.bare).toFixed(2)}× (per repetition: median ${median(paired).toFixed(2)}×, ${paired[0]!.toFixed(2)}–${paired.at(-1)!.toFixed(2)}×)`,
      );
      out(
        `${`  endpoint, ${second.name}=${secondValue} (release rule)`.padEnd(47)}${ms(r.filtered)}   bare ${ms(r.bareFiltered)} → ${(r.filtered / r.bareFiltered).toFixed(2)}×`,
      );
      out(`  (info) app countCompleted                    ${ms(r.counted)}`);
      results.push(r);
    }
    const small = results.find((r) => r.size === 10_000);
    const large = results.find((r) => r.size === 100_000);
    if (small && large) {
      out(
        `scaling t(100k)/t(10k): endpoint ${(large.endpoint / small.endpoint).toFixed(2)} · listNeedSums ${(large.sums / small.sums).toFixed(2)} · bare ${(large.bare / small.bare).toFixed(2)}`,
      );
    }
    if (large) {
      const ratio = large.endpoint / large.bare;
      out(
        `target: endpoint ≤ ${TARGET}× bare SQL at 100k on PostgreSQL → ${ratio.toFixed(2)}× (${ratio <= TARGET ? "met" : "NOT met"}; listNeedSums alone ${(large.sums / large.bare).toFixed(2)}×)`,
      );
    }
  });
}

/** The part of bench/README.md that --docs rewrites, per engine. */
const markers = (engine: string) => {
  const name = engine === "sqlite" ? "bench/needs-aggregation.ts" : `bench/needs-aggregation.ts --engine ${engine}`;
  return { start: `<!-- ${name} --docs: start -->`, end: `<!-- ${name} --docs: end -->` };
};

function writeDocs(header: string) {
  const { start, end } = markers(ENGINE);
  const command = `npx tsx bench/needs-aggregation.ts ${process.argv.slice(2).join(" ")}`.trim();
  const machine = `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} at the end`;
  const section = [
    start,
    `Latest run (${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${machine}):`,
    "",
    "```",
    `$ ${command}`,
    header,
    ...printed.filter((l) => !l.startsWith("  generated ")),
    "```",
    end,
  ].join("\n");
  const file = path.resolve(__dirname, "README.md");
  const doc = fs.readFileSync(file, "utf8");
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`bench/README.md has no ${start} … ${end} section`);
  fs.writeFileSync(file, doc.slice(0, from) + section + doc.slice(to + end.length));
  console.log("\nupdated bench/README.md");
}

async function main() {
  const bench = await benchSurvey();
  const header = `needs aggregation benchmark · ${ENGINE} · ${REPS} repetitions, medians · ${os.cpus().length} CPU · load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`;
  console.log(header);
  if (ENGINE === "postgres") await mainPostgres(bench);
  else await mainSqlite(bench);
  if (!args.has("cache")) fs.rmSync(DIR, { recursive: true, force: true });
  if (args.has("docs")) writeDocs(header);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
