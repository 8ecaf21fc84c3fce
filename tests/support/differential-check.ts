// The differential check shared by the unit test and bench/validator-differential.ts: on every
// generated submission (in Spanish and English), the compiled validator (validateResponseData)
// and survey-core (validateWithSurveyCore) must give the same verdict and the same issues.
import assert from "node:assert/strict";
import fc from "fast-check";
import { validateResponseData, validateWithSurveyCore, type ValidationResult } from "@/lib/responses/response-validation";
import { answersArb, withoutHidden } from "./answer-arbitraries";

type Data = Record<string, unknown>;

export interface Agreement {
  accepted: number;
  rejected: number;
}

function issues(result: ValidationResult): string[] {
  return result.ok ? [] : result.issues.map((i) => `${i.key} | ${i.reason} | ${i.message}`).sort();
}

/** Generated answers, half of them with the answers the compiler finds hidden dropped. */
export function submissionsFor(definition: object): fc.Arbitrary<Data> {
  const hidden = (data: Data) => {
    const result = validateResponseData(definition, data, { complete: true });
    return result.ok ? [] : result.issues.filter((i) => i.reason === "hidden" || i.reason === "not_in_choices").map((i) => i.key);
  };
  return fc
    .tuple(answersArb(definition as Record<string, unknown>), fc.boolean())
    .map(([data, consistent]) => (consistent ? withoutHidden(data, hidden) : data));
}

/**
 * Rejects (with fast-check's shrunk counterexample) at the first disagreement. Asynchronous so that
 * survey-core's queued microtasks (its animations) run between cases: until they do, they keep
 * every Model alive, and thousands of synchronous cases exhaust the heap.
 */
export async function checkAgreement(definition: object, submissions: fc.Arbitrary<Data>, numRuns: number, seed?: number): Promise<Agreement> {
  const verdicts: Agreement = { accepted: 0, rejected: 0 };
  await fc.assert(
    fc.asyncProperty(submissions, fc.constantFrom("es" as const, "en" as const), async (data, locale) => {
      const compiled = validateResponseData(definition, data, { complete: true, locale });
      const reference = validateWithSurveyCore(definition, data, { complete: true, locale });
      assert.equal(compiled.ok, reference.ok, "verdict");
      assert.deepEqual(issues(compiled), issues(reference), "issues");
      verdicts[compiled.ok ? "accepted" : "rejected"]++;
      await Promise.resolve();
    }),
    { numRuns, seed },
  );
  return verdicts;
}
