// The shape of a survey's data, derived from its SurveyJS definition: which keys exist and what
// type each value must have. survey-core's own validate() silently drops out-of-choice values and
// ignores unknown keys, so this check runs first and names every offending key.
import type { Question, SurveyModel } from "survey-core";

export type Shape =
  | { kind: "string"; maxLength?: number }
  | { kind: "number" }
  | { kind: "boolean"; values: unknown[] }
  | { kind: "choice"; values: unknown[]; open: boolean }
  | { kind: "choices"; values: unknown[]; open: boolean; ranking: boolean }
  | { kind: "object"; fields: Map<string, Shape> }
  | { kind: "rows"; rows: Set<string>; row: Shape }
  | { kind: "array"; item: Shape }
  | { kind: "none" }
  | { kind: "any" };

export interface ShapeIssue {
  key: string;
  reason: "unknown_key" | "wrong_type" | "not_in_choices" | "too_long" | "duplicate" | "no_value" | "nul_character";
  message: string;
}

const CHOICE_SINGLE = new Set(["radiogroup", "dropdown", "rating", "buttongroup"]);
const CHOICE_MULTI = new Set(["checkbox", "tagbox", "ranking"]);
const NO_VALUE = new Set(["html", "image"]);

type AnyQuestion = Question & Record<string, any>;

function choiceValues(q: AnyQuestion): { values: unknown[]; open: boolean } {
  if (q.getType() === "rating") {
    const rate = (q.rateValues as { value: unknown }[] | undefined) ?? [];
    if (rate.length > 0) return { values: rate.map((r) => r.value), open: false };
    const values: number[] = [];
    for (let v = q.rateMin as number; v <= (q.rateMax as number); v += (q.rateStep as number) || 1) values.push(v);
    return { values, open: false };
  }
  // Choices loaded from a URL or copied from another question are not known in advance.
  const dynamic = Boolean(q.choicesByUrl?.url) || Boolean(q.choicesFromQuestion);
  const values = ((q.choices as { value: unknown }[] | undefined) ?? []).map((c) => c.value);
  if (q.showOtherItem) values.push(q.otherItem?.value ?? "other");
  if (q.showNoneItem) values.push(q.noneItem?.value ?? "none");
  if (q.showRefuseItem) values.push(q.refuseItem?.value ?? "refused");
  if (q.showDontKnowItem) values.push(q.dontKnowItem?.value ?? "dontknow");
  return { values, open: dynamic };
}

function textShape(q: AnyQuestion): Shape {
  const numeric = ["number", "range"].includes(q.inputType as string);
  if (numeric) return { kind: "number" };
  const max = typeof q.getMaxLength === "function" ? (q.getMaxLength() as number | null) : null;
  return max && max > 0 ? { kind: "string", maxLength: max } : { kind: "string" };
}

/** Shape of one question's value. Cell questions of matrices are questions too. */
export function questionShape(q: AnyQuestion): Shape {
  const type = q.getType();
  if (NO_VALUE.has(type)) return { kind: "none" };
  if (type === "text") return textShape(q);
  if (type === "comment") {
    const max = q.getMaxLength() as number | null;
    return max && max > 0 ? { kind: "string", maxLength: max } : { kind: "string" };
  }
  if (type === "boolean") {
    const t = q.valueTrue ?? true;
    const f = q.valueFalse ?? false;
    return { kind: "boolean", values: [t, f] };
  }
  if (CHOICE_SINGLE.has(type)) return { kind: "choice", ...choiceValues(q) };
  if (CHOICE_MULTI.has(type)) return { kind: "choices", ...choiceValues(q), ranking: type === "ranking" };
  if (type === "matrix") {
    const columns = ((q.columns as { value: unknown }[]) ?? []).map((c) => c.value);
    const rowShape: Shape = { kind: "choice", values: columns, open: false };
    const rows = new Set(((q.rows as { value: unknown }[]) ?? []).map((r) => String(r.value)));
    return { kind: "rows", rows, row: rowShape };
  }
  if (type === "matrixdropdown" || type === "matrixdynamic") {
    const fields = new Map<string, Shape>();
    const template = type === "matrixdynamic" ? q.visibleRows : q.visibleRows;
    const firstRow = (template as { cells: { column: { name: string }; question: AnyQuestion }[] }[])[0];
    for (const col of (q.columns as { name: string }[]) ?? []) {
      const cell = firstRow?.cells.find((c) => c.column.name === col.name);
      fields.set(col.name, cell ? questionShape(cell.question) : { kind: "any" });
    }
    const row: Shape = { kind: "object", fields };
    if (type === "matrixdynamic") return { kind: "array", item: row };
    const rows = new Set(((q.rows as { value: unknown }[]) ?? []).map((r) => String(r.value)));
    return { kind: "rows", rows, row };
  }
  if (type === "multipletext") {
    const fields = new Map<string, Shape>();
    for (const item of (q.items as { name: string; editor: AnyQuestion }[]) ?? []) {
      fields.set(item.name, textShape(item.editor));
    }
    return { kind: "object", fields };
  }
  if (type === "paneldynamic") {
    const fields = new Map<string, Shape>();
    const template = q.template as { questions: AnyQuestion[] };
    for (const inner of template.questions) addQuestion(fields, inner);
    return { kind: "array", item: { kind: "object", fields } };
  }
  return { kind: "any" };
}

function addQuestion(fields: Map<string, Shape>, q: AnyQuestion): void {
  const shape = questionShape(q);
  if (shape.kind === "none") return;
  const key = q.getValueName() as string;
  fields.set(key, shape);
  // "Other" free text and comment areas are stored beside the value as "<name>-Comment".
  if (q.showOtherItem || q.showCommentArea || q.hasComment) {
    fields.set(`${key}-Comment`, { kind: "string", maxLength: q.getMaxLength?.() || undefined });
  }
}

/** Top-level shape of a survey's data: every question's key (valueName) and its value shape. */
export function surveyShape(model: SurveyModel): Map<string, Shape> {
  const fields = new Map<string, Shape>();
  for (const q of model.getAllQuestions(false, false, false) as AnyQuestion[]) addQuestion(fields, q);
  for (const cv of model.calculatedValues ?? []) {
    if (cv.includeIntoResult) fields.set(cv.name, { kind: "any" });
  }
  return fields;
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function typeName(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

function inChoices(values: unknown[], v: unknown): boolean {
  return values.some((c) => c === v);
}

function wrongType(issues: ShapeIssue[], key: string, value: unknown, expected: string): void {
  issues.push({ key, reason: "wrong_type", message: `expected ${expected}, got ${typeName(value)}` });
}

/** Checks `value` against `shape`, pushing one issue per offending key path. */
export function checkShape(shape: Shape, value: unknown, key: string, issues: ShapeIssue[]): void {
  switch (shape.kind) {
    case "any":
      return;
    case "none":
      issues.push({ key, reason: "no_value", message: "this element does not take an answer" });
      return;
    case "string":
      if (typeof value !== "string") return wrongType(issues, key, value, "text");
      // No keyboard types U+0000, and PostgreSQL cannot hold it in a JSON value.
      if (value.includes("\u0000")) issues.push({ key, reason: "nul_character", message: "text may not contain the NUL character (U+0000)" });
      if (shape.maxLength && value.length > shape.maxLength) {
        issues.push({ key, reason: "too_long", message: `at most ${shape.maxLength} characters (got ${value.length})` });
      }
      return;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return wrongType(issues, key, value, "a number");
      return;
    case "boolean":
      if (!inChoices(shape.values, value)) wrongType(issues, key, value, shape.values.map((v) => JSON.stringify(v)).join(" or "));
      return;
    case "choice":
      if (typeof value !== "string" && typeof value !== "number") return wrongType(issues, key, value, "one option code");
      if (!shape.open && !inChoices(shape.values, value)) {
        issues.push({ key, reason: "not_in_choices", message: `${JSON.stringify(value)} is not one of the options` });
      }
      return;
    case "choices": {
      if (!Array.isArray(value)) return wrongType(issues, key, value, "a list of option codes");
      const seen = new Set<unknown>();
      for (const item of value) {
        if (typeof item !== "string" && typeof item !== "number") return wrongType(issues, key, value, "a list of option codes");
        if (seen.has(item)) {
          issues.push({ key, reason: "duplicate", message: `${JSON.stringify(item)} appears twice` });
        }
        seen.add(item);
        if (!shape.open && !inChoices(shape.values, item)) {
          issues.push({ key, reason: "not_in_choices", message: `${JSON.stringify(item)} is not one of the options` });
        }
      }
      return;
    }
    case "object":
      if (!isPlainObject(value)) return wrongType(issues, key, value, "an object");
      for (const [k, v] of Object.entries(value)) {
        const inner = FORBIDDEN_KEYS.has(k) ? undefined : shape.fields.get(k);
        if (!inner) issues.push({ key: `${key}.${k}`, reason: "unknown_key", message: "not a field of this question" });
        else checkShape(inner, v, `${key}.${k}`, issues);
      }
      return;
    case "rows":
      if (!isPlainObject(value)) return wrongType(issues, key, value, "an object keyed by row");
      for (const [k, v] of Object.entries(value)) {
        if (!shape.rows.has(k) || FORBIDDEN_KEYS.has(k)) {
          issues.push({ key: `${key}.${k}`, reason: "unknown_key", message: "not a row of this question" });
        } else checkShape(shape.row, v, `${key}.${k}`, issues);
      }
      return;
    case "array":
      if (!Array.isArray(value)) return wrongType(issues, key, value, "a list");
      value.forEach((v, i) => checkShape(shape.item, v, `${key}[${i}]`, issues));
      return;
  }
}

/** Checks a whole submission's data: known keys only, each with the right type. */
export function checkData(fields: Map<string, Shape>, data: unknown): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  if (!isPlainObject(data)) {
    return [{ key: "data", reason: "wrong_type", message: `expected an object, got ${typeName(data)}` }];
  }
  for (const [key, value] of Object.entries(data)) {
    const shape = FORBIDDEN_KEYS.has(key) ? undefined : fields.get(key);
    if (!shape) issues.push({ key, reason: "unknown_key", message: "not a question of this survey" });
    else checkShape(shape, value, key, issues);
  }
  return issues;
}
