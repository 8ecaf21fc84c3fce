// Which matrix cells are ratings, shown as a visible scale (rating-scale.tsx) instead of a
// dropdown: single-choice cells whose options are a short ascending run of whole numbers (1–5,
// 1–4, 1–7, 0–10), nothing else among them ("other", "none"). Any survey's ratings qualify, not
// only those of a needs declaration, and a cell that does not look like a scale stays a dropdown.
import type { ItemValue, QuestionDropdownModel, SurveyModel } from "survey-core";

/** The renderer rating-scale.tsx registers for dropdown cells. */
export const SCALE_RENDERER = "sondeo-scale";
const MIN_STEPS = 2;
const MAX_STEPS = 11;

/** The cell's options when they form a scale, else undefined. */
export function scaleCellChoices(cell: { visibleChoices: ItemValue[] }): ItemValue[] | undefined {
  const choices = cell.visibleChoices;
  if (choices.length < MIN_STEPS || choices.length > MAX_STEPS) return undefined;
  let previous = -Infinity;
  for (const c of choices) {
    const v: unknown = c.value;
    if (typeof v !== "number" || !Number.isInteger(v) || v <= previous) return undefined;
    previous = v;
  }
  return choices;
}

/** "1 – Nada importante" → "Nada importante": the option's meaning without its number. */
export function endLabel(choice: { value: unknown; text: string }): string {
  const text = choice.text.trim();
  const number = String(choice.value);
  if (!text.startsWith(number)) return text;
  const rest = text.slice(number.length).replace(/^[\s.:=)\u2013\u2014-]+/, "");
  return rest === "" || /^\d/.test(rest) ? "" : rest;
}

/** Makes every matrix's rating cells in `model` render as visible scales (before it is shown). */
export function showRatingCellsAsScales(model: SurveyModel): void {
  model.onMatrixCellCreated.add((_, options) => {
    const cell = options.cellQuestion;
    if (cell.getType() === "dropdown" && scaleCellChoices(cell as QuestionDropdownModel)) cell.renderAs = SCALE_RENDERER;
  });
}
