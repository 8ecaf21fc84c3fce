// The survey versions in SQLite: a database from before uploads existed migrates with nothing lost
// (the file's current content becomes the published version, earlier versions count as published
// when first answered, responses and the open/closed status stay), and the import rules — an
// unchanged file never overrides a later publication — hold on a real database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { closeDb, openDb } from "@/db/client";
import { get, run, transaction } from "@/db/dialect";
import { importFileVersion, listSurveyVersions, publishVersion, removeSurvey, storeDraftVersion } from "@/db/queries/survey-versions";
import { loadDncTim } from "../support/dnc-tim";

const MIGRATIONS = path.resolve(__dirname, "../../db/migrations");

/** A database migrated only up to the migration before survey uploads (journal cut before it). */
function legacyDatabase(file: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-migrations-"));
  fs.cpSync(MIGRATIONS, dir, { recursive: true });
  const journalFile = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag.endsWith("_survey_management"));
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: dir });
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

describe("a database from before survey uploads", () => {
  it("migrates with nothing lost, and the first import publishes what was being served", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-legacy-")), "sondeo.db");
    legacyDatabase(file);
    const current = loadDncTim();
    const legacy = new Database(file);
    legacy.exec(`
      insert into surveys (slug, status) values ('dnc-tim', 'closed');
      insert into survey_versions (slug, version, definition, first_seen_at) values
        ('dnc-tim', 'aaaaaaaaaaaaaaaa', '{"title":"Versión anterior"}', '2026-11-02T14:00:00.000Z'),
        ('dnc-tim', '${current.version}', '${JSON.stringify(current.definition).replace(/'/g, "''")}', '2026-11-20T09:30:00.000Z');
      insert into responses (id, survey_slug, survey_version, status, data, locale, resume_code, submitted_at)
        values ('0f0e0d0c-0b0a-4999-8888-777766665555', 'dnc-tim', 'aaaaaaaaaaaaaaaa', 'complete', '{"sugerencias":"Más talleres, por favor"}', 'es', 'ABCD2345EFGH', '2026-11-02T14:05:00.000Z');
    `);
    legacy.close();

    const db = await openDb(file, { seedSample: false });
    try {
      expect(await importFileVersion(db, current)).toEqual({ previous: null });
      const survey = await get(db, sql`select status, published_version, file_version from surveys where slug = 'dnc-tim'`);
      expect(survey).toEqual({ status: "closed", published_version: current.version, file_version: current.version });
      const versions = await listSurveyVersions(db, "dnc-tim");
      expect(versions.map((v) => [v.version, v.origin, v.isPublished, v.responses])).toEqual([
        [current.version, "file", true, 0],
        ["aaaaaaaaaaaaaaaa", "file", false, 1],
      ]);
      expect(versions.find((v) => v.version === "aaaaaaaaaaaaaaaa")?.publishedAt).toBe("2026-11-02T14:00:00.000Z");
      const response = await get(db, sql`select survey_version, data from responses`);
      expect(response).toEqual({ survey_version: "aaaaaaaaaaaaaaaa", data: '{"sugerencias":"Más talleres, por favor"}' });
      // The same file on the next start changes nothing.
      expect(await importFileVersion(db, current)).toBeUndefined();
    } finally {
      await closeDb(db);
    }
  });
});

describe("files and uploads on one database", () => {
  it("an unchanged file never overrides an upload; a changed one is published", async () => {
    const db = await openDb(":memory:", { seedSample: false });
    const file = loadDncTim();
    await importFileVersion(db, file);
    const uploaded = { slug: "dnc-tim", version: "bbbbbbbbbbbbbbbb", definition: { title: "Subida" } };
    expect(await storeDraftVersion(db, { ...uploaded, uploadedBy: "admin@dgsd.gob.pe" })).toEqual({
      isNew: true,
      surveyCreated: false,
      published: false,
    });
    expect(await storeDraftVersion(db, { ...uploaded, uploadedBy: "otra@dgsd.gob.pe" })).toEqual({
      isNew: false,
      surveyCreated: false,
      published: false,
    });
    expect(await publishVersion(db, "dnc-tim", uploaded.version)).toEqual({ previous: file.version });
    expect(await importFileVersion(db, file)).toBeUndefined();
    expect((await listSurveyVersions(db, "dnc-tim")).find((v) => v.isPublished)?.version).toBe(uploaded.version);

    const edited = { slug: "dnc-tim", version: "cccccccccccccccc", definition: { title: "Archivo editado" } };
    expect(await importFileVersion(db, edited)).toEqual({ previous: uploaded.version });
    expect((await listSurveyVersions(db, "dnc-tim")).find((v) => v.isPublished)).toMatchObject({ version: edited.version, origin: "file" });
    // Going back to an earlier file content is a change of the file too.
    expect(await importFileVersion(db, file)).toEqual({ previous: edited.version });
    expect(await publishVersion(db, "dnc-tim", "dddddddddddddddd")).toBeUndefined();
    await closeDb(db);
  });

  it("removes a survey only while nobody has answered it", async () => {
    const db = await openDb(":memory:", { seedSample: false });
    await storeDraftVersion(db, {
      slug: "borrador",
      version: "eeeeeeeeeeeeeeee",
      definition: { title: "Borrador" },
      uploadedBy: "admin@dgsd.gob.pe",
    });
    await publishVersion(db, "borrador", "eeeeeeeeeeeeeeee");
    const responseId = "11111111-2222-4333-8444-555555555555";
    await transaction(db, (tx) =>
      run(
        tx,
        sql`insert into responses (id, survey_slug, survey_version, status, data, locale, resume_code) values (${responseId}, 'borrador', 'eeeeeeeeeeeeeeee', 'partial', '{}', 'es', 'WXYZ2345EFGH')`,
      ),
    );
    expect(await removeSurvey(db, "borrador")).toEqual({ removed: false, responses: 1 });
    expect(await listSurveyVersions(db, "borrador")).toHaveLength(1);
    await transaction(db, (tx) => run(tx, sql`delete from responses`));
    expect(await removeSurvey(db, "borrador")).toEqual({ removed: true, versions: 1 });
    expect(await removeSurvey(db, "borrador")).toBeUndefined();
    await closeDb(db);
  });
});
