// Surveys managed from the coordinator area, over real HTTP on one server: an admin uploads a
// SurveyJS JSON as a draft (respondents do not see it), publishes it (they do, and can answer),
// uploads and publishes a new version (earlier responses keep theirs); broken declarations are
// refused naming the problem and store nothing; removal is refused once anyone answered or while
// the file is in the surveys folder; analysts are refused; everything is in the audit log. The
// surveys folder is a copy, so the file channel can be exercised too: an unchanged file never
// overrides an upload (not even across a restart), a changed one is imported and published.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { all } from "@/db/dialect";
import { call, openTestDb, signInAdminAndAnalyst } from "../support/coordinators";
import { DNC_TIM_PATH, loadDncTim } from "../support/dnc-tim";
import { brokenSurveys, MANAGED_SLUG, managedAnswers, managedSurvey } from "../support/managed-surveys";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let admin: string;
let analyst: string;
let surveysDir: string;
const versions: { v1?: string; v2?: string; uploadedDncTim?: string } = {};

/** Rows of a raw query on the server's database (either engine). */
async function rowsOf<T>(query: SQL): Promise<T[]> {
  const db = await openTestDb(server.db);
  try {
    return await all<T>(db, query);
  } finally {
    await closeDb(db);
  }
}

const upload = (json: unknown, cookie = admin) => call(server.url, "/api/admin/surveys", { method: "POST", cookie, json });
const publish = (slug: string, version: string, cookie = admin) =>
  call(server.url, `/api/admin/surveys/${slug}/versions/${version}/publish`, { method: "POST", cookie });
const answer = (survey: string, data: Record<string, unknown>, id = randomUUID()) =>
  call(server.url, `/api/responses/${id}`, { method: "PUT", json: { survey, unit: null, locale: "es", data, complete: true } });
const fillPage = async (slug: string) => {
  const res = await call(server.url, `/s/${slug}`);
  return { status: res.status, html: await res.text() };
};

beforeAll(async () => {
  surveysDir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-surveys-"));
  fs.copyFileSync(DNC_TIM_PATH, path.join(surveysDir, "dnc-tim.json"));
  server = await startServer({ env: { SONDEO_SURVEYS_DIR: surveysDir } });
  ({ admin, analyst } = await signInAdminAndAnalyst(server));
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(surveysDir, { recursive: true, force: true });
});

describe("uploading and publishing a new survey", () => {
  it("stores a valid upload as a draft that respondents do not get", async () => {
    const res = await upload(managedSurvey());
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ slug: MANAGED_SLUG, isNew: true, surveyCreated: true, published: false });
    expect(body.summary).toMatchObject({
      title: { es: "Capacitación en zonas de frontera — 2027", en: "Training at border posts — 2027" },
      questions: 3,
      pages: 2,
      needs: {
        topics: [
          { es: "Identificación de víctimas en tránsito", en: "Identifying victims in transit" },
          { es: "Atención a niñas, niños y adolescentes", en: "Care for children and adolescents" },
        ],
        breakdowns: [{ es: "¿En qué institución trabaja?", en: "Which institution do you work for?" }],
      },
    });
    versions.v1 = body.version;

    expect((await fillPage(MANAGED_SLUG)).status).toBe(404);
    const refused = await answer(MANAGED_SLUG, managedAnswers());
    expect(refused.status).toBe(404);
    const health = await (await call(server.url, "/api/health")).json();
    expect(health.surveys).toEqual(["dnc-tim"]);
  });

  it("treats the same content uploaded again as the same draft", async () => {
    const res = await upload(managedSurvey());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: versions.v1, isNew: false, surveyCreated: false, published: false });
    expect(await rowsOf(sql`select version from survey_versions where slug = ${MANAGED_SLUG}`)).toHaveLength(1);
  });

  it("lists the draft with its origin and who uploaded it", async () => {
    const res = await call(server.url, `/api/admin/surveys/${MANAGED_SLUG}/versions`, { cookie: admin });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      slug: MANAGED_SLUG,
      published: null,
      versions: [{ version: versions.v1, origin: "upload", uploadedBy: "admin@dgsd.gob.pe", publishedAt: null, isPublished: false, responses: 0 }],
    });
  });

  it("serves the survey once published, with its accents, and accepts answers for that version", async () => {
    const res = await publish(MANAGED_SLUG, versions.v1!);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: versions.v1, previous: null, changed: true });
    const page = await fillPage(MANAGED_SLUG);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Capacitación en zonas de frontera — 2027");
    const id = randomUUID();
    const saved = await answer(MANAGED_SLUG, managedAnswers(), id);
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(await saved.json()).toMatchObject({ version: versions.v1, status: "complete" });
    const [row] = await rowsOf<{ survey_version: string; data: string }>(sql`select survey_version, data from responses where id = ${id}`);
    expect(row?.survey_version).toBe(versions.v1);
    expect(JSON.parse(row!.data).sugerencias).toBe("Más talleres en Tumbes, por favor; también en Puno y Tacna.");
  });

  it("keeps each response's version when a new version is uploaded and published", async () => {
    const res = await upload(managedSurvey("Capacitación en zonas de frontera — 2027 (revisión)"));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ isNew: true, surveyCreated: false, published: false });
    versions.v2 = body.version;
    expect(versions.v2).not.toBe(versions.v1);
    // Until it is published, respondents still get the first version.
    expect((await fillPage(MANAGED_SLUG)).html).not.toContain("(revisión)");
    expect((await publish(MANAGED_SLUG, versions.v2!)).status).toBe(200);
    expect((await fillPage(MANAGED_SLUG)).html).toContain("Capacitación en zonas de frontera — 2027 (revisión)");
    expect(await (await answer(MANAGED_SLUG, managedAnswers())).json()).toMatchObject({ version: versions.v2 });

    const counts = await rowsOf<{ survey_version: string; n: number }>(
      sql`select survey_version, cast(count(*) as integer) n from responses where survey_slug = ${MANAGED_SLUG} group by survey_version order by survey_version`,
    );
    expect(Object.fromEntries(counts.map((c) => [c.survey_version, c.n]))).toEqual({ [versions.v1!]: 1, [versions.v2!]: 1 });
    const listed = await (await call(server.url, `/api/admin/surveys/${MANAGED_SLUG}/versions`, { cookie: admin })).json();
    expect(listed.published).toBe(versions.v2);
    const byVersion = Object.fromEntries((listed.versions as { version: string; publishedAt: string | null }[]).map((v) => [v.version, v]));
    expect(byVersion[versions.v1!]).toMatchObject({ isPublished: false, responses: 1, completed: 1 });
    expect(byVersion[versions.v2!]).toMatchObject({ isPublished: true, responses: 1 });
    expect(byVersion[versions.v1!]?.publishedAt).not.toBeNull();
  });
});

describe("a definition that cannot be served", () => {
  it.each(brokenSurveys().map((b) => [b.name, b] as const))("is refused with 422 naming the problem: %s", async (_name, broken) => {
    const before = (await rowsOf<{ n: number }>(sql`select cast(count(*) as integer) n from survey_versions`))[0]!.n;
    const res = await upload({ ...broken.survey, slug: "encuesta-rota" });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; problems: { es: string; en: string }[] };
    expect(body.error).toBe("invalid_survey");
    expect(body.problems.map((p) => p.es).join("\n")).toContain(broken.problemEs);
    expect(body.problems.map((p) => p.en).join("\n")).toContain(broken.problemEn);
    expect((await rowsOf<{ n: number }>(sql`select cast(count(*) as integer) n from survey_versions`))[0]!.n).toBe(before);
    expect(await rowsOf(sql`select slug from surveys where slug = 'encuesta-rota'`)).toEqual([]);
  });

  it("is refused when it has no slug, or is not JSON", async () => {
    const { slug: _slug, ...withoutSlug } = managedSurvey();
    const res = await upload(withoutSlug);
    expect(res.status).toBe(422);
    expect(((await res.json()).problems as { es: string }[])[0]?.es).toContain("Falta la propiedad «slug»");
    const bad = await call(server.url, "/api/admin/surveys", {
      method: "POST",
      cookie: admin,
      headers: { "content-type": "application/json" },
      body: "{ no es json",
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "malformed_json" });
  });
});

describe("removing a survey", () => {
  it("is refused once the survey has responses: close it instead", async () => {
    const res = await call(server.url, `/api/admin/surveys/${MANAGED_SLUG}`, { method: "DELETE", cookie: admin });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: "survey_has_responses" });
    expect((await fillPage(MANAGED_SLUG)).status).toBe(200);
  });

  it("is refused while its file is in the surveys folder, which would bring it back", async () => {
    const res = await call(server.url, "/api/admin/surveys/dnc-tim", { method: "DELETE", cookie: admin });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body).toMatchObject({ error: "survey_file_present" });
    expect(body.message).toContain("dnc-tim.json");
  });

  it("removes a survey nobody answered, with all its versions", async () => {
    const draft = { ...managedSurvey("Borrador que se descarta"), slug: "borrador-descartado" };
    expect((await upload(draft)).status).toBe(201);
    const res = await call(server.url, "/api/admin/surveys/borrador-descartado", { method: "DELETE", cookie: admin });
    expect(res.status).toBe(200);
    expect(await rowsOf(sql`select * from survey_versions where slug = 'borrador-descartado'`)).toEqual([]);
    expect((await call(server.url, "/api/admin/surveys/borrador-descartado/versions", { cookie: admin })).status).toBe(404);
    expect((await call(server.url, "/api/admin/surveys/borrador-descartado", { method: "DELETE", cookie: admin })).status).toBe(404);
  });
});

describe("an analyst", () => {
  it("may not upload, list versions, publish or remove", async () => {
    const attempts = [
      await upload({ ...managedSurvey("Intento de analista"), slug: "de-analista" }, analyst),
      await call(server.url, `/api/admin/surveys/${MANAGED_SLUG}/versions`, { cookie: analyst }),
      await publish(MANAGED_SLUG, versions.v1!, analyst),
      await call(server.url, `/api/admin/surveys/${MANAGED_SLUG}`, { method: "DELETE", cookie: analyst }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: "forbidden" });
    }
    expect(await rowsOf(sql`select slug from surveys where slug = 'de-analista'`)).toEqual([]);
    expect((await rowsOf<{ v: string }>(sql`select published_version v from surveys where slug = ${MANAGED_SLUG}`))[0]?.v).toBe(versions.v2);
  });
});

describe("the surveys folder as an import channel", () => {
  const dncTim = () => JSON.parse(fs.readFileSync(path.join(surveysDir, "dnc-tim.json"), "utf8")) as Record<string, unknown>;

  it("an unchanged file does not override a version published since, not even after a restart", async () => {
    const variant = dncTim();
    variant.title = { default: "Diagnóstico de necesidades (versión subida)", en: "Needs assessment (uploaded version)" };
    const res = await upload(variant);
    expect(res.status).toBe(201);
    versions.uploadedDncTim = (await res.json()).version;
    expect((await publish("dnc-tim", versions.uploadedDncTim!)).status).toBe(200);
    expect((await fillPage("dnc-tim")).html).toContain("Diagnóstico de necesidades (versión subida)");
    await new Promise((r) => setTimeout(r, 2500)); // past the registry's rescan interval
    expect((await fillPage("dnc-tim")).html).toContain("(versión subida)");

    await server.stop();
    server = await startServer({ db: server.db, env: { SONDEO_SURVEYS_DIR: surveysDir } });
    expect((await fillPage("dnc-tim")).html).toContain("(versión subida)");
  });

  it("a changed file is imported and published within seconds", async () => {
    const edited = dncTim();
    edited.title = { default: "Diagnóstico de necesidades (archivo editado)", en: "Needs assessment (edited file)" };
    fs.writeFileSync(path.join(surveysDir, "dnc-tim.json"), JSON.stringify(edited, null, 2));
    const deadline = Date.now() + 10_000;
    let html = "";
    while (Date.now() < deadline) {
      html = (await fillPage("dnc-tim")).html;
      if (html.includes("(archivo editado)")) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(html).toContain("Diagnóstico de necesidades (archivo editado)");
    const rows = await rowsOf<{ origin: string; published_at: string | null }>(
      sql`select v.origin, v.published_at from surveys s join survey_versions v on v.slug = s.slug and v.version = s.published_version where s.slug = 'dnc-tim'`,
    );
    expect(rows).toEqual([{ origin: "file", published_at: expect.any(String) }]);
  });

  it("refuses a broken file, keeps serving the published version and shows the problem to admins", async () => {
    const broken = dncTim();
    (broken.needsAssessment as Record<string, unknown>).breakdowns = ["institucion", "grado_policial"];
    fs.writeFileSync(path.join(surveysDir, "dnc-tim.json"), JSON.stringify(broken, null, 2));
    await new Promise((r) => setTimeout(r, 2500));
    expect((await fillPage("dnc-tim")).html).toContain("(archivo editado)");
    const page = await (await call(server.url, "/admin/surveys", { cookie: admin })).text();
    expect(page.includes("El desglose «grado_policial» no es una pregunta de la encuesta."), "problem shown on /admin/surveys").toBe(true);
  });
});

describe("the audit log", () => {
  it("records every upload, publication, removal and file import", async () => {
    const rows = await rowsOf<{ action: string; actor: string; target: string; details: string }>(
      sql`select action, actor, target, details from audit_log where action like 'survey.%' order by id`,
    );
    const summary = rows.map((r) => `${r.action} ${r.actor} ${r.target}`);
    expect(summary).toEqual([
      "survey.import file dnc-tim",
      `survey.upload admin@dgsd.gob.pe ${MANAGED_SLUG}`,
      `survey.publish admin@dgsd.gob.pe ${MANAGED_SLUG}`,
      `survey.upload admin@dgsd.gob.pe ${MANAGED_SLUG}`,
      `survey.publish admin@dgsd.gob.pe ${MANAGED_SLUG}`,
      "survey.upload admin@dgsd.gob.pe borrador-descartado",
      "survey.remove admin@dgsd.gob.pe borrador-descartado",
      "survey.upload admin@dgsd.gob.pe dnc-tim",
      "survey.publish admin@dgsd.gob.pe dnc-tim",
      "survey.import file dnc-tim",
    ]);
    const publication = JSON.parse(rows[4]!.details);
    expect(publication).toEqual({ version: versions.v2, previous: versions.v1 });
    const imported = JSON.parse(rows[9]!.details);
    expect(imported).toMatchObject({ file: "dnc-tim.json", previous: versions.uploadedDncTim });
    expect(JSON.parse(rows[0]!.details)).toMatchObject({ version: loadDncTim().version, previous: null });
  });
});
