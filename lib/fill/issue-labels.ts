// Turns the server's validation issues (keyed by data path, e.g. "<matrix>.<row>.<column>")
// into lines a respondent can act on: the question's title as they see it, in their language.
import type { Question, SurveyModel } from "survey-core";

export interface IssueLike {
  key: string;
  reason?: string;
  message: string;
}

export interface LabelledIssue {
  key: string;
  /** Name of the question to take the person to, when the key belongs to one. */
  question: string | null;
  label: string;
  message: string;
}

type AnyQuestion = Question & Record<string, any>;

function topKey(key: string): { top: string; rest: string[] } {
  const [head = key, ...rest] = key.split(".");
  const top = head.replace(/\[\d+\]$/, "").replace(/-Comment$/, "");
  return { top, rest };
}

function matrixLabel(q: AnyQuestion, rest: string[]): string | null {
  const [rowName, columnName] = rest;
  if (!rowName) return null;
  const row = (q.rows as { value: unknown; text: string }[] | undefined)?.find((r) => String(r.value) === rowName);
  if (!row) return null;
  const column = columnName ? (q.getColumnByName?.(columnName) as { title?: string } | undefined) : undefined;
  return column?.title ? `${row.text} › ${column.title}` : row.text;
}

/**
 * Labels each issue with the title of its question (matrix cells: "row › column"). Messages of
 * kind "invalid" come from survey-core in the respondent's language and are kept; the others are
 * technical and replaced by `fallback`.
 */
export function labelIssues(model: SurveyModel, issues: IssueLike[], fallback: string): LabelledIssue[] {
  return issues.map((issue) => {
    const { top, rest } = topKey(issue.key);
    const q = model.getQuestionByValueName(top) as AnyQuestion | null;
    const message = issue.reason === "invalid" ? issue.message : fallback;
    if (!q) return { key: issue.key, question: null, label: issue.key, message };
    const type = q.getType();
    const cell = type === "matrixdropdown" || type === "matrix" ? matrixLabel(q, rest) : null;
    return { key: issue.key, question: q.name, label: cell ?? q.title, message };
  });
}
