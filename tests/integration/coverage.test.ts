// Coverage counts against responses inserted with known units, statuses and days — through the
// public API and directly — plus opening and closing the survey.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { all, get } from "@/db/dialect";
import { saveResponse } from "@/db/queries/save-response";
import { peruToday } from "@/lib/time/lima-time";
import { getSurvey } from "@/surveys/registry";
import { completeAnswers } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";
import { call, openTestDb, signInAdminAndAnalyst } from "../support/coordinators";

let server: TestServer;
let admin: string;
let analyst: string;
const link: Record<string, string> = {};

type UnitRow = {
  unitId: number | null;
  code: string | null;
  started: number;
  completed: number;
  expected: number;
  active: boolean;
  rate: number | null;
};
type GroupRow = { key: string | null; units: number; started: number; completed: number; expected: number };

function put(unit: string | null, complete: boolean) {
  return call(server.url, `/api/responses/${randomUUID()}`, {
    method: "PUT",
    json: { survey: "dnc-tim", unit, locale: "es", data: complete ? completeAnswers() : { consentimiento: true }, complete },
  });
}

beforeAll(async () => {
  server = await startServer();
  ({ admin, analyst } = await signInAdminAndAnalyst(server));

  const created = await call(server.url, "/api/admin/units", {
    method: "POST",
    cookie: admin,
    json: { code: "PNP-LIMA", name: "DIRCTPTIM Lima", institution: "Policía Nacional del Perú", region: "PE-LMA", expected: 4 },
  });
  expect(created.status).toBe(201);
  const list = (await (await call(server.url, "/api/admin/units", { cookie: admin })).json()).units as {
    id: number;
    code: string;
    linkCode: string;
  }[];
  for (const u of list) link[u.code] = u.linkCode;

  // CR-TUM: 3 completed on known days (Peru time), 2 unfinished.
  const db = await openTestDb(server.db);
  const survey = await getSurvey("dnc-tim");
  if (!survey) throw new Error("survey dnc-tim missing");
  const tumbes = list.find((u) => u.code === "CR-TUM")?.id ?? null;
  for (const at of ["2026-11-02T14:00:00.000Z", "2026-11-03T02:30:00.000Z", "2026-11-03T15:00:00.000Z"]) {
    await saveResponse(db, { id: randomUUID(), survey, unitId: tumbes, locale: "es", data: completeAnswers(), complete: true, at });
  }
  await closeDb(db);
  for (let i = 0; i < 2; i++) expect((await put(link["CR-TUM"] ?? "", false)).status).toBe(200);
  // CR-PIU: one unfinished. PNP-LIMA: 4 of 4 completed. Open link: 2 completed, 1 unfinished.
  expect((await put(link["CR-PIU"] ?? "", false)).status).toBe(200);
  for (let i = 0; i < 4; i++) expect((await put(link["PNP-LIMA"] ?? "", true)).status).toBe(200);
  for (let i = 0; i < 2; i++) expect((await put(null, true)).status).toBe(200);
  expect((await put(null, false)).status).toBe(200);
  // MT-AMA answers once, then is deactivated (still shown); MT-MOQ is deactivated without answers (hidden).
  expect((await put(link["MT-AMA"] ?? "", true)).status).toBe(200);
  const ids = Object.fromEntries(list.map((u) => [u.code, u.id]));
  await call(server.url, `/api/admin/units/${ids["MT-AMA"]}`, { method: "PATCH", cookie: admin, json: { active: false } });
  await call(server.url, `/api/admin/units/${ids["MT-MOQ"]}`, { method: "PATCH", cookie: admin, json: { active: false } });
  // A completed response can be re-sent with the same answers without counting twice.
  const id = randomUUID();
  const body = { survey: "dnc-tim", unit: link["CR-PIU"], locale: "es", data: completeAnswers(), complete: true };
  expect((await call(server.url, `/api/responses/${id}`, { method: "PUT", json: body })).status).toBe(200);
  expect((await call(server.url, `/api/responses/${id}`, { method: "PUT", json: body })).status).toBe(200);
});
afterAll(async () => {
  await server?.stop();
});

async function coverage() {
  const res = await call(server.url, "/api/admin/surveys/dnc-tim/coverage", { cookie: analyst });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    total: { started: number; completed: number; expected: number; rate: number | null; withoutUnit: { started: number; completed: number } };
    units: UnitRow[];
    byInstitution: GroupRow[];
    byRegion: GroupRow[];
    byDay: { day: string; completed: number }[];
  };
}

describe("coverage counts", () => {
  it("counts started (any response) and completed per unit against the expected number", async () => {
    const c = await coverage();
    const row = (code: string | null) => c.units.find((u) => u.code === code);
    expect(row("CR-TUM")).toMatchObject({ started: 5, completed: 3, expected: 18, active: true });
    expect(row("CR-TUM")?.rate).toBeCloseTo((100 * 3) / 18, 6);
    expect(row("CR-PIU")).toMatchObject({ started: 2, completed: 1, expected: 14 });
    expect(row("PNP-LIMA")).toMatchObject({ started: 4, completed: 4, expected: 4, rate: 100 });
    expect(row("MT-AMA")).toMatchObject({ started: 1, completed: 1, expected: 6, active: false });
    expect(row("MT-MOQ")).toBeUndefined();
    expect(row("CR-LMA")).toMatchObject({ started: 0, completed: 0, expected: 25, rate: 0 });
    expect(row(null)).toMatchObject({ unitId: null, started: 3, completed: 2, expected: 0, rate: null });
    // 21 sample + 1 new − MT-MOQ hidden, + the no-unit row.
    expect(c.units).toHaveLength(22);
    expect(c.total).toMatchObject({ started: 15, completed: 11 });
  });

  it("rates the total on the units' own responses: the general link's are counted, not rated", async () => {
    const c = await coverage();
    const expected = c.units.reduce((s, u) => s + (u.unitId === null ? 0 : u.expected), 0);
    expect(c.total).toMatchObject({ started: 15, completed: 11, expected, withoutUnit: { started: 3, completed: 2 } });
    expect(c.total.rate).toBeCloseTo((100 * (11 - 2)) / expected, 6);
    const html = await (await call(server.url, "/admin/surveys/dnc-tim/coverage", { cookie: analyst })).text();
    expect(html).toContain("2 respuestas completadas por el enlace general (sin unidad) se cuentan en «Completadas», pero no en la tasa");
  });

  it("totals by the units' institution and region, with the open link as its own group", async () => {
    const c = await coverage();
    const inst = (key: string | null) => c.byInstitution.find((g) => g.key === key);
    expect(inst("Policía Nacional del Perú")).toEqual({ key: "Policía Nacional del Perú", units: 1, started: 4, completed: 4, expected: 4 });
    expect(inst("Mesa de trabajo")).toEqual({ key: "Mesa de trabajo", units: 7, started: 1, completed: 1, expected: 8 + 6 + 7 + 6 + 6 + 7 + 7 });
    expect(inst(null)).toEqual({ key: null, units: 0, started: 3, completed: 2, expected: 0 });
    const region = (key: string) => c.byRegion.find((g) => g.key === key);
    expect(region("PE-LMA")).toEqual({ key: "PE-LMA", units: 2, started: 4, completed: 4, expected: 29 });
    expect(region("PE-TUM")).toEqual({ key: "PE-TUM", units: 1, started: 5, completed: 3, expected: 18 });
    const sum = (rows: GroupRow[]) => rows.reduce((s, r) => s + r.completed, 0);
    expect(sum(c.byInstitution)).toBe(c.total.completed);
    expect(sum(c.byRegion)).toBe(c.total.completed);
  });

  it("counts completions per day in Peru time", async () => {
    const c = await coverage();
    expect(c.byDay).toEqual([
      { day: "2026-11-02", completed: 2 }, // 14:00Z and 02:30Z next day are both 2 Nov in Lima
      { day: "2026-11-03", completed: 1 },
      { day: peruToday(), completed: 8 },
    ]);
  });

  it("shows the counts on the page, highlights units below ?below=, and sorts by the URL", async () => {
    const res = await call(server.url, "/admin/surveys/dnc-tim/coverage?below=50&sort=completed&dir=desc", { cookie: analyst });
    expect(res.status).toBe(200);
    const html = await res.text();
    const rowOf = (code: string) => new RegExp(`<tr[^>]*data-unit="${code}"[^>]*>`).exec(html)?.[0] ?? "";
    expect(rowOf("CR-TUM")).toContain("is-below");
    expect(rowOf("PNP-LIMA")).not.toContain("is-below");
    expect(rowOf("MT-AMA")).not.toContain("is-below"); // inactive: no reminder
    expect(html.indexOf('data-unit="PNP-LIMA"')).toBeLessThan(html.indexOf('data-unit="CR-TUM"'));
    expect(html).toMatch(/aria-sort="descending"/);
    expect(html).toContain("Sin unidad");
    expect(html).not.toContain("Distancia al puesto de control"); // an answer from completeAnswers()
  });

  it("exports the unit table as CSV (UTF-8 with BOM) and audits the export", async () => {
    const res = await call(server.url, "/api/admin/surveys/dnc-tim/coverage?format=csv", { cookie: analyst });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith("\uFEFFcode,name,institution,region,expected,started,completed,rate_percent")).toBe(true);
    expect(text).toContain("CR-TUM,");
    expect(text).toMatch(/,Sin unidad,,,0,3,2,\r?\n/);
    const db = await openTestDb(server.db);
    const n = (
      await get<{ n: number }>(
        db,
        sql`select cast(count(*) as integer) as n from audit_log where action = 'export.coverage_csv' and actor = 'analista@dgsd.gob.pe'`,
      )
    )?.n;
    await closeDb(db);
    expect(n).toBe(1);
  });
});

describe("opening and closing the survey", () => {
  it("a closed survey refuses answers (409) until reopened; both are audited", async () => {
    const close = await call(server.url, "/api/admin/surveys/dnc-tim/status", { method: "POST", cookie: admin, json: { status: "closed" } });
    expect(close.status).toBe(200);
    const refused = await put(link["CR-TUM"] ?? "", true);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: "survey_closed" });
    const page = await (await call(server.url, "/admin", { cookie: admin })).text();
    expect(page).toContain("Cerrada");
    expect((await call(server.url, "/api/admin/surveys/nope/status", { method: "POST", cookie: admin, json: { status: "open" } })).status).toBe(404);
    await call(server.url, "/api/admin/surveys/dnc-tim/status", { method: "POST", cookie: admin, json: { status: "open" } });
    expect((await put(link["CR-TUM"] ?? "", true)).status).toBe(200);
    const db = await openTestDb(server.db);
    const rows = await all(db, sql`select action, actor, target from audit_log where action in ('survey.open', 'survey.close') order by id`);
    await closeDb(db);
    expect(rows).toEqual([
      { action: "survey.close", actor: "admin@dgsd.gob.pe", target: "dnc-tim" },
      { action: "survey.open", actor: "admin@dgsd.gob.pe", target: "dnc-tim" },
    ]);
  });
});
