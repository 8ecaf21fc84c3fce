// Answering surveys/dnc-tim.json with the keyboard alone, as a person who cannot use a pointer:
// Tab and Shift+Tab to move between fields, Space to tick, arrows inside a group or a list, Enter
// on a button or a list item, typing into text fields. The person watches where the focus is (the
// focused element's label, its question, its group) and what the open list highlights — which is
// what these helpers read from the page; every action is a key press.
import type { Page } from "playwright-core";
import { ratingFor, TOPIC_TITLES } from "./fill-dnc-tim";

interface Focus {
  /** The focused element's own label (aria-label, or the text of its <label>, or its text). */
  label: string;
  /** The question it belongs to (SurveyJS's data-name). */
  question: string;
  /** The accessible name of the radio group it is in (a matrix cell: "hilera …, columna …"). */
  group: string;
  checked: boolean;
}

async function focus(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    if (!e || e === document.body) return { label: "", question: "", group: "", checked: false };
    const label = e.getAttribute("aria-label") ?? e.closest("label")?.innerText ?? e.innerText ?? "";
    return {
      label: label.trim(),
      question: e.closest("[data-name]")?.getAttribute("data-name") ?? "",
      group: e.closest("[role=radiogroup]")?.getAttribute("aria-label") ?? "",
      checked: (e as HTMLInputElement).checked === true,
    };
  });
}

async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
}

/** Presses Tab until the focus is where `here` says (at most `max` times). */
async function tabTo(page: Page, here: (f: Focus) => boolean, what: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await press(page, "Tab");
    if (here(await focus(page))) return;
  }
  throw new Error(`the keyboard never reached ${what}`);
}

/** A radio group: Tab into it, Space on the first option, arrows down to the wanted one. */
async function chooseRadio(page: Page, question: string, option: string): Promise<void> {
  await tabTo(page, (f) => f.question === question, `question ${question}`);
  await press(page, "Space");
  for (let i = 0; i < 30 && (await focus(page)).label !== option; i++) await press(page, "ArrowDown");
  const f = await focus(page);
  if (f.label !== option || !f.checked) throw new Error(`${question}: could not choose "${option}" (at "${f.label}")`);
}

/** Whether a dropdown list (or a phone's sheet of it) is on screen. */
const listOpen = (page: Page) => page.evaluate(() => [...document.querySelectorAll(".sv-popup")].some((p) => getComputedStyle(p).display !== "none"));

/** Opens a dropdown's list and closes it with Escape: the list goes and the focus is back on the dropdown. */
async function openAndEscape(page: Page, question: string): Promise<void> {
  await tabTo(page, (f) => f.question === question, `question ${question}`);
  await press(page, "ArrowDown");
  await page.waitForFunction(() => [...document.querySelectorAll(".sv-popup")].some((p) => getComputedStyle(p).display !== "none"));
  await press(page, "Escape");
  await page.waitForFunction(() => [...document.querySelectorAll(".sv-popup")].every((p) => getComputedStyle(p).display === "none"));
  const f = await focus(page);
  if (f.question !== question || (await listOpen(page))) throw new Error(`${question}: Escape left the focus on "${f.label}" in ${f.question}`);
  await press(page, "Shift+Tab"); // so that the next step Tabs into it again, as it expects
}

/** A dropdown: open it with the keyboard, move along the list to the option, Enter. */
async function pickFromList(page: Page, question: string, option: RegExp): Promise<void> {
  await tabTo(page, (f) => f.question === question, `question ${question}`);
  await press(page, "ArrowDown"); // opens the list; the arrows then move along it
  const highlighted = () =>
    page.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      const active = e.getAttribute("aria-activedescendant");
      const marked = document.querySelector(".sd-selectlist__item--focused, .sv-list__item--focused");
      return ((active && document.getElementById(active)) || marked || e).textContent?.trim() ?? "";
    });
  // Wait for the list to open, then step one option at a time, reading the highlight after each step
  // has landed: on a loaded machine a read can otherwise see the previous option and run past it.
  await page.waitForFunction(() => [...document.querySelectorAll(".sv-popup")].some((p) => getComputedStyle(p).display !== "none"));
  for (let i = 0; i < 80; i++) {
    const before = await highlighted();
    if (option.test(before)) break;
    await press(page, "ArrowDown");
    for (let tries = 0; tries < 20 && (await highlighted()) === before; tries++) await page.waitForTimeout(25);
  }
  if (!option.test(await highlighted())) throw new Error(`${question}: the list never highlighted ${option}`);
  await press(page, "Enter");
  await page.waitForFunction(() => [...document.querySelectorAll(".sv-popup")].every((p) => getComputedStyle(p).display === "none"));
  const f = await focus(page);
  if (f.question !== question) throw new Error(`${question}: after choosing, the focus is on "${f.label}" in ${f.question}`);
}

async function typeInto(page: Page, question: string, text: string): Promise<void> {
  await tabTo(page, (f) => f.question === question, `question ${question}`);
  await page.keyboard.type(text);
}

async function tick(page: Page, label: string): Promise<void> {
  await tabTo(page, (f) => f.label.startsWith(label), `"${label}"`);
  await press(page, "Space");
}

async function button(page: Page, name: string): Promise<void> {
  await tabTo(page, (f) => f.label === name, `the "${name}" button`);
  await press(page, "Enter");
}

/** One scale: Tab into it (the focus lands on its first value), Space to choose 1, → to the value. */
async function rate(page: Page, topic: string, column: string, value: number): Promise<void> {
  const title = TOPIC_TITLES[topic]!;
  await tabTo(page, (f) => f.group.includes(title) && f.group.endsWith(`columna ${column}`), `${topic} ${column}`, 10);
  await press(page, "Space");
  for (let i = 1; i < value; i++) await press(page, "ArrowRight");
  const f = await focus(page);
  if (!f.checked || !f.label.startsWith(`${value} – `) || !f.group.includes(title)) {
    throw new Error(`${topic} ${column}: ${value} not chosen (focus on "${f.label}" in "${f.group}")`);
  }
}

/** The whole survey, consent to "Enviar", the ratings as in ratingFor(). */
export async function answerWithKeyboard(page: Page, cargo: string): Promise<void> {
  await page.getByRole("button", { name: "Siguiente" }).waitFor();
  await tick(page, "He leído la información anterior y acepto participar");
  await button(page, "Siguiente");
  await page.getByText("¿En qué institución trabaja?").waitFor();

  await chooseRadio(page, "institucion", "Policía Nacional del Perú");
  await chooseRadio(page, "dependencia", "DIRCTPTIM – Dirección contra la Trata de Personas y Tráfico Ilícito de Migrantes");
  await openAndEscape(page, "region");
  await pickFromList(page, "region", /^Puno$/);
  await typeInto(page, "cargo", cargo);
  await chooseRadio(page, "cargo_categoria", "Policía investigador(a)");
  await chooseRadio(page, "anios_institucion", "De 7 a 10 años");
  await chooseRadio(page, "anios_casos", "De 1 a 3 años");
  await tabTo(page, (f) => f.question === "capacitacion_tdp", "capacitacion_tdp");
  await press(page, "Shift+Tab"); // back to capacitacion_tim, the switch before it
  await press(page, "Space");
  await typeInto(page, "capacitacion_tim_horas", "40");
  await tick(page, "OIM – Organización Internacional para las Migraciones");
  await tabTo(page, (f) => f.question === "capacitacion_tdp", "capacitacion_tdp");
  await press(page, "Space");
  await press(page, "Space"); // Sí, then No
  await button(page, "Siguiente");

  await page.getByText("Necesidades de capacitación", { exact: true }).waitFor();
  for (const topic of Object.keys(TOPIC_TITLES)) {
    const [importancia, dominio] = ratingFor(topic);
    await rate(page, topic, "Importancia para sus funciones", importancia);
    await rate(page, topic, "Nivel actual de dominio", dominio);
  }
  await button(page, "Siguiente");
  await chooseRadio(page, "duracion", "2 a 3 días");
  await button(page, "Siguiente");
  await page.getByRole("heading", { name: "Obstáculos", exact: true, level: 2 }).waitFor(); // the page's title
  await button(page, "Siguiente");
  await button(page, "Enviar");
}
