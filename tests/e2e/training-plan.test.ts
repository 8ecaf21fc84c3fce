// The training plan in real Chromium against the built app: an admin renames, drops, reorders a
// module and chooses its places, saves; the reload shows the saved plan; the printable page fits A4
// (794 px wide, print media), screenshotted and printed to PDF; an analyst sees it read-only; and
// the second survey's plan prints too.
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, openDb } from "@/db/client";
import { saveResponse } from "@/db/queries/save-response";
import { getSurvey } from "@/surveys/registry";
import { dncInspeccionDataset } from "../support/dnc-inspeccion-dataset";
import { ANALYST, createAnalyst } from "../support/needs-auth";
import { ARTIFACTS, launchChromium, openWatched, pdfPageCount, signedInContext } from "../support/needs-browser";
import { insertSyntheticResponses } from "../support/needs-fixtures";
import { startServer, type TestServer } from "../support/server";

const ADMIN = { email: "coordinadora@example.org", password: "clave-de-prueba-456" };
const A4_WIDTH = 794;
let server: TestServer;
let browser: Browser;
let adminContext: BrowserContext;
let analystContext: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  const db = await openDb(server.db);
  const tim = await getSurvey("dnc-tim");
  const inspeccion = await getSurvey("dnc-inspeccion");
  if (!tim || !inspeccion) throw new Error("no surveys");
  await insertSyntheticResponses(db, tim, { count: 500, seed: 13 });
  for (const [i, data] of dncInspeccionDataset().completed.entries()) {
    await saveResponse(db, {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      survey: inspeccion,
      unitId: null,
      locale: "es",
      data,
      complete: true,
      at: "2026-03-15T15:00:00.000Z",
    });
  }
  await closeDb(db);
  await createAnalyst(server.db);
  await createAnalyst(server.db, ADMIN, "admin");
  browser = await launchChromium();
  adminContext = await signedInContext(browser, server.url, ADMIN);
  analystContext = await signedInContext(browser, server.url, ANALYST);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const moduleIds = (page: import("playwright-core").Page) =>
  page.locator("li[data-module]").evaluateAll((els) => els.map((e) => e.getAttribute("data-module")));

describe("training plan", () => {
  it("an admin edits the draft, saves it, and the reload shows the saved plan", async () => {
    const page = await openWatched(adminContext, "/admin/surveys/dnc-tim/plan");
    await page.locator("li[data-module]").first().waitFor();
    const before = await moduleIds(page);
    expect(before.length).toBeGreaterThanOrEqual(4);
    await expect(page.getByTestId("plan-saved").textContent()).resolves.toContain("aún no se ha guardado");
    const first = page.locator("li[data-module]").nth(0);
    await first.getByLabel("Título del módulo").fill("Trata de personas en frontera: identificación y derivación");
    await first.getByTestId(`places-${before[0]}`).selectOption(["PE-TAC", "PE-TUM"]);
    await page.locator("li[data-module]").nth(1).getByLabel("Incluir en el plan").uncheck();
    await page.getByRole("button", { name: `Subir: ${before[3]}` }).click();
    await page.getByLabel("Notas generales del plan").fill("Prioridad: fronteras sur y norte — señalética ¿sí?");
    await page.screenshot({ path: path.join(ARTIFACTS, "training-plan-editor.png"), fullPage: true });
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Guardar plan" }).click()]);
    await page.locator("li[data-module]").first().waitFor();
    await expect(page.getByTestId("plan-saved").textContent()).resolves.toContain("Versión 1 guardada por coordinadora@example.org");
    const after = await moduleIds(page);
    expect(after.slice(0, 4)).toEqual([before[0], before[1], before[3], before[2]]);
    await expect(page.locator("li[data-module]").nth(0).getByLabel("Título del módulo").inputValue()).resolves.toBe(
      "Trata de personas en frontera: identificación y derivación",
    );
    await expect(page.locator("li[data-module]").nth(1).getByLabel("Incluir en el plan").isChecked()).resolves.toBe(false);
    await expect(
      page.getByTestId(`places-${before[0]}`).evaluate((s: HTMLSelectElement) => [...s.selectedOptions].map((o) => o.value)),
    ).resolves.toEqual(["PE-TAC", "PE-TUM"]);
    await expect(page.getByLabel("Notas generales del plan").inputValue()).resolves.toBe("Prioridad: fronteras sur y norte — señalética ¿sí?");
    await expect(page.getByTestId("plan-changes").textContent()).resolves.toContain("Nada cambió");
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("prints on A4: the accepted modules in order with their figures, no dropped module, nothing wider than the page", async () => {
    const page = await openWatched(adminContext, "/admin/surveys/dnc-tim/plan/print", { width: A4_WIDTH, height: 1123 });
    await page.emulateMedia({ media: "print" });
    const headings = await page.locator(".plan-module h2").allTextContents();
    expect(headings[0]).toBe("Módulo 1. Trata de personas en frontera: identificación y derivación");
    expect(await page.locator("[data-testid=module-places]").first().textContent()).toBe("Lugares propuestos: Tacna, Tumbes");
    const saved = await (await adminContext.request.get("/api/surveys/dnc-tim/plan")).json();
    const accepted = (saved.plan.modules as { id: string; accepted: boolean; shown: boolean }[])
      .filter((m) => m.accepted && m.shown)
      .map((m) => m.id);
    expect(await page.locator(".plan-module").evaluateAll((els) => els.map((e) => e.getAttribute("data-module")))).toEqual(accepted);
    await expect(page.getByTestId("plan-logistics").textContent()).resolves.toContain("Borda");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(A4_WIDTH);
    await page.screenshot({ path: path.join(ARTIFACTS, "training-plan-print-a4.png"), fullPage: true });
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(path.join(ARTIFACTS, "training-plan.pdf"), pdf);
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("an analyst reads the plan but cannot edit it", async () => {
    const page = await openWatched(analystContext, "/admin/surveys/dnc-tim/plan");
    await page.locator("li[data-module]").first().waitFor();
    await expect(page.getByText("Solo un administrador puede editar").count()).resolves.toBe(1);
    await expect(page.getByRole("button", { name: "Guardar plan" }).count()).resolves.toBe(0);
    await expect(page.locator("li[data-module]").first().getByLabel("Título del módulo").isDisabled()).resolves.toBe(true);
    await page.close();
  });

  it("drafts and prints the second survey's plan (no calendar questions: no months)", async () => {
    const page = await openWatched(adminContext, "/admin/surveys/dnc-inspeccion/plan/print", { width: A4_WIDTH, height: 1123 });
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".plan-module").count()).toBeGreaterThan(0);
    await expect(page.getByTestId("plan-logistics").textContent()).resolves.toContain("Borda");
    expect(await page.getByText(/^Meses:/).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(A4_WIDTH);
    await page.screenshot({ path: path.join(ARTIFACTS, "training-plan-inspeccion-print-a4.png"), fullPage: true });
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
