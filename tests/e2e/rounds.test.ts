// Survey rounds (docs/rounds.md) in real Chromium against the built app. dnc-tim starts with 27
// completed responses in its implicit round 1 (pnp 8, migraciones 7, ministerio_publico 6,
// poder_judicial 6; k = 5). An admin renames round 1 and closes it yesterday, then opens the
// follow-up "2026 seguimiento — Tumbes" from today on the rounds page; 23 responses go into round 2
// (pnp 9, migraciones 6, ministerio_publico 5, and 3 judges who wait for their release). In round 2
// competence rose on T01–T06 (they leave "Prioridad alta") and fell on T07 (it enters); the other
// topics are drawn alike in both rounds. Then: the rounds list (admin and analyst), the needs
// dashboard's round (default the latest, a select for the other), the comparison page (dumbbell
// chart, Welch, verdicts, poder_judicial hidden in both rounds) at 1400 and 390 px with axe, in
// English, and its CSV download.
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, openDb } from "@/db/client";
import { saveResponse } from "@/db/queries/save-response";
import { seededRng, type Rng } from "@/lib/demo/rng";
import { peruToday } from "@/lib/time/lima-time";
import { getSurvey } from "@/surveys/registry";
import { seriousA11yViolations } from "../support/admin-browser";
import { ANALYST, createAnalyst } from "../support/needs-auth";
import { ARTIFACTS, launchChromium, openWatched, signedInContext } from "../support/needs-browser";
import { completeAnswers, TOPICS } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";

const SLUG = "dnc-tim";
const ADMIN = { email: "coordinadora@example.org", password: "clave-de-prueba-456" };
const BASELINE = "2025 línea base — Tumbes";
const FOLLOW_UP = "2026 seguimiento — Tumbes";
const ROUNDS_PAGE = `/admin/surveys/${SLUG}/rounds`;
const DASHBOARD = `/admin/surveys/${SLUG}/needs`;
const COMPARE = `/admin/surveys/${SLUG}/compare?from=1&to=2&by=institucion`;
const LAPTOP = { width: 1400, height: 1000 };
const PHONE = { width: 390, height: 844 };

/** Topics whose competence rose in round 2, and the one whose competence fell. */
const IMPROVED = ["T01", "T02", "T03", "T04", "T05", "T06"];
const WORSENED = "T07";

// [institucion, dependencia, cargo_categoria, round 1, round 2]
const PLAN: [string, string, string, number, number][] = [
  ["pnp", "dirctptim", "policia_investigador", 8, 9],
  ["migraciones", "control_migratorio", "inspector_migratorio", 7, 6],
  ["ministerio_publico", "fistrap", "fiscal_juez", 6, 5],
  ["poder_judicial", "juzgado_penal", "fiscal_juez", 6, 3],
];
const count = (round: 1 | 2, inst?: string) => PLAN.filter((p) => !inst || p[0] === inst).reduce((s, p) => s + p[round === 1 ? 3 : 4], 0);
const PUBLISHED_2 = count(2) - count(2, "poder_judicial");

const rating = (rng: Rng, centre: number) => Math.max(1, Math.min(5, Math.round(centre + (rng() - 0.5) * 1.8)));

/** One respondent's matrix: every topic rated (no "no aplica"), so every topic has n ≥ k in both rounds. */
function ratings(rng: Rng, round: 1 | 2): Record<string, unknown> {
  return Object.fromEntries(
    TOPICS.map((t) => {
      const important = IMPROVED.includes(t) || t === WORSENED;
      const competence = IMPROVED.includes(t) ? (round === 1 ? 1.8 : 4.1) : t === WORSENED ? (round === 1 ? 3.9 : 2.2) : 3;
      return [t, { importancia: rating(rng, important ? 4.3 : 3.4), dominio: rating(rng, competence) }];
    }),
  );
}

const today = peruToday();
const yesterday = peruToday(new Date(Date.now() - 86_400_000));

let server: TestServer;
let browser: Browser;
let adminContext: BrowserContext;
let analystContext: BrowserContext;

/** Writes round `round`'s completed responses straight into the server's database. */
async function insertRound(round: 1 | 2): Promise<void> {
  const survey = await getSurvey(SLUG);
  if (!survey?.needs) throw new Error(`no survey ${SLUG}`);
  const db = await openDb(server.db);
  const rng = seededRng(round === 1 ? 2025 : 2026);
  let i = 0;
  for (const [institucion, dependencia, cargo_categoria, first, second] of PLAN) {
    for (let j = 0; j < (round === 1 ? first : second); j++, i++) {
      await saveResponse(db, {
        id: `0d000000-0000-4000-a000-${round}${String(i).padStart(11, "0")}`,
        survey,
        unitId: null,
        locale: "es",
        data: completeAnswers({ institucion, dependencia, cargo_categoria, necesidades: ratings(rng, round) }),
        complete: true,
        // Round 1 in March; round 2 during the last hours (the round is given: it does not follow the date).
        at:
          round === 1
            ? new Date(Date.parse("2026-03-02T15:00:00Z") + i * 3_600_000).toISOString()
            : new Date(Date.now() - (60 - i) * 60_000).toISOString(),
        round,
      });
    }
  }
  await closeDb(db);
}

beforeAll(async () => {
  server = await startServer();
  await insertRound(1);
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

const rowOf = (page: Page, round: number) => page.locator(`[data-testid=rounds-table] tbody tr[data-round="${round}"]`);
const cellsOf = (page: Page, round: number) => rowOf(page, round).locator("td").allTextContents();
const dayText = (day: string) => new Intl.DateTimeFormat("es-PE", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));

/** Elements that stick out of the viewport, leaving aside what scrolls inside a table wrapper or is drawn in an SVG. */
const sticking = (page: Page) =>
  page.evaluate(() => {
    const width = window.innerWidth;
    return [...document.querySelectorAll("body *")]
      .filter((e) => !e.closest(".table-wrap") && !e.closest("svg"))
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > width + 0.5;
      })
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`);
  });

describe("survey rounds in Chromium", () => {
  it("an admin renames round 1, opens a follow-up round; the list shows both with state and counts; an analyst sees no form", async () => {
    const page = await openWatched(adminContext, ROUNDS_PAGE, LAPTOP);
    await expect(page.locator("h1").textContent()).resolves.toBe(`Rondas de «${(await getSurvey(SLUG))?.title.es}»`);
    expect(await page.locator("[data-testid=rounds-table] tbody tr").count()).toBe(1);
    expect((await cellsOf(page, 1)).slice(0, 6)).toEqual(["1", "Ronda 1", "—", "—", "abierta", String(count(1))]);
    await expect(rowOf(page, 1).locator("summary").textContent()).resolves.toBe("Editar la ronda 1");

    // Round 1 gets its real name and closes yesterday (docs/rounds.md, step 1).
    await page.getByText("Editar la ronda 1", { exact: true }).click();
    const edit = page.getByTestId("round-form-1");
    await edit.getByLabel("Nombre").fill(BASELINE);
    await edit.getByLabel("Cierra el").fill(yesterday);
    await edit.getByRole("button", { name: "Guardar" }).click();
    await expect(edit.getByRole("status").textContent()).resolves.toBe("Se guardó la ronda 1.");
    await expect.poll(() => rowOf(page, 1).getAttribute("data-state")).toBe("closed");
    expect((await cellsOf(page, 1)).slice(0, 6)).toEqual(["1", BASELINE, "—", dayText(yesterday), "cerrada", String(count(1))]);

    // The follow-up opens today.
    const form = page.getByTestId("new-round-form");
    await form.getByLabel("Nombre").fill(FOLLOW_UP);
    await form.getByLabel("Abre el").fill(today);
    await form.getByRole("button", { name: "Abrir la ronda" }).click();
    await expect(form.getByRole("status").textContent()).resolves.toBe(`Se abrió la ronda 2: ${FOLLOW_UP}.`);
    await rowOf(page, 2).waitFor();
    expect((await cellsOf(page, 2)).slice(0, 6)).toEqual(["2", FOLLOW_UP, dayText(today), "—", "abierta", "0"]);
    // The form is empty again for the next round.
    await expect(form.getByLabel("Nombre").inputValue()).resolves.toBe("");
    expect(page.errors).toEqual([]);
    await page.close();

    // The follow-up's answers arrive; the list counts them per round (the 3 waiting judges too).
    await insertRound(2);
    const again = await openWatched(adminContext, ROUNDS_PAGE, LAPTOP);
    expect(await again.locator("[data-testid=rounds-table] tbody tr").count()).toBe(2);
    expect((await cellsOf(again, 1)).slice(0, 6)).toEqual(["1", BASELINE, "—", dayText(yesterday), "cerrada", String(count(1))]);
    expect((await cellsOf(again, 2)).slice(0, 6)).toEqual(["2", FOLLOW_UP, dayText(today), "—", "abierta", String(count(2))]);
    await again.screenshot({ path: path.join(ARTIFACTS, "rounds-list-1400.png"), fullPage: true });
    expect(await seriousA11yViolations(again)).toEqual([]);
    expect(again.errors).toEqual([]);
    await again.close();

    // An analyst reads the same list, without the forms or the column to change a round.
    const analyst = await openWatched(analystContext, ROUNDS_PAGE, PHONE);
    expect(await analyst.locator("[data-testid=rounds-table] tbody tr").count()).toBe(2);
    expect(await cellsOf(analyst, 2)).toEqual(["2", FOLLOW_UP, dayText(today), "—", "abierta", String(count(2))]);
    expect(await analyst.locator("[data-testid=rounds-table] thead th").allTextContents()).not.toContain("Cambiar");
    expect(await analyst.locator("form[data-testid]").count()).toBe(0);
    expect(await analyst.getByRole("heading", { name: "Abrir una nueva ronda" }).count()).toBe(0);
    expect(await analyst.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await analyst.screenshot({ path: path.join(ARTIFACTS, "rounds-list-analyst-390.png"), fullPage: true });
    expect(analyst.errors).toEqual([]);
    await analyst.close();
  });

  it("the needs dashboard shows the latest round; the round select switches to round 1, its figures and the URL", async () => {
    const page = await openWatched(analystContext, DASHBOARD, LAPTOP);
    await page.locator(".quadrant-chart .recharts-scatter-symbol").first().waitFor();
    await expect(page.getByTestId("round-shown").textContent()).resolves.toBe(`Ronda mostrada: ${FOLLOW_UP}`);
    await expect(page.getByTestId("round-shown").getAttribute("data-round")).resolves.toBe("2");
    await expect(page.getByTestId("needs-n").textContent()).resolves.toContain(`${PUBLISHED_2} respuestas completas`);
    await expect(page.getByTestId("needs-pending").textContent()).resolves.toBe("3 respuestas completas esperan su publicación");
    expect((await page.locator(".ranking-table .group-head").allTextContents()).join(" ")).not.toContain("Poder Judicial");
    const select = page.locator('select[name="round"]');
    await expect(select.inputValue()).resolves.toBe("2");
    expect(await select.locator("option").evaluateAll((els) => els.map((e) => [(e as HTMLOptionElement).value, e.textContent]))).toEqual([
      ["1", BASELINE],
      ["2", FOLLOW_UP],
    ]);
    await expect(page.locator(".needs-nav").getByRole("link", { name: "Comparar rondas" }).getAttribute("href")).resolves.toBe(
      `/admin/surveys/${SLUG}/compare`,
    );

    await select.selectOption("1");
    await page.getByRole("button", { name: "Aplicar" }).click();
    await page.waitForURL((url) => url.searchParams.get("round") === "1");
    expect(new URL(page.url()).search).toBe("?round=1");
    await page.locator(".quadrant-chart .recharts-scatter-symbol").first().waitFor();
    await expect(page.getByTestId("round-shown").textContent()).resolves.toBe(`Ronda mostrada: ${BASELINE}`);
    await expect(page.getByTestId("round-shown").getAttribute("data-round")).resolves.toBe("1");
    await expect(page.getByTestId("needs-n").textContent()).resolves.toContain(`${count(1)} respuestas completas`);
    await expect(page.locator('select[name="round"]').inputValue()).resolves.toBe("1");
    // Round 1's own view shows the judges (6); the comparison will hide them, as round 2 does (3 waiting).
    expect(await page.locator(".ranking-table .group-head").allTextContents()).toContainEqual(expect.stringContaining("Poder Judicial"));
    await page.screenshot({ path: path.join(ARTIFACTS, "rounds-needs-round1-1400.png") });

    // The nav link leads to the comparison.
    await page.locator(".needs-nav").getByRole("link", { name: "Comparar rondas" }).click();
    await page.waitForURL((url) => url.pathname === `/admin/surveys/${SLUG}/compare`);
    await page.getByTestId("compare-chart").waitFor();
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("compares the rounds: a dumbbell per topic, Welch, the verdicts, and poder_judicial hidden in both rounds (1400 px)", async () => {
    const page = await openWatched(analystContext, COMPARE, LAPTOP);
    const chart = page.getByTestId("compare-chart");
    await chart.locator(".recharts-scatter-symbol").first().waitFor();
    // One row per topic: two circles each (baseline and follow-up), one y-axis tick each.
    expect(await chart.locator(".recharts-scatter-symbol").count()).toBe(2 * TOPICS.length);
    expect(await chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value").allTextContents()).toEqual(TOPICS);
    await expect(page.getByTestId("compare-rounds").textContent()).resolves.toBe(`${BASELINE} → ${FOLLOW_UP} (n = ${count(1)} → ${PUBLISHED_2})`);
    await expect(page.getByTestId("compare-method").textContent()).resolves.toMatch(/^Método: .*intervalo t de Welch al 95 %/);

    // Everyone: four measures per topic; the change with its sign and the verdicts.
    const total = page.getByTestId("compare-total");
    expect(await total.locator("tbody tr").count()).toBe(4 * TOPICS.length);
    const row = (topic: string, measure: string) => total.locator(`tr[data-topic="${topic}"][data-measure="${measure}"]`);
    const cells = async (topic: string, measure: string) => row(topic, measure).locator("td").allTextContents();
    for (const t of IMPROVED) {
      await expect(row(t, "competence").getAttribute("data-verdict"), t).resolves.toBe("up");
      await expect(row(t, "mwds").getAttribute("data-verdict"), t).resolves.toBe("down");
    }
    const t01 = await cells("T01", "competence");
    expect(t01.at(-1)).toBe("sí, sube");
    expect(t01.at(-3)).toMatch(/^\+\d\.\d\d$/);
    expect(t01.at(-2)).toMatch(/^\[\d\.\d\d; \d\.\d\d\]$/);
    expect((await cells("T01", "mwds")).at(-1)).toBe("sí, baja");
    expect((await cells("T01", "mwds")).at(-3)).toMatch(/^-\d+\.\d\d$/);
    expect((await cells(WORSENED, "competence")).at(-1)).toBe("sí, baja");
    const verdicts = await total.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.querySelector("td:last-child")?.textContent));
    expect(new Set(verdicts)).toEqual(new Set(["sí, sube", "sí, baja", "no"]));
    expect(verdicts.filter((v) => v === "no").length).toBeGreaterThan(TOPICS.length);

    // The competence gains took T01–T06 out of high priority; T07's loss brought it in.
    await expect(page.getByTestId("compare-left").textContent()).resolves.toMatch(
      new RegExp(`^Salieron de «Prioridad alta»: ${IMPROVED.map((t) => `${t} [^·]+`).join(" · ")}$`),
    );
    await expect(page.getByTestId("compare-entered").textContent()).resolves.toMatch(/^Entraron en «Prioridad alta»: T07 [^·]+$/);

    // By institution: three groups compared; the judges (6 in round 1, 3 waiting in round 2) hidden in both.
    const groups = page.getByTestId("compare-group");
    expect((await groups.evaluateAll((els) => els.map((e) => e.getAttribute("data-group")))).sort()).toEqual(PLAN.map((p) => p[0]).sort());
    const judges = page.locator('[data-testid=compare-group][data-group="poder_judicial"]');
    await expect(judges.locator("h2").textContent()).resolves.toBe("Poder Judicial");
    expect(await judges.locator("table").count()).toBe(0);
    await expect(judges.locator("p").textContent()).resolves.toBe(
      "Sin cifras: menos de 5 respuestas en alguna de las dos rondas, o cifras no publicadas.",
    );
    const pnp = page.locator('[data-testid=compare-group][data-group="pnp"]');
    await expect(pnp.locator('tr[data-topic="T01"][data-measure="importance"] td').nth(0).textContent()).resolves.toBe(
      `${count(1, "pnp")} → ${count(2, "pnp")}`,
    );
    expect(await page.getByTestId("compare-group-table").count()).toBe(3);

    await page.screenshot({ path: path.join(ARTIFACTS, "rounds-compare-1400.png"), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("fits a 390 px phone: the chart within the page, the tables scrolling inside their wrappers", async () => {
    const page = await openWatched(analystContext, COMPARE, PHONE);
    const chart = page.getByTestId("compare-chart");
    await chart.locator(".recharts-scatter-symbol").first().waitFor();
    expect(await chart.locator(".recharts-scatter-symbol").count()).toBe(2 * TOPICS.length);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await sticking(page)).toEqual([]);
    const box = await chart.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    // The wide comparison tables scroll inside their wrappers, which stay within the page.
    const wraps = await page.locator(".table-wrap").evaluateAll((els) =>
      els.map((e) => ({
        right: e.getBoundingClientRect().right,
        scrolls: e.scrollWidth > e.clientWidth,
        overflowX: getComputedStyle(e).overflowX,
      })),
    );
    expect(wraps).toHaveLength(4);
    for (const w of wraps) {
      expect(w.right).toBeLessThanOrEqual(PHONE.width);
      expect(w.scrolls).toBe(true);
      expect(["auto", "scroll"]).toContain(w.overflowX);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, "rounds-compare-390.png"), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it("switches to English: “Before and after”, Welch's interval, the verdicts in English", async () => {
    const context = await signedInContext(browser, server.url, ANALYST);
    const page = await openWatched(context, COMPARE, LAPTOP);
    await page.getByTestId("compare-chart").locator(".recharts-scatter-symbol").first().waitFor();
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toMatch(/^Before and after: “.+”$/);
    await expect(page.getByTestId("compare-method").textContent()).resolves.toMatch(/^Method: .*Welch's 95 % t interval/);
    const verdicts = await page
      .getByTestId("compare-total")
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.querySelector("td:last-child")?.textContent));
    expect(new Set(verdicts)).toEqual(new Set(["yes, up", "yes, down", "no"]));
    await expect(page.locator('[data-testid=compare-group][data-group="poder_judicial"] p').textContent()).resolves.toBe(
      "No figures: fewer than 5 responses in one of the two rounds, or figures not published.",
    );
    await page.getByTestId("compare-chart").locator(".recharts-scatter-symbol").first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, "rounds-compare-en-1400.png") });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(page.errors).toEqual([]);
    await context.close();
  });

  it("downloads the comparison as CSV with its accents intact", async () => {
    const page = await openWatched(analystContext, COMPARE, LAPTOP);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Descargar la comparación (CSV)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/comparacion-ronda1-ronda2.*\.csv$/);
    const file = await download.path();
    const text = fs.readFileSync(file, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).not.toMatch(/Ã|Â|\uFFFD/);
    expect(text).toContain("Ministerio Público");
    expect(text).toContain("Poder Judicial");
    // Every topic title with an accent or an ñ is written as the survey spells it.
    const titles = ((await getSurvey(SLUG))?.needs?.topics ?? []).map((t) => t.title.es).filter((t) => /[^\x20-\x7e]/.test(t));
    expect(titles.length).toBeGreaterThan(3);
    for (const title of titles) expect(text, title).toContain(title.replaceAll('"', '""'));
    const lines = text.slice(1).split("\r\n").filter(Boolean);
    expect(lines[0]).toMatch(/^breakdown,group,group_label,from_round,to_round,suppressed,topic,topic_title,/);
    // The judges' group is one line, hidden, without figures.
    expect(lines.filter((l) => l.startsWith("institucion,poder_judicial,"))).toEqual([
      `institucion,poder_judicial,Poder Judicial,1,2,absent${",".repeat(14)}`,
    ]);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
