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
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/db/client";
import { getNeedsReport, needsSurveyOf } from "@/db/queries/needs-report";
import { saveResponse } from "@/db/queries/save-response";
import { units } from "@/db/schema";
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

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-migration-"));
  // Read by lib/env.ts on first use, which is below.
  const clock = path.join(dir, "now");
  fs.writeFileSync(clock, RELEASED_AT);
  process.env.SONDEO_CLOCK_FILE = clock;
  const found = getSurvey("dnc-tim");
  if (!found?.needs) throw new Error("dnc-tim not found");
  survey = found;
  made = [];
  const file = path.join(dir, "old.db");
  makeOldDatabase(file);
  migrated = openDb(file, { seedSample: false });
  // The same responses saved by today's code, for the comparison of figures.
  fresh = openDb(path.join(dir, "fresh.db"), { seedSample: false });
  const ids = new Map<number, number>();
  for (const u of migrated.select().from(units).all()) {
    const row = fresh
      .insert(units)
      .values({ ...u })
      .returning()
      .get();
    ids.set(u.id, row.id);
  }
  for (const m of made) {
    saveResponse(fresh, {
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

afterAll(() => {
  migrated?.$client.close();
  fresh?.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("migration 0003: generic need storage", () => {
  it("keeps every response and every need rating, with its values", () => {
    const sqlite = migrated.$client;
    expect(sqlite.prepare("select count(*) n from responses").get()).toEqual({ n: COUNT + 1 });
    expect(sqlite.prepare("select count(*) n from need_ratings").get()).toEqual({ n: COUNT * 18 });
    const row = sqlite.prepare("select * from need_ratings where response_id = ? and topic = 'T05'").get(made[7]?.id) as Record<string, unknown>;
    const cell = (made[7]!.data.necesidades as Record<string, Record<string, unknown>>).T05 ?? {};
    expect(row.importance).toBe(cell.no_aplica ? null : cell.importancia);
    expect(row.competence).toBe(cell.no_aplica ? null : cell.dominio);
    expect(row.dim1).toBe(made[7]?.data.institucion);
    expect(row.dim2).toBe(made[7]?.data.region);
    expect(row.dim3).toBe(made[7]?.data.cargo_categoria);
    expect(row.dim4).toBe(made[7]?.data.anios_casos);
    expect(sqlite.prepare("select name from pragma_table_info('need_ratings')").all()).not.toContainEqual({ name: "importancia" });
    expect(sqlite.prepare("pragma integrity_check").get()).toEqual({ integrity_check: "ok" });
    expect(sqlite.prepare("pragma foreign_key_check").all()).toEqual([]);
  });

  it("records the slots of the four breakdowns the old schema had, and fills the responses' slots too", () => {
    const slots = migrated.$client.prepare("select name, slot from survey_dimensions where survey_slug = 'dnc-tim' order by slot").all();
    expect(slots).toEqual([
      { name: "institucion", slot: 1 },
      { name: "region", slot: 2 },
      { name: "cargo_categoria", slot: 3 },
      { name: "anios_casos", slot: 4 },
    ]);
    const r = migrated.$client.prepare("select dim1, dim2 from responses where id = ?").get(partialId);
    expect(r).toEqual({ dim1: "pnp", dim2: null });
  });

  it("gives the same needs figures as today's code for every breakdown and for filters", () => {
    const declaration = survey.needs;
    if (!declaration) throw new Error("no declaration");
    const a = needsSurveyOf(migrated, "dnc-tim", declaration);
    const b = needsSurveyOf(fresh, "dnc-tim", declaration);
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
    expect(getNeedsReport(migrated, a, unitView, 5)).toEqual(getNeedsReport(fresh, b, unitView, 5));
    expect(getNeedsReport(migrated, a, unitView, 5).suppressed).toBe("not_released");
    for (const q of queries) {
      const before = getNeedsReport(migrated, a, q, 5);
      const after = getNeedsReport(fresh, b, q, 5);
      // Unit ids differ between the two databases; everything else must be identical.
      expect(q.by === "unit" ? { ...before, groups: before.groups.length } : before).toEqual(
        q.by === "unit" ? { ...after, groups: after.groups.length } : after,
      );
      expect(before.n ?? 0, `${JSON.stringify(q)}: ${before.suppressed}`).toBeGreaterThan(0);
      expect(before.release.asOf).toEqual({ release: 1, releasedAt: RELEASED_AT });
    }
    // Before the release: nothing, on both.
    for (const db of [migrated, fresh]) {
      expect(getNeedsReport(db, db === migrated ? a : b, { by: "institucion", filters: { to: "2026-03-12" } }, 5)).toMatchObject({
        n: null,
        suppressed: "filter_below_k",
      });
    }
  });
});
