// The question summary exactly as the page and the API show it: the selection's filters as SQL
// terms on the responses table, the verdict of rules 3–4 (a selection too small, or one that picks
// a group its breakdown hides, shows nothing), then the count rows and the pure summary.
import { viewSuppression, type ViewSuppression } from "@/lib/needs/suppression";
import type { QuestionCatalogue } from "@/lib/summary/question-catalogue";
import { buildQuestionSummary, type QuestionSummary } from "@/lib/summary/question-summary";
import type { Db } from "../client";
import type { ResolvedFilters } from "./filter-terms";
import { getViewVerdict, type NeedsSurvey } from "./needs-report";
import { listOpenAnswers } from "./open-answers";
import { countSelection, listSummaryCounts, selectionTerms } from "./question-summary";

export interface SurveySummary {
  /** Completed responses in the selection. */
  n: number;
  /** Why nothing may be shown; null when the summary may be. */
  verdict: ViewSuppression | null;
  summary: QuestionSummary | null;
}

export interface SummaryOptions {
  /** Whether the survey has a needs declaration (then the selection is counted as the needs views count it). */
  declared: boolean;
  /** Answers of each open question to list (the open-answers page lists them all). */
  textSample: number;
}

export async function getSurveySummary(
  db: Db,
  survey: NeedsSurvey,
  catalogue: QuestionCatalogue,
  filters: ResolvedFilters,
  k: number,
  options: SummaryOptions,
): Promise<SurveySummary> {
  const where = selectionTerms(db, survey.slots, filters);
  const n = await countSelection(db, survey.slug, where);
  const verdict = options.declared
    ? (await getViewVerdict(db, survey, filters, k)).verdict
    : viewSuppression(n, k, filters.release?.published ?? true);
  if (verdict) return { n, verdict, summary: null };
  const answers = new Map<string, string[]>();
  for (const q of catalogue.questions) {
    if (q.kind !== "text" || !q.listable) continue;
    answers.set(q.key, (await listOpenAnswers(db, survey.slug, where, { question: q.key, limit: options.textSample, offset: 0 })).items);
  }
  const counts = await listSummaryCounts(db, survey.slug, catalogue, where);
  return { n, verdict: null, summary: buildQuestionSummary(catalogue, counts, n, k, answers) };
}
