// SQLite only: it migrates a SQLite file of an earlier version (PostgreSQL databases start at the
// current schema, db/migrations-pg); vitest.config.mts leaves it out of the integration-pg run.
// Migration 0007 (survey rounds, docs/rounds.md) on a database made by the schema before it
// (migrations 0000–0006 only): completed and partial responses, their need ratings, and two releases
// with their published cells, written as the code before rounds wrote them — the releases being the
// ones the test oracle (tests/support/needs-oracle.ts) makes of these responses, read once after each
// of two days. Opened with today's code, everything is kept and is in round 1, the survey has its
// implicit round 1, and the needs figures of every breakdown are the oracle's; a response saved
// afterwards joins round 1, then round 2 once an admin opens it, without moving round 1's figures.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, openDb, type Db } from "@/db/client";
import { all, get } from "@/db/dialect";
import { getNeedsReport, needsSurveyOf, type NeedsSurvey } from "@/db/queries/needs-report";
import { saveResponse } from "@/db/queries/save-response";
import { createRound, listRounds } from "@/db/queries/survey-rounds";
import type { NeedsQuery } from "@/lib/needs/filters";
import { getSurvey, type SurveyEntry } from "@/surveys/registry";
import { differences, documentedFields, withUnitGroupsSorted } from "../support/needs-compare";
import { generateAnswers, prng } from "../support/needs-fixtures";
import { expectedNeeds, oracleSurvey, releaseState, type OracleQuery, type OracleResponse, type OracleSurvey } from "../support/needs-oracle";

const K = 5;
const SLUG = "dnc-tim";
const MIGRATIONS = path.resolve(__dirname, "../../db/migrations");
const DIMENSIONS = ["institucion", "region", "cargo_categoria", "anios_casos", "unit"];
/** "Now" after the migration: 10:00 on 20 March in Lima. */
const TODAY = "2026-03-20";
const NOW = `${TODAY}T15:00:00.000Z`;
const TABLES = ["responses", "need_ratings", "release_batches", "release_cells"] as const;
const ORDER: Record<(typeof TABLES)[number], string> = {
  responses: "id",
  need_ratings: "response_id, topic",
  release_batches: "batch",
  release_cells: "cell_key",
};

let dir: string;
let survey: SurveyEntry;
let oracle: OracleSurvey;
let db: Db;
let needs: NeedsSurvey;
let unitIds: number[] = [];
/** The responses of round 1 as the oracle sees them; `epoch`: the releases (reads) before each. */
const round1: OracleResponse[] = [];
const round2: OracleResponse[] = [];
/** Every row of the four tables before the migration. */
const before = new Map<string, Record<string, unknown>[]>();

function oldMigrations(): string {
  const out = path.join(dir, "migrations-0006");
  fs.cpSync(MIGRATIONS, out, { recursive: true });
  const journalFile = path.join(out, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag.startsWith("0007"));
  expect(cut).toBe(7);
  journal.entries = journal.entries.slice(0, cut);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return out;
}

/** The product's key of an oracle cell ([position, value] pairs): names sorted, `name=value`, a bare name for no answer. */
function productCellKey(oracleCellId: string): string {
  const pairs = (JSON.parse(oracleCellId) as [number, string | null][]).map(([d, v]) => [DIMENSIONS[d] as string, v] as const);
  return pairs
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([name, v]) => (v === null ? name : `${name}=${encodeURIComponent(v)}`))
    .join("&");
}

/** Submitted `i` hours after 2 March (first day) or on 13–14 March (second day), 10:00 Lima onwards. */
const submittedAt = (i: number, epoch: number) =>
  new Date(Date.parse(epoch === 0 ? "2026-03-02T15:00:00Z" : "2026-03-13T15:00:00Z") + i * 3_600_000).toISOString();
const RELEASED_AT = ["2026-03-12T15:00:00.000Z", "2026-03-15T15:00:00.000Z"];

function makeOldDatabase(file: string): void {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  migrate(drizzle(sqlite), { migrationsFolder: oldMigrations() });
  const columns = (table: string) =>
    (sqlite.prepare(`select name from pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
  for (const table of TABLES) expect(columns(table)).not.toContain("round");
  sqlite.prepare("insert into surveys (slug) values (?)").run(SLUG);
  sqlite.prepare("insert into survey_versions (slug, version, definition) values (?, 'v-old', ?)").run(SLUG, JSON.stringify(survey.definition));
  const slot = sqlite.prepare("insert into survey_dimensions (survey_slug, name, slot) values (?, ?, ?)");
  DIMENSIONS.slice(0, 4).forEach((name, i) => slot.run(SLUG, name, i + 1));
  const unit = sqlite.prepare(
    "insert into units (code, name, institution, region, expected, link_code) values (?, ?, 'Comisión regional', ?, 10, ?) returning id",
  );
  const units = [
    { id: (unit.get("CR-TUM", "Comisión Regional – Tumbes", "PE-TUM", "LINKTUMBES01") as { id: number }).id, region: "PE-TUM" },
    { id: (unit.get("CR-TAC", "Comisión Regional – Tacna", "PE-TAC", "LINKTACNA001") as { id: number }).id, region: "PE-TAC" },
  ];
  unitIds = units.map((u) => u.id);

  // Day one: 44 responses, then a read (release 1); day two: 16 more, then a read (release 2).
  const rng = prng(707);
  const weights = [
    ["pnp", 40],
    ["migraciones", 30],
    ["ministerio_publico", 20],
    ["poder_judicial", 10],
  ] as const;
  const made = Array.from({ length: 60 }, (_, i) => {
    const epoch = i < 44 ? 0 : 1;
    const { data, unitId } = generateAnswers(rng, units, weights);
    const at = submittedAt(epoch === 0 ? i : i - 44, epoch);
    const response: OracleResponse = { answers: data, complete: true, unit: unitId, day: at.slice(0, 10), epoch };
    round1.push(response);
    return { id: `00000000-0000-4000-a000-${String(i).padStart(12, "0")}`, data, unitId, at, response };
  });
  const state = releaseState(oracle, K, round1);
  const firstDay = releaseState(
    oracle,
    K,
    round1.filter((r) => r.epoch === 0),
  );
  expect(state.releases.map((r) => r.batch)).toEqual([1, 2]);
  const batchOf = new Map(state.people.map((p) => [p.response, p.batch]));

  const insertResponse = sqlite.prepare(
    `insert into responses (id, survey_slug, survey_version, unit_id, status, data, locale, resume_code, started_at, updated_at, submitted_at,
       dim1, dim2, dim3, dim4, release_batch) values (?, ?, 'v-old', ?, ?, ?, 'es', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRating = sqlite.prepare(
    `insert into need_ratings (response_id, survey_slug, topic, importance, competence, not_applicable, unit_id, submitted_at,
       dim1, dim2, dim3, dim4, release_batch) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (const [i, m] of made.entries()) {
      const dims = DIMENSIONS.slice(0, 4).map((d) => (m.data[d] as string | undefined) ?? null);
      const batch = batchOf.get(m.response) ?? null;
      insertResponse.run(
        m.id,
        SLUG,
        m.unitId,
        "complete",
        JSON.stringify(m.data),
        `RC${String(i).padStart(10, "0")}`,
        m.at,
        m.at,
        m.at,
        ...dims,
        batch,
      );
      for (const topic of oracle.topics) {
        const cell = (m.data.necesidades as Record<string, { importancia?: number; dominio?: number; no_aplica?: boolean }>)[topic] ?? {};
        const na = cell.no_aplica === true;
        insertRating.run(
          m.id,
          SLUG,
          topic,
          na ? null : (cell.importancia ?? null),
          na ? null : (cell.dominio ?? null),
          na ? 1 : 0,
          m.unitId,
          m.at,
          ...dims,
          batch,
        );
      }
    }
    insertResponse.run(
      "00000000-0000-4000-a000-999999999999",
      SLUG,
      null,
      "partial",
      '{"consentimiento":true}',
      "RCPARTIAL001",
      NOW,
      NOW,
      null,
      null,
      null,
      null,
      null,
      null,
    );
    for (const r of state.releases) {
      const times = made.filter((m) => batchOf.get(m.response) === r.batch).map((m) => m.at);
      sqlite
        .prepare(
          "insert into release_batches (survey_slug, batch, released_at, responses, first_submitted_at, last_submitted_at) values (?, ?, ?, ?, ?, ?)",
        )
        .run(SLUG, r.batch, RELEASED_AT[r.batch - 1], r.people, times.sort()[0], times.at(-1));
    }
    for (const [cell, updated] of state.cells) {
      sqlite
        .prepare("insert into release_cells (survey_slug, cell_key, first_batch, updated_batch) values (?, ?, ?, ?)")
        .run(SLUG, productCellKey(cell), firstDay.cells.has(cell) ? 1 : 2, updated);
    }
  })();
  for (const table of TABLES) before.set(table, sqlite.prepare(`select * from ${table} order by ${ORDER[table]}`).all() as Record<string, unknown>[]);
  sqlite.close();
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-migration-rounds-"));
  // Read by lib/env.ts on first use, which is below.
  const clock = path.join(dir, "now");
  fs.writeFileSync(clock, NOW);
  process.env.SONDEO_CLOCK_FILE = clock;
  const found = await getSurvey(SLUG);
  if (!found?.needs) throw new Error("dnc-tim not found");
  survey = found;
  oracle = oracleSurvey(survey.definition as Record<string, unknown>);
  const file = path.join(dir, "old.db");
  makeOldDatabase(file);
  db = await openDb(file, { seedSample: false });
  needs = await needsSurveyOf(db, SLUG, found.needs);
});

afterAll(async () => {
  if (db) await closeDb(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every breakdown, a question filter and a unit filter. */
const views = (): (NeedsQuery & OracleQuery)[] => [
  ...DIMENSIONS.map((by) => ({ by, filters: {} })),
  { by: "region", filters: { institucion: "pnp" } },
  { by: "institucion", filters: { unit: String(unitIds[0]) } },
];

/** The report's documented fields (release numbers, not times), by=unit groups in id order: what the oracle predicts. */
async function reportOf(query: NeedsQuery): Promise<Record<string, unknown>> {
  const { filters: _filters, ...rest } = documentedFields((await getNeedsReport(db, needs, query, K)) as unknown as Record<string, unknown>);
  return withUnitGroupsSorted(rest as { by: string; groups: { group: string | null }[] });
}

/** The reports of `queries`, one after the other (a read may make a release). */
async function reportsOf(queries: readonly NeedsQuery[]): Promise<Record<string, unknown>[]> {
  const reports: Record<string, unknown>[] = [];
  for (const query of queries) reports.push(await reportOf(query));
  return reports;
}

const rows = (table: string, where = "") =>
  all<Record<string, unknown>>(db, sql.raw(`select * from ${table} ${where} order by ${ORDER[table as (typeof TABLES)[number]]}`));
const roundOf = async (id: string) => (await get<{ round: number }>(db, sql`select round from responses where id = ${id}`))!.round;

async function save(id: string, data: Record<string, unknown>, at: string) {
  await saveResponse(db, { id, survey, unitId: null, locale: "es", data, complete: true, at });
}

describe("migration 0007: survey rounds", () => {
  it("keeps every response, need rating, release and published cell, all in round 1", async () => {
    for (const table of TABLES) {
      const after = await rows(table);
      expect(after.length, table).toBe(before.get(table)?.length);
      expect(after.length, table).toBeGreaterThan(0);
      expect(new Set(after.map((r) => r.round)), table).toEqual(new Set([1]));
      expect(
        after.map(({ round: _round, ...rest }) => rest),
        table,
      ).toEqual(before.get(table));
    }
    expect(await get(db, sql`pragma integrity_check`)).toEqual({ integrity_check: "ok" });
    expect(await all(db, sql`pragma foreign_key_check`)).toEqual([]);
  });

  it("lists the implicit round 1 and stores no round", async () => {
    expect(await listRounds(db, SLUG)).toEqual([{ round: 1, name: "Ronda 1", opensOn: null, closesOn: null }]);
    expect(await get(db, sql`select count(*) as n from survey_rounds`)).toEqual({ n: 0 });
  });

  it("shows the same needs figures as before the migration, for every breakdown and filter", async () => {
    for (const query of views()) {
      const want = withUnitGroupsSorted(expectedNeeds(oracle, K, round1, query));
      expect(differences(await reportOf(query), want), JSON.stringify(query)).toEqual([]);
      // Naming the round changes nothing.
      expect(await reportOf({ ...query, filters: { ...query.filters, round: "1" } }), JSON.stringify(query)).toEqual(await reportOf(query));
    }
    // The data have something to hide: responses waiting, groups hidden for every reason the rule has, a view not published.
    const reasons = new Set(views().flatMap((q) => expectedNeeds(oracle, K, round1, q).groups.map((g) => g.suppressed)));
    expect(reasons).toEqual(new Set([null, "primary", "unreleased", "not_updated"]));
    expect(expectedNeeds(oracle, K, round1).release.pending).toBeGreaterThan(0);
    expect(expectedNeeds(oracle, K, round1, views().at(-1)).suppressed).toBe("not_released");
    expect((await rows("release_batches")).map((r) => r.batch)).toEqual([1, 2]);
  });

  it("puts a response saved after the migration in round 1, one saved once round 2 has opened in round 2, and round 1's figures stay", async () => {
    const rng = prng(708);
    const answers = (institucion: string, dependencia: string) => ({ ...generateAnswers(rng, []).data, institucion, dependencia });
    const late = answers("mininter", "dgsd");
    await save("10000000-0000-4000-a000-000000000001", late, NOW);
    expect(await roundOf("10000000-0000-4000-a000-000000000001")).toBe(1);
    round1.push({ answers: late, complete: true, unit: null, day: TODAY, epoch: 2 });
    // Alone in its institution, it waits: only the pending count moves.
    const views1 = views().map((q) => ({ ...q, filters: { ...q.filters, round: "1" } }));
    const round1Figures = await reportsOf(views1);
    for (const [i, q] of views().entries()) {
      expect(differences(round1Figures[i], withUnitGroupsSorted(expectedNeeds(oracle, K, round1, q))), JSON.stringify(q)).toEqual([]);
    }

    expect(await createRound(db, SLUG, { name: "2026 seguimiento", opensOn: TODAY, closesOn: null }, "admin@dgsd.gob.pe")).toEqual({
      round: 2,
      name: "2026 seguimiento",
      opensOn: TODAY,
      closesOn: null,
    });
    const later = `${TODAY}T16:00:00.000Z`;
    for (let i = 0; i < 6; i++) {
      const data = i < 5 ? answers("migraciones", "control_migratorio") : answers("mininter", "dgsd");
      const id = `20000000-0000-4000-a000-00000000000${i}`;
      await save(id, data, later);
      expect(await roundOf(id)).toBe(2);
      round2.push({ answers: data, complete: true, unit: null, day: TODAY });
    }
    expect(new Set((await rows("need_ratings", "where response_id like '2%'")).map((r) => r.round))).toEqual(new Set([2]));

    // Round 2 is the default view now; its five migraciones make the survey's third release, which
    // readers of round 2 see as its first.
    const second = await reportOf({ by: "institucion", filters: {} });
    const want = expectedNeeds(oracle, K, round2, { by: "institucion" });
    expect(differences({ ...second, release: null }, { ...want, release: null })).toEqual([]);
    expect(second).toMatchObject({ n: 5, release: { asOf: { release: 1 }, pending: 1 } });
    expect((await rows("release_batches")).map((r) => [r.batch, r.round])).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
    ]);
    expect(await rows("release_cells", "where round = 1")).toEqual(before.get("release_cells")?.map((c) => ({ ...c, round: 1 })));
    expect((await rows("release_cells", "where round = 2")).length).toBeGreaterThan(0);
    // Round 1: not one figure moved, and the mininter response of round 2 did not join its pending one.
    expect(await reportsOf(views1)).toEqual(round1Figures);
  });
});
