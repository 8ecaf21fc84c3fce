// SQLite only: it migrates a SQLite file of an earlier version (PostgreSQL databases start at the
// current schema, db/migrations-pg); vitest.config.mts leaves it out of the integration-pg run.
// Migration 0003 (generic need storage) on a database made by the schema before it: every
// response, need rating and breakdown value is carried over, and the needs figures of every
// breakdown and filter are the same as for the same responses saved by today's code. Both
// databases make their first release (release-rule.md) at the same fixed clock (lib/clock.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, openDb, tablesOf, type Db } from "@/db/client";
import { all, get, transaction } from "@/db/dialect";
import { getNeedsReport, needsSurveyOf } from "@/db/queries/needs-report";
import { saveResponse } from "@/db/queries/save-response";
import type { NeedsQuery } from "@/lib/needs/filters";
import { getSurvey, type SurveyEntry } from "@/surveys/registry";
import { generateAnswers, prng } from "../support/needs-fixtures";

const MIGRATIONS = path.resolve(__dirname, "../../db/migrations");
let dir: string;
let survey: SurveyEntry;
const COUNT = 240;
/** "Now" for both releases: the day after the last submission (2026-03-12, 14:00 UTC). */
const RELEASED_AT = "2026-03-13T15:00:00.000Z";

interface Made {
  id: string;
  data: Record<string, unknown>;
  unitId: number | null;
  at: string;
}
let made: Made[] = [];
let partialId = "";

/** The migrations folder as it was before 0003 (journal cut after 0002). */
function oldMigrations(): string {
  const out = path.join(dir, "old-migrations");
  fs.cpSync(MIGRATIONS, out, { recursive: true });
  const journalFile = path.join(out, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag.startsWith("0003"));
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return out;
}

const ROWS = Array.from({ length: 18 }, (_, i) => `T${String(i + 1).padStart(2, "0")}`);

/** A database written as the pre-0003 code wrote it: grouping fields as named columns. */
function makeOldDatabase(file: string): void {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  migrate(drizzle(sqlite), { migrationsFolder: oldMigrations() });
  const old = sqlite.prepare("select name from pragma_table_info('need_ratings')").all() as { name: string }[];
  expect(old.map((c) => c.name)).toContain("importancia");
  sqlite.prepare("insert into surveys (slug) values ('dnc-tim')").run();
  sqlite.prepare("insert into survey_versions (slug, version, definition) values ('dnc-tim', 'v-old', ?)").run(JSON.stringify(survey.definition));
  const unit = sqlite.prepare(
    "insert into units (code, name, institution, region, expected, link_code) values (?, ?, 'Comisión regional', ?, 10, ?) returning id",
  );
  const unitRows = [
    unit.get("CR-TUM", "Comisión Regional – Tumbes", "PE-TUM", "LINKTUMBES01") as { id: number },
    unit.get("CR-TAC", "Comisión Regional – Tacna", "PE-TAC", "LINKTACNA001") as { id: number },
  ].map((u, i) => ({ id: u.id, region: i === 0 ? "PE-TUM" : "PE-TAC" }));
  const rng = prng(303);
  const insertResponse = sqlite.prepare(
    `insert into responses (id, survey_slug, survey_version, unit_id, status, data, locale, resume_code, started_at, updated_at, submitted_at)
     values (?, 'dnc-tim', 'v-old', ?, ?, ?, 'es', ?, ?, ?, ?)`,
  );
  const insertRating = sqlite.prepare(
    `insert into need_ratings (response_id, survey_slug, topic, importancia, dominio, no_aplica, institucion, region, cargo_categoria, anios_casos, unit_id, submitted_at)
     values (?, 'dnc-tim', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < COUNT; i++) {
      const { data, unitId } = generateAnswers(rng, unitRows);
      const id = `00000000-0000-4000-a000-${String(i).padStart(12, "0")}`;
      const at = new Date(Date.parse("2026-03-02T15:00:00.000Z") + i * 3_600_000).toISOString();
      insertResponse.run(id, unitId, "complete", JSON.stringify(data), `RC${String(i).padStart(10, "0")}`, at, at, at);
      const matrix = data.necesidades as Record<string, { importancia?: number; dominio?: number; no_aplica?: boolean }>;
      for (const topic of ROWS) {
        const cell = matrix[topic] ?? {};
        const na = cell.no_aplica === true;
        insertRating.run(
          id,
          topic,
          na ? null : (cell.importancia ?? null),
          na ? null : (cell.dominio ?? null),
          na ? 1 : 0,
          data.institucion,
          data.region,
          data.cargo_categoria,
          data.anios_casos,
          unitId,
          at,
        );
      }
      made.push({ id, data, unitId, at });
    }
    partialId = "00000000-0000-4000-a000-999999999999";
    insertResponse.run(
      partialId,
      null,
      "partial",
      JSON.stringify({ consentimiento: true, institucion: "pnp" }),
      "RCPARTIAL001",
      made[0]?.at,
      made[0]?.at,
      null,
    );
  })();
  sqlite.close();
}

let migrated: Db;
let fresh: Db;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-migration-"));
  // Read by lib/env.ts on first use, which is below.
  const clock = path.join(dir, "now");
  fs.writeFileSync(clock, RELEASED_AT);
  process.env.SONDEO_CLOCK_FILE = clock;
  const found = await getSurvey("dnc-tim");
  if (!found?.needs) throw new Error("dnc-tim not found");
  survey = found;
  made = [];
  const file = path.join(dir, "old.db");
  makeOldDatabase(file);
  migrated = await openDb(file, { seedSample: false });
  // The same responses saved by today's code, for the comparison of figures.
  fresh = await openDb(path.join(dir, "fresh.db"), { seedSample: false });
  const oldUnits = await migrated.select().from(tablesOf(migrated).units);
  const ids = await transaction(fresh, async (tx) => {
    const { units } = tablesOf(tx);
    const newIds = new Map<number, number>();
    for (const u of oldUnits) {
      const [row] = await tx
        .insert(units)
        .values({ ...u })
        .returning();
      newIds.set(u.id, row!.id);
    }
    return newIds;
  });
  for (const m of made) {
    await saveResponse(fresh, {
      id: m.id,
      survey,
      unitId: m.unitId === null ? null : (ids.get(m.unitId) ?? null),
      locale: "es",
      data: m.data,
      complete: true,
      at: m.at,
    });
  }
});

afterAll(async () => {
  if (migrated) await closeDb(migrated);
  if (fresh) await closeDb(fresh);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("migration 0003: generic need storage", () => {
  it("keeps every response and every need rating, with its values", async () => {
    expect(await get(migrated, sql`select count(*) n from responses`)).toEqual({ n: COUNT + 1 });
    expect(await get(migrated, sql`select count(*) n from need_ratings`)).toEqual({ n: COUNT * 18 });
    const row = (await get<Record<string, unknown>>(migrated, sql`select * from need_ratings where response_id = ${made[7]?.id} and topic = 'T05'`))!;
    const cell = (made[7]!.data.necesidades as Record<string, Record<string, unknown>>).T05 ?? {};
    expect(row.importance).toBe(cell.no_aplica ? null : cell.importancia);
    expect(row.competence).toBe(cell.no_aplica ? null : cell.dominio);
    expect(row.dim1).toBe(made[7]?.data.institucion);
    expect(row.dim2).toBe(made[7]?.data.region);
    expect(row.dim3).toBe(made[7]?.data.cargo_categoria);
    expect(row.dim4).toBe(made[7]?.data.anios_casos);
    expect(await all(migrated, sql`select name from pragma_table_info('need_ratings')`)).not.toContainEqual({ name: "importancia" });
    expect(await get(migrated, sql`pragma integrity_check`)).toEqual({ integrity_check: "ok" });
    expect(await all(migrated, sql`pragma foreign_key_check`)).toEqual([]);
  });

  it("records the slots of the four breakdowns the old schema had, and fills the responses' slots too", async () => {
    const slots = await all(migrated, sql`select name, slot from survey_dimensions where survey_slug = 'dnc-tim' order by slot`);
    expect(slots).toEqual([
      { name: "institucion", slot: 1 },
      { name: "region", slot: 2 },
      { name: "cargo_categoria", slot: 3 },
      { name: "anios_casos", slot: 4 },
    ]);
    const r = await get(migrated, sql`select dim1, dim2 from responses where id = ${partialId}`);
    expect(r).toEqual({ dim1: "pnp", dim2: null });
  });

  it("gives the same needs figures as today's code for every breakdown and for filters", async () => {
    const declaration = survey.needs;
    if (!declaration) throw new Error("no declaration");
    const a = await needsSurveyOf(migrated, "dnc-tim", declaration);
    const b = await needsSurveyOf(fresh, "dnc-tim", declaration);
    const unitCode = "CR-TUM";
    const queries: NeedsQuery[] = [
      ...declaration.breakdowns.map((d) => ({ by: d.name, filters: {} })),
      { by: "region", filters: { institucion: "pnp" } },
      // Dates select the release (made on 13 March in Lima), whatever the submission days.
      { by: "unit", filters: { institucion: "pnp", from: "2026-03-13" } },
      { by: "cargo_categoria", filters: { to: "2026-03-13" } },
    ];
    // A unit of these random answers splits the institutions unevenly: not released, on both.
    const unitView: NeedsQuery = { by: "institucion", filters: { unit: unitCode, from: "2026-03-13" } };
    expect(await getNeedsReport(migrated, a, unitView, 5)).toEqual(await getNeedsReport(fresh, b, unitView, 5));
    expect((await getNeedsReport(migrated, a, unitView, 5)).suppressed).toBe("not_released");
    for (const q of queries) {
      const before = await getNeedsReport(migrated, a, q, 5);
      const after = await getNeedsReport(fresh, b, q, 5);
      // Unit ids differ between the two databases; everything else must be identical.
      expect(q.by === "unit" ? { ...before, groups: before.groups.length } : before).toEqual(
        q.by === "unit" ? { ...after, groups: after.groups.length } : after,
      );
      expect(before.n ?? 0, `${JSON.stringify(q)}: ${before.suppressed}`).toBeGreaterThan(0);
      expect(before.release.asOf).toEqual({ release: 1, releasedAt: RELEASED_AT });
    }
    // Before the release: nothing, on both.
    for (const db of [migrated, fresh]) {
      expect(await getNeedsReport(db, db === migrated ? a : b, { by: "institucion", filters: { to: "2026-03-12" } }, 5)).toMatchObject({
        n: null,
        suppressed: "filter_below_k",
      });
    }
  });
});
