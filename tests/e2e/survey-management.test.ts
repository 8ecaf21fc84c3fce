// An admin manages a survey in real Chromium: uploads a file whose needs declaration is broken and
// reads the problem in Spanish, uploads a valid one, opens the preview of the draft (the form renders,
// in Spanish and English, and finishing it stores nothing), publishes it, and respondents get it.
// Screenshots at 1280 and 390 px go to tests/.artifacts/.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { closeDb, tablesOf } from "@/db/client";
import { first, int } from "@/db/dialect";
import { artifact, launchChromium, seriousA11yViolations } from "../support/admin-browser";
import { ADMIN_EMAIL, call, createUser, openTestDb, signIn } from "../support/coordinators";
import { brokenSurveys, MANAGED_SLUG, managedSurvey } from "../support/managed-surveys";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let desktop: BrowserContext;
let page: Page;
let files: string;

async function signedInContext(width: number, height: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height }, locale: "es-PE" });
  const [name, value] = (await signIn(server.url, ADMIN_EMAIL)).split("=") as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  return context;
}

function writeJson(name: string, json: unknown): string {
  const file = path.join(files, name);
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
  return file;
}

async function uploadFile(p: Page, file: string): Promise<void> {
  await p.getByLabel("Archivo JSON").setInputFiles(file);
  await p.getByRole("button", { name: "Validar y guardar como borrador" }).click();
}

beforeAll(async () => {
  server = await startServer();
  await createUser(server.db, ADMIN_EMAIL, "admin");
  files = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-upload-"));
  browser = await launchChromium();
  desktop = await signedInContext(1280, 900);
  page = await desktop.newPage();
  page.on("dialog", (d) => void d.accept());
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (files) fs.rmSync(files, { recursive: true, force: true });
});

describe("managing a survey in the browser", () => {
  it("finds the way from the survey list, and reads why a broken declaration is refused", async () => {
    await page.goto(`${server.url}/admin`);
    await page.getByRole("link", { name: "Gestionar encuestas" }).click();
    await page.waitForURL(`${server.url}/admin/surveys`);
    const broken = brokenSurveys()[0]!;
    await uploadFile(page, writeJson("encuesta-rota.json", broken.survey));
    const result = page.getByTestId("upload-result");
    await expect.poll(() => result.textContent()).toContain("La encuesta no es válida (1 problema). No se guardó nada.");
    expect(await result.getByTestId("survey-problems").textContent()).toContain(broken.problemEs);
    await page.screenshot({ path: artifact("manage-refused-1280.png"), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("uploads a valid survey as a draft and sees what it contains", async () => {
    await uploadFile(page, writeJson("capacitacion.json", managedSurvey()));
    const result = page.getByTestId("upload-result");
    await expect.poll(() => result.textContent()).toContain("Válida. Guardada como borrador");
    const summary = await result.getByTestId("survey-summary").textContent();
    expect(summary).toContain("Capacitación en zonas de frontera — 2027");
    expect(summary).toContain("Sí: la matriz «Para cada tema: ¿cuánta importancia tiene y cuánto lo domina?» con 2 temas");
    expect(summary).toContain("Atención a niñas, niños y adolescentes");
    expect(summary).toContain("¿En qué institución trabaja?");
    expect((await call(server.url, `/s/${MANAGED_SLUG}`)).status).toBe(404);
    await page.screenshot({ path: artifact("manage-valid-1280.png"), fullPage: true });
  });

  it("previews the draft's form in Spanish and English without storing anything", async () => {
    await page.getByTestId("upload-result").getByRole("link", { name: "Vista previa" }).click();
    await page.waitForURL(/\/versions\/[0-9a-f]{16}\/preview$/);
    const preview = page.getByTestId("survey-preview");
    await preview.getByText("¿En qué institución trabaja?").waitFor();
    await page.screenshot({ path: artifact("manage-preview-1280.png"), fullPage: true });

    await preview.getByRole("group", { name: "Idioma del formulario" }).getByRole("button", { name: "English" }).click();
    await preview.getByText("Which institution do you work for?").waitFor();
    await preview.getByRole("button", { name: "Español" }).click();
    await preview.getByText("Superintendencia de Migraciones").click();
    await preview.getByRole("button", { name: "Siguiente" }).click();
    await preview.getByText("Identificación de víctimas en tránsito").first().waitFor();
    await preview.getByRole("button", { name: "Terminar (vista previa)" }).click();
    await preview.getByText("Vista previa terminada: no se guardó ninguna respuesta.").waitFor();
    const db = await openTestDb(server.db);
    try {
      const { responses } = tablesOf(db);
      expect(await first(db.select({ n: int(sql`count(*)`) }).from(responses))).toEqual({ n: 0 });
    } finally {
      await closeDb(db);
    }
  });

  it("publishes the draft from its preview, and respondents get it", async () => {
    await page.getByRole("button", { name: "Publicar" }).click();
    await expect.poll(() => page.getByRole("status").allTextContents()).toContainEqual(expect.stringMatching(/^Versión [0-9a-f]{16} publicada\.$/));
    const fill = await call(server.url, `/s/${MANAGED_SLUG}`);
    expect(fill.status).toBe(200);
    expect(await fill.text()).toContain("Capacitación en zonas de frontera — 2027");
    await page.getByRole("link", { name: "Versiones" }).first().click();
    await page.waitForURL(`${server.url}/admin/surveys/${MANAGED_SLUG}/versions`);
    expect(await page.getByTestId("versions-table").textContent()).toContain("publicada");
    await page.screenshot({ path: artifact("manage-versions-1280.png"), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("works on a phone: the refusal, the preview and the versions fit 390 px", async () => {
    const phone = await signedInContext(390, 844);
    try {
      const p = await phone.newPage();
      await p.goto(`${server.url}/admin/surveys`);
      await uploadFile(p, writeJson("encuesta-rota-2.json", brokenSurveys()[1]!.survey));
      await expect.poll(() => p.getByTestId("upload-result").textContent()).toContain("no tiene la columna «dominio»");
      await p.screenshot({ path: artifact("manage-refused-390.png"), fullPage: true });
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      await p.goto(`${server.url}/admin/surveys/${MANAGED_SLUG}/versions`);
      await p.screenshot({ path: artifact("manage-versions-390.png"), fullPage: true });
      await p.getByRole("link", { name: "Vista previa" }).first().click();
      await p.getByTestId("survey-preview").getByText("¿En qué institución trabaja?").waitFor();
      await p.screenshot({ path: artifact("manage-preview-390.png"), fullPage: true });
      expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    } finally {
      await phone.close();
    }
  });
});
