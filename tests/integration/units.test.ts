// The distribution list over HTTP: the seeded sample, add / edit / deactivate, link codes that
// can be regenerated, the unit page's link and QR, and the all-or-nothing CSV import.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { all } from "@/db/dialect";
import { completeAnswers } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";
import { call, createUser, openTestDb, signIn } from "../support/coordinators";

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startServer({ env: { SONDEO_PUBLIC_URL: "https://encuestas.example.pe" } });
  await createUser(server.db, "admin@dgsd.gob.pe", "admin");
  admin = await signIn(server.url, "admin@dgsd.gob.pe");
});
afterAll(async () => {
  await server?.stop();
});

type Unit = {
  id: number;
  code: string;
  name: string;
  institution: string;
  region: string;
  expected: number;
  active: boolean;
  linkCode: string;
  isSample: boolean;
};

async function units(): Promise<Unit[]> {
  const res = await call(server.url, "/api/admin/units", { cookie: admin });
  expect(res.status).toBe(200);
  return (await res.json()).units as Unit[];
}

function submit(unitLink: string, complete = true) {
  return call(server.url, `/api/responses/${randomUUID()}`, {
    method: "PUT",
    json: { survey: "dnc-tim", unit: unitLink, locale: "es", data: completeAnswers(), complete },
  });
}

const importCsv = (csv: string | Uint8Array) =>
  call(server.url, "/api/admin/units/import", { method: "POST", cookie: admin, body: csv as BodyInit, headers: { "content-type": "text/csv" } });

describe("units", () => {
  it("start with the 21-unit sample, each with its own unguessable link code", async () => {
    const list = await units();
    expect(list).toHaveLength(21);
    expect(list.every((u) => u.isSample && u.active)).toBe(true);
    expect(new Set(list.map((u) => u.linkCode)).size).toBe(21);
    for (const u of list) expect(u.linkCode).toMatch(/^[0-9a-hjkmnp-tv-z]{12}$/);
    expect(list.map((u) => u.region)).toContain("PE-LMA");
  });

  it("can be added (validated with field messages in both languages) and edited", async () => {
    const bad = await call(server.url, "/api/admin/units", {
      method: "POST",
      cookie: admin,
      json: { code: "bad code!", name: "", institution: "PNP", region: "Lima", expected: "muchos" },
    });
    expect(bad.status).toBe(422);
    const errors = (await bad.json()).errors as { column: string; message: { es: string; en: string } }[];
    expect(errors.map((e) => e.column).sort()).toEqual(["code", "expected", "name", "region"]);
    expect(errors.every((e) => e.message.es && e.message.en)).toBe(true);

    const res = await call(server.url, "/api/admin/units", {
      method: "POST",
      cookie: admin,
      json: {
        code: "pnp-dirctptim",
        name: "DIRCTPTIM – Lima",
        institution: "Policía Nacional del Perú",
        region: "PE-LMA",
        expected: "30",
        active: true,
      },
    });
    expect(res.status).toBe(201);
    const { unit } = (await res.json()) as { unit: Unit };
    expect(unit).toMatchObject({ code: "PNP-DIRCTPTIM", expected: 30, active: true, isSample: false });

    const taken = await call(server.url, `/api/admin/units/${unit.id}`, { method: "PATCH", cookie: admin, json: { code: "CR-TUM" } });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: "unit_code_taken" });

    const edit = await call(server.url, `/api/admin/units/${unit.id}`, {
      method: "PATCH",
      cookie: admin,
      json: { expected: 35, name: "DIRCTPTIM – Lima Metropolitana" },
    });
    expect(edit.status).toBe(200);
    expect((await edit.json()).unit).toMatchObject({ expected: 35, name: "DIRCTPTIM – Lima Metropolitana", linkCode: unit.linkCode });
  });

  it("shows the link and a QR code on the unit page, using SONDEO_PUBLIC_URL", async () => {
    const unit = (await units()).find((u) => u.code === "CR-TAC") as Unit;
    const res = await call(server.url, `/admin/units/${unit.id}`, { cookie: admin });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`https://encuestas.example.pe/s/dnc-tim?u=${unit.linkCode}`);
    expect(html).toMatch(/<svg[^>]*viewBox="0 0 \d+ \d+"/);
    expect(html).toContain("Tacna");
    expect((await call(server.url, "/admin/units/999999", { cookie: admin })).status).toBe(404);
  });

  it("deactivating a unit stops its link; regenerating the link stops the old one and the new one works", async () => {
    const unit = (await units()).find((u) => u.code === "CR-PIU") as Unit;
    expect((await submit(unit.linkCode)).status).toBe(200);

    expect((await call(server.url, `/api/admin/units/${unit.id}`, { method: "PATCH", cookie: admin, json: { active: false } })).status).toBe(200);
    const closed = await submit(unit.linkCode);
    expect(closed.status).toBe(422);
    expect(await closed.json()).toMatchObject({ error: "unknown_unit" });
    await call(server.url, `/api/admin/units/${unit.id}`, { method: "PATCH", cookie: admin, json: { active: true } });

    const regen = await call(server.url, `/api/admin/units/${unit.id}/link`, { method: "POST", cookie: admin });
    expect(regen.status).toBe(200);
    const fresh = ((await regen.json()) as { unit: Unit }).unit.linkCode;
    expect(fresh).not.toBe(unit.linkCode);
    expect((await submit(unit.linkCode)).status).toBe(422);
    expect((await submit(fresh)).status).toBe(200);
  });

  it("refuses cross-site changes", async () => {
    const res = await call(server.url, "/api/admin/units", {
      method: "POST",
      cookie: admin,
      json: { code: "EVIL", name: "Evil", institution: "X", region: "PE-TUM", expected: 1 },
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect((await units()).some((u) => u.code === "EVIL")).toBe(false);
  });
});

describe("CSV import", () => {
  it("imports nothing when any line is bad, and reports every problem by line and column", async () => {
    const before = await units();
    const csv = [
      "code;name;institution;region;expected;active",
      "CR-TUM;Comisión Regional – Tumbes (actualizada);Comisión regional;PE-TUM;40;sí", // valid update
      "MIG-TAC;Migraciones – Jefatura Zonal Tacna;Superintendencia Nacional de Migraciones;PE-TAC;15;sí", // valid new
      "MIG-PUN;Migraciones – Puno;Superintendencia Nacional de Migraciones;PE-PUNO;8;sí", // bad region
      "MIG-TUM;Migraciones – Tumbes;Superintendencia Nacional de Migraciones;PE-TUM;ocho;sí", // bad expected
    ].join("\r\n");
    const res = await importCsv(csv);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; errors: { line: number; column: string; message: { es: string; en: string } }[] };
    expect(body.error).toBe("invalid_csv");
    expect(body.errors.map((e) => [e.line, e.column])).toEqual([
      [4, "region"],
      [5, "expected"],
    ]);
    expect(body.errors[0]?.message.es).toContain("PE-PUNO");
    const after = await units();
    expect(after).toEqual(before);
  });

  it("inserts and updates by code in one go, keeps link codes and accents, and records it in the audit log", async () => {
    const before = await units();
    const tumbes = before.find((u) => u.code === "CR-TUM") as Unit;
    const csv =
      "\uFEFFcode,name,institution,region,expected,active\n" +
      "CR-TUM,Comisión Regional – Tumbes (actualizada),Comisión regional,PE-TUM,40,sí\n" +
      'MIG-TAC,"Migraciones – Jefatura Zonal Tacna, Santa Rosa",Superintendencia Nacional de Migraciones,PE-TAC,15,1\n' +
      "MT-ICA,Mesa de Trabajo – Ica,Mesa de trabajo,PE-ICA,7,no\n";
    const res = await importCsv(new TextEncoder().encode(csv));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ created: ["MIG-TAC"], updated: ["CR-TUM", "MT-ICA"] });
    const after = await units();
    expect(after).toHaveLength(before.length + 1);
    const t2 = after.find((u) => u.code === "CR-TUM") as Unit;
    expect(t2).toMatchObject({ name: "Comisión Regional – Tumbes (actualizada)", expected: 40, linkCode: tumbes.linkCode, isSample: false });
    expect(after.find((u) => u.code === "MIG-TAC")).toMatchObject({
      name: "Migraciones – Jefatura Zonal Tacna, Santa Rosa",
      region: "PE-TAC",
      active: true,
    });
    expect(after.find((u) => u.code === "MT-ICA")).toMatchObject({ active: false });
    // Units absent from the file are untouched.
    expect(after.find((u) => u.code === "CR-LMA")).toEqual(before.find((u) => u.code === "CR-LMA"));

    const db = await openTestDb(server.db);
    const audit = await all<{
      actor: string;
      details: string;
    }>(db, sql`select actor, details from audit_log where action = 'unit.import'`);
    await closeDb(db);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe("admin@dgsd.gob.pe");
    expect(JSON.parse(audit[0]?.details ?? "{}")).toEqual({ created: ["MIG-TAC"], updated: ["CR-TUM", "MT-ICA"] });
  });

  it("rejects a file that is not UTF-8 with advice, and a body that is not a CSV", async () => {
    const latin1 = Buffer.concat([
      Buffer.from("code,name,institution,region,expected\nX-1,Jun"),
      Buffer.from([0xed]),
      Buffer.from("n,Mesa,PE-JUN,3\n"),
    ]);
    const res = await importCsv(new Uint8Array(latin1));
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0]).toMatchObject({ code: "not_utf8" });
    const json = await call(server.url, "/api/admin/units/import", { method: "POST", cookie: admin, json: { csv: "x" } });
    expect(json.status).toBe(415);
  });
});
