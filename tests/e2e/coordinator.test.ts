// A coordinator's day in real Chromium: the first admin is created with `npm run admin:create`,
// signs in, adds a unit, prints its QR flyer, the unit's link is answered in another browser
// context, and the unit's completed count goes up on the coverage page.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifact, launchChromium, seriousA11yViolations } from "../support/admin-browser";
import { answerWholeSurvey } from "../support/fill-dnc-tim";
import { startServer, type TestServer } from "../support/server";

const ROOT = path.resolve(__dirname, "../..");
const EMAIL = "coordinacion@dgsd.gob.pe";
const PASSWORD = "Tr4fico-Migrantes-2026";

let server: TestServer;
let browser: Browser;
let admin: BrowserContext;
let page: Page;

async function completedOf(p: Page, code: string): Promise<number> {
  const cell = p.locator(`tr[data-unit="${code}"] td[data-col="completed"]`);
  return Number(await cell.textContent());
}

beforeAll(async () => {
  server = await startServer();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/admin-create.ts", "--email", EMAIL, "--name", "Coordinación DGSD"],
    { cwd: ROOT, env: { ...process.env, SONDEO_DB: server.db, SONDEO_ADMIN_PASSWORD: PASSWORD } },
  );
  expect(stdout).toContain(`Created admin account ${EMAIL}`);
  browser = await launchChromium();
  admin = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "es-PE" });
  page = await admin.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("coordinator in the browser", () => {
  it("signs in from the redirect and lands where they were going", async () => {
    await page.goto(`${server.url}/admin/units`);
    expect(new URL(page.url()).pathname).toBe("/admin/login");
    await page.getByLabel("Correo electrónico").fill(EMAIL);
    await page.getByLabel("Contraseña").fill("contraseña-equivocada");
    await page.getByRole("button", { name: "Ingresar" }).click();
    await expect.poll(() => page.locator("#login-error").textContent()).toContain("Correo o contraseña incorrectos");
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.waitForURL(`${server.url}/admin/units`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Unidades");
    await page.screenshot({ path: artifact("units.png") });
    expect(await page.getByText(EMAIL).count()).toBeGreaterThan(0);
  });

  it("adds a unit, sees its link and QR flyer, and prints only the flyer", async () => {
    await page.getByLabel("Código").fill("E2E-TAC");
    await page.getByLabel("Nombre", { exact: true }).fill("Jefatura Zonal de Migraciones – Tacna (prueba)");
    await page.getByLabel("Institución o comisión").fill("Superintendencia Nacional de Migraciones");
    await page.getByLabel("Región").selectOption("PE-TAC");
    await page.getByLabel("Respuestas esperadas").fill("2");
    await page.getByRole("button", { name: "Agregar", exact: true }).click();
    await page.waitForURL(/\/admin\/units\/\d+$/);
    // One link per open survey (surveys/*.json); this walk-through answers dnc-tim's.
    const link = await page.locator('[data-testid="unit-link"][href*="/s/dnc-tim?"]').getAttribute("href");
    expect(link).toMatch(new RegExp(`^${server.url}/s/dnc-tim\\?u=[0-9a-z]{12}$`));

    const flyer = page.getByTestId("flyer").first();
    const box = await flyer.locator(".flyer__qr svg").boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(250); // scannable from a wall at arm's length
    await flyer.screenshot({ path: artifact("qr-flyer.png") });
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: artifact("qr-flyer-print.png"), fullPage: true });
    expect(await page.getByRole("heading", { name: "Datos de la unidad" }).isVisible()).toBe(false);
    expect(await flyer.isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    await page.screenshot({ path: artifact("unit-page.png"), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("the unit's completed count goes up on the coverage page after someone answers through its link", async () => {
    const link = (await page.locator('[data-testid="unit-link"][href*="/s/dnc-tim?"]').getAttribute("href")) as string;
    await page.goto(`${server.url}/admin/surveys/dnc-tim/coverage?below=50`);
    expect(await completedOf(page, "E2E-TAC")).toBe(0);

    // A respondent on another device opens the unit's link and answers the whole form.
    const respondent = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "es-PE" });
    const phone = await respondent.newPage();
    await phone.goto(link);
    await answerWholeSurvey(phone, "Inspectora de Migraciones – Tacna, Santa Rosa");
    await respondent.close();

    await page.reload();
    expect(await completedOf(page, "E2E-TAC")).toBe(1);
    expect((await page.locator('tr[data-unit="E2E-TAC"]').getAttribute("class")) ?? "").not.toContain("is-below"); // 1 of 2 = 50 %
    expect(await page.locator('tr[data-unit="CR-TUM"]').getAttribute("class")).toContain("is-below");
    await page.locator(".recharts-bar-rectangle").first().waitFor();
    await page.screenshot({ path: artifact("coverage.png"), fullPage: true });
    await page.screenshot({ path: artifact("coverage-top.png") });
    await page.getByTestId("coverage-by-institution").screenshot({ path: artifact("coverage-by-institution.png") });
    await page.locator("section[aria-labelledby=timeline]").screenshot({ path: artifact("coverage-timeline.png") });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("switches to English and back, and signs out", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^Coverage: /);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: artifact("coverage-en-phone.png"), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("button", { name: "Español" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/^Cobertura: /);
    await page.getByRole("button", { name: "Cerrar sesión" }).click();
    await page.waitForURL(/\/admin\/login/);
    await page.screenshot({ path: artifact("login.png") });
    await page.goto(`${server.url}/admin/surveys/dnc-tim/coverage`);
    expect(new URL(page.url()).pathname).toBe("/admin/login");
  });

  it("shows the audit trail of all this to the admin, newest first", async () => {
    await page.getByLabel("Correo electrónico").fill(EMAIL);
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.waitForURL(/\/admin\/surveys\/dnc-tim\/coverage/);
    await page.goto(`${server.url}/admin/audit`);
    const actions = await page.locator('[data-testid="audit-table"] tbody tr td:nth-child(3)').allTextContents();
    expect(actions.slice(0, 4)).toEqual(["auth.login", "auth.logout", "unit.create", "auth.login"]);
    expect(actions).toContain("auth.login_failed");
    expect(actions).toContain("user.create");
    await page.getByLabel("Acción").selectOption("unit.*");
    await page.getByRole("button", { name: "Filtrar" }).click();
    await page.waitForURL(/action=unit/);
    expect(await page.locator('[data-testid="audit-table"] tbody tr').count()).toBe(1);
    await page.screenshot({ path: artifact("audit.png"), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`${server.url}/admin`);
    await page.screenshot({ path: artifact("surveys.png"), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
