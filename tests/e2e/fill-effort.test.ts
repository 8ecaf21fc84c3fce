// What answering the DNC-TIM survey costs a person, counted in real Chromium against the built
// app: taps (every pointerdown in the page) and time for the whole survey on a 390 px phone with
// the ratings as visible scales and short lists as buttons, against the dropdowns' count measured
// before (TAPS_WITH_DROPDOWNS); the scales' targets, labels and accessibility on a phone and on a
// laptop; and the whole survey answered with the keyboard alone, on a laptop and on a phone.
import Database from "better-sqlite3";
import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeCheck, launchBrowser, newPhoneContext, screenshot } from "../support/browser";
import { answerWholeSurvey, cell, choose, consent, fillProfile, rateTopic, ratingFor } from "../support/fill-dnc-tim";
import { answerWithKeyboard } from "../support/keyboard-dnc-tim";
import { startServer, type TestServer } from "../support/server";
import { countEffort } from "../support/taps";
import { unitLink } from "../support/units";

/**
 * The same person (tests/support/fill-dnc-tim.ts) with the ratings as dropdowns, before issue 16,
 * counted the same way (main at f50d70b): 91 taps for the whole survey, 72 of them on the page of
 * the 18-topic matrix (36 dropdowns, each opened and picked from); 22.6 s for the whole survey.
 */
const TAPS_WITH_DROPDOWNS = { survey: 91, matrix: 72 };

/**
 * The fewest taps the same person's answers can take, one per answer and one per page button:
 * 36 ratings (18 topics × 2 scales, no "no aplica"); 11 other answers (consent, institution, unit,
 * region, category, two of years, two trainings and who gave one, duration; the typed fields take
 * no tap in this count, as before); "Siguiente" five times and "Enviar". The region is the one
 * list left (26 options, searchable): open and pick, one tap more. Half of the dropdowns' 91 is
 * below even 36 + 11 + 1 ("Enviar") = 48 with every page on one screen, so the whole survey
 * cannot halve while every rating is its own tap; the matrix page, which was the issue's 72, does.
 */
const FEWEST_TAPS = { ratings: 36, otherAnswers: 11, pageButtons: 6, longLists: 1 };
const fewest = FEWEST_TAPS.ratings + FEWEST_TAPS.otherAnswers + FEWEST_TAPS.pageButtons + FEWEST_TAPS.longLists;

let server: TestServer;
let browser: Browser;
let link: string;

function completedResponses(): { data: string }[] {
  const conn = new Database(server.db, { readonly: true, fileMustExist: true });
  try {
    return conn.prepare("select data from responses where status = 'complete' order by submitted_at").all() as { data: string }[];
  } finally {
    conn.close();
  }
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  link = await unitLink(server.db, "CR-TUM");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Where a scale's tap targets are on screen. */
async function targets(scale: Locator): Promise<{ width: number; height: number }[]> {
  return scale.locator("label").evaluateAll((labels) =>
    labels.map((l) => {
      const r = l.getBoundingClientRect();
      return { width: Math.round(r.width), height: Math.round(r.height) };
    }),
  );
}

describe("the effort of answering (real Chromium)", () => {
  it("takes half the taps on the matrix page, and one per answer or page button in all, on a 390 px phone", async () => {
    const context = await newPhoneContext(browser);
    const effort = await countEffort(context);
    const page = await context.newPage();
    const started = Date.now();
    let beforeMatrix = 0;
    let matrixTaps = 0;
    await page.goto(`${server.url}/s/dnc-tim?u=${link}`);
    await answerWholeSurvey(page, "Analista – Lima", {
      onMatrixPage: () => (beforeMatrix = effort.read().taps),
      onMatrixDone: async () => {
        await page.waitForTimeout(200); // the last tap's report is on its way from the page
        matrixTaps = effort.read().taps - beforeMatrix;
      },
    });
    const seconds = (Date.now() - started) / 1000;
    await page.waitForTimeout(200);
    const total = effort.read().taps;
    const ratio = (n: number, of: number) => (n / of).toFixed(2);
    console.log(
      `[effort] whole survey on a 390 px phone: ${total} taps (with dropdowns: ${TAPS_WITH_DROPDOWNS.survey}, ` +
        `${ratio(total, TAPS_WITH_DROPDOWNS.survey)}×; the fewest these answers allow: ${fewest}), of which the matrix page ` +
        `${matrixTaps} (with dropdowns: ${TAPS_WITH_DROPDOWNS.matrix}, ${ratio(matrixTaps, TAPS_WITH_DROPDOWNS.matrix)}×), ${seconds.toFixed(1)} s`,
    );
    expect(matrixTaps).toBeLessThanOrEqual(TAPS_WITH_DROPDOWNS.matrix / 2);
    // Every tap answers a question or turns a page (the region's list: open, then pick).
    expect(total).toBeLessThanOrEqual(fewest);
    expect(completedResponses()).toHaveLength(1);
    await context.close();
  });

  it("shows each rating as a row of targets of at least 44 px with the meaning of its ends and of the chosen value", async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/s/dnc-tim?u=${link}`);
    await consent(page);
    // "Siguiente" with the unit left out: the focus goes to its buttons, as to any question's.
    await choose(page, "¿En qué institución trabaja?", "Policía Nacional del Perú");
    await page.getByRole("button", { name: "Siguiente" }).click();
    await page.waitForFunction(() => document.activeElement?.closest('[data-name="dependencia"]') instanceof HTMLElement);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe("radio");
    await fillProfile(page, "Analista – Lima");
    // The units of the chosen institution as buttons, read out as a group with its question.
    const units = page.getByRole("radiogroup", { name: "¿En qué dependencia o unidad trabaja?" });
    expect(await units.getByRole("radio").count()).toBe(4);
    expect(await units.getByRole("radio", { name: /^DIRCTPTIM/ }).isChecked()).toBe(true);
    expect(await axeCheck(page)).toEqual([]);
    await page.getByRole("button", { name: "Siguiente" }).click();
    const importance = cell(page, "T01", "Importancia para sus funciones");
    await importance.waitFor();
    for (const t of await targets(importance)) {
      expect(t.width).toBeGreaterThanOrEqual(44);
      expect(t.height).toBeGreaterThanOrEqual(44);
    }
    expect(await importance.getByRole("radio").count()).toBe(5);
    expect(await importance.innerText()).toMatch(/^1\s*2\s*3\s*4\s*5\s*Nada importante\s*Muy importante\s*$/);
    await rateTopic(page, "T01", 4, 2);
    expect(await importance.innerText()).toContain("4 – Importante");
    expect(await cell(page, "T01", "Nivel actual de dominio").innerText()).toContain("2 – Bajo");
    // No sideways scrolling, and nothing a screen reader or a keyboard would trip over.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeCheck(page)).toEqual([]);
    await importance.scrollIntoViewIfNeeded();
    await screenshot(page, "fill-scales-390");

    // A laptop: the matrix as a table, every scale whole inside its card.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator(".sd-root-modern--mobile").waitFor({ state: "detached" });
    const matrix = page.locator('[data-name="necesidades"]');
    const layout = await matrix.evaluate((q) => {
      const card = q.getBoundingClientRect();
      const scales = [...q.querySelectorAll(".sondeo-scale")];
      return {
        table: !!q.querySelector("table th"),
        // The table fits: its box does not scroll sideways (which would hide the last column).
        scrolls: [...q.querySelectorAll<HTMLElement>("*")].filter(
          (e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible",
        ).length,
        outside: scales.filter((s) => s.getBoundingClientRect().right > card.right + 0.5).length,
        smallest: Math.min(...scales.flatMap((s) => [...s.querySelectorAll("label")].map((l) => l.getBoundingClientRect().width))),
        documentWidth: document.documentElement.scrollWidth,
      };
    });
    expect(layout).toMatchObject({ table: true, outside: 0, scrolls: 0 });
    expect(layout.smallest).toBeGreaterThanOrEqual(44);
    expect(layout.documentWidth).toBeLessThanOrEqual(1280);
    expect(await axeCheck(page)).toEqual([]);
    await screenshot(page, "fill-scales-1280");
    await context.close();
  });

  it.each([
    ["a laptop", () => browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "es-PE" })],
    // A phone with a keyboard attached (or a switch device): its lists open as sheets for fingers.
    ["a 390 px phone", () => newPhoneContext(browser)],
  ])("can be answered whole with the keyboard alone on %s", async (where, open) => {
    const context = await open();
    const effort = await countEffort(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/s/dnc-tim?u=${link}`);
    const before = completedResponses().length;
    await answerWithKeyboard(page, "Teclado – Puno");
    await page.waitForURL(/\/gracias$/);
    const { taps, keys } = effort.read();
    console.log(`[effort] whole survey with the keyboard alone on ${where}: ${keys} key presses, ${taps} taps`);
    expect(taps).toBe(0);
    const responses = completedResponses();
    expect(responses).toHaveLength(before + 1);
    const data = JSON.parse(responses.at(-1)!.data) as { cargo: string; necesidades: Record<string, { importancia?: number; dominio?: number }> };
    expect(data.cargo).toBe("Teclado – Puno");
    for (const [topic, rating] of Object.entries(data.necesidades)) {
      expect([rating.importancia, rating.dominio], topic).toEqual(ratingFor(topic));
    }
    await context.close();
  });
});
