// What the needs views need to know about a survey: its topics, the choice codes (and labels) of
// the breakdown dimensions, derived once from the registry entry.
import type { ChoiceDimension } from "./filters";
import { questionChoices, type ChoiceLabel } from "./survey-choices";

export interface SurveyLike {
  slug: string;
  definition: unknown;
  needs?: { matrix: string; topics: { code: string; title: { es: string; en: string } }[] };
}

export const CHOICE_DIMENSIONS: readonly ChoiceDimension[] = ["institucion", "region", "cargo_categoria", "anios_casos"];

export interface NeedsContext {
  slug: string;
  topics: { code: string; title: { es: string; en: string } }[];
  choices: Record<ChoiceDimension, ChoiceLabel[]>;
  /** Accepted filter values per dimension. */
  allowed: Record<ChoiceDimension, string[]>;
  /** For db/queries/needs-report: topic codes and group display order. */
  needsSurvey: { slug: string; topics: string[]; groupOrder: Record<ChoiceDimension, string[]> };
}

export function needsContext(survey: SurveyLike): NeedsContext {
  const topics = survey.needs?.topics ?? [];
  const choices = Object.fromEntries(
    CHOICE_DIMENSIONS.map((d) => [d, questionChoices(survey.definition, d)]),
  ) as Record<ChoiceDimension, ChoiceLabel[]>;
  const allowed = Object.fromEntries(
    CHOICE_DIMENSIONS.map((d) => [d, choices[d].map((c) => c.value)]),
  ) as Record<ChoiceDimension, string[]>;
  return {
    slug: survey.slug,
    topics,
    choices,
    allowed,
    needsSurvey: { slug: survey.slug, topics: topics.map((t) => t.code), groupOrder: allowed },
  };
}
