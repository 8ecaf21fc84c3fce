// The needs dashboard in real Chromium against the built app: charts render with demo data, a
// filter changes the figures, open answers stay inert, and the report prints to an A4 PDF.
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, openDb } from "@/db/client";
import { saveResponse } from "@/db/queries/save-response";
import { getSurvey } from "@/surveys/registry";
import { createAnalyst } from "../support/needs-auth";
import { ARTIFACTS, launchChromium, openWatched, pdfPageCount, signedInContext } from "../support/needs-browser";
import { SCRIPT_ANSWER } from "../support/needs-dataset";
import { insertSyntheticResponses, INSTITUTION_WEIGHTS } from "../support/needs-fixtures";
import { completeAnswers } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
const DASHBOARD = "/admin/surveys/dnc-tim/needs";

type ApiReport = {
  n: number | null;
  total: { topics: { topic: string; mwds: number | null }[] } | null;
  groups: { group: string; suppressed: string | null }[];
  release: { pending: number };
};

async function api(query = ""): Promise<ApiReport> {
  const res = await context.request.get(`/api/surveys/dnc-tim/needs${query}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as ApiReport;
}

const open = (url: string) => openWatched(context, url);

beforeAll(async () => {
  server = await startServer();
  const db = await openDb(server.db);
  const survey = await getSurvey("dnc-tim");
  if (!survey) throw new Error("no survey");
  // "otra" made rare (1 of 241) so that one institution waits for its release.
  const weights = INSTITUTION_WEIGHTS.map(([inst, w]) => [inst, inst === "otra" ? 0.8 : w] as const);
  await insertSyntheticResponses(db, survey, { count: 240, seed: 7, weights });
  await saveResponse(db, {
    id: "0f0e0d0c-0b0a-4999-8888-777766665555",
    survey,
    unitId: null,
    locale: "es",
    data: completeAnswers({ otras_necesidades: SCRIPT_ANSWER }),
    complete: true,
    isDemo: true,
    at: "2026-03-15T15:00:00.000Z",
  });
  await closeDb(db);
  await createAnalyst(server.db);
  browser = await launchChromium();
  context = await signedInContext(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("needs dashboard in Chromium", () => {
  it("renders the ranking, the heatmap with hatched held-back groups and the quadrant chart", async () => {
    const page = await open(DASHBOARD);
    await expect(page.locator("h1").textContent()).resolves.toBe("Necesidades de capacitación");
    await page.locator(".quadrant-chart .recharts-scatter-symbol").first().waitFor();
    expect(await page.locator(".quadrant-chart .recharts-scatter-symbol").count()).toBe(18);
    for (const name of ["Prioridad alta", "Prioridad secundaria", "Mantener", "Baja prioridad"]) {
      expect(await page.locator(".quadrant-chart").getByText(name, { exact: true }).count(), name).toBe(1);
    }
    expect(await page.locator(".ranking-table tbody tr").count()).toBe(18);
    await expect(page.locator(".needs-k").textContent()).resolves.toContain("k = 5");
    // By institution every published group has figures; the rare "otra" waits for its release
    // (in no figure, not even the total) and the note counts it.
    const report = await api();
    expect(report.groups.filter((g) => g.suppressed)).toEqual([]);
    expect(report.groups.map((g) => g.group)).not.toContain("otra");
    expect(await page.locator(".heatmap .heat-suppressed").count()).toBe(0);
    await expect(page.getByTestId("needs-pending").textContent()).resolves.toBe("1 respuesta completa espera su publicación");
    await expect(page.getByTestId("needs-n").textContent()).resolves.toContain(`${report.n} respuestas completas`);
    await page.screenshot({ path: path.join(ARTIFACTS, "needs-dashboard.png"), fullPage: true });
    expect(page.errors).toEqual([]);
    await page.close();

    // By position, the groups whose figures would let someone tell fewer than k people apart are
    // hatched in the heatmap (they have many more than k answers: no "< 5"), their reason in the ranking.
    const byCargo = await open(`${DASHBOARD}?by=cargo_categoria`);
    const cargo = await api("?by=cargo_categoria");
    const hidden = cargo.groups.filter((g) => g.suppressed);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(hidden.every((g) => g.suppressed === "unreleased")).toBe(true);
    expect(await byCargo.locator(".heatmap .heat-suppressed").count()).toBe(18 * hidden.length);
    const hatched = byCargo.locator(".heatmap tbody .heat-suppressed").first();
    await expect(hatched.textContent()).resolves.toBe("sin cifras");
    await expect(hatched.getAttribute("title")).resolves.toMatch(/^sin cifras publicadas: mostrarlas permitiría/);
    const notes = await byCargo.locator(".ranking-table .suppressed-cell").allTextContents();
    expect(notes).toHaveLength(hidden.length);
    for (const n of notes) expect(n).toMatch(/^sin cifras publicadas: /);
    await byCargo.screenshot({ path: path.join(ARTIFACTS, "needs-dashboard-by-cargo.png"), fullPage: true });
    expect(byCargo.errors).toEqual([]);
    await byCargo.close();
  });

  it("a filter changes the figures and lands in the URL", async () => {
    const page = await open(DASHBOARD);
    const before = await page.getByTestId("needs-n").textContent();
    await page.selectOption("select[name=institucion]", "pnp");
    await page.getByRole("button", { name: "Aplicar" }).click();
    // The empty form fields are dropped: the shared URL is the canonical one.
    await page.waitForURL((url) => url.search === "?institucion=pnp");
    const pnp = await api("?institucion=pnp");
    const after = await page.getByTestId("needs-n").textContent();
    expect(after).not.toBe(before);
    expect(after).toContain(`${pnp.n} respuestas completas`);
    // The total column's T05 MWDS is pnp's now.
    const t05 = pnp.total?.topics.find((t) => t.topic === "T05")?.mwds ?? NaN;
    const row = page.locator(".ranking-table tbody tr", { has: page.locator(".topic-code", { hasText: "T05" }) });
    const cells = await row.locator("td").allTextContents();
    expect(cells[4]).toBe(t05.toFixed(2));
    await page.close();
  });

  it("shows the question summary: every question's chart, the needs matrix as stacked bars, figures as tables", async () => {
    const page = await open(`${DASHBOARD}/profile`);
    // The old profile page lands on the summary, which the needs tabs call "Resumen por pregunta".
    await page.waitForURL((url) => url.pathname === "/admin/surveys/dnc-tim/summary");
    await expect(page.locator(".needs-nav a[aria-current=page]").textContent()).resolves.toBe("Resumen por pregunta");
    await page.locator(".recharts-bar-rectangle").first().waitFor();
    expect(page.errors).toEqual([]);
    // Every choice question has a chart; the needs matrix one stacked bar per topic and rating.
    expect(await page.locator(".summary-question[data-kind=choice] .recharts-surface").count()).toBeGreaterThanOrEqual(10);
    const matrix = page.locator(".summary-question[data-question=necesidades]");
    expect(await matrix.locator(".summary-column[data-column=importancia] tbody tr").count()).toBe(18);
    expect(await matrix.locator(".summary-column[data-column=importancia] .recharts-bar-rectangle").count()).toBeGreaterThanOrEqual(18);
    // The figures on the page are the API's.
    const res = await context.request.get("/api/surveys/dnc-tim/summary");
    const api = (await res.json()) as { n: number; questions: { key: string; kind: string; items?: { value: string; count: number | null }[] }[] };
    const institucion = api.questions.find((q) => q.key === "institucion")?.items ?? [];
    const pnp = institucion.find((i) => i.value === "pnp")?.count;
    const row = page.locator(".summary-question[data-question=institucion] tr[data-value=pnp] td").first();
    await expect(row.textContent()).resolves.toBe(String(pnp));
    await expect(page.getByTestId("summary-n").textContent()).resolves.toContain(`${api.n} respuestas completas`);
    // The waiting "otra" counts nowhere yet (0); rare answers of a question are hidden as "< 5".
    expect(institucion.find((i) => i.value === "otra")?.count).toBe(0);
    const dependencia = api.questions.find((q) => q.key === "dependencia")?.items ?? [];
    const hidden = dependencia.filter((i) => i.count === null).length;
    expect(hidden).toBeGreaterThanOrEqual(1);
    const rows = page.locator(".summary-question[data-question=dependencia] tr[data-hidden]");
    expect(await rows.count()).toBe(hidden);
    await expect(rows.first().locator("td").first().textContent()).resolves.toBe("< 5");
    await page.screenshot({ path: path.join(ARTIFACTS, "question-summary.png"), fullPage: true });
    await page.close();
  });

  it("shows open answers as inert text", async () => {
    const page = await context.newPage();
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(`${DASHBOARD}/open?question=otras_necesidades&q=xss`);
    const answer = page.locator(".open-answer").first();
    await expect(answer.textContent()).resolves.toBe(SCRIPT_ANSWER);
    expect(await page.locator(".open-answers script, .open-answers b").count()).toBe(0);
    expect(dialogs).toBe(0);
    await page.close();
  });

  it("switches to English", async () => {
    const en = await signedInContext(browser, server.url, undefined, "en");
    const page = await en.newPage();
    await page.goto(DASHBOARD);
    await expect(page.locator("h1").textContent()).resolves.toBe("Training needs");
    await page.locator(".quadrant-chart").getByText("High priority", { exact: true }).waitFor();
    await en.close();
  });

  it("prints the report to an A4 PDF: national summary, heatmap, one page per shown institution", async () => {
    const page = await open(`${DASHBOARD}/report`);
    await page.locator("[data-report-page] .recharts-scatter-symbol").first().waitFor();
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: path.join(ARTIFACTS, "needs-report-print.png"), fullPage: true });
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(path.join(ARTIFACTS, "needs-report.pdf"), pdf);
    const shown = (await api()).groups.filter((g) => !g.suppressed).length;
    expect(await page.locator("[data-report-page]").count()).toBe(2 + shown);
    expect(pdfPageCount(pdf)).toBe(2 + shown);
    await page.close();
  });
});
