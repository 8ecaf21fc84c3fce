// Nothing a respondent, a coordinator or a survey file writes executes, in real Chromium under the
// site's Content-Security-Policy. HTML/JS payloads go into free-text answers (public API), into a
// unit's name and institution and a user's name (admin API), and into every text of a second
// survey, which also pipes answers ({cargo} …) into titles and html questions. Then the fill page
// (typing, back/forward, reload), the resume flow and thank-you page, and every coordinator page
// that shows them are visited: no dialog, window.__xss never set, no script-capable element
// injected, the payloads readable as literal text — and no CSP violation on any page, which also
// shows that SurveyJS and Recharts work under the policy. The CSV exports keep them inert too.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPhoneContext, screenshot } from "../support/browser";
import { call, createUser, signIn, TEST_PASSWORD } from "../support/coordinators";
import { consent } from "../support/fill-dnc-tim";
import { completeAnswers } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";
import { FORMULA, PAYLOADS, probe, recordCspViolations, watchedPage, xssSurvey, type Watch } from "../support/xss";

const ROOT = path.resolve(__dirname, "../..");
const SURVEYS = ["dnc-tim", "xss-textos"] as const;
const UNIT_NAME = `${PAYLOADS[0]} Comisión de Tumbes`;
const OPEN = ["otras_necesidades", "caso_reciente", "sugerencias"] as const;
/** Pages of the payload survey's form: its intro carries author HTML, server-rendered until the form is up. */
const AUTHOR = { authorHtml: true };

let server: TestServer;
let browser: Browser;
let admin: string;
let unit: { id: number; linkCode: string };
let userId: number;
let surveysDir: string;

/** Every free-text answer of the survey set to `p` (institution "otra" so institucion_otra shows). */
function answersWith(p: string): Record<string, unknown> {
  return completeAnswers({
    institucion: "otra",
    institucion_otra: p,
    dependencia: undefined,
    cargo: p,
    obstaculo_otro: p,
    otras_necesidades: p,
    caso_reciente: p,
    sugerencias: p,
  });
}

async function put(survey: string, data: Record<string, unknown>, complete: boolean, page = 0) {
  const res = await call(server.url, `/api/responses/${randomUUID()}`, {
    method: "PUT",
    json: { survey, unit: unit.linkCode, locale: "es", data, complete, page },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { resumeCode: string };
}

async function adminPost(p: string, json: unknown) {
  const res = await call(server.url, p, { method: "POST", cookie: admin, json });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

/** Asserts nothing ran or was injected; `authorHtml`: the survey author's own blocked handlers are expected. */
async function expectInert(w: Watch, label: string, options: { authorHtml?: boolean } = {}) {
  await w.page.waitForTimeout(300); // an injected <img onerror> fires after its failed load
  const p = await probe(w.page);
  expect(w.dialogs, `${label}: dialogs`).toEqual([]);
  expect(p.xss, `${label}: window.__xss`).toBeUndefined();
  expect(p.xssAuthor, `${label}: window.__xss_author`).toBeUndefined();
  expect(p.injected, `${label}: injected elements`).toEqual([]);
  expect(w.errors, `${label}: script errors`).toEqual([]);
  if (options.authorHtml) {
    // Only the author's inline handlers and script were blocked; nothing SurveyJS needs.
    for (const v of p.csp) expect(v, `${label}: CSP`).toMatch(/ in author-html$/);
  } else {
    expect(p.csp, `${label}: CSP violations`).toEqual([]);
    expect(w.refused, `${label}: refused by CSP`).toEqual([]);
  }
}

/**
 * "desktop" for the payload survey: its title and description hold long unbreakable words, which
 * the fill page's header does not wrap; on a phone they widen the layout viewport past the screen
 * and clicks land on the wrong element. (Any survey title with a 40-character word would.)
 */
async function context(kind: "phone" | "desktop" | "admin"): Promise<BrowserContext> {
  const ctx =
    kind === "phone"
      ? await newPhoneContext(browser)
      : await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, locale: "es-PE" });
  await recordCspViolations(ctx);
  if (kind === "admin") {
    const res = await ctx.request.post(`${server.url}/api/auth/login`, { data: { email: "admin@dgsd.gob.pe", password: TEST_PASSWORD } });
    expect(res.status()).toBe(200);
  }
  return ctx;
}

beforeAll(async () => {
  const dir = (surveysDir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-xss-surveys-")));
  const base = JSON.parse(fs.readFileSync(path.join(ROOT, "surveys/dnc-tim.json"), "utf8"));
  fs.writeFileSync(path.join(dir, "dnc-tim.json"), JSON.stringify(base));
  fs.writeFileSync(path.join(dir, "xss-textos.json"), JSON.stringify(xssSurvey(base), null, 2));
  server = await startServer({ env: { SONDEO_SURVEYS_DIR: dir, SONDEO_SEED_SAMPLE_UNITS: "0" } });
  const health = await (await fetch(`${server.url}/api/health`)).json();
  expect(health.surveys).toEqual(expect.arrayContaining([...SURVEYS]));
  await createUser(server.db, "admin@dgsd.gob.pe", "admin");
  admin = await signIn(server.url, "admin@dgsd.gob.pe");
  unit = (await adminPost("/api/admin/units", { code: "XSS-1", name: UNIT_NAME, institution: PAYLOADS[2], region: "PE-TUM", expected: 12 })).unit;
  await adminPost("/api/admin/units", { code: "XSS-2", name: FORMULA, institution: PAYLOADS[5], region: "PE-TAC", expected: 4 });
  userId = (await adminPost("/api/admin/users", { email: "xss@dgsd.gob.pe", name: PAYLOADS[1], role: "analyst", password: "una-clave-larga" })).user
    .id;
  const failed = await call(server.url, "/api/auth/login", { method: "POST", json: { email: `${PAYLOADS[0]}@x.pe`, password: "no-es-la-clave" } });
  expect(failed.status).toBe(401);
  // ≥ k completed responses in one group ("otra"), so open answers and group figures are shown.
  for (const survey of SURVEYS) for (const p of PAYLOADS) await put(survey, answersWith(p), true);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (surveysDir) fs.rmSync(surveysDir, { recursive: true, force: true });
});

describe("fill page", () => {
  it("payloads typed into text questions stay text, through back/forward and a reload (dnc-tim)", async () => {
    const ctx = await context("phone");
    const w = await watchedPage(ctx);
    const { page } = w;
    await page.goto(`${server.url}/s/dnc-tim?u=${unit.linkCode}`);
    await page.getByRole("button", { name: "Siguiente" }).waitFor();
    await expectInert(w, "fill: intro");
    await consent(page);
    await page.locator('[data-name="institucion"] label:has(input[value="otra"])').click();
    const fields = { cargo: PAYLOADS[0], institucion_otra: PAYLOADS[1] };
    for (const [name, p] of Object.entries(fields)) await page.locator(`[data-name="${name}"] input`).fill(p);
    await page.locator(".fill-status", { hasText: "Guardado" }).waitFor();
    await expectInert(w, "fill: profile typed");
    await page.getByRole("button", { name: "Anterior" }).click();
    await page.getByRole("button", { name: "Siguiente" }).click();
    for (const [name, p] of Object.entries(fields)) expect(await page.locator(`[data-name="${name}"] input`).inputValue()).toBe(p);
    await expectInert(w, "fill: back and forward");
    await page.reload();
    await page.locator('[data-name="cargo"] input').waitFor();
    expect(await page.locator('[data-name="cargo"] input').inputValue()).toBe(PAYLOADS[0]);
    await expectInert(w, "fill: after reload");
    await ctx.close();
  });

  it("answers piped into titles and html questions show as literal text (survey with payload texts)", async () => {
    const ctx = await context("desktop");
    const w = await watchedPage(ctx);
    const { page } = w;
    await page.goto(`${server.url}/s/xss-textos`);
    await page.getByRole("button", { name: "Siguiente" }).waitFor();
    expect(await page.locator("h1").textContent()).toContain(PAYLOADS[0]); // the title, as text
    await expectInert(w, "xss-textos: intro with author HTML", AUTHOR);
    // The author's HTML is rendered as HTML by design (trusted survey files); the CSP is what
    // keeps its inline handler and script from running.
    expect((await probe(page)).csp.length).toBeGreaterThan(0);
    await consent(page);
    await page.locator('[data-name="institucion"] label:has(input[value="otra"])').click();
    const title = page.locator('[data-name="cargo_categoria"] .sd-question__title');
    const echo = page.locator('[data-name="eco_perfil"] .eco');
    for (const p of PAYLOADS) {
      await page.locator('[data-name="cargo"] input').fill(p);
      await page.locator('[data-name="institucion_otra"] input').fill(p);
      await expect.poll(() => title.textContent()).toContain(`Usted escribió «${p}»`);
      await expect.poll(() => echo.textContent()).toBe(`Usted escribió: ${p} · ${p}`);
      await expectInert(w, `xss-textos: piped ${p}`, AUTHOR);
    }
    await page.locator('[data-name="cargo"] input').fill(PAYLOADS[0]);
    await title.scrollIntoViewIfNeeded();
    await screenshot(page, "xss-fill-piped-title");
    await ctx.close();
  });

  it("resume on another device, back and forward through every page, submit: thank-you page without the completed HTML", async () => {
    const data = { ...answersWith(PAYLOADS[0]), otras_necesidades: PAYLOADS[4], caso_reciente: PAYLOADS[5], obstaculo_otro: PAYLOADS[2] };
    const { resumeCode } = await put("xss-textos", data, false, 5);
    const ctx = await context("desktop");
    const w = await watchedPage(ctx);
    const { page } = w;
    await page.goto(`${server.url}/s/xss-textos?r=${resumeCode}`);
    const sugerencias = page.locator('[data-name="sugerencias"] .sd-question__title');
    await expect.poll(() => sugerencias.textContent(), { timeout: 15_000 }).toContain(`Sobre «${PAYLOADS[0]}» y «${PAYLOADS[0]}»`);
    expect(await page.locator('[data-name="eco_abiertas"] .eco').textContent()).toBe(`${PAYLOADS[4]} | ${PAYLOADS[5]}`);
    expect(await page.getByText(`Usted indicó el obstáculo «${PAYLOADS[2]}».`).count()).toBe(1);
    expect(await page.locator('[data-name="otras_necesidades"] textarea').inputValue()).toBe(PAYLOADS[4]);
    await expectInert(w, "resume: open questions", AUTHOR);
    for (let i = 0; i < 4; i++) {
      await page.getByRole("button", { name: "Anterior" }).click();
      await expectInert(w, `resume: back ${i + 1}`, AUTHOR);
    }
    expect(await page.locator('[data-name="eco_perfil"] .eco').textContent()).toBe(`Usted escribió: ${PAYLOADS[0]} · ${PAYLOADS[0]}`);
    for (let i = 0; i < 4; i++) {
      await page.getByRole("button", { name: "Siguiente" }).click();
      await expectInert(w, `resume: forward ${i + 1}`, AUTHOR);
    }
    await page.getByRole("button", { name: "Enviar" }).click();
    await page.waitForURL(/\/s\/xss-textos\/gracias$/);
    await page.locator("h1, h2").first().waitFor();
    expect(await page.locator("body").innerText()).toContain(PAYLOADS[0]); // the survey title, as text
    expect(await page.locator(".completed-marker").count()).toBe(0);
    await expectInert(w, "thank-you page after submitting", AUTHOR);
    w.refused.length = 0;
    await page.goto(page.url()); // a fresh document: no blocked author HTML at all
    await expectInert(w, "thank-you page");
    await ctx.close();
  });
});

/** Coordinator pages ({unit} and {user} are the payload unit and user), what each must show as
 * literal text, and whether it draws Recharts charts. */
const PAGES: { path: string; shows?: readonly string[]; charts?: boolean; shot?: string }[] = [
  { path: "/admin", shows: [PAYLOADS[0]] },
  { path: "/admin/units", shows: [UNIT_NAME, PAYLOADS[2], FORMULA, PAYLOADS[5]], shot: "xss-units" },
  { path: "/admin/units/{unit}", shows: [UNIT_NAME, PAYLOADS[2]], shot: "xss-unit-flyer" },
  { path: "/admin/users", shows: [PAYLOADS[1]] },
  { path: "/admin/users/{user}" },
  { path: "/admin/audit", shows: [`${PAYLOADS[0]}@x.pe`] },
  ...SURVEYS.flatMap((s) => [
    { path: `/admin/surveys/${s}/coverage`, shows: [UNIT_NAME, FORMULA], charts: true },
    { path: `/admin/surveys/${s}/needs`, shows: s === "xss-textos" ? [FORMULA] : [], charts: true, shot: `xss-needs-${s}` },
    { path: `/admin/surveys/${s}/needs?by=unit`, shows: [UNIT_NAME], charts: true },
    { path: `/admin/surveys/${s}/summary`, charts: true },
    ...OPEN.map((q) => ({
      path: `/admin/surveys/${s}/needs/open?question=${q}`,
      shows: PAYLOADS,
      shot: q === "sugerencias" ? `xss-open-${s}` : undefined,
    })),
    { path: `/admin/surveys/${s}/needs/report`, charts: true },
  ]),
];

describe("coordinator pages", () => {
  let ctx: BrowserContext;
  let w: Watch;
  beforeAll(async () => {
    ctx = await context("admin");
    w = await watchedPage(ctx);
  });
  afterAll(async () => ctx?.close());

  it.each(PAGES.map((p) => [p.path, p] as const))("%s", async (_name, spec) => {
    const url = spec.path.replace("{unit}", String(unit.id)).replace("{user}", String(userId));
    const res = await w.page.goto(url);
    expect(res?.status()).toBe(200);
    if (spec.charts) await w.page.locator(".recharts-surface").first().waitFor();
    const text = await w.page.locator("body").innerText();
    for (const p of spec.shows ?? []) expect(text, `literal text on ${url}`).toContain(p);
    if (spec.shot) await screenshot(w.page, spec.shot, { fullPage: true });
    await expectInert(w, url);
  });
});

describe("CSV exports", () => {
  const csv = async (p: string) => {
    const res = await call(server.url, p, { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    return parse(await res.text(), { bom: true, columns: true }) as Record<string, string>[];
  };
  const literal = (p: string) => (p.startsWith("=") ? `'${p}` : p);

  it.each(SURVEYS)("raw responses of %s: payloads verbatim, the formula neutralised, served as an attachment", async (s) => {
    const rows = await csv(`/api/surveys/${s}/export/responses.csv`);
    for (const col of ["cargo", "institucion_otra", "obstaculo_otro", ...OPEN]) {
      expect(
        rows.map((r) => r[col]),
        col,
      ).toEqual(expect.arrayContaining(PAYLOADS.map(literal)));
    }
    expect(new Set(rows.map((r) => r.unit_name))).toEqual(new Set([UNIT_NAME]));
  });

  it("codebook, needs and coverage CSVs neutralise formula-looking survey texts and unit names", async () => {
    const cells = (rows: Record<string, string>[]) => rows.flatMap((r) => Object.values(r));
    for (const p of [
      "/api/surveys/xss-textos/export/codebook.csv",
      "/api/surveys/xss-textos/export/needs.csv?labels=es",
      "/api/admin/surveys/dnc-tim/coverage?format=csv",
    ]) {
      const all = cells(await csv(p));
      expect(all, p).toContain(`'${FORMULA}`);
      expect(
        all.filter((c) => c.startsWith("=")),
        p,
      ).toEqual([]);
    }
    expect(cells(await csv("/api/admin/surveys/dnc-tim/coverage?format=csv"))).toContain(UNIT_NAME);
  });
});
