// Benchmark (not a test): the raw responses CSV export over HTTP against the sqlite3 command-line
// shell extracting the same columns from the same database file, in the same run, at 10k and 100k
// completed demo responses; plus the peak RSS of the server while it streams the export.
//
//   npx tsx bench/export.ts [--sizes 10000,100000] [--reps 3] [--cache] [--keep-output]
//
// Per size: a database with N completed responses (a few hundred varied demo responses stored
// through saveResponse, multiplied to N with one `insert … select`), the built app started on it
// (next start, 127.0.0.1), an admin signed in; then, interleaved (CLI, HTTP, CLI, HTTP …):
//  - CLI: `sqlite3 -readonly -csv -header <db> "<sql>" > file`, the SQL generated from
//    answerColumns(definition) with json_extract / json_each (the same columns, rows and order);
//  - Sondeo: GET /api/surveys/dnc-tim/export/responses.csv downloaded to a file, while the RSS of
//    the server's process tree (the spawned `next start` pid and its descendants, if any) is read
//    from /proc every 20 ms; the kernel's peak (VmHWM, reset through clear_refs before each
//    request) is read too, as a cross-check of the sampled peak.
// Before the timed repetitions one untimed export of each kind is compared: same header, same
// number of rows, every cell equal after parsing (BOM and quoting aside).
// --cache keeps the databases in bench/.work/ and reuses them; otherwise everything goes to a temp
// dir that is removed at the end. --keep-output keeps the CSV files of the comparison.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { closeDb, openDb } from "@/db/client";
import { insertDemoResponses } from "@/db/queries/insert-demo-responses";
import { answerColumns, type ExportColumn } from "@/lib/export/columns";
import { META_COLUMNS } from "@/lib/export/responses-csv";
import { getSurvey, type SurveyEntry } from "@/surveys/registry";
import { buildIfNeeded } from "../scripts/build-if-needed";
import { createUser, signIn } from "../tests/support/coordinators";
import { startServer, type TestServer } from "../tests/support/server";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000" },
    reps: { type: "string", default: "3" },
    base: { type: "string", default: "400" },
    cache: { type: "boolean", default: false },
    "keep-output": { type: "boolean", default: false },
    "print-sql": { type: "boolean", default: false },
  },
});
const SIZES = values.sizes.split(",").map(Number);
const REPS = Number(values.reps);
const BASE = Number(values.base);
if (SIZES.some((n) => !Number.isInteger(n) || n < 1) || !(REPS >= 1) || !(BASE >= 1)) {
  console.error("Usage: npx tsx bench/export.ts [--sizes 10000,100000] [--reps 3] [--base 400] [--cache] [--keep-output]");
  process.exit(2);
}
const SLUG = "dnc-tim";
const SEED = 2026;
const ADMIN = "bench-export@example.org";
const TARGET_RATIO = 1.5;
const TARGET_RSS_MB = 100;
const TARGET_RSS_GROWTH = 1.3;
const DB_DIR = values.cache ? path.resolve(__dirname, ".work") : fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-exbench-"));
const OUT_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-exbench-out-"));

/** The survey's published version (the registry reads it from the database). */
async function benchSurvey(): Promise<SurveyEntry> {
  const survey = await getSurvey(SLUG);
  if (!survey?.needs) throw new Error(`survey ${SLUG} not found`);
  return survey;
}

// ---------------------------------------------------------------------------------------------
// Setup: the sqlite3 shell (with JSON functions) and a build of the app.

function sqliteVersion(): string | null {
  const r = spawnSync("sqlite3", [":memory:", "select sqlite_version(), json_extract('{\"a\":[1]}', '$.a[0]')"], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim().endsWith("|1") ? r.stdout.trim().split("|")[0]! : null;
}

function ensureSqliteCli(): string {
  let version = sqliteVersion();
  if (version) return version;
  if (process.getuid?.() !== 0) throw new Error("the sqlite3 shell (with JSON functions) is missing; install it (apt-get install sqlite3) and rerun");
  for (const cmd of ["apt-get update -qq", "apt-get install -y -qq sqlite3"]) {
    console.log(`  setup: the sqlite3 shell is missing → running \`${cmd}\``);
    const r = spawnSync("sh", ["-c", cmd], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (r.status !== 0) throw new Error(`\`${cmd}\` failed (exit ${r.status})`);
  }
  version = sqliteVersion();
  if (!version) throw new Error("sqlite3 installed but it does not run JSON functions");
  return version;
}

// ---------------------------------------------------------------------------------------------
// Data: BASE varied demo responses through saveResponse, multiplied to `size` in one statement.

const completeCount = (file: string): number => {
  const r = spawnSync("sqlite3", ["-readonly", file, `select count(*) from responses where survey_slug = '${SLUG}' and status = 'complete'`], {
    encoding: "utf8",
  });
  return r.status === 0 ? Number(r.stdout.trim()) : -1;
};

async function database(size: number, survey: SurveyEntry): Promise<string> {
  fs.mkdirSync(DB_DIR, { recursive: true });
  const file = path.join(DB_DIR, `export-bench-${size}.db`);
  if (fs.existsSync(file) && completeCount(file) === size) {
    console.log(`  reusing ${file}`);
    return file;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const t0 = performance.now();
  const db = await openDb(file, { seedSample: true });
  const base = Math.min(BASE, size);
  // A few respondents who stopped after the profile: excluded from the export (partial=0).
  const { partial } = await insertDemoResponses(db, survey, {
    count: base,
    completeOnly: true,
    seed: SEED,
    partialShare: 0.05,
    daysBack: 60,
    now: Date.parse("2026-03-01T12:00:00.000Z"),
  });
  const t1 = performance.now();
  await closeDb(db);
  // The rest in SQLite's own SQL on a connection of the bench's own (this benchmark is about SQLite).
  const sqlite = new Database(file);
  const needed = size - base;
  if (needed > 0) {
    // Copies of the completed ones with fresh UUIDs and resume codes, each copy i shifted i hours
    // back (so started_at varies as in real data). need_ratings are not copied: the export does
    // not read them.
    sqlite
      .prepare(
        `with recursive n(i) as (select 1 union all select i + 1 from n where i < :copies)
         insert into responses (id, survey_slug, survey_version, unit_id, status, data, locale, current_page,
                                resume_code, is_demo, started_at, updated_at, submitted_at)
         select lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
                  || '-a' || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
                r.survey_slug, r.survey_version, r.unit_id, r.status, r.data, r.locale, r.current_page,
                'BULK' || n.i || '-' || r.src, 1,
                strftime('%Y-%m-%dT%H:%M:%fZ', r.started_at, '-' || n.i || ' hours'),
                strftime('%Y-%m-%dT%H:%M:%fZ', r.updated_at, '-' || n.i || ' hours'),
                strftime('%Y-%m-%dT%H:%M:%fZ', r.submitted_at, '-' || n.i || ' hours')
           from n, (select rowid as src, * from responses where survey_slug = :slug and status = 'complete' and resume_code not like 'BULK%') r
          limit :needed`,
      )
      .run({ copies: Math.ceil(needed / base), needed, slug: SLUG });
  }
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  const got = completeCount(file);
  if (got !== size) throw new Error(`expected ${size} completed responses, got ${got}`);
  console.log(
    `  generated ${size} completed (+${partial} partial) responses in ${((performance.now() - t0) / 1000).toFixed(1)} s ` +
      `(${base} through saveResponse in ${((t1 - t0) / 1000).toFixed(1)} s, the rest by insert … select) → ${path.basename(file)} ` +
      `${(fs.statSync(file).size / 1e6).toFixed(0)} MB`,
  );
  return file;
}

// ---------------------------------------------------------------------------------------------
// The CLI side: the same columns as SQL, generated from the export layout.

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** A JSON path with every label quoted (keys like "01" or "x-Comment" need it). */
const jsonPath = (keys: string[]) => sqlString(`$${keys.map((k) => `."${k}"`).join("")}`);

/** The SQL expression for one export column. Column names are "<key>[.<row>[.<column>]]" (or "<key>-Comment"). */
function columnSql(col: ExportColumn): string {
  const keys = col.name.split(".");
  if (col.type === "binary" || col.type === "rank") {
    const option = keys.pop()!;
    const p = jsonPath(keys);
    const inner =
      col.type === "binary"
        ? `exists(select 1 from json_each(r.data, ${p}) where value = ${sqlString(option)})`
        : `(select min(key) + 1 from json_each(r.data, ${p}) where value = ${sqlString(option)})`;
    return `case when json_type(r.data, ${p}) = 'array' then ${inner} end`;
  }
  // code, text, number: the value as stored; boolean: json_extract gives 1/0 for true/false.
  return `json_extract(r.data, ${jsonPath(keys)})`;
}

const META_SQL: Record<(typeof META_COLUMNS)[number], string> = {
  response_id: "r.id",
  survey_version: "r.survey_version",
  unit_code: "u.code",
  unit_name: "u.name",
  status: "r.status",
  locale: "r.locale",
  started_at: "r.started_at",
  submitted_at: "r.submitted_at",
  round: "r.round",
};
// The export's own where clause and order (db/queries/export-responses.ts, no filters: completed
// responses, oldest submission first).
const FROM = `from responses r left join units u on u.id = r.unit_id
where r.survey_slug = ${sqlString(SLUG)} and r.status = 'complete'
order by r.submitted_at, r.id;`;

/** The same columns as the export: metadata, then every answer column flattened with the JSON functions. */
function cliSql(definition: SurveyEntry["definition"]): string {
  const select = [
    ...META_COLUMNS.map((c) => `${META_SQL[c]} as "${c}"`),
    ...answerColumns(definition).map((c) => `${columnSql(c)} as "${c.name.replace(/"/g, '""')}"`),
  ];
  return `select ${select.join(",\n  ")}\n${FROM}`;
}

/** For information: the same rows unflattened (metadata and the stored JSON): what reading them costs the shell. */
const RAW_SQL = `select ${META_COLUMNS.map((c) => `${META_SQL[c]} as "${c}"`).join(", ")}, r.data\n${FROM}`;

interface Run {
  ms: number;
  bytes: number;
  rows: number;
}

function countLines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

async function runCli(file: string, out: string, sql: string): Promise<Run> {
  const fd = fs.openSync(out, "w");
  const t0 = performance.now();
  const child = spawn("sqlite3", ["-readonly", "-csv", "-header", file, sql], { stdio: ["ignore", fd, "pipe"] });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  const ms = performance.now() - t0;
  fs.closeSync(fd);
  if (code !== 0) throw new Error(`sqlite3 exited with ${code}: ${err}`);
  const buf = fs.readFileSync(out);
  return { ms, bytes: buf.length, rows: countLines(buf) - 1 };
}

// ---------------------------------------------------------------------------------------------
// The server's memory: the process tree under the spawned pid, from /proc.

function children(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    /* gone */
  }
  return out;
}

function processTree(root: number): number[] {
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...children(all[i]!));
  return all;
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

const treeKb = (pids: number[], field: "VmRSS" | "VmHWM") => pids.reduce((s, p) => s + statusKb(p, field), 0);

function describeTree(pids: number[]): string {
  return pids
    .map((p) => {
      let cmd = "?";
      try {
        cmd = fs
          .readFileSync(`/proc/${p}/cmdline`, "utf8")
          .split("\0")
          .filter(Boolean)
          .map((a) => path.basename(a))
          .slice(0, 3)
          .join(" ");
      } catch {
        /* gone */
      }
      return `${p} (${cmd}, ${(statusKb(p, "VmRSS") / 1024).toFixed(0)} MB)`;
    })
    .join(", ");
}

/** Resets the kernel's peak RSS (VmHWM) of each process to its current RSS; false if refused. */
function resetHwm(pids: number[]): boolean {
  try {
    for (const p of pids) fs.writeFileSync(`/proc/${p}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

interface HttpRun extends Run {
  rssBeforeKb: number;
  rssPeakKb: number;
  hwmKb: number | null;
  samples: number;
}

async function runHttp(server: TestServer, cookie: string, out: string): Promise<HttpRun> {
  const pids = processTree(server.process.pid!);
  const hwmOk = resetHwm(pids);
  const rssBeforeKb = treeKb(pids, "VmRSS");
  let rssPeakKb = rssBeforeKb;
  let samples = 0;
  const sampler = setInterval(() => {
    rssPeakKb = Math.max(rssPeakKb, treeKb(pids, "VmRSS"));
    samples++;
  }, 20);
  const ws = fs.createWriteStream(out);
  let bytes = 0;
  let lines = 0;
  const t0 = performance.now();
  try {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get(`${server.url}/api/surveys/${SLUG}/export/responses.csv`, { headers: { cookie }, agent: false }, resolve).on("error", reject),
    );
    if (res.statusCode !== 200) throw new Error(`export answered ${res.statusCode}`);
    for await (const chunk of res as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      lines += countLines(chunk);
      rssPeakKb = Math.max(rssPeakKb, treeKb(pids, "VmRSS"));
      if (!ws.write(chunk)) await once(ws, "drain");
    }
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - t0;
  ws.end();
  await once(ws, "close");
  rssPeakKb = Math.max(rssPeakKb, treeKb(pids, "VmRSS"));
  return { ms, bytes, rows: lines - 1, rssBeforeKb, rssPeakKb, hwmKb: hwmOk ? treeKb(pids, "VmHWM") : null, samples };
}

// ---------------------------------------------------------------------------------------------
// Both outputs must hold the same table.

function compareOutputs(httpFile: string, cliFile: string): string {
  const split = (file: string) => {
    let text = fs.readFileSync(file, "utf8");
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const lines = text.split(/\r?\n/);
    if (lines.at(-1) === "") lines.pop();
    return lines;
  };
  const a = split(httpFile);
  const b = split(cliFile);
  const cells = (line: string) => parse(line, { relax_quotes: false })[0] as string[];
  const problems: string[] = [];
  if (a[0] !== b[0] && JSON.stringify(cells(a[0]!)) !== JSON.stringify(cells(b[0]!))) problems.push("headers differ");
  if (a.length !== b.length) problems.push(`rows differ: HTTP ${a.length - 1}, CLI ${b.length - 1}`);
  let identicalLines = 0;
  let differingCells = 0;
  const examples: string[] = [];
  const header = cells(a[0]!);
  for (let i = 1; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) {
      identicalLines++;
      continue;
    }
    const x = cells(a[i]!);
    const y = cells(b[i]!);
    for (let j = 0; j < Math.max(x.length, y.length); j++) {
      // The export neutralises formula-like text with a leading "'"; the shell does not.
      if (x[j] === y[j] || (x[j]?.startsWith("'") && x[j]!.slice(1) === y[j])) continue;
      differingCells++;
      if (examples.length < 5) examples.push(`row ${i} ${header[j]}: HTTP ${JSON.stringify(x[j])} vs CLI ${JSON.stringify(y[j])}`);
    }
  }
  if (differingCells) problems.push(`${differingCells} cells differ, e.g. ${examples.join("; ")}`);
  if (problems.length) throw new Error(`the outputs differ: ${problems.join(" · ")}`);
  return `same header (${header.length} columns), same ${a.length - 1} rows, every cell equal (${identicalLines} lines byte-identical, the rest differ in quoting only)`;
}

// ---------------------------------------------------------------------------------------------

const median = (xs: number[]) => {
  const s = [...xs].sort((p, q) => p - q);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mb = (kb: number) => kb / 1024;

interface SizeResult {
  size: number;
  cli: number[];
  raw: number[];
  http: number[];
  rows: number;
  httpBytes: number;
  cliBytes: number;
  startKb: number;
  idleKb: number;
  firstPeakKb: number;
  peakKb: number;
  hwmKb: number | null;
  tree: string;
}

async function measure(size: number, survey: SurveyEntry, SQL: string): Promise<SizeResult> {
  const file = await database(size, survey);
  try {
    await createUser(file, ADMIN, "admin");
  } catch (err) {
    if ((err as { code?: string }).code !== "email_taken") throw err; // a cached database already has the admin
  }
  const server = await startServer({ dbFile: file });
  try {
    await new Promise((r) => setTimeout(r, 500));
    const startKb = treeKb(processTree(server.process.pid!), "VmRSS");
    const cookie = await signIn(server.url, ADMIN);
    await new Promise((r) => setTimeout(r, 500));
    const pids = processTree(server.process.pid!);
    const tree = describeTree(pids);
    const idleKb = treeKb(pids, "VmRSS");
    // Untimed first round (warms the route, the page cache and the JIT) and the comparison.
    const httpOut = path.join(OUT_DIR, `http-${size}.csv`);
    const cliOut = path.join(OUT_DIR, `cli-${size}.csv`);
    const first = await runHttp(server, cookie, httpOut);
    const firstCli = await runCli(file, cliOut, SQL);
    console.log(`  check: ${compareOutputs(httpOut, cliOut)}`);
    if (first.rows !== size || firstCli.rows !== size) throw new Error(`expected ${size} rows, got HTTP ${first.rows}, CLI ${firstCli.rows}`);
    const result: SizeResult = {
      size,
      cli: [],
      raw: [],
      http: [],
      rows: first.rows,
      httpBytes: first.bytes,
      cliBytes: firstCli.bytes,
      startKb,
      idleKb,
      firstPeakKb: first.rssPeakKb,
      peakKb: first.rssPeakKb,
      hwmKb: first.hwmKb,
      tree,
    };
    for (let i = 0; i < REPS; i++) {
      const c = await runCli(file, cliOut, SQL);
      const raw = await runCli(file, cliOut, RAW_SQL);
      const h = await runHttp(server, cookie, httpOut);
      if (c.rows !== size || h.rows !== size) throw new Error(`rep ${i + 1}: expected ${size} rows, got CLI ${c.rows}, HTTP ${h.rows}`);
      result.cli.push(c.ms);
      result.raw.push(raw.ms);
      result.http.push(h.ms);
      result.peakKb = Math.max(result.peakKb, h.rssPeakKb);
      if (h.hwmKb !== null) result.hwmKb = Math.max(result.hwmKb ?? 0, h.hwmKb);
      console.log(
        `  rep ${i + 1}: CLI ${c.ms.toFixed(0)} ms (raw rows ${raw.ms.toFixed(0)} ms) · Sondeo ${h.ms.toFixed(0)} ms (${(h.ms / c.ms).toFixed(2)}×) · ` +
          `RSS ${mb(h.rssBeforeKb).toFixed(0)} → peak ${mb(h.rssPeakKb).toFixed(0)} MB (${h.samples} samples)` +
          (h.hwmKb !== null ? `, VmHWM ${mb(h.hwmKb).toFixed(0)} MB` : ""),
      );
    }
    return result;
  } finally {
    await server.stop();
    fs.rmSync(server.dir, { recursive: true, force: true });
  }
}

async function main() {
  const survey = await benchSurvey();
  const SQL = cliSql(survey.definition);
  if (values["print-sql"]) {
    console.log(SQL);
    fs.rmSync(OUT_DIR, { recursive: true, force: true });
    if (!values.cache) fs.rmSync(DB_DIR, { recursive: true, force: true });
    process.exit(0);
  }
  const version = ensureSqliteCli();
  buildIfNeeded();
  console.log(
    `export benchmark · sqlite3 ${version} · ${REPS} interleaved repetitions (CLI, HTTP, …), medians · ` +
      `${os.cpus().length} CPU · load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
  );
  const results: SizeResult[] = [];
  for (const size of SIZES) {
    console.log(`- ${size} completed responses`);
    results.push(await measure(size, survey, SQL));
  }
  /** Peak RSS of a size: the highest of the 20 ms samples and the kernel's VmHWM, over every export (first included). */
  const peakOf = (r: SizeResult) => Math.max(r.peakKb, r.hwmKb ?? 0);
  const smallest = results[0]!;
  console.log("");
  console.log(
    "| responses | sqlite3 -csv, same columns | Sondeo HTTP | ratio | sqlite3 -csv, raw rows (info) | rows | CSV MB (Sondeo / sqlite3) | " +
      "server RSS at start | before 1st export | peak RSS | peak − start | peak vs smallest |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    const cli = median(r.cli);
    const web = median(r.http);
    console.log(
      `| ${r.size.toLocaleString("en")} | ${cli.toFixed(0)} ms | ${web.toFixed(0)} ms | ${(web / cli).toFixed(2)}× | ${median(r.raw).toFixed(0)} ms | ${r.rows} | ` +
        `${(r.httpBytes / 1e6).toFixed(1)} / ${(r.cliBytes / 1e6).toFixed(1)} | ${mb(r.startKb).toFixed(0)} MB | ${mb(r.idleKb).toFixed(0)} MB | ` +
        `${mb(peakOf(r)).toFixed(0)} MB | +${mb(peakOf(r) - r.startKb).toFixed(0)} MB | ${(peakOf(r) / peakOf(smallest)).toFixed(2)}× |`,
    );
  }
  console.log("");
  for (const r of results) {
    console.log(
      `${r.size}: server process tree ${r.tree}; first (untimed) export peak ${mb(r.firstPeakKb).toFixed(0)} MB (sampled); ` +
        `timed ${r.http.map((t) => t.toFixed(0)).join(", ")} ms vs sqlite3 ${r.cli.map((t) => t.toFixed(0)).join(", ")} ms`,
    );
  }
  const large = results.find((r) => r.size === 100_000) ?? results.at(-1)!;
  const small = results.find((r) => r.size === 10_000) ?? smallest;
  const ratio = median(large.http) / median(large.cli);
  const peak = Math.max(...results.map(peakOf));
  const growth = peakOf(large) / peakOf(small);
  const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
  console.log(
    `target: export ≤ ${TARGET_RATIO}× sqlite3 -csv (same columns) at ${large.size}: ${ratio.toFixed(2)}× → ${verdict(ratio <= TARGET_RATIO)}`,
  );
  console.log(
    `target: peak RSS of the server ≤ ${TARGET_RSS_MB} MB (all sizes): ${mb(peak).toFixed(0)} MB → ${verdict(mb(peak) <= TARGET_RSS_MB)} ` +
      `(the idle server alone: ${mb(Math.max(...results.map((r) => r.startKb))).toFixed(0)} MB; the export adds ` +
      `${results.map((r) => `+${mb(peakOf(r) - r.startKb).toFixed(0)} MB at ${r.size}`).join(", ")})`,
  );
  if (large !== small) {
    console.log(
      `target: peak RSS ${large.size} / ${small.size} ≤ ${TARGET_RSS_GROWTH}×: ${growth.toFixed(2)}× → ${verdict(growth <= TARGET_RSS_GROWTH)}`,
    );
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    if (values["keep-output"]) console.log(`CSV files kept in ${OUT_DIR}`);
    else fs.rmSync(OUT_DIR, { recursive: true, force: true });
    if (!values.cache) fs.rmSync(DB_DIR, { recursive: true, force: true });
  });
