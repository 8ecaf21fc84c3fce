// A person opens the fill link once at the office and again at a border post without signal, on a
// 390 px phone in real Chromium: the form comes up from the device, the answers given there are
// kept on it and sent when the connection returns; a survey that changed or closed meanwhile is
// explained once back online, without losing anything. "Without a connection" here is the phone
// offline *and* the server stopped (Chromium's offline switch does not reach a service worker's
// own requests); "back online" is the server started again at the same address.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPhoneContext, screenshot } from "../support/browser";
import { choose, consent, fillProfile, rateTopic, ratingFor } from "../support/fill-dnc-tim";
import { TOPICS } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";
import { unitLink } from "../support/units";

const ROOT = path.resolve(__dirname, "../..");
const READY = "Este formulario también se abrirá sin conexión en este dispositivo.";
const COPY = /^Sin conexión: este es el formulario guardado en este dispositivo/;

let server: TestServer;
let browser: Browser;
let link: string;
let surveysDir: string;
let port: number;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const conn = new Database(server.db, { readonly: true, fileMustExist: true });
  try {
    return conn.prepare(sql).all(...params) as T[];
  } finally {
    conn.close();
  }
}

function execute(sql: string): void {
  const conn = new Database(server.db);
  try {
    conn.prepare(sql).run();
  } finally {
    conn.close();
  }
}

async function eventually<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const boot = (dbFile?: string) => startServer({ dbFile, port, env: { SONDEO_SURVEYS_DIR: surveysDir } });

/** No signal: the phone is offline and nothing answers at the server's address. */
async function loseConnection(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await server.stop();
}

async function regainConnection(context: BrowserContext): Promise<void> {
  server = await boot(server.db);
  await context.setOffline(false);
}

const fillUrl = () => `${server.url}/s/dnc-tim?u=${link}`;
const next = (page: Page) => page.getByRole("button", { name: "Siguiente" }).click();
const cargo = (page: Page) => page.getByRole("textbox", { name: "Cargo que desempeña (opcional)" });
const isOfflineCopy = (page: Page) => page.evaluate(() => document.documentElement.hasAttribute("data-offline-copy"));

/** The first visit, at the office: consent and the profile, saved, and the page kept on the device. */
async function firstVisit(context: BrowserContext, position: string): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) server = await boot(server.db); // after a failed test
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("[browser]", e.message));
  await page.goto(fillUrl());
  await page.getByText(READY, { exact: true }).waitFor();
  expect(await isOfflineCopy(page)).toBe(false);
  await consent(page);
  await fillProfile(page, position);
  await page.getByText("Guardado", { exact: true }).waitFor();
  await page.close();
}

/** The link opened again with no connection: the device's copy, on the page where the person was. */
async function reopenOffline(context: BrowserContext, position: string): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("[browser]", e.message));
  await page.goto(fillUrl());
  await cargo(page).waitFor();
  expect(await isOfflineCopy(page)).toBe(true);
  await page.getByText(COPY).waitFor();
  expect(await cargo(page).inputValue()).toBe(position);
  return page;
}

beforeAll(async () => {
  surveysDir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-surveys-"));
  for (const f of fs.readdirSync(path.join(ROOT, "surveys")).filter((f) => f.endsWith(".json"))) {
    fs.copyFileSync(path.join(ROOT, "surveys", f), path.join(surveysDir, f));
  }
  server = await startServer({ env: { SONDEO_SURVEYS_DIR: surveysDir } });
  port = server.port;
  browser = await launchBrowser();
  link = await unitLink(server.db, "CR-TUM");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (surveysDir) fs.rmSync(surveysDir, { recursive: true, force: true });
});

describe("fill link reopened without a connection (390×844 phone, real Chromium)", () => {
  it("opens from the device after a first visit, and the answers given offline are submitted once back online", async () => {
    const context = await newPhoneContext(browser);
    const position = "Suboficial de frontera – Aguas Verdes, Tumbes";
    await firstVisit(context, position);

    await loseConnection(context);
    const page = await reopenOffline(context, position);
    await screenshot(page, "offline-reopen-390");
    await next(page);
    for (const topic of TOPICS) await rateTopic(page, topic, ...ratingFor(topic));
    await next(page);
    await choose(page, "¿Qué duración de capacitación le resulta más viable?", "1 día");
    await next(page);
    await next(page);
    await page.getByRole("textbox", { name: /sugerencias sobre el contenido/ }).fill("Respondido sin señal en el puesto de control");
    await page.getByRole("button", { name: "Enviar" }).click();
    await page.getByText("Sin conexión, reintentando…", { exact: true }).waitFor();
    expect(query("select id from responses where status = 'complete'")).toEqual([]);

    await regainConnection(context);
    await page.waitForURL(/\/s\/dnc-tim\/gracias$/, { timeout: 60_000 });
    const [row] = query<{ id: string; data: string }>("select id, data from responses where status = 'complete'");
    const data = JSON.parse(row!.data) as Record<string, unknown>;
    expect(data).toMatchObject({ cargo: position, duracion: expect.anything(), sugerencias: "Respondido sin señal en el puesto de control" });
    const ratings = query<{ n: number }>("select count(*) as n from need_ratings where response_id = ?", row!.id);
    expect(ratings[0]!.n).toBe(18);
    await context.close();
  });

  it("says so when the survey changed meanwhile, and continues with the new version keeping the answers", async () => {
    const context = await newPhoneContext(browser);
    const position = "Inspectora – Santa Rosa, Tacna";
    await firstVisit(context, position);
    const [before] = query<{ version: string }>("select survey_version as version from responses where data like '%Santa Rosa%'");

    await loseConnection(context);
    // Meanwhile the coordination corrects the survey's subtitle: a new version.
    const file = path.join(surveysDir, "dnc-tim.json");
    const definition = JSON.parse(fs.readFileSync(file, "utf8")) as { description: { default: string } };
    definition.description.default += " (versión corregida)";
    fs.writeFileSync(file, JSON.stringify(definition, null, 2));
    const page = await reopenOffline(context, position);
    await cargo(page).fill(`${position}, turno noche`);
    await page.getByText("Sin conexión: se guardará al reconectar", { exact: true }).waitFor();

    await regainConnection(context);
    await page.getByText(/^La encuesta cambió desde que se guardó este formulario/).waitFor({ timeout: 60_000 });
    await screenshot(page, "offline-survey-changed-390");
    await page.getByRole("button", { name: "Actualizar la encuesta" }).click();
    await page.getByText(/\(versión corregida\)/).waitFor();
    expect(await isOfflineCopy(page)).toBe(false);
    expect(await cargo(page).inputValue()).toBe(`${position}, turno noche`);
    const [after] = await eventually(() => {
      const rows = query<{ version: string; data: string }>("select survey_version as version, data from responses where data like '%turno noche%'");
      return rows.length > 0 ? rows : undefined;
    }, "the answer given offline on the server");
    expect(after!.version).not.toBe(before!.version);
    await context.close();
  });

  it("says so when the survey closed meanwhile, keeping the answers on the device, and forgets the copy", async () => {
    const context = await newPhoneContext(browser);
    const position = "Fiscal adjunto – Desaguadero, Puno";
    await firstVisit(context, position);

    await loseConnection(context);
    execute("insert into surveys (slug, status) values ('dnc-tim', 'closed') on conflict (slug) do update set status = 'closed'");
    const page = await reopenOffline(context, position);
    await cargo(page).fill(`${position} (sin señal)`);

    await regainConnection(context);
    await page
      .getByText(/^La encuesta se cerró y ya no recibe respuestas\. Sus respuestas siguen guardadas en este dispositivo/)
      .waitFor({ timeout: 60_000 });
    const kept = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith("sondeo:draft:dnc-tim:"))
        .map((k) => localStorage.getItem(k) ?? ""),
    );
    expect(kept.some((d) => d.includes("(sin señal)"))).toBe(true);

    // Opened again online, the link says the survey is closed, and the device drops its copy.
    await page.goto(fillUrl());
    await page.getByRole("heading", { name: "Esta encuesta está cerrada" }).waitFor();
    await page.waitForTimeout(500);
    await loseConnection(context);
    await expect(page.goto(fillUrl())).rejects.toThrow();
    await regainConnection(context);
    execute("update surveys set status = 'open' where slug = 'dnc-tim'");
    await context.close();
  });
});
