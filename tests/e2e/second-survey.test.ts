// The platform on a second needs survey (surveys/dnc-inspeccion.json: 12 topics, a 1–4 scale,
// breakdowns by intendencia and función, no region, no unit) in real Chromium: the needs dashboard
// and the question summary follow its declaration — its topics, scale, breakdowns and labels.
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, openDb } from "@/db/client";
import { saveResponse } from "@/db/queries/save-response";
import { getSurvey } from "@/surveys/registry";
import { dncInspeccionDataset } from "../support/dnc-inspeccion-dataset";
import { createAnalyst } from "../support/needs-auth";
import { ARTIFACTS, launchChromium, openWatched, signedInContext } from "../support/needs-browser";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
const SLUG = "dnc-inspeccion";

const open = (url: string, viewport = { width: 1400, height: 1000 }) => openWatched(context, url, viewport);

beforeAll(async () => {
  server = await startServer();
  const db = await openDb(server.db);
  const survey = await getSurvey(SLUG);
  if (!survey?.needs) throw new Error(`no survey ${SLUG}`);
  const data = dncInspeccionDataset();
  for (const [i, answers] of data.completed.entries()) {
    const id = `5e0c0d00-0000-4000-a000-${String(i).padStart(12, "0")}`;
    await saveResponse(db, {
      id,
      survey,
      unitId: null,
      locale: "es",
      data: answers,
      complete: true,
      at: new Date(Date.parse("2026-04-01T15:00:00Z") + i * 3_600_000).toISOString(),
    });
  }
  await closeDb(db);
  await createAnalyst(server.db);
  browser = await launchChromium();
  context = await signedInContext(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("second needs survey (dnc-inspeccion) in Chromium", () => {
  it("ranks its 12 topics on its 1–4 scale, broken down by its own questions", async () => {
    const page = await open(`/admin/surveys/${SLUG}/needs`);
    await page.locator(".quadrant-chart .recharts-scatter-symbol").first().waitFor();
    expect(await page.locator(".quadrant-chart .recharts-scatter-symbol").count()).toBe(12);
    await expect(page.getByTestId("needs-scale").textContent()).resolves.toContain("1 a 4");
    await expect(page.getByTestId("needs-scale").textContent()).resolves.toContain("−12 a 12".replace("−", "-"));
    // The breakdown selector offers this survey's breakdowns, titled by its questions; no region, no unit.
    const options = await page.locator('select[name="by"] option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(options).toEqual(["intendencia", "funcion"]);
    expect(await page.locator('select[name="region"], select[name="unit"], select[name="institucion"]').count()).toBe(0);
    // Labels from the survey's own choices; the small intendencias (Junín 1, Loreto 2; k = 5) wait
    // for their release: in no group and not in the total, counted as awaiting publication.
    const table = await page.locator("table").first().textContent();
    expect(table).toContain("Intendencia de Lima Metropolitana");
    expect(table).toContain("Intendencia Regional de Cusco");
    expect(table).not.toContain("Intendencia Regional de Loreto");
    expect(table).not.toContain("Intendencia Regional de Junín");
    await expect(page.getByTestId("needs-n").textContent()).resolves.toContain("64 respuestas completas");
    await expect(page.getByTestId("needs-pending").textContent()).resolves.toBe("3 respuestas completas esperan su publicación");
    await page.screenshot({ path: path.join(ARTIFACTS, "dnc-inspeccion-needs-1400.png"), fullPage: true });
    expect(page.errors).toEqual([]);
  });

  it("filters by its breakdowns and refuses dnc-tim's parameters", async () => {
    const page = await open(`/admin/surveys/${SLUG}/needs?by=funcion&intendencia=ilm`);
    await page.locator(".quadrant-chart .recharts-scatter-symbol").first().waitFor();
    await expect(page.getByTestId("needs-n").textContent()).resolves.toMatch(/30/);
    // Inside Lima, "otro" (3) is below k, and supervisors (6) are held back: Lima's 30 and its 7
    // auxiliaries and 14 inspectors are published, so the supervisors' figures would single out the 3 "otro".
    const held = await page.locator(".ranking-table .suppressed-cell").allTextContents();
    expect(held.sort()).toEqual([
      "menos de 5 respuestas",
      "sin cifras publicadas: mostrarlas permitiría, combinándolas con otras, deducir datos de menos de 5 personas",
    ]);
    const refused = await open(`/admin/surveys/${SLUG}/needs?region=PE-TUM`);
    await expect(refused.locator(".needs-alert").textContent()).resolves.toMatch(/Unknown parameter "region"/);
  });

  it("the phone view (390 px) shows the same ranking", async () => {
    const page = await open(`/admin/surveys/${SLUG}/needs?by=funcion`, { width: 390, height: 844 });
    await page.locator(".quadrant-chart .recharts-scatter-symbol").first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, "dnc-inspeccion-needs-390.png"), fullPage: true });
    expect(page.errors).toEqual([]);
  });
});
