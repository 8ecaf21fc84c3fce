// Benchmark baseline only (PUT /api/bench/bare): the same responses row a completed submission
// stores, written with one plain insert (the same prepared statement saveResponse uses): no
// validation, no transaction, no need ratings, no idempotency check.
import { canonicalJson } from "@/lib/canonical-json";
import { newResumeCode } from "@/lib/random-code";
import type { Db } from "../client";
import { responseStatements } from "./response-statements";
import { ensureSurveyVersion, type SurveyRef } from "./surveys";

export interface BareResponse {
  id: string;
  survey: SurveyRef;
  locale: "es" | "en";
  data: unknown;
}

export function insertBareResponse(db: Db, input: BareResponse): void {
  ensureSurveyVersion(db, input.survey);
  const at = new Date().toISOString();
  responseStatements(db).insertResponse.run({
    id: input.id,
    surveySlug: input.survey.slug,
    surveyVersion: input.survey.version,
    unitId: null,
    status: "complete",
    data: canonicalJson(input.data),
    locale: input.locale,
    currentPage: 0,
    resumeCode: newResumeCode(),
    isDemo: false,
    startedAt: at,
    updatedAt: at,
    submittedAt: at,
  });
}
