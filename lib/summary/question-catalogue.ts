// What a survey asks, read from its SurveyJS definition with survey-core itself: every question in
// questionnaire order, how it is summarised (its kind), its data key, and its titles and choices in
// Spanish and English. The summary and its SQL take every name from here, never from literals.
import { Model, type Question } from "survey-core";
import "../surveys/surveyjs-setup";
import { localizedText, type LocalizedText } from "../surveys/localized-text";

export interface SummaryOption {
  /** The stored value as text: a choice code, "true"/"false" for booleans, a number as written. */
  value: string;
  label: LocalizedText;
}

interface QuestionBase {
  name: string;
  /** The key of its answer in the response data (the question's valueName, else its name). */
  key: string;
  title: LocalizedText;
  /** Name of the survey page it is on. */
  page: string;
}

/** radiogroup, dropdown, boolean, rating (and buttongroup, single imagepicker): one answer each. */
export interface ChoiceQuestion extends QuestionBase {
  kind: "choice";
  scale: "nominal" | "boolean" | "rating";
  options: SummaryOption[];
  /** Every option is a number (a rating, a 1–5 dropdown): mean and median make sense. */
  numeric: boolean;
}
/** checkbox, tagbox, multi-select imagepicker: any number of options each. */
export interface MultiQuestion extends QuestionBase {
  kind: "multi";
  options: SummaryOption[];
}
export interface RankingQuestion extends QuestionBase {
  kind: "ranking";
  options: SummaryOption[];
}
export interface NumericQuestion extends QuestionBase {
  kind: "numeric";
}
export interface DateQuestion extends QuestionBase {
  kind: "date";
  inputType: string;
}
export interface TextQuestion extends QuestionBase {
  kind: "text";
  /** Whether its answers may be listed (the needs declaration's open questions, else every one). */
  listable: boolean;
}
/** Single-choice matrix: each row takes one of the columns. */
export interface MatrixQuestion extends QuestionBase {
  kind: "matrix";
  rows: SummaryOption[];
  columns: SummaryOption[];
  numeric: boolean;
}
export interface MatrixColumn {
  name: string;
  title: LocalizedText;
  /** choice: one option per cell (a partition of each row); counts: boolean or multiple choice. */
  kind: "choice" | "counts" | "other";
  options: SummaryOption[];
  numeric: boolean;
}
export interface MatrixDropdownQuestion extends QuestionBase {
  kind: "matrixdropdown";
  rows: SummaryOption[];
  columns: MatrixColumn[];
}
/** A question that holds answers but is not summarised (dynamic panels and matrices, files…). */
export interface SkippedQuestion extends QuestionBase {
  kind: "skipped";
  type: string;
  reason: "dynamic" | "unsupported";
}

export type CatalogueQuestion =
  | ChoiceQuestion
  | MultiQuestion
  | RankingQuestion
  | NumericQuestion
  | DateQuestion
  | TextQuestion
  | MatrixQuestion
  | MatrixDropdownQuestion
  | SkippedQuestion;

export interface QuestionCatalogue {
  pages: { name: string; title: LocalizedText }[];
  questions: CatalogueQuestion[];
}

export interface CatalogueOptions {
  /** Text and comment questions whose answers may be listed; default: all of them. */
  listableText?: readonly string[];
}

type AnyQuestion = Question & Record<string, any>;
type Item = { value: unknown; toJSON(): unknown };

const SINGLE = new Set(["radiogroup", "dropdown", "buttongroup"]);
const MULTI = new Set(["checkbox", "tagbox"]);
/** Containers and display elements: no answer of their own. */
const NO_VALUE = new Set(["html", "image", "expression", "panel", "flowpanel"]);
const DYNAMIC = new Set(["paneldynamic", "matrixdynamic"]);
const NUMERIC_INPUTS = new Set(["number", "range"]);
const DATE_INPUTS = new Set(["date", "datetime-local", "month"]);

function itemOptions(items: readonly Item[]): SummaryOption[] {
  return items.map((item) => {
    const json = item.toJSON();
    const text = json && typeof json === "object" ? (json as { text?: unknown }).text : undefined;
    return { value: String(item.value), label: localizedText(text, String(item.value)) };
  });
}

function allNumbers(items: readonly Item[]): boolean {
  return items.length > 0 && items.every((i) => typeof i.value === "number" && Number.isFinite(i.value));
}

/** The choices and the special items (other, none, refuse, don't know) that are switched on. */
function choiceItems(q: AnyQuestion): Item[] {
  const items = [...((q.choices as Item[] | undefined) ?? [])];
  for (const flag of ["Other", "None", "Refuse", "DontKnow"]) {
    const item = q[`${flag.charAt(0).toLowerCase()}${flag.slice(1)}Item`] as Item | undefined;
    if (q[`show${flag}Item`] && item) items.push(item);
  }
  return items;
}

function ratingItems(q: AnyQuestion): Item[] {
  const own = (q.rateValues as Item[] | undefined) ?? [];
  if (own.length > 0) return own;
  // survey-core computes the scale from rateMin/rateMax/rateStep or rateCount.
  return ((q.visibleRateValues as Item[] | undefined) ?? []).filter((i) => i.value !== undefined);
}

function booleanOptions(q: AnyQuestion): SummaryOption[] {
  const json = q.toJSON() as { labelTrue?: unknown; labelFalse?: unknown };
  const yes = { value: String(q.valueTrue ?? true), label: localizedText(json.labelTrue, "Sí", "Yes") };
  const no = { value: String(q.valueFalse ?? false), label: localizedText(json.labelFalse, "No", "No") };
  return q.swapOrder ? [no, yes] : [yes, no];
}

function titleOf(q: { name: string; toJSON(): unknown }): LocalizedText {
  return localizedText((q.toJSON() as { title?: unknown }).title, q.name);
}

function matrixColumn(cell: AnyQuestion, column: { name: string; toJSON(): unknown }): MatrixColumn {
  const type = cell.getType();
  const base = { name: column.name, title: localizedText((column.toJSON() as { title?: unknown }).title, column.name) };
  if (SINGLE.has(type) || type === "rating") {
    const items = type === "rating" ? ratingItems(cell) : choiceItems(cell);
    return { ...base, kind: "choice", options: itemOptions(items), numeric: type === "rating" || allNumbers(items) };
  }
  if (type === "boolean") return { ...base, kind: "counts", options: booleanOptions(cell), numeric: false };
  if (MULTI.has(type)) return { ...base, kind: "counts", options: itemOptions(choiceItems(cell)), numeric: false };
  return { ...base, kind: "other", options: [], numeric: false };
}

/** The summary's view of one question, or null when it holds no answer. */
function describe(q: AnyQuestion, page: string, listable: (name: string) => boolean): CatalogueQuestion | null {
  const type = q.getType();
  if (NO_VALUE.has(type)) return null;
  const base: QuestionBase = { name: q.name, key: String(q.getValueName()), title: titleOf(q), page };
  if (SINGLE.has(type) || (type === "imagepicker" && !q.multiSelect)) {
    const items = choiceItems(q);
    return { ...base, kind: "choice", scale: "nominal", options: itemOptions(items), numeric: allNumbers(items) };
  }
  if (type === "rating") {
    return { ...base, kind: "choice", scale: "rating", options: itemOptions(ratingItems(q)), numeric: true };
  }
  if (type === "boolean") return { ...base, kind: "choice", scale: "boolean", options: booleanOptions(q), numeric: false };
  if (MULTI.has(type) || type === "imagepicker") return { ...base, kind: "multi", options: itemOptions(choiceItems(q)) };
  if (type === "ranking") return { ...base, kind: "ranking", options: itemOptions(choiceItems(q)) };
  if (type === "text") {
    const inputType = String(q.inputType ?? "text");
    if (NUMERIC_INPUTS.has(inputType)) return { ...base, kind: "numeric" };
    if (DATE_INPUTS.has(inputType)) return { ...base, kind: "date", inputType };
    return { ...base, kind: "text", listable: listable(q.name) };
  }
  if (type === "comment") return { ...base, kind: "text", listable: listable(q.name) };
  if (type === "matrix") {
    const columns = q.columns as Item[];
    return { ...base, kind: "matrix", rows: itemOptions(q.rows as Item[]), columns: itemOptions(columns), numeric: allNumbers(columns) };
  }
  if (type === "matrixdropdown") {
    // The first row's cells are the columns as survey-core resolves them (cell type, inherited choices).
    const firstRow = (q.visibleRows as { cells: { column: { name: string; toJSON(): unknown }; question: AnyQuestion }[] }[])[0];
    const columns = (firstRow?.cells ?? []).map((c) => matrixColumn(c.question, c.column));
    return { ...base, kind: "matrixdropdown", rows: itemOptions(q.rows as Item[]), columns };
  }
  return { ...base, kind: "skipped", type, reason: DYNAMIC.has(type) ? "dynamic" : "unsupported" };
}

/** The catalogue of a definition (build it once per survey version: it runs survey-core). */
export function buildQuestionCatalogue(definition: object, options: CatalogueOptions = {}): QuestionCatalogue {
  const model = new Model(definition);
  const listable = options.listableText ? new Set(options.listableText) : null;
  const isListable = (name: string) => !listable || listable.has(name);
  const pages = model.pages.map((p) => ({ name: p.name, title: localizedText((p.toJSON() as { title?: unknown }).title, p.name) }));
  const questions: CatalogueQuestion[] = [];
  // Top-level questions only (panels included): cells of matrices and questions inside dynamic
  // panels are answered inside their parent's value and summarised there.
  for (const q of model.getAllQuestions(false, false, false) as AnyQuestion[]) {
    const entry = describe(q, q.page?.name ?? "", isListable);
    if (entry) questions.push(entry);
  }
  return { pages, questions };
}
