// The question summary of a survey for the page and the API alike: the catalogue (built once per
// survey version), k, the filters a survey accepts, and the figures with their suppression
// verdict, so that both show exactly the same numbers.
import type { Db } from "@/db/client";
import type { ResolvedFilters } from "@/db/queries/needs";
import { getViewVerdict, resolveFilters } from "@/db/queries/needs-report";
import { listOpenAnswers } from "@/db/queries/open-answers";
import { countSelection, listSummaryCounts } from "@/db/queries/question-summary";
import { responseFilterTerms } from "@/db/queries/response-filter-terms";
import { env } from "@/lib/env";
import { badRequest } from "@/lib/http/app-error";
import { parseNeedsQuery, type NeedsFilters, type ParseResult, type SearchInput } from "@/lib/needs/filters";
import { viewSuppression, type ViewSuppression } from "@/lib/needs/suppression";
import { needsContext } from "@/lib/needs/survey-context";
import { buildQuestionCatalogue, type QuestionCatalogue } from "@/lib/summary/question-catalogue";
import { buildQuestionSummary, type QuestionSummary } from "@/lib/summary/question-summary";
import type { SurveyEntry } from "@/surveys/registry";

/** Answers of each open question shown in the summary; the open-answers page lists them all. */
export const TEXT_SAMPLE = 5;

const catalogues = new WeakMap<object, QuestionCatalogue>();

/** The survey's question catalogue; text answers are listed for the declaration's open questions. */
export function summaryCatalogue(survey: SurveyEntry): QuestionCatalogue {
  let catalogue = catalogues.get(survey.definition);
  if (!catalogue) {
    catalogue = buildQuestionCatalogue(survey.definition, { listableText: survey.needs?.openQuestions.map((q) => q.name) });
    catalogues.set(survey.definition, catalogue);
  }
  return catalogue;
}

/** k of a survey: its declaration's minGroupSize, else SONDEO_MIN_GROUP_SIZE. */
export function summaryMinGroupSize(survey: SurveyEntry): number {
  return survey.needs?.minGroupSize ?? env().SONDEO_MIN_GROUP_SIZE;
}

const PERIOD_KEYS = new Set(["from", "to"]);

/** A survey without a needs declaration has no breakdowns: only the period (from, to) filters it. */
export function parsePeriodQuery(input: SearchInput): ParseResult<NeedsFilters> {
  const keys = input instanceof URLSearchParams ? [...input.keys()] : Object.keys(input);
  const unknown = keys.find((key) => !PERIOD_KEYS.has(key));
  if (unknown !== undefined) return { ok: false, message: `Unknown parameter "${unknown}". Use from, to.` };
  const parsed = parseNeedsQuery(input);
  return parsed.ok ? { ok: true, value: parsed.value.filters } : parsed;
}

/**
 * The filters of a request: a survey with a needs declaration takes the needs views' parameters
 * (one per breakdown, from, to; `by` is accepted and ignored), one without takes from and to.
 * Anything else is a 400 with a message.
 */
export function resolveSummaryFilters(db: Db, survey: SurveyEntry, input: SearchInput): ResolvedFilters {
  if (!survey.needs) {
    const period = parsePeriodQuery(input);
    if (!period.ok) throw badRequest("invalid_query", period.message);
    return period.value;
  }
  const parsed = parseNeedsQuery(input, { allowed: needsContext(survey).allowed });
  if (!parsed.ok) throw badRequest("invalid_query", parsed.message);
  return resolveFilters(db, parsed.value.filters);
}

export interface SurveySummary {
  /** Completed responses in the selection. */
  n: number;
  /** Why nothing may be shown (rule 3, or a filter selecting a protected group); null: shown. */
  verdict: ViewSuppression | null;
  summary: QuestionSummary | null;
}

/** The summary of the completed responses under the filters, or only the verdict that hides it. */
export function loadSurveySummary(db: Db, survey: SurveyEntry, filters: ResolvedFilters, k: number): SurveySummary {
  const where = responseFilterTerms(filters);
  const n = countSelection(db, survey.slug, where);
  // With breakdowns, a filter may also select a group its breakdown hides (getViewVerdict).
  const verdict = survey.needs ? getViewVerdict(db, survey.slug, filters, k).verdict : viewSuppression(n, k);
  if (verdict) return { n, verdict, summary: null };
  const catalogue = summaryCatalogue(survey);
  const rows = listSummaryCounts(db, survey.slug, catalogue, where);
  const answers = new Map<string, string[]>();
  for (const q of catalogue.questions) {
    if (q.kind !== "text" || !q.listable) continue;
    answers.set(q.key, listOpenAnswers(db, survey.slug, where, { question: q.key, limit: TEXT_SAMPLE, offset: 0 }).items);
  }
  return { n, verdict: null, summary: buildQuestionSummary(catalogue, rows, n, k, answers) };
}
