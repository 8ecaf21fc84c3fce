// What the views need to know about a survey, derived once from its registry entry: its needs
// declaration (topics, scale, breakdowns), the filters it accepts and its minimum group size k.
import { env } from "../env";
import type { LocalizedText } from "../surveys/localized-text";
import type { NeedsDeclaration } from "./declaration";
import { filterSpec, type FilterSpec } from "./filters";

export interface SurveyLike {
  slug: string;
  definition: unknown;
  needs?: NeedsDeclaration;
}

export interface NeedsContext {
  slug: string;
  declaration: NeedsDeclaration | undefined;
  topics: { code: string; title: LocalizedText }[];
  spec: FilterSpec;
  k: number;
}

/** k for a survey: its declaration's minGroupSize, else SONDEO_MIN_GROUP_SIZE. */
export function minGroupSize(survey: Pick<SurveyLike, "needs">): number {
  return survey.needs?.minGroupSize ?? env().SONDEO_MIN_GROUP_SIZE;
}

export function needsContext(survey: SurveyLike): NeedsContext {
  return {
    slug: survey.slug,
    declaration: survey.needs,
    topics: survey.needs?.topics ?? [],
    spec: filterSpec(survey.needs),
    k: minGroupSize(survey),
  };
}
