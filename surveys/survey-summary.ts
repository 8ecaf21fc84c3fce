// What an admin checks before publishing a survey version: its title, how many questions and
// pages it has, and what its needs declaration makes of it (the topics and the breakdowns).
import { Model } from "survey-core";
import "@/lib/surveys/surveyjs-setup";
import type { LocalizedText, SurveyEntry } from "./registry";

export interface SurveySummary {
  slug: string;
  version: string;
  title: LocalizedText;
  pages: number;
  questions: number;
  /** null: the survey declares no needs assessment (no needs dashboard). */
  needs: { matrix: LocalizedText; topics: LocalizedText[]; breakdowns: LocalizedText[] } | null;
}

export function summarizeSurvey(entry: SurveyEntry): SurveySummary {
  const model = new Model(entry.definition);
  return {
    slug: entry.slug,
    version: entry.version,
    title: entry.title,
    pages: model.pages.length,
    questions: model.getAllQuestions().length,
    needs: entry.needs
      ? {
          matrix: entry.needs.titles.matrix,
          topics: entry.needs.topics.map((t) => t.title),
          breakdowns: entry.needs.breakdowns.map((b) => b.title),
        }
      : null,
  };
}
