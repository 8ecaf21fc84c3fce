// The reference validation of a complete submission: survey-core itself. The data is assigned to a
// Model of the definition, answers to hidden questions, cells and options are refused, then
// survey-core's validate() runs over every visible page (required, ranges, validators), and
// anything survey-core changed (on assignment or while validating) is refused. Slow:
// used for definitions the compiled validator does not support, and by the differential test.
import { Model, type Question, type SurveyModel } from "survey-core";
import "../surveys/surveyjs-setup";
import { canonicalJson } from "../surveys/canonical-json";
import type { ValidationIssue } from "./validation-issue";

type AnyQuestion = Question & Record<string, any>;

function hiddenIssues(model: SurveyModel, data: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(data)) {
    const baseKey = key.endsWith("-Comment") ? key.slice(0, -"-Comment".length) : key;
    const q = model.getQuestionByValueName(baseKey) as AnyQuestion | null;
    if (!q) continue;
    if (!q.isVisible || !q.isParentVisible) {
      issues.push({ key, reason: "hidden", message: "answer to a question that is not shown for these answers" });
      continue;
    }
    if (key !== baseKey) continue;
    issues.push(...hiddenInside(q, value, key));
  }
  return issues;
}

function hiddenInside(q: AnyQuestion, value: unknown, key: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const type = q.getType();
  if (["radiogroup", "dropdown", "checkbox", "tagbox", "ranking"].includes(type) && !q.choicesByUrl?.url) {
    const visible = new Set((q.visibleChoices as { value: unknown }[]).map((c) => c.value));
    const hasOther = q.showOtherItem;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (!visible.has(v) && !(hasOther && v === (q.otherItem?.value ?? "other"))) {
        issues.push({ key, reason: "not_in_choices", message: `${JSON.stringify(v)} is not an option for these answers` });
      }
    }
  }
  if (type === "matrixdropdown" && value && typeof value === "object") {
    for (const row of q.visibleRows as { rowName: string; cells: { column: { name: string }; question: AnyQuestion }[] }[]) {
      const rowValue = (value as Record<string, Record<string, unknown>>)[row.rowName];
      if (!rowValue) continue;
      for (const cell of row.cells) {
        if (rowValue[cell.column.name] === undefined) continue;
        const cellKey = `${key}.${row.rowName}.${cell.column.name}`;
        if (!cell.question.isVisible) {
          issues.push({ key: cellKey, reason: "hidden", message: "answer to a cell that is not shown for these answers" });
        } else issues.push(...hiddenInside(cell.question, rowValue[cell.column.name], cellKey));
      }
    }
  }
  return issues;
}

function collectErrors(q: AnyQuestion, key: string, out: ValidationIssue[]): void {
  for (const e of (q.errors as { getText(): string }[]) ?? []) {
    out.push({ key, reason: "invalid", message: e.getText() });
  }
  const type = q.getType();
  if (type === "matrixdropdown" || type === "matrixdynamic") {
    (q.visibleRows as { rowName: string; cells: { column: { name: string }; question: AnyQuestion }[] }[]).forEach((row, i) => {
      const rowKey = type === "matrixdropdown" ? row.rowName : `[${i}]`;
      for (const cell of row.cells) {
        collectErrors(cell.question, `${key}${rowKey.startsWith("[") ? "" : "."}${rowKey}.${cell.column.name}`, out);
      }
    });
  }
  if (type === "paneldynamic") {
    (q.panels as { questions: AnyQuestion[] }[]).forEach((panel, i) => {
      for (const inner of panel.questions) collectErrors(inner, `${key}[${i}].${inner.getValueName()}`, out);
    });
  }
  if (type === "multipletext") {
    for (const item of q.items as { name: string; editor: AnyQuestion }[]) {
      collectErrors(item.editor, `${key}.${item.name}`, out);
    }
  }
}

/** Runs survey-core on complete data; returns its errors keyed by data path. */
function surveyCoreIssues(model: SurveyModel, data: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const valid = model.validate(true, false);
  for (const q of model.getAllQuestions(true) as AnyQuestion[]) collectErrors(q, q.getValueName(), issues);
  if (!valid && issues.length === 0) {
    issues.push({ key: "data", reason: "invalid", message: "the survey's validation failed" });
  }
  // survey-core silently drops values it does not accept; anything it changed is rejected.
  const after = model.data as Record<string, unknown>;
  for (const key of new Set([...Object.keys(data), ...Object.keys(after)])) {
    if (canonicalJson(data[key]) !== canonicalJson(after[key])) {
      issues.push({ key, reason: "changed", message: "value not accepted by the survey" });
    }
  }
  return issues;
}

/**
 * survey-core's verdict on complete data whose shape is already checked (see survey-shape.ts):
 * [] when accepted, else the issues (hidden answers first, on their own).
 */
export function surveyCoreCompletionIssues(definition: object, record: Record<string, unknown>, locale: string): ValidationIssue[] {
  // A new Model every time: one reused across submissions keeps state from the previous one
  // (dynamic panels it added, errors of cells it no longer validates), so its verdict on the
  // same data could differ from call to call. A new Model costs tens of milliseconds (hundreds
  // for a survey with large matrices, whose rows survey-core builds during validate()).
  const model = new Model(definition);
  try {
    model.locale = locale;
    model.data = structuredClone(record);
    const hidden = hiddenIssues(model, record);
    if (hidden.length > 0) return hidden;
    return surveyCoreIssues(model, record);
  } finally {
    model.dispose();
  }
}
