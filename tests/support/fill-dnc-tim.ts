// Answering surveys/dnc-tim.json the way a person does on a phone: tapping the visible labels
// and options (SurveyJS keeps the real inputs visually hidden under its own decorations).
import type { Page } from "playwright-core";

/** A question's block on the page (SurveyJS marks it with the question name). */
export const question = (page: Page, name: string) => page.locator(`[data-name="${name}"]`);

/** Waits until SurveyJS's transitions (questions sliding in, popups fading) have finished. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getComputedTiming().endTime === Infinity),
  );
}

/** Taps an option of a radio group, found by the group's title. */
export async function choose(page: Page, group: string, option: string): Promise<void> {
  await page.getByRole("radiogroup", { name: group }).getByText(option, { exact: true }).click();
}

/** Waits until no SurveyJS popup (dropdown list) is open or fading out. */
async function noPopupOpen(page: Page): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll(".sv-popup")].every((p) => getComputedStyle(p).display === "none"));
}

/** Opens a dropdown (by its accessible name) and taps an option in the list that pops up. */
export async function pick(page: Page, combobox: string | RegExp, option: string | RegExp): Promise<void> {
  const box = page.getByRole("combobox", { name: combobox });
  const item = page.getByRole("option", { name: option, exact: typeof option === "string" });
  await noPopupOpen(page);
  await box.scrollIntoViewIfNeeded();
  await settled(page);
  for (let attempt = 1; ; attempt++) {
    // SurveyJS lays its own wrapper over the input: a tap lands on the wrapper, as a finger would.
    await box.click({ force: true });
    try {
      await item.waitFor({ timeout: 3000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err; // a tap during a re-render can be lost, as on a real phone
    }
  }
  await item.click();
  await noPopupOpen(page);
}

/** Taps a label inside a question block: Sí/No of a switch, a checkbox item. */
export async function tapIn(page: Page, name: string, label: string): Promise<void> {
  await question(page, name).getByText(label, { exact: true }).click();
}

export const TOPIC_TITLES: Record<string, string> = {
  T01: "Protocolo contra el Tráfico Ilícito de Migrantes por Tierra, Mar y Aire",
  T02: "Ley N.º 28950, artículos 303-A y 303-B del Código Penal y su reglamento",
  T03: "Directrices Intersectoriales (D.S. N.º 008-2018-IN) y roles institucionales",
  T04: "Diferencias entre tráfico ilícito de migrantes, trata de personas y migración irregular",
  T05: "Indicadores para identificar casos de tráfico en frontera y control migratorio",
  T06: "Rutas, modus operandi y planes de viaje de las redes de tráfico",
  T07: "Detección de documentos fraudulentos e impostores",
  T08: "Entrevista a personas migrantes objeto de tráfico",
  T09: "Técnicas especiales de investigación y evidencia digital",
  T10: "Investigación financiera y lavado de activos",
  T11: "Calificación jurídica, agravantes y prueba en juicio",
  T12: "Crimen organizado y corrupción vinculados al tráfico",
  T13: "Cooperación policial y judicial internacional (Chile, Ecuador y otros)",
  T14: "Derechos humanos, protección internacional y no criminalización del migrante",
  T15: "Atención a niñas, niños y adolescentes no acompañados, mujeres y población LGTBIQ",
  T16: "Coordinación interinstitucional y derivación de casos",
  T17: "Registro de casos y estadística",
  T18: "Trata de personas: identificación de víctimas y vínculos con el tráfico",
};

const IMPORTANCIA = ["", "1 – Nada importante", "2 – Poco importante", "3 – Moderadamente importante", "4 – Importante", "5 – Muy importante"];
const DOMINIO = ["", "1 – Muy bajo", "2 – Bajo", "3 – Regular", "4 – Bueno", "5 – Muy bueno"];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export type RatingColumn = "Importancia para sus funciones" | "Nivel actual de dominio";

/** The scale of one matrix cell: SurveyJS names the cell "hilera <topic>, columna <column>". */
export function cell(page: Page, topic: string, column: RatingColumn) {
  const title = TOPIC_TITLES[topic] ?? topic;
  return page.getByRole("radiogroup", { name: new RegExp(`${escapeRegExp(title)}, columna ${column}`) });
}

/** Taps one value on each of a topic's two scales (one tap each: the scale is on screen). */
export async function rateTopic(page: Page, topic: string, importancia: number, dominio: number): Promise<void> {
  await cell(page, topic, "Importancia para sus funciones").getByRole("radio", { name: IMPORTANCIA[importancia]!, exact: true }).click();
  await cell(page, topic, "Nivel actual de dominio").getByRole("radio", { name: DOMINIO[dominio]!, exact: true }).click();
}

/** Ticks "No aplica a mis funciones" for a topic by tapping its text (the whole line is a target). */
export async function markNotApplicable(page: Page, topic: string): Promise<void> {
  const title = escapeRegExp(TOPIC_TITLES[topic] ?? topic);
  const row = page.getByRole("row", { name: new RegExp(`^${title}`) });
  const text = row.getByText("No aplica a mis funciones", { exact: true });
  await text.scrollIntoViewIfNeeded();
  await settled(page);
  // force: the tap lands on the label stretched over the text, which is the point.
  await text.click({ force: true });
  const box = page.getByRole("checkbox", { name: new RegExp(`${title}, columna No aplica a mis funciones`) });
  if (!(await box.isChecked())) throw new Error(`tapping "No aplica" did not tick it for ${topic}`);
}

/** The text of the value chosen on a cell's scale ("4 – Importante"), or "" when none is. */
export async function cellText(page: Page, topic: string, column: RatingColumn): Promise<string> {
  const chosen = cell(page, topic, column).locator("input:checked");
  return (await chosen.count()) === 0 ? "" : ((await chosen.getAttribute("aria-label")) ?? "").trim();
}

/** Ratings used by the tests: topic Tnn gets importancia 5-(n%3), dominio 1+(n%4). */
export function ratingFor(topic: string): [number, number] {
  const n = Number(topic.slice(1));
  return [5 - (n % 3), 1 + (n % 4)];
}

export async function consent(page: Page): Promise<void> {
  await page.getByText("He leído la información anterior y acepto participar").click();
  await page.getByRole("button", { name: "Siguiente" }).click();
}

/** Fills the profile page as a PNP investigator in Tumbes, with the given position text. */
export async function fillProfile(page: Page, cargo: string): Promise<void> {
  await choose(page, "¿En qué institución trabaja?", "Policía Nacional del Perú");
  // A few units to choose from: visible buttons (app/s/_fill/short-lists.ts), one tap.
  await choose(page, "¿En qué dependencia o unidad trabaja?", "DIRCTPTIM – Dirección contra la Trata de Personas y Tráfico Ilícito de Migrantes");
  await pick(page, "¿En qué región trabaja?", "Tumbes");
  await page.getByRole("textbox", { name: "Cargo que desempeña (opcional)" }).fill(cargo);
  await choose(page, "¿Qué categoría describe mejor su función?", "Policía investigador(a)");
  await choose(page, "¿Cuántos años lleva trabajando en su institución actual?", "De 7 a 10 años");
  await choose(page, "¿Cuántos años lleva atendiendo casos de tráfico ilícito de migrantes o de trata de personas?", "De 1 a 3 años");
  await tapIn(page, "capacitacion_tim", "Sí");
  await page.getByRole("spinbutton", { name: /cuántas horas de capacitación/ }).fill("40");
  await tapIn(page, "capacitacion_tim_entidad", "OIM – Organización Internacional para las Migraciones");
  await tapIn(page, "capacitacion_tdp", "No");
}

/** A whole respondent session through the form: consent, profile, all topics, submit, thanks. */
export async function answerWholeSurvey(
  page: Page,
  cargo: string,
  /** Called as the matrix page is reached and once its last topic is rated (counting its taps). */
  hooks: { onMatrixPage?: () => unknown; onMatrixDone?: () => Promise<unknown> } = {},
): Promise<void> {
  const nextPage = () => page.getByRole("button", { name: "Siguiente" }).click();
  await page.getByRole("button", { name: "Siguiente" }).waitFor();
  await consent(page);
  await fillProfile(page, cargo);
  await nextPage();
  await page.getByText("Necesidades de capacitación", { exact: true }).waitFor();
  hooks.onMatrixPage?.();
  for (let n = 1; n <= 18; n++) {
    const topic = `T${String(n).padStart(2, "0")}`;
    await rateTopic(page, topic, ...ratingFor(topic));
  }
  await hooks.onMatrixDone?.();
  await nextPage();
  await choose(page, "¿Qué duración de capacitación le resulta más viable?", "2 a 3 días");
  await nextPage();
  await nextPage();
  await page.getByRole("button", { name: "Enviar" }).click();
  await page.waitForURL(/\/gracias$/);
}
