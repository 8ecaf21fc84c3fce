// The public response API over real HTTP against the built app and a throwaway database (either engine).
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, type Db } from "@/db/client";
import { all, get, int, run, transaction } from "@/db/dialect";
import { openTestDb } from "../support/coordinators";
import { completeAnswers } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";
import { unitLink } from "../support/units";

let server: TestServer;
let db: Db;
let tumbesLink: string;

beforeAll(async () => {
  server = await startServer();
  db = await openTestDb(server.db);
  tumbesLink = await unitLink(server.db, "CR-TUM");
});

afterAll(async () => {
  if (db) await closeDb(db);
  await server?.stop();
});

function put(id: string, body: unknown, init: RequestInit = {}) {
  return fetch(`${server.url}/api/responses/${id}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

const payload = (data: Record<string, unknown>, complete: boolean, extra: Record<string, unknown> = {}) => ({
  survey: "dnc-tim",
  unit: tumbesLink,
  locale: "es",
  data,
  complete,
  ...extra,
});

function row(id: string) {
  return get<Record<string, unknown>>(db, sql`select * from responses where id = ${id}`);
}
const count = async (table: "responses" | "need_ratings", id: string) =>
  (await get<{ n: number }>(
    db,
    sql`select ${int(sql`count(*)`)} as n from ${sql.raw(table)} where ${sql.raw(table === "responses" ? "id" : "response_id")} = ${id}`,
  ))!.n;

describe("GET /api/health", () => {
  it("answers 200 with the database and surveys", async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", db: "ok", surveys: ["dnc-inspeccion", "dnc-tim"] });
  });
});

describe("PUT /api/responses/{uuid}", () => {
  it("saves progress, then completes the same response with its need ratings", async () => {
    const id = randomUUID();
    const partial = await put(id, payload({ consentimiento: true, institucion: "pnp" }, false, { page: 1 }));
    expect(partial.status).toBe(200);
    const saved = await partial.json();
    expect(saved).toMatchObject({ id, survey: "dnc-tim", status: "partial", submittedAt: null });
    expect(saved.resumeCode).toMatch(/^[0-9A-Z]{12}$/);
    expect(await row(id)).toMatchObject({ status: "partial", current_page: 1, locale: "es" });

    const done = await put(id, payload(completeAnswers(), true));
    expect(done.status).toBe(200);
    const body = await done.json();
    expect(body).toMatchObject({ id, status: "complete", resumeCode: saved.resumeCode });
    const stored = (await row(id))!;
    expect(stored.status).toBe("complete");
    expect(stored.submitted_at).toBe(body.submittedAt);
    const tumbesId = (await get<{ id: number }>(db, sql`select id from units where code = 'CR-TUM'`))!.id;
    expect(stored.unit_id).toBe(tumbesId);
    expect(stored.survey_version).toBe(body.version);
    expect(await count("responses", id)).toBe(1);
  });

  it("writes need ratings that match the response", async () => {
    const id = randomUUID();
    const answers = completeAnswers();
    expect((await put(id, payload(answers, true))).status).toBe(200);
    const ratings = await all<Record<string, unknown>>(db, sql`select * from need_ratings where response_id = ${id} order by topic`);
    expect(ratings).toHaveLength(18);
    const matrix = answers.necesidades as Record<string, { importancia?: number; dominio?: number; no_aplica?: boolean }>;
    for (const r of ratings) {
      const expected = matrix[r.topic as string]!;
      // not_applicable: 0/1 on SQLite, a boolean on PostgreSQL.
      expect([r.importance, r.competence, Boolean(r.not_applicable)]).toEqual([
        expected.importancia ?? null,
        expected.dominio ?? null,
        Boolean(expected.no_aplica),
      ]);
      // The declared breakdowns, in their slots (dnc-tim: institucion, region, cargo_categoria, anios_casos).
      expect(r).toMatchObject({ dim1: "pnp", dim2: "PE-TUM", dim3: "policia_investigador", dim4: "1_3" });
    }
  });

  it("is idempotent: a retried submission returns the same result and stores one response", async () => {
    const id = randomUUID();
    const first = await put(id, payload(completeAnswers(), true));
    const second = await put(id, payload(completeAnswers(), true));
    expect(second.status).toBe(first.status);
    expect(await second.json()).toEqual(await first.json());
    expect(await count("responses", id)).toBe(1);
    expect(await count("need_ratings", id)).toBe(18);
  });

  it("refuses to change a submitted response (409) and keeps it as it was", async () => {
    const id = randomUUID();
    await put(id, payload(completeAnswers(), true));
    const before = await row(id);
    const changed = await put(id, payload(completeAnswers({ sugerencias: "otra cosa" }), true));
    expect(changed.status).toBe(409);
    expect((await changed.json()).error).toBe("response_already_submitted");
    const reopened = await put(id, payload({ consentimiento: true }, false));
    expect(reopened.status).toBe(409);
    expect(await row(id)).toEqual(before);
  });

  it("keeps Spanish text byte-exact from request to the database and back", async () => {
    const id = randomUUID();
    const text = "Ñandú: ¿capacitación en Áncash? ¡Sí! á é í ó ú ü ñ Ñ ¿¡ – “comillas” 😀";
    await put(id, payload(completeAnswers({ sugerencias: text, cargo: "Jefe de área – Tumbes" }), true));
    const stored = JSON.parse((await row(id))!.data as string);
    expect(stored.sugerencias).toBe(text);
    expect(Buffer.from(stored.sugerencias, "utf8").equals(Buffer.from(text, "utf8"))).toBe(true);
    const partialId = randomUUID();
    await put(partialId, payload({ consentimiento: true, cargo: text }, false));
    const back = await (await fetch(`${server.url}/api/responses/${partialId}`)).json();
    expect(back.data.cargo).toBe(text);
  });

  it("rejects invalid answers with 422 naming each key, and stores nothing", async () => {
    const id = randomUUID();
    const res = await put(id, payload(completeAnswers({ region: "PE-XXX", cuenta: "x", institucion_otra: "y" }), true));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error).toBe("invalid_answers");
    expect(body.issues.map((i: { key: string }) => i.key).sort()).toEqual(["cuenta", "region"]);
    expect(await row(id)).toBeUndefined();
  });

  it("rejects an incomplete submission with 422 and leaves the partial as it was", async () => {
    const id = randomUUID();
    await put(id, payload({ consentimiento: true, institucion: "pnp" }, false));
    const before = await row(id);
    const data = completeAnswers();
    delete data.region;
    const res = await put(id, payload(data, true));
    expect(res.status).toBe(422);
    expect((await res.json()).issues).toEqual([expect.objectContaining({ key: "region", reason: "invalid" })]);
    expect(await row(id)).toEqual(before);
    expect(await count("need_ratings", id)).toBe(0);
  });

  it.each([
    ["malformed JSON", '{"survey": ', 400, "malformed_json"],
    ["a missing field", JSON.stringify({ survey: "dnc-tim", data: {}, complete: false }), 400, "invalid_payload"],
    ["an unknown top-level field", JSON.stringify({ ...payload({}, false), admin: true }), 400, "invalid_payload"],
    ["data that is not an object", JSON.stringify({ ...payload({}, false), data: [1] }), 400, "invalid_payload"],
    ["an unknown survey", JSON.stringify({ ...payload({}, false), survey: "no-existe" }), 404, "survey_not_found"],
    ["an unknown unit", JSON.stringify({ ...payload({}, false), unit: "zzzzzzzzzzzz" }), 422, "unknown_unit"],
  ])("answers %s with a clear 4xx", async (_name, body, status, code) => {
    const id = randomUUID();
    const res = await put(id, body);
    expect(res.status).toBe(status);
    const json = await res.json();
    expect(json.error).toBe(code);
    expect(json.message).toEqual(expect.any(String));
    expect(await row(id)).toBeUndefined();
  });

  it("refuses a bad UUID, a wrong content type and invalid UTF-8", async () => {
    expect((await put("not-a-uuid", payload({}, false))).status).toBe(400);
    const id = randomUUID();
    expect((await put(id, JSON.stringify(payload({}, false)), { headers: { "content-type": "text/plain" } })).status).toBe(415);
    const bytes = Buffer.concat([
      Buffer.from('{"survey":"dnc-tim","locale":"es","complete":false,"data":{"cargo":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}}'),
    ]);
    const bad = await fetch(`${server.url}/api/responses/${id}`, { method: "PUT", headers: { "content-type": "application/json" }, body: bytes });
    expect(bad.status).toBe(400);
    expect(await row(id)).toBeUndefined();
  });

  it("refuses a body over the documented 256 KiB limit with 413", async () => {
    const id = randomUUID();
    const res = await put(id, payload({ sugerencias: "a".repeat(300 * 1024) }, false));
    expect(res.status).toBe(413);
    expect(await row(id)).toBeUndefined();
  });

  it("refuses a response id that belongs to another unit", async () => {
    const id = randomUUID();
    await put(id, payload({ consentimiento: true }, false));
    const piura = await unitLink(server.db, "CR-PIU");
    const res = await put(id, { ...payload({ consentimiento: true }, false), unit: piura });
    expect(res.status).toBe(409);
  });
});

describe("a closed survey", () => {
  it("refuses answers with 409 and a message, and accepts them again when reopened", async () => {
    const setStatus = (status: "open" | "closed") =>
      transaction(db, (tx) =>
        run(tx, sql`insert into surveys (slug, status) values ('dnc-tim', ${status}) on conflict(slug) do update set status = ${status}`),
      );
    try {
      await setStatus("closed");
      const id = randomUUID();
      const res = await put(id, payload({ consentimiento: true }, false));
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: "survey_closed", message: expect.stringMatching(/closed/) });
      expect(await row(id)).toBeUndefined();
      await setStatus("open");
      expect((await put(id, payload({ consentimiento: true }, false))).status).toBe(200);
    } finally {
      await setStatus("open");
    }
  });
});

describe("resuming", () => {
  it("finds a partial response by its resume code, in any case and with dashes", async () => {
    const id = randomUUID();
    const saved = await (await put(id, payload({ consentimiento: true, institucion: "migraciones" }, false, { page: 1 }))).json();
    const typed = `${saved.resumeCode.slice(0, 4)}-${saved.resumeCode.slice(4, 8)} ${saved.resumeCode.slice(8)}`.toLowerCase();
    const res = await fetch(`${server.url}/api/resume/${encodeURIComponent(typed)}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, status: "partial", currentPage: 1, unit: tumbesLink, data: { institucion: "migraciones" } });
    expect((await fetch(`${server.url}/api/resume/AAAAAAAAAAAA`)).status).toBe(404);
  });

  it("never returns the answers of a submitted response", async () => {
    const id = randomUUID();
    await put(id, payload(completeAnswers(), true));
    const body = await (await fetch(`${server.url}/api/responses/${id}`)).json();
    expect(body.status).toBe("complete");
    expect(body.data).toBeUndefined();
  });
});

describe("prototype-pollution keys", () => {
  it("refuses a body with a __proto__ key anywhere, storing nothing", async () => {
    const id = randomUUID();
    const body = '{"survey":"dnc-tim","unit":null,"locale":"es","data":{"__proto__":{"isAdmin":true}},"complete":false}';
    const res = await put(id, body);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe("forbidden_key");
    expect(await row(id)).toBeUndefined();
  });
});
