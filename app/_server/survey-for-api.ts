// The survey an API route works on: its registry entry, its filters and k (lib/needs/survey-context)
// and its breakdown storage; a survey without a needs declaration gets empty breakdowns.
import { getDb } from "@/db/client";
import { needsSurveyOf, type NeedsSurvey } from "@/db/queries/needs-report";
import { notFound } from "@/lib/http/app-error";
import { needsContext, type NeedsContext } from "@/lib/needs/survey-context";
import { getSurvey, type SurveyEntry } from "@/surveys/registry";

export interface ApiSurvey {
  survey: SurveyEntry;
  context: NeedsContext;
  needsSurvey: NeedsSurvey;
}

export async function surveyForApi(slug: string, options: { requireNeeds: boolean }): Promise<ApiSurvey> {
  const survey = await getSurvey(slug);
  if (!survey) throw notFound("survey_not_found", `There is no survey "${slug}".`);
  if (options.requireNeeds && !survey.needs) {
    throw notFound("survey_not_found", `The survey "${slug}" declares no needs assessment (needsAssessment).`);
  }
  const needsSurvey = survey.needs ? await needsSurveyOf(await getDb(), slug, survey.needs) : { slug, slots: new Map(), topics: [], breakdowns: [] };
  return { survey, context: needsContext(survey), needsSurvey };
}
