// A respondent on a 390 px phone fills the DNC-TIM survey in real Chromium against the built app
// and a throwaway SQLite database: Spanish first, reload halfway, English switch, resume on a
// second device, submit, and what ends up in the database.
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeCheck, launchBrowser, newPhoneContext, screenshot } from "../support/browser";
import { cellText, choose, consent, fillProfile, markNotApplicable, question, rateTopic, ratingFor, settled, tapIn } from "../support/fill-dnc-tim";
import { TOPICS } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";
import { unitLink } from "../support/units";

const CARGO = "Jefe de área – Tumbes, señalización ¿sí?";
const NOT_APPLICABLE = "T14";

let server: TestServer;
let browser: Browser;
let link: string;

function db(): Database.Database {
  return new Database(server.db, { readonly: true, fileMustExist: true });
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const conn = db();
  try {
    return conn.prepare(sql).all(...params) as T[];
  } finally {
    conn.close();
  }
}

async function eventually<T>(read: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The saved answers of the (one) response whose data contains `text`. */
function savedAnswers(text: string): Record<string, unknown> | undefined {
  const [row] = query<{ data: string }>("select data from responses where data like ?", `%${text}%`);
  return row ? (JSON.parse(row.data) as Record<string, unknown>) : undefined;
}

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("[browser]", e.message));
  return { context, page };
}

const next = (page: Page) => page.getByRole("button", { name: "Siguiente" }).click();
const saved = (page: Page) => page.getByText("Guardado", { exact: true }).waitFor();

/** The survey's pages: full titles and the short names of the desktop step navigation. */
const PAGES = {
  es: {
    titles: [
      "Presentación y consentimiento",
      "Perfil",
      "Necesidades de capacitación",
      "Modalidad y disponibilidad",
      "Obstáculos",
      "Preguntas abiertas",
    ],
    steps: ["Inicio", "Perfil", "Necesidades", "Modalidad", "Obstáculos", "Comentarios"],
  },
  en: {
    titles: ["Introduction and consent", "Profile", "Training needs", "Format and availability", "Barriers", "Open questions"],
    steps: ["Start", "Profile", "Training needs", "Format", "Barriers", "Comments"],
  },
};

interface ProgressLayout {
  /** Width of the whole page's content: more than the screen means sideways scrolling. */
  documentWidth: number;
  /** Shown elements of the progress indicator whose content is wider than their box (scrolls or is cut off). */
  overflowing: string[];
  /** The text the progress indicator shows (step names and/or position). */
  text: string;
  /** The step names of the step navigation, when it is shown. */
  steps: string[];
  /** Where the indicator is on the screen (px from the top of the viewport), when it is shown. */
  top: number | null;
  bottom: number | null;
  /** The current page's title as shown above its questions. */
  heading: { text: string; cut: boolean; right: number } | null;
}

/** The current page's title as SurveyJS shows it above the questions (a styled div, not a heading). */
const pageTitle = (page: Page, title: string) => page.locator(".sd-page__title").getByText(title, { exact: true });

/** What a person sees of the progress indicator and the page title at the top of the form. */
async function progressLayout(page: Page): Promise<ProgressLayout> {
  await settled(page);
  return page.evaluate(() => {
    const shown = [...document.querySelectorAll<HTMLElement>(".fill-form .sd-progress-buttons, .fill-form .fill-progress")].filter(
      (e) => e.getClientRects().length > 0,
    );
    const overflowing = shown
      .flatMap((e) => [e, ...e.querySelectorAll<HTMLElement>("*")])
      .filter((e) => e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth)
      .map((e) => `${e.className} (${e.scrollWidth} > ${e.clientWidth}): ${e.textContent}`);
    const steps = shown.flatMap((e) => [...e.querySelectorAll<HTMLElement>(".sd-progress-buttons__page-title")]).map((e) => e.textContent ?? "");
    const title = document.querySelector<HTMLElement>(".sd-page__title");
    return {
      documentWidth: document.documentElement.scrollWidth,
      overflowing,
      text: shown.map((e) => e.innerText).join("\n"),
      steps,
      top: shown[0] ? Math.floor(shown[0].getBoundingClientRect().top) : null,
      bottom: shown[0] ? Math.ceil(shown[0].getBoundingClientRect().bottom) : null,
      heading: title && {
        text: title.innerText.trim(),
        cut: title.scrollWidth > title.clientWidth,
        right: Math.ceil(title.getBoundingClientRect().right),
      },
    };
  });
}

/**
 * On a 390 px phone, at the top of a page (as after "Siguiente"): the progress indicator is on
 * screen, fits it without sideways scrolling and says which page of how many this is, and the
 * page's full title is there to read.
 */
async function expectPhoneProgress(page: Page, locale: "es" | "en", n: number): Promise<void> {
  const title = PAGES[locale].titles[n - 1]!;
  await pageTitle(page, title).waitFor();
  const layout = await progressLayout(page);
  expect(layout.overflowing, `page ${n}: nothing in the progress indicator scrolls or is cut off`).toEqual([]);
  expect(layout.documentWidth, `page ${n}: no sideways scrolling`).toBeLessThanOrEqual(390);
  const position = locale === "es" ? `Página ${n} de 6` : `Page ${n} of 6`;
  expect(layout.text, `page ${n}: the indicator gives the position`).toContain(position);
  expect(layout.top, `page ${n}: the indicator is on screen`).toBeGreaterThanOrEqual(0);
  expect(layout.bottom, `page ${n}: the indicator is on screen`).toBeLessThanOrEqual(844);
  expect(layout.heading).toEqual({ text: title, cut: false, right: expect.any(Number) });
  expect(layout.heading!.right).toBeLessThanOrEqual(390);
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

describe("fill page (390×844 phone, real Chromium)", () => {
  it("shows the title and introduction before any JavaScript runs", async () => {
    const html = await (await fetch(`${server.url}/s/dnc-tim?u=${link}`)).text();
    expect(html).toContain("Diagnóstico de necesidades de capacitación en tráfico ilícito de migrantes");
    expect(html).toContain("en grupos de al menos 5 personas");
    expect(html).toContain("necesita activar JavaScript");
  });

  it("takes a person from consent to the thank-you page, surviving a reload halfway", async () => {
    const { context, page } = await phone();
    await page.goto(`${server.url}/s/dnc-tim?u=${link}`);
    await page.getByRole("button", { name: "Siguiente" }).waitFor();
    expect(await page.getByRole("button", { name: "English" }).isVisible()).toBe(true);
    expect(await axeCheck(page)).toEqual([]);
    await expectPhoneProgress(page, "es", 1);
    await screenshot(page, "fill-start-390");

    // Consent is required to go on.
    await next(page);
    await page.getByText("Para continuar, marque la casilla que indica que acepta participar.").first().waitFor();
    await consent(page);
    await expectPhoneProgress(page, "es", 2);
    await fillProfile(page, CARGO);
    // Phones zoom into inputs with text under 16 px (iOS): none here.
    const smallInputs = await page.evaluate(() =>
      [...document.querySelectorAll("input, textarea")].filter((e) => parseFloat(getComputedStyle(e).fontSize) < 16).map((e) => e.id || e.className),
    );
    expect(smallInputs).toEqual([]);
    expect(await axeCheck(page)).toEqual([]);
    await next(page);

    // Half of the need matrix, then the phone reloads the page.
    await expectPhoneProgress(page, "es", 3);
    await screenshot(page, "fill-progress-390");
    for (const topic of TOPICS.slice(0, 9)) await rateTopic(page, topic, ...ratingFor(topic));
    await saved(page);
    await page.reload();
    await page.getByText("Necesidades de capacitación", { exact: true }).waitFor();
    for (const topic of TOPICS.slice(0, 9)) {
      const [importancia, dominio] = ratingFor(topic);
      expect(await cellText(page, topic, "Importancia para sus funciones")).toMatch(new RegExp(`^${importancia} – `));
      expect(await cellText(page, topic, "Nivel actual de dominio")).toMatch(new RegExp(`^${dominio} – `));
    }
    expect(await cellText(page, "T10", "Importancia para sus funciones")).toBe("");
    expect(await axeCheck(page)).toEqual([]);

    // The profile came back whole, including the unit that depends on the institution.
    await page.getByRole("button", { name: "Anterior" }).click();
    expect(await page.getByRole("textbox", { name: "Cargo que desempeña (opcional)" }).inputValue()).toBe(CARGO);
    expect(await page.getByRole("radio", { name: "Policía Nacional del Perú" }).isChecked()).toBe(true);
    expect(
      await question(page, "dependencia")
        .getByRole("radio", { name: /^DIRCTPTIM/ })
        .isChecked(),
    ).toBe(true);
    await next(page);

    for (const topic of TOPICS.slice(9)) {
      if (topic === NOT_APPLICABLE) {
        await rateTopic(page, topic, 3, 3); // then changes their mind: not part of their duties
        await markNotApplicable(page, topic);
      } else {
        await rateTopic(page, topic, ...ratingFor(topic));
      }
    }
    await screenshot(page, "fill-needs-390-full", { fullPage: true });
    await page.getByRole("radiogroup", { name: /Cooperación policial.*Importancia/ }).scrollIntoViewIfNeeded();
    await screenshot(page, "fill-needs-390");
    await next(page);

    await expectPhoneProgress(page, "es", 4);
    expect(await axeCheck(page)).toEqual([]);
    await choose(page, "¿Qué duración de capacitación le resulta más viable?", "2 a 3 días");
    await tapIn(page, "meses_disponibles", "Marzo");
    await next(page);
    await expectPhoneProgress(page, "es", 5);
    await tapIn(page, "obstaculos", "Carga laboral");
    await next(page);
    await expectPhoneProgress(page, "es", 6);
    await page.getByRole("textbox", { name: /sugerencias sobre el contenido/ }).fill("Más práctica en la frontera – Tacna y Tumbes, ¡gracias!");
    // The connection drops as the person submits: no thank-you until the server has it.
    await context.setOffline(true);
    await page.getByRole("button", { name: "Enviar" }).click();
    await page.getByText("Sin conexión, reintentando…", { exact: true }).waitFor();
    await screenshot(page, "fill-submit-offline-390");
    expect(new URL(page.url()).pathname).toBe("/s/dnc-tim");
    expect(query("select id from responses where status = 'complete'")).toEqual([]);
    await context.setOffline(false);

    await page.waitForURL(/\/s\/dnc-tim\/gracias$/);
    await page.getByRole("heading", { name: "¡Gracias por su participación!" }).waitFor();
    expect(await page.getByText(/en grupos de al menos 5 personas/).isVisible()).toBe(true);
    await screenshot(page, "fill-thanks-390");

    const [response] = query<{ id: string; status: string; unit: string; data: string; locale: string }>(
      "select r.id, r.status, u.code as unit, r.data, r.locale from responses r join units u on u.id = r.unit_id where r.status = 'complete'",
    );
    expect(response).toMatchObject({ status: "complete", unit: "CR-TUM", locale: "es" });
    const data = JSON.parse(response!.data) as Record<string, unknown>;
    expect(data.cargo).toBe(CARGO);
    // Byte-exact in the file: UTF-8 as typed, not \u-escaped or re-normalised.
    const [stored] = query<{ raw: Buffer }>("select cast(data as blob) as raw from responses where id = ?", response!.id);
    expect(stored!.raw.includes(Buffer.from(CARGO, "utf8"))).toBe(true);
    expect(data).toMatchObject({ institucion: "pnp", dependencia: "dirctptim", region: "PE-TUM", capacitacion_tim_horas: 40 });
    const ratings = query<{ topic: string; importancia: number | null; dominio: number | null; no_aplica: number }>(
      "select topic, importance as importancia, competence as dominio, not_applicable as no_aplica from need_ratings where response_id = ? order by topic",
      response!.id,
    );
    expect(ratings).toHaveLength(18);
    for (const r of ratings) {
      if (r.topic === NOT_APPLICABLE) expect(r).toMatchObject({ importancia: null, dominio: null, no_aplica: 1 });
      else expect([r.importancia, r.dominio, r.no_aplica]).toEqual([...ratingFor(r.topic), 0]);
    }

    // The device forgot the submitted answers: the link starts a new, empty response.
    await page.goto(`${server.url}/s/dnc-tim?u=${link}`);
    await page.getByRole("button", { name: "Siguiente" }).waitFor();
    expect(await page.getByRole("checkbox", { name: /acepto participar/ }).isChecked()).toBe(false);
    await context.close();
  });

  it("keeps answering offline and saves when the connection returns", async () => {
    const { context, page } = await phone();
    await page.goto(`${server.url}/s/dnc-tim?u=${link}`);
    await consent(page);
    await saved(page);
    await context.setOffline(true);
    await page.getByRole("textbox", { name: "Cargo que desempeña (opcional)" }).fill("Suboficial – Desaguadero, Puno");
    await page.getByText("Sin conexión: se guardará al reconectar", { exact: true }).waitFor();
    expect(savedAnswers("Desaguadero")).toBeUndefined();
    await context.setOffline(false);
    await eventually(() => savedAnswers("Desaguadero")?.cargo, "the offline answer on the server", 40_000);
    await saved(page);
    await context.close();
  });

  it("switches to English at once and keeps the answers", async () => {
    const { context, page } = await phone();
    await page.goto(`${server.url}/s/dnc-tim?u=${link}`);
    await consent(page);
    await choose(page, "¿En qué institución trabaja?", "Ministerio Público – Fiscalía de la Nación");
    await choose(page, "¿En qué dependencia o unidad trabaja?", "Fiscalía especializada en trata (FISTRAP)");
    await page.getByRole("textbox", { name: "Cargo que desempeña (opcional)" }).fill("Fiscal adjunta – Tacna");

    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "Next" }).waitFor();
    await page.getByRole("heading", { name: "Training needs assessment on smuggling of migrants", level: 1 }).waitFor();
    expect(await page.getByRole("radio", { name: /Public Prosecutor's Office/ }).isChecked()).toBe(true);
    expect(await page.getByRole("radio", { name: "Specialised prosecutor's office on trafficking (FISTRAP)" }).isChecked()).toBe(true);
    expect(await page.getByRole("textbox", { name: "Your position (optional)" }).inputValue()).toBe("Fiscal adjunta – Tacna");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "NEXT_LOCALE")).toMatchObject({ value: "en", path: "/", sameSite: "Lax" });
    await page.getByText("Saved", { exact: true }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectPhoneProgress(page, "en", 2);
    await screenshot(page, "fill-profile-en-390");
    await screenshot(page, "fill-profile-en-390-full", { fullPage: true });
    // The response records the language it is being answered in.
    await eventually(
      () => query<{ locale: string }>("select locale from responses where data like '%Fiscal adjunta%'")[0]?.locale === "en" || undefined,
      "the response saved in English",
    );

    await page.getByRole("button", { name: "Español" }).click();
    await page.getByRole("button", { name: "Siguiente" }).waitFor();
    expect(await page.getByRole("textbox", { name: "Cargo que desempeña (opcional)" }).inputValue()).toBe("Fiscal adjunta – Tacna");
    await context.close();
  });

  it("keeps the step navigation where it fits, with every step's name in full, in both languages", async () => {
    // A laptop, and a phone held sideways (narrow for the steps, too wide for SurveyJS's phone layout).
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 667, height: 375 },
    ]) {
      const context = await browser.newContext({ viewport, locale: "es-PE" });
      const page = await context.newPage();
      await page.goto(`${server.url}/s/dnc-tim?u=${link}`);
      for (const locale of ["es", "en"] as const) {
        if (locale === "en") await page.getByRole("button", { name: "English" }).click();
        await pageTitle(page, PAGES[locale].titles[0]!).waitFor();
        const layout = await progressLayout(page);
        expect(layout.overflowing, `${viewport.width} px, ${locale}`).toEqual([]);
        expect(layout.documentWidth, `${viewport.width} px, ${locale}`).toBeLessThanOrEqual(viewport.width);
        if (viewport.width >= 1024) expect(layout.steps).toEqual(PAGES[locale].steps);
        else if (layout.steps.length === 0) expect(layout.text).toContain(locale === "es" ? "Página 1 de 6" : "Page 1 of 6");
        await screenshot(page, `fill-progress-${viewport.width}-${locale}`);
      }
      await context.close();
    }
  });

  it("shows the need matrix whole: a table on a laptop, one card per topic on a tablet", async () => {
    // The profile is filled on the phone (its dropdowns open as sheets there), then the same
    // page is shown on a laptop and a tablet: SurveyJS lays the matrix out again on resize.
    const { context, page } = await phone();
    await page.goto(`${server.url}/s/dnc-tim?u=${link}`);
    await consent(page);
    await fillProfile(page, "Analista – Lima");
    await next(page);
    const matrix = question(page, "necesidades");
    await matrix.waitFor();
    // The page's title is a heading a screen reader can jump to, under the survey's h1.
    expect(await page.getByRole("heading", { name: "Necesidades de capacitación", level: 2 }).isVisible()).toBe(true);
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 800, height: 1000 },
    ]) {
      await page.setViewportSize(viewport);
      const stacked = page.locator(".sd-root-modern--mobile");
      if (viewport.width < 1000) await stacked.waitFor();
      else await stacked.waitFor({ state: "detached" });
      const layout = await matrix.evaluate((q) => {
        const card = q.getBoundingClientRect();
        const table = q.querySelector("table")!;
        const cut = [...q.querySelectorAll("th, td, .sd-dropdown__value")].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && (r.right > card.right + 0.5 || el.scrollWidth > el.clientWidth + 1);
        });
        return {
          stacked: !!q.closest(".sd-root-modern--mobile"),
          tableRight: table.getBoundingClientRect().right,
          cardRight: card.right,
          cut: cut.map((el) => el.textContent?.trim().slice(0, 40)),
          documentWidth: document.documentElement.scrollWidth,
        };
      });
      expect(layout.stacked, `${viewport.width} px`).toBe(viewport.width < 1000);
      expect(layout.tableRight, `${viewport.width} px: the table ends inside its card`).toBeLessThanOrEqual(layout.cardRight);
      expect(layout.cut, `${viewport.width} px: nothing cut off`).toEqual([]);
      expect(layout.documentWidth).toBeLessThanOrEqual(viewport.width);
      // Every column heading and the dropdowns' placeholder in full.
      if (!layout.stacked) {
        for (const heading of ["Importancia para sus funciones", "Nivel actual de dominio", "No aplica a mis funciones"]) {
          expect(await matrix.locator("th").filter({ hasText: heading }).first().isVisible()).toBe(true);
        }
      }
      await screenshot(page, `fill-needs-${viewport.width}`);
    }
    await context.close();
  });

  it("continues on another device with the resume code", async () => {
    const a = await phone();
    await a.page.goto(`${server.url}/s/dnc-tim?u=${link}`);
    await consent(a.page);
    await choose(a.page, "¿En qué institución trabaja?", "Superintendencia Nacional de Migraciones");
    await choose(a.page, "¿En qué dependencia o unidad trabaja?", "Puesto de control migratorio o fronterizo");
    await a.page.getByRole("textbox", { name: "Cargo que desempeña (opcional)" }).fill("Inspectora – Santa Rosa, Tacna");
    await saved(a.page);
    await eventually(() => savedAnswers("Santa Rosa")?.dependencia, "A's answers on the server");
    const code = (await a.page.locator(".resume-code").innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await a.page.getByText(/Para continuar en otro dispositivo/).isVisible()).toBe(true);

    const b = await phone();
    await b.page.goto(`${server.url}/s/dnc-tim?r=${code}`);
    await b.page.getByRole("textbox", { name: "Cargo que desempeña (opcional)" }).waitFor();
    expect(await b.page.getByRole("textbox", { name: "Cargo que desempeña (opcional)" }).inputValue()).toBe("Inspectora – Santa Rosa, Tacna");
    expect(await b.page.getByRole("radio", { name: "Superintendencia Nacional de Migraciones" }).isChecked()).toBe(true);
    expect(await b.page.getByRole("radio", { name: "Puesto de control migratorio o fronterizo" }).isChecked()).toBe(true);
    // The code was used once; the address now carries the unit link instead.
    expect(new URL(b.page.url()).searchParams.get("r")).toBeNull();
    expect(new URL(b.page.url()).searchParams.get("u")).toBe(link);
    // Device B continues the same response, in the same unit.
    await choose(b.page, "¿Qué categoría describe mejor su función?", "Inspector(a) migratorio(a)");
    await eventually(() => savedAnswers("Santa Rosa")?.cargo_categoria, "B's answer on the server");
    await saved(b.page);
    const rows = query<{ data: string; unit: string }>(
      "select r.data, u.code as unit from responses r join units u on u.id = r.unit_id where r.data like '%Santa Rosa%'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.unit).toBe("CR-TUM");
    expect(JSON.parse(rows[0]!.data)).toMatchObject({ institucion: "migraciones", cargo_categoria: "inspector_migratorio" });

    // Back on device A, the answers given on B win over A's older copy.
    await a.page.reload();
    await a.page.getByRole("radiogroup", { name: "¿Qué categoría describe mejor su función?" }).waitFor();
    await eventually(
      async () => (await a.page.getByRole("radio", { name: "Inspector(a) migratorio(a)" }).isChecked()) || undefined,
      "B's answer shown on A",
    );

    // A wrong code says so, and the person can start afresh.
    const c = await phone();
    await c.page.goto(`${server.url}/s/dnc-tim?r=ABCD-EFGH-JKMN`);
    await c.page.getByText(/Ese código no corresponde a ninguna encuesta en curso/).waitFor();
    await c.page.getByRole("button", { name: "Empezar de nuevo" }).click();
    await c.page.getByRole("checkbox", { name: /acepto participar/ }).waitFor();
    await Promise.all([a.context.close(), b.context.close(), c.context.close()]);
  });

  it("explains an unknown unit link and a closed survey instead of showing the form", async () => {
    const { context, page } = await phone();
    await page.goto(`${server.url}/s/dnc-tim?u=zzzzzzzzzzzz`);
    await page.getByRole("heading", { name: "Enlace no válido" }).waitFor();
    expect(await page.getByRole("button", { name: "Siguiente" }).count()).toBe(0);

    const conn = new Database(server.db);
    conn.prepare("insert into surveys (slug, status) values ('dnc-tim', 'closed') on conflict (slug) do update set status = 'closed'").run();
    conn.close();
    await page.goto(`${server.url}/s/dnc-tim?u=${link}`);
    await page.getByRole("heading", { name: "Esta encuesta está cerrada" }).waitFor();
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "This survey is closed" }).waitFor();
    await context.close();
  });
});
