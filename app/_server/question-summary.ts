// The question summary's survey-level pieces shared by the page and the API: the catalogue, built
// once per survey version (it runs survey-core), and how many open answers the summary lists.
import { buildQuestionCatalogue, type QuestionCatalogue } from "@/lib/summary/question-catalogue";
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
