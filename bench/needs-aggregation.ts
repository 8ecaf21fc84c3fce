// Benchmark (not a test): the needs endpoint's computation vs the bare SQL GROUP BY, at 10k and
// 100k completed responses, on the same database in the same run.
//
//   npx tsx bench/needs-aggregation.ts [--cache] [--reps=7] [--sizes=10000,100000]
//
// The storage is the generic one (db/schema.ts): ratings in need_ratings, the survey's breakdowns in
// the slot columns dim1…dim8 (dnc-tim: dim1 = its first breakdown, dim2 = its second). The bare SQL is
// the GROUP BY the endpoint runs for the default breakdown, on the same table.
// --cache keeps the generated databases in bench/.work/ and reuses them (generating 100k
// responses through saveResponse takes several minutes); otherwise they go to a temp dir.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type Db } from "@/db/client";
import { getNeedsReport, needsSurveyOf } from "@/db/queries/needs-report";
import type { NeedsQuery } from "@/lib/needs/filters";
import { getSurvey } from "@/surveys/registry";
import { insertSyntheticResponses } from "@/tests/support/needs-fixtures";

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string | undefined]));
const REPS = Number(args.get("reps") ?? 7);
const SIZES = (args.get("sizes") ?? "10000,100000").split(",").map(Number);
const DIR = args.has("cache") ? path.resolve(__dirname, ".work") : fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-bench-"));
const K = 5;

const found = getSurvey("dnc-tim");
if (!found?.needs) throw new Error("survey dnc-tim not found");
const survey = found;
const declaration = found.needs;
const questionBreakdowns = declaration.breakdowns.filter((b) => b.kind === "question");
if (questionBreakdowns.length < 2) throw new Error("the bench needs a survey with two question breakdowns");
const [first, second] = questionBreakdowns as [(typeof questionBreakdowns)[number], (typeof questionBreakdowns)[number]];
const secondValue = second.choices.find((c) => c.value.endsWith("TUM"))?.value ?? (second.choices[0]?.value as string);

function database(size: number): Db {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `needs-bench-${size}.db`);
  if (fs.existsSync(file)) {
    const db = openDb(file, { seedSample: true });
    const n = db.$client.prepare("select count(*) n from responses where status = 'complete'").get() as { n: number };
    if (n.n === size) return db;
    db.$client.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  const db = openDb(file, { seedSample: true });
  const t0 = performance.now();
  insertSyntheticResponses(db, survey, { count: size, seed: 2026, batch: 10_000, days: 60 });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
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

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
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

function run(size: number): Result {
  const db = database(size);
  const sqlite = db.$client;
  const bare = sqlite.prepare(BARE.planner);
  const bareScan = sqlite.prepare(BARE.scan);
  const distinct = sqlite.prepare("select dim1, count(distinct response_id) from need_ratings not indexed where survey_slug = ? group by dim1");
  const bareFiltered = sqlite.prepare(BARE.scan.replace("where survey_slug = ?", `where survey_slug = ? and dim2 = '${secondValue}'`));
  const all: NeedsQuery = { by: first.name, filters: {} };
  const filtered: NeedsQuery = { by: first.name, filters: { [second.name]: secondValue } };
  const target = needsSurveyOf(db, survey.slug, declaration);
  if (target.slots.get(first.name) !== 1 || target.slots.get(second.name) !== 2) throw new Error("unexpected slots");
  const endpoint = () => getNeedsReport(db, target, all, K);
  const report = endpoint(); // warm-up (and a sanity check)
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
    t.bare.push(time(() => bare.all(survey.slug)));
    t.endpoint.push(time(endpoint));
    t.bareScan.push(time(() => bareScan.all(survey.slug)));
    t.exactCounts.push(time(() => distinct.all(survey.slug)));
    t.bareFiltered.push(time(() => bareFiltered.all(survey.slug)));
    t.filtered.push(time(() => getNeedsReport(db, target, filtered, K)));
  }
  sqlite.close();
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
console.log(
  `needs aggregation benchmark · ${REPS} repetitions, medians · ${os.cpus().length} CPU · load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
const results = SIZES.map((size) => {
  console.log(`- ${size} completed responses (${size * 18} need_ratings rows)`);
  const r = run(size);
  console.log(`  bare SQL GROUP BY (planner: covering index) ${ms(r.bare)}`);
  console.log(`  bare SQL GROUP BY (table scan)               ${ms(r.bareScan)}`);
  console.log(
    `${`  endpoint computation (by=${first.name})`.padEnd(47)}${ms(r.endpoint)}   ratio ${(r.endpoint / r.bare).toFixed(2)}× planner, ${(r.endpoint / r.bareScan).toFixed(2)}× scan`,
  );
  console.log(
    `${`  endpoint, ${second.name}=${secondValue} (release rule)`.padEnd(47)}${ms(r.filtered)}   bare ${ms(r.bareFiltered)} → ${(r.filtered / r.bareFiltered).toFixed(2)}×`,
  );
  console.log(`  (info) COUNT(DISTINCT response_id) by group  ${ms(r.exactCounts)}   (what a separate exact group count would add)`);
  return r;
});
const small = results.find((r) => r.size === 10_000);
const large = results.find((r) => r.size === 100_000);
if (small && large) {
  console.log(
    `scaling t(100k)/t(10k): endpoint ${(large.endpoint / small.endpoint).toFixed(2)} · bare (planner) ${(large.bare / small.bare).toFixed(2)} · bare (scan) ${(large.bareScan / small.bareScan).toFixed(2)}`,
  );
  console.log(
    `target: endpoint ≤ 1.5× bare SQL at 100k → ${(large.endpoint / large.bare).toFixed(2)}× (planner), ${(large.endpoint / large.bareScan).toFixed(2)}× (scan); t(100k)/t(10k) ≤ 10 → ${(large.endpoint / small.endpoint).toFixed(2)}`,
  );
}
if (!args.has("cache")) fs.rmSync(DIR, { recursive: true, force: true });
