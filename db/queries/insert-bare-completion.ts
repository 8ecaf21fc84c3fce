// Benchmark baseline only (PUT /api/bench/bare, in the benchmark build): the rows a completed
// submission stores — the response and its need ratings, in one immediate transaction, through
// the prepared statements saveResponse uses — with nothing around them: no validation, no
// lookup of an earlier save, no idempotency check.
import { canonicalJson } from "@/lib/surveys/canonical-json";
import { extractNeedRatings } from "@/lib/responses/need-ratings";
import { breakdownValues } from "@/lib/needs/breakdown-values";
import { newResumeCode } from "@/lib/codes/random-code";
import type { Db } from "../client";
import { responseStatements } from "./response-statements";
import type { SaveResponseInput } from "./save-response";
import { dimensionColumns, ensureDimensionSlots } from "./survey-dimensions";
import { ensureSurveyVersion } from "./surveys";

export type BareCompletion = Pick<SaveResponseInput, "id" | "survey" | "locale" | "data">;

export function insertBareCompletion(db: Db, input: BareCompletion): void {
  ensureSurveyVersion(db, input.survey);
  const at = new Date().toISOString();
  const statements = responseStatements(db);
  const { id, survey, data } = input;
  const values = breakdownValues(survey.needs, data);
  const dims = dimensionColumns(ensureDimensionSlots(db, survey.slug, [...values.keys()]), values);
  db.transaction(
    () => {
      statements.insertResponse.run({
        id,
        surveySlug: survey.slug,
        surveyVersion: survey.version,
        unitId: null,
        status: "complete",
        data: canonicalJson(data),
        locale: input.locale,
        currentPage: 0,
        resumeCode: newResumeCode(),
        isDemo: false,
        startedAt: at,
        updatedAt: at,
        submittedAt: at,
        round: 1,
        ...dims,
        releaseBatch: null,
      });
      if (!survey.needs) return;
      for (const rating of extractNeedRatings(survey.needs, data)) {
        statements.insertNeedRating.run({ ...rating, ...dims, responseId: id, surveySlug: survey.slug, unitId: null, submittedAt: at, round: 1 });
      }
    },
    { behavior: "immediate" },
  );
}
