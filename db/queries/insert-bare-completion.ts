// Benchmark baseline only (PUT /api/bench/bare, in the benchmark build): the rows a completed
// submission stores — the response and its need ratings, in one transaction, through
// the prepared statements saveResponse uses — with nothing around them: no validation, no
// lookup of an earlier save, no idempotency check.
import { canonicalJson } from "@/lib/surveys/canonical-json";
import { extractNeedRatings } from "@/lib/responses/need-ratings";
import { breakdownValues } from "@/lib/needs/breakdown-values";
import { newResumeCode } from "@/lib/codes/random-code";
import type { Db } from "../client";
import { transaction } from "../dialect";
import { responseStatements } from "./response-statements";
import type { SaveResponseInput } from "./save-response";
import { dimensionColumns, ensureDimensionSlots } from "./survey-dimensions";
import { ensureSurveyVersion } from "./surveys";

export type BareCompletion = Pick<SaveResponseInput, "id" | "survey" | "locale" | "data">;

export async function insertBareCompletion(db: Db, input: BareCompletion): Promise<void> {
  await ensureSurveyVersion(db, input.survey);
  const at = new Date().toISOString();
  const { id, survey, data } = input;
  const values = breakdownValues(survey.needs, data);
  const dims = dimensionColumns(await ensureDimensionSlots(db, survey.slug, [...values.keys()]), values);
  await transaction(
    db,
    async (tx) => {
      const statements = responseStatements(tx);
      const [saved] = await statements.insertResponse.execute({
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
      // No row: the resume code was taken (ON CONFLICT DO NOTHING, response-statements.ts).
      if (!saved) throw new Error("resume code collision; retry");
      if (!survey.needs) return;
      for (const rating of extractNeedRatings(survey.needs, data)) {
        await statements.insertNeedRating.execute({
          ...rating,
          ...dims,
          responseId: id,
          surveySlug: survey.slug,
          unitId: null,
          submittedAt: at,
          round: 1,
        });
      }
      // As a product save runs (save-response.ts).
    },
    { isolation: "read committed" },
  );
}
