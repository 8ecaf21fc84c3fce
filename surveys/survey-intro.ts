// The first page of a survey (presentation and consent) as plain data, so the fill page can
// server-render the introduction — readable before any JavaScript arrives on a slow phone.
import { localizedText as localized } from "@/lib/surveys/localized-text";

export interface SurveyIntro {
  title: string;
  description: string;
  /** The first page's title and the HTML of its html elements (authored content, not answers). */
  pageTitle: string;
  html: string[];
}

type Json = Record<string, unknown>;

const isJson = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

export function surveyIntro(definition: Json, locale: "es" | "en"): SurveyIntro {
  const pages = Array.isArray(definition.pages) ? definition.pages.filter(isJson) : [];
  const first = pages[0];
  const elements = first && Array.isArray(first.elements) ? first.elements.filter(isJson) : [];
  return {
    title: localized(definition.title)[locale],
    description: localized(definition.description)[locale],
    pageTitle: first ? localized(first.title)[locale] : "",
    html: elements.filter((e) => e.type === "html").map((e) => localized(e.html)[locale]),
  };
}
