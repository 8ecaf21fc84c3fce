// Survey rounds (docs/rounds.md) over real HTTP, with a server clock the test moves
// (SONDEO_CLOCK_FILE): dnc-tim starts with its implicit first round; an admin opens a follow-up
// from a later date (an analyst may not, bad input is refused naming the problem and changes
// nothing); a response started before that date stays in round 1 however late it is finished, one
// started on or after it joins round 2; once round 2's closing day has passed a new response is
// refused (409 survey_closed) while one started in round 1 may still be finished; the rounds page
// shows all this; every change is in the audit log, and accents survive.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { all } from "@/db/dialect";
import { call, openTestDb, signInAdminAndAnalyst } from "../support/coordinators";
import { completeAnswers } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";

const SLUG = "dnc-tim";
const FOLLOW_UP = "2026 Año de seguimiento — Región Tacna, niñez";
const BASELINE = "2025 línea base";
const ROUNDS = `/api/admin/surveys/${SLUG}/rounds`;

let server: TestServer;
let admin: string;
let analyst: string;
const clockFile = path.join(os.tmpdir(), `sondeo-clock-${randomUUID()}`);

/** 10:00 in Lima on a day of March 2026. */
const setDay = (day: string) => fs.writeFileSync(clockFile, `${day}T15:00:00.000Z`);

/** Rows of a raw query on the server's database (either engine). */
async function rowsOf<T>(query: SQL): Promise<T[]> {
  const db = await openTestDb(server.db);
  try {
    return await all<T>(db, query);
  } finally {
    await closeDb(db);
  }
}

const roundOf = async (id: string) => (await rowsOf<{ round: number; status: string }>(sql`select round, status from responses where id = ${id}`))[0];
const storedRounds = () => rowsOf<Record<string, unknown>>(sql`select * from survey_rounds order by survey_slug, round`);
const auditRows = () =>
  rowsOf<{ action: string; actor: string; target: string; details: string }>(
    sql`select action, actor, target, details from audit_log where action like 'round.%' order by id`,
  );

/** A respondent's save: the whole dnc-tim answer set when complete, its first answers otherwise. */
const save = (id: string, complete: boolean) =>
  call(server.url, `/api/responses/${id}`, {
    method: "PUT",
    json: { survey: SLUG, unit: null, locale: "es", data: complete ? completeAnswers() : { consentimiento: true, institucion: "pnp" }, complete },
  });

async function saved(id: string, complete: boolean): Promise<void> {
  const res = await save(id, complete);
  expect(res.status, await res.clone().text()).toBe(200);
}

const list = async (cookie = admin) => {
  const res = await call(server.url, ROUNDS, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as { survey: string; rounds: { round: number; name: string; state: string; completed: number }[] };
};
const open = (json: unknown, cookie = admin) => call(server.url, ROUNDS, { method: "POST", cookie, json });
const edit = (round: number | string, json: unknown, cookie = admin) => call(server.url, `${ROUNDS}/${round}`, { method: "PATCH", cookie, json });

/** Response ids by when they were started. */
const ids = {
  beforeDone: randomUUID(),
  beforeLate: randomUUID(),
  beforeVeryLate: randomUUID(),
  eveDone: randomUUID(),
  eveLate: randomUUID(),
  onDay: randomUUID(),
  afterClose: randomUUID(),
};

beforeAll(async () => {
  setDay("2026-03-10");
  server = await startServer({ env: { SONDEO_CLOCK_FILE: clockFile } });
  ({ admin, analyst } = await signInAdminAndAnalyst(server));
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(clockFile, { force: true });
});

describe("survey rounds", () => {
  it("lists the implicit first round, to analysts too; an unknown survey is a 404", async () => {
    await saved(ids.beforeDone, true);
    await saved(ids.beforeLate, false);
    await saved(ids.beforeVeryLate, false);
    const body = await list();
    expect(body).toEqual({ survey: SLUG, rounds: [{ round: 1, name: "Ronda 1", opensOn: null, closesOn: null, state: "open", completed: 1 }] });
    expect(await list(analyst)).toEqual(body);
    expect(await roundOf(ids.beforeDone)).toEqual({ round: 1, status: "complete" });
    expect(await storedRounds()).toEqual([]);
    const unknown = await call(server.url, "/api/admin/surveys/no-existe/rounds", { cookie: admin });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: "survey_not_found" });
  });

  it("refuses an analyst, and bad input naming the problem, and changes nothing", async () => {
    const refused = await open({ name: "2026 seguimiento", opensOn: "2026-03-12" }, analyst);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: "forbidden" });
    const cases: [unknown, RegExp][] = [
      [{ name: "2026 seguimiento", opensOn: "2026-03-12", closesOn: "2026-03-11" }, /^closesOn: must not be before opensOn/],
      [{ name: "   ", opensOn: "2026-03-12" }, /^name: give the round a name/],
      [{ name: "n".repeat(81) }, /^name: at most 80 characters/],
      [{ name: "2026 seguimiento", opensOn: "12/03/2026" }, /^opensOn: must be a date YYYY-MM-DD/],
      [{ name: "2026 seguimiento", opensOn: "2026-03-12", closesOn: "2026-13-01" }, /^closesOn: must be a date YYYY-MM-DD/],
    ];
    for (const [json, problem] of cases) {
      const res = await open(json);
      expect(res.status, JSON.stringify(json)).toBe(422);
      const body = await res.json();
      expect(body.error).toBe("invalid_round");
      expect(body.problems, JSON.stringify(json)).toEqual([expect.stringMatching(problem)]);
      expect(body.message).toContain(body.problems[0]);
    }
    for (const json of [{ name: "2026 seguimiento", extra: 1 }, { name: 2026 }, { opensOn: "2026-03-12" }, { name: "x", opensOn: 20260312 }]) {
      const res = await open(json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(await res.json()).toMatchObject({ error: "invalid_payload" });
    }
    expect(await storedRounds()).toEqual([]);
    expect(await auditRows()).toEqual([]);
    expect((await list()).rounds).toHaveLength(1);
  });

  it("opens a follow-up from a later date, its name intact; it is upcoming until then", async () => {
    const res = await open({ name: FOLLOW_UP, opensOn: "2026-03-12", closesOn: "2026-03-20" });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      survey: SLUG,
      round: 2,
      name: FOLLOW_UP,
      opensOn: "2026-03-12",
      closesOn: "2026-03-20",
      state: "upcoming",
      completed: 0,
    });
    expect((await list()).rounds).toEqual([
      { round: 1, name: "Ronda 1", opensOn: null, closesOn: null, state: "open", completed: 1 },
      { round: 2, name: FOLLOW_UP, opensOn: "2026-03-12", closesOn: "2026-03-20", state: "upcoming", completed: 0 },
    ]);
    expect(await storedRounds()).toMatchObject([
      { survey_slug: SLUG, round: 1, name: "Ronda 1", opens_on: null, closes_on: null, created_by: "admin@dgsd.gob.pe" },
      { survey_slug: SLUG, round: 2, name: FOLLOW_UP, opens_on: "2026-03-12", closes_on: "2026-03-20", created_by: "admin@dgsd.gob.pe" },
    ]);
    // A third round may not open before the second.
    const early = await open({ name: "Ronda 3", opensOn: "2026-03-11" });
    expect(early.status).toBe(422);
    expect((await early.json()).problems).toEqual([expect.stringMatching(/^opensOn: must not be before the opening of round 2 .*2026-03-12/)]);
    expect(await storedRounds()).toHaveLength(2);
  });

  it("puts a response started before the opening day in round 1, one started on or after it in round 2", async () => {
    setDay("2026-03-11");
    await saved(ids.eveDone, true);
    await saved(ids.eveLate, false);
    expect(await roundOf(ids.eveDone)).toEqual({ round: 1, status: "complete" });
    expect(await roundOf(ids.eveLate)).toEqual({ round: 1, status: "partial" });

    setDay("2026-03-12");
    await saved(ids.onDay, true);
    await saved(ids.beforeLate, true);
    await saved(ids.eveLate, true);
    expect(await roundOf(ids.onDay)).toEqual({ round: 2, status: "complete" });
    expect(await roundOf(ids.beforeLate)).toEqual({ round: 1, status: "complete" });
    expect(await roundOf(ids.eveLate)).toEqual({ round: 1, status: "complete" });
    expect(await roundOf(ids.beforeVeryLate)).toEqual({ round: 1, status: "partial" });
    const rounds = (await list(analyst)).rounds;
    expect(rounds.map((r) => [r.round, r.state, r.completed])).toEqual([
      [1, "open", 4],
      [2, "open", 1],
    ]);
  });

  it("edits a round: renames, changes dates; refuses an analyst, bad input and an unknown round", async () => {
    const renamed = await edit(1, { name: BASELINE });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toEqual({ survey: SLUG, round: 1, name: BASELINE, opensOn: null, closesOn: null, state: "open", completed: 4 });
    const closes = await edit(2, { closesOn: "2026-03-15" });
    expect(closes.status).toBe(200);
    expect(await closes.json()).toMatchObject({ round: 2, name: FOLLOW_UP, opensOn: "2026-03-12", closesOn: "2026-03-15", state: "open" });

    const before = await storedRounds();
    expect((await edit(2, { name: "Otra" }, analyst)).status).toBe(403);
    const bad: [number, unknown, RegExp][] = [
      [2, { closesOn: "2026-03-01" }, /^closesOn: must not be before opensOn/],
      [2, { name: "" }, /^name: give the round a name/],
      [2, { opensOn: "2026-02-31x" }, /^opensOn: must be a date YYYY-MM-DD/],
      [1, { opensOn: "2026-03-13" }, /^opensOn: must not be after the opening of round 2/],
    ];
    for (const [round, json, problem] of bad) {
      const res = await edit(round, json);
      expect(res.status, JSON.stringify(json)).toBe(422);
      const body = await res.json();
      expect(body.error).toBe("invalid_round");
      expect(body.problems).toEqual([expect.stringMatching(problem)]);
    }
    for (const round of [3, 0, "x1", "01x"]) {
      const res = await edit(round, { name: "Nada" });
      expect(res.status, String(round)).toBe(404);
      expect(await res.json()).toMatchObject({ error: "round_not_found" });
    }
    expect((await edit(2, { round: 5 })).status).toBe(400);
    expect(await storedRounds()).toEqual(before);
  });

  it("refuses a new response once round 2 has closed; one started in round 1 may still be finished", async () => {
    setDay("2026-03-16");
    const res = await save(ids.afterClose, true);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: "survey_closed" });
    expect(await rowsOf(sql`select id from responses where id = ${ids.afterClose}`)).toEqual([]);
    await saved(ids.beforeVeryLate, true);
    expect(await roundOf(ids.beforeVeryLate)).toEqual({ round: 1, status: "complete" });
    expect((await list()).rounds.map((r) => [r.round, r.name, r.state, r.completed])).toEqual([
      [1, BASELINE, "open", 5],
      [2, FOLLOW_UP, "closed", 1],
    ]);
  });

  it("shows the rounds page: the table to analysts, the forms to admins only, in Spanish or English", async () => {
    const page = async (cookie: string) => {
      const res = await call(server.url, `/admin/surveys/${SLUG}/rounds`, { cookie });
      expect(res.status).toBe(200);
      return res.text();
    };
    const forAdmin = await page(admin);
    expect(forAdmin).toContain(FOLLOW_UP);
    expect(forAdmin).toContain(BASELINE);
    expect(forAdmin).toContain("Abrir una nueva ronda");
    expect(forAdmin).toContain('data-testid="new-round-form"');
    expect(forAdmin).toContain('data-testid="round-form-2"');
    expect(forAdmin).toMatch(/data-round="2" data-state="closed"/);
    const forAnalyst = await page(analyst);
    expect(forAnalyst).toContain(FOLLOW_UP);
    expect(forAnalyst).toContain("Respuestas completas");
    expect(forAnalyst).not.toContain("new-round-form");
    expect(forAnalyst).not.toContain("round-form-");
    const english = await page(`${admin}; NEXT_LOCALE=en`);
    expect(english).toContain("Open a new round");
    expect(english).toContain("Completed responses");
    const manage = await (await call(server.url, "/admin/surveys", { cookie: admin })).text();
    expect(manage).toContain(`href="/admin/surveys/${SLUG}/rounds"`);
  });

  it("coverage shows the round asked for, and says so when the survey has no such round", async () => {
    const coverage = async (query: string) => (await call(server.url, `/admin/surveys/${SLUG}/coverage${query}`, { cookie: analyst })).text();
    const first = await coverage("?round=1");
    expect(first).toMatch(/data-testid="round-picker" data-round="1"/);
    expect(first).not.toContain('data-testid="unknown-round"');
    const unknown = await coverage("?round=9");
    expect(unknown).toContain('data-testid="unknown-round"');
    expect(unknown).toContain("no tiene la ronda «9»");
  });

  it("recorded every change in the audit log, accents intact", async () => {
    const rows = (await auditRows()).map((r) => ({ ...r, details: JSON.parse(r.details) }));
    expect(rows).toEqual([
      {
        action: "round.create",
        actor: "admin@dgsd.gob.pe",
        target: SLUG,
        details: { round: 2, name: FOLLOW_UP, opensOn: "2026-03-12", closesOn: "2026-03-20" },
      },
      {
        action: "round.update",
        actor: "admin@dgsd.gob.pe",
        target: SLUG,
        details: { round: 1, name: BASELINE, opensOn: null, closesOn: null, changes: { name: ["Ronda 1", BASELINE] } },
      },
      {
        action: "round.update",
        actor: "admin@dgsd.gob.pe",
        target: SLUG,
        details: { round: 2, name: FOLLOW_UP, opensOn: "2026-03-12", closesOn: "2026-03-15", changes: { closesOn: ["2026-03-20", "2026-03-15"] } },
      },
    ]);
  });
});
