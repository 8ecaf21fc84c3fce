// The CSV exports over HTTP, parsed back with a real CSV parser (csv-parse).
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, engineOf } from "@/db/client";
import { all, boolLiteral, run, transaction } from "@/db/dialect";
import { call, createUser, openTestDb, signIn } from "../support/coordinators";
import { completeAnswers } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let admin: string;
let analyst: string;
const ACCENTS = "á é í ó ú ñ ¿ ¡ Ñandú – “Tumbes”";
const INJECTIONS = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"];
const ids: string[] = [];

async function put(id: string, data: Record<string, unknown>, complete: boolean) {
  const res = await call(server.url, `/api/responses/${id}`, {
    method: "PUT",
    json: { survey: "dnc-tim", unit: null, locale: "es", data, complete },
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, "admin@example.org", "admin");
  await createUser(server.db, "analista@example.org", "analyst");
  admin = await signIn(server.url, "admin@example.org");
  analyst = await signIn(server.url, "analista@example.org");
  for (const [i, text] of INJECTIONS.entries()) {
    const id = randomUUID();
    ids.push(id);
    // Six pnp (k = 5: one release holds them all), three in Tumbes and three in Tacna.
    await put(
      id,
      completeAnswers({
        sugerencias: text,
        cargo: `${ACCENTS} ${i}`,
        institucion: "pnp",
        dependencia: "dirctptim",
        region: i % 2 ? "PE-TUM" : "PE-TAC",
      }),
      true,
    );
  }
  await put(randomUUID(), { consentimiento: true, institucion: "pnp", cargo: "parcial" }, false);
});
afterAll(async () => server?.stop());

async function download(path: string, cookie = admin) {
  const res = await call(server.url, path, { cookie });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, text: bytes.toString("utf8") };
}

function rows(text: string, delimiter = ","): Record<string, string>[] {
  return parse(text, { bom: true, columns: true, delimiter, record_delimiter: "\r\n", relax_quotes: false });
}

describe("raw responses CSV", () => {
  it("streams UTF-8 with BOM and CRLF, metadata first, one row per completed response", async () => {
    const { res, bytes, text } = await download("/api/surveys/dnc-tim/export/responses.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="sondeo-dnc-tim-respuestas-\d{8}-\d{4}\.csv"/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain("\r\n");
    const parsed = rows(text);
    expect(parsed).toHaveLength(INJECTIONS.length);
    const header = Object.keys(parsed[0]!);
    expect(header.slice(0, 8)).toEqual(["response_id", "survey_version", "unit_code", "unit_name", "status", "locale", "started_at", "submitted_at"]);
    expect(header).toContain("necesidades.T01.importancia");
    expect(header).toContain("necesidades.T18.no_aplica");
    expect(header).toContain("obstaculos.carga_laboral");
    expect(header).toContain("modalidad_orden.talleres_casos");
    expect(header.indexOf("institucion")).toBeLessThan(header.indexOf("necesidades.T01.importancia"));
    const first = parsed.find((r) => r.response_id === ids[0])!;
    expect(first.status).toBe("complete");
    expect(first.submitted_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(first.cargo).toBe(`${ACCENTS} 0`);
    expect(Buffer.from(first.cargo!, "utf8").equals(Buffer.from(`${ACCENTS} 0`, "utf8"))).toBe(true);
    expect(first["necesidades.T01.importancia"]).toBe("5");
    expect(first["necesidades.T02.no_aplica"]).toBe("1");
    expect(first["obstaculos.carga_laboral"]).toBe("1");
    expect(first["obstaculos.viaticos"]).toBe("0");
    expect(first["modalidad_orden.talleres_casos"]).toBe("1");
    expect(first.capacitacion_tim_horas).toBe("40");
  });

  it("neutralises text a spreadsheet would run as a formula", async () => {
    const parsed = rows((await download("/api/surveys/dnc-tim/export/responses.csv")).text);
    const byId = new Map(parsed.map((r) => [r.response_id, r]));
    INJECTIONS.forEach((text, i) => expect(byId.get(ids[i]!)!.sugerencias).toBe(`'${text}`));
  });

  it("writes labels instead of codes, in Spanish or English, and includes partial responses on request", async () => {
    const es = rows((await download("/api/surveys/dnc-tim/export/responses.csv?labels=es&partial=1")).text);
    expect(es).toHaveLength(INJECTIONS.length + 1);
    expect(es.find((r) => r.response_id === ids[1])!.institucion).toBe("Policía Nacional del Perú");
    expect(es.find((r) => r.response_id === ids[1])!.capacitacion_tim).toBe("Sí");
    expect(es.filter((r) => r.status === "partial").map((r) => r.cargo)).toEqual(["parcial"]);
    const en = rows((await download("/api/surveys/dnc-tim/export/responses.csv?labels=en")).text);
    expect(en.find((r) => r.response_id === ids[1])!.capacitacion_tim).toBe("Yes");
  });

  it("writes the ';' variant for Spanish-locale Excel", async () => {
    const { text } = await download("/api/surveys/dnc-tim/export/responses.csv?sep=semicolon");
    expect(text.split("\r\n")[0]).toContain("response_id;survey_version;");
    const parsed = rows(text, ";");
    expect(parsed).toHaveLength(INJECTIONS.length);
    expect(parsed[0]!.cargo).toMatch(/^á é í ó ú ñ ¿ ¡/);
  });

  it("applies the dashboard's filters", async () => {
    const parsed = rows((await download("/api/surveys/dnc-tim/export/responses.csv?institucion=pnp&region=PE-TUM")).text);
    expect(parsed.map((r) => [r.institucion, r.region])).toEqual([
      ["pnp", "PE-TUM"],
      ["pnp", "PE-TUM"],
      ["pnp", "PE-TUM"],
    ]);
    const bad = await download("/api/surveys/dnc-tim/export/responses.csv?institucion=fbi");
    expect(bad.res.status).toBe(400);
  });

  it("is refused to anonymous visitors and analysts, and each export is in the audit log", async () => {
    expect((await download("/api/surveys/dnc-tim/export/responses.csv", "")).res.status).toBe(401);
    expect((await download("/api/surveys/dnc-tim/export/responses.csv", analyst)).res.status).toBe(403);
    const db = await openTestDb(server.db);
    try {
      const entries = await all<{ actor: string; target: string; details: string }>(
        db,
        sql`select actor, action, target, details from audit_log where action = 'export.responses_csv' order by id`,
      );
      expect(entries.length).toBeGreaterThanOrEqual(5);
      expect(entries.every((e) => e.actor === "admin@example.org" && e.target === "dnc-tim")).toBe(true);
      expect(entries.some((e) => JSON.parse(e.details).filters.institucion === "pnp")).toBe(true);
    } finally {
      await closeDb(db);
    }
  });
});

describe("codebook CSV", () => {
  it("lists every export column with its question texts, type and code labels", async () => {
    const raw = Object.keys(rows((await download("/api/surveys/dnc-tim/export/responses.csv")).text)[0]!);
    const { res, text } = await download("/api/surveys/dnc-tim/export/codebook.csv", analyst);
    expect(res.status).toBe(200);
    const book = rows(text);
    expect([...new Set(book.map((r) => r.column))]).toEqual(raw);
    const imp = book.filter((r) => r.column === "necesidades.T05.importancia");
    expect(imp.map((r) => [r.code, r.label_es])).toEqual([
      ["1", "1 – Nada importante"],
      ["2", "2 – Poco importante"],
      ["3", "3 – Moderadamente importante"],
      ["4", "4 – Importante"],
      ["5", "5 – Muy importante"],
    ]);
    expect(imp[0]!.question_es).toContain("Indicadores para identificar casos de tráfico");
    expect(imp[0]!.question_en).toMatch(/indicators/i);
    expect(book.find((r) => r.column === "region" && r.code === "PE-ANC")!.label_es).toBe("Áncash");
  });
});

describe("aggregated needs CSV", () => {
  it("gives analysts the ranking with the dashboard's suppression", async () => {
    const { res, text } = await download("/api/surveys/dnc-tim/export/needs.csv?by=region", analyst);
    expect(res.status).toBe(200);
    const parsed = rows(text);
    // 6 completed responses, k = 5: the national ranking shows, each region (3 + 3) is hidden.
    const national = parsed.filter((r) => r.group === "(todos)");
    expect(national).toHaveLength(18);
    expect(national.every((r) => r.group_n === "6")).toBe(true);
    expect(national.find((r) => r.rank === "1")).toBeDefined();
    const groups = parsed.filter((r) => r.group !== "(todos)");
    expect(groups.map((r) => [r.group, r.suppressed, r.mwds])).toEqual([
      ["PE-TAC", "primary", ""],
      ["PE-TUM", "primary", ""],
    ]);
  });

  it("shows nothing but the fact when a filter leaves fewer than k responses, or is not released", async () => {
    const parsed = rows((await download("/api/surveys/dnc-tim/export/needs.csv?institucion=pnp&to=2000-01-31", analyst)).text);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]!.suppressed).toBe("filter_below_k");
    expect(parsed[0]!.mwds).toBe("");
    const tacna = rows((await download("/api/surveys/dnc-tim/export/needs.csv?region=PE-TAC", analyst)).text);
    expect(tacna.map((r) => [r.group, r.suppressed, r.mwds])).toEqual([["(todos)", "not_released", ""]]);
  });
});

describe("a large export", () => {
  it("streams 20,000+ responses completely", async () => {
    const db = await openTestDb(server.db);
    try {
      // Copies of a stored completed response with fresh ids (fast, in one statement): 32 random hex
      // digits, from each engine's own random function.
      await transaction(db, (tx) => {
        const freshId = engineOf(tx) === "sqlite" ? sql`lower(hex(randomblob(16)))` : sql`md5(cast(random() as text) || cast(i as text))`;
        return run(
          tx,
          sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 20000)
              insert into responses (id, survey_slug, survey_version, unit_id, status, data, locale, current_page,
                                     resume_code, is_demo, started_at, updated_at, submitted_at)
              select ${freshId}, r.survey_slug, r.survey_version, r.unit_id, r.status, r.data, r.locale,
                     r.current_page, 'BULK' || cast(i as text), ${boolLiteral(tx, true)}, r.started_at, r.updated_at, r.submitted_at
                from n, (select * from responses where id = ${ids[0]}) r`,
        );
      });
    } finally {
      await closeDb(db);
    }
    const { res, text } = await download("/api/surveys/dnc-tim/export/responses.csv");
    expect(res.status).toBe(200);
    const parsed = rows(text);
    expect(parsed).toHaveLength(20_000 + INJECTIONS.length);
    expect(parsed.at(-1)!.cargo).toMatch(/^á é í ó ú ñ ¿ ¡/);
  }, 120_000);
});

describe("download buttons", () => {
  it("the responses page lists responses with the filters in effect and carries them into the downloads", async () => {
    const res = await call(server.url, "/admin/surveys/dnc-tim/responses?institucion=pnp", { cookie: admin });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/data-testid="response-counts"[^>]*>6 completas · 1 incompleta</);
    expect(html).toContain('action="/api/surveys/dnc-tim/export/needs.csv"');
    expect(html).toContain('formAction="/api/surveys/dnc-tim/export/responses.csv"');
    expect(html).toMatch(/<input type="hidden" name="institucion" value="pnp"\/>/);
    const denied = await call(server.url, "/admin/surveys/dnc-tim/responses", { cookie: analyst });
    expect(denied.status).toBe(307);
    expect(denied.headers.get("location")).toContain("/admin/forbidden");
  });

  it("the needs dashboard offers the downloads for its view, without raw data for analysts", async () => {
    const html = await (await call(server.url, "/admin/surveys/dnc-tim/needs?region=PE-TUM", { cookie: analyst })).text();
    expect(html).toContain('action="/api/surveys/dnc-tim/export/needs.csv"');
    expect(html).toMatch(/<input type="hidden" name="region" value="PE-TUM"\/>/);
    expect(html).not.toContain("export/responses.csv");
  });
});
