// Differential test: the compiled validator (validateResponseData) against survey-core itself
// (validateWithSurveyCore, a fresh Model per call) on generated submissions, valid and invalid,
// for dnc-tim and for small surveys covering matrices, dynamic panels, conditions and validators.
// They must agree on accept/reject and on the issues reported. Any disagreement is a bug in the
// compiled validator; fast-check shrinks it to a small counterexample.
// survey-core takes tens of milliseconds per call (dnc-tim: hundreds), so the suite runs a bounded
// number of cases; SONDEO_DIFF_RUNS=<n> runs n per survey, and bench/validator-differential.ts
// runs thousands.
import { describe, expect, it } from "vitest";
import { isCompiled, validateResponseData, validateWithSurveyCore } from "@/lib/responses/response-validation";
import { checkAgreement, submissionsFor, type Agreement } from "../support/differential-check";
import { DIFFERENTIAL_SURVEYS } from "../support/differential-surveys";
import { loadDncTim } from "../support/dnc-tim";
import { dncTimAnswersArb } from "../support/dnc-tim-arbitraries";

const RUNS_OVERRIDE = Number(process.env.SONDEO_DIFF_RUNS) || undefined;
const TIMEOUT = 600_000;

/** Both verdicts must be well represented, or the agreement proves little. */
function expectBothVerdicts({ accepted, rejected }: Agreement) {
  const total = accepted + rejected;
  expect(accepted).toBeGreaterThanOrEqual(total * 0.05);
  expect(rejected).toBeGreaterThanOrEqual(total * 0.05);
}

describe("compiled validator agrees with survey-core", () => {
  it("on dnc-tim: valid responses and near misses", { timeout: TIMEOUT }, async () => {
    const definition = loadDncTim().definition;
    expect(isCompiled(definition)).toBe(true);
    expectBothVerdicts(await checkAgreement(definition, dncTimAnswersArb(definition), RUNS_OVERRIDE ?? 15));
  });

  const runs: Record<string, number> = { MATRICES: 40, PANELS: 80, CHOICES: 100, TEXTS: 150, PAGES: 150 };
  for (const [name, definition] of Object.entries(DIFFERENTIAL_SURVEYS)) {
    it(`on ${name.toLowerCase()}`, { timeout: TIMEOUT }, async () => {
      expect(isCompiled(definition)).toBe(true);
      expectBothVerdicts(await checkAgreement(definition, submissionsFor(definition), RUNS_OVERRIDE ?? runs[name] ?? 100));
    });
  }
});

describe("definitions the compiler does not model fall back to survey-core", () => {
  const unsupported: Record<string, object> = {
    "a multiple text question": { elements: [{ type: "multipletext", name: "m", items: [{ name: "a", isRequired: true }] }] },
    "choices loaded from a URL": { elements: [{ type: "dropdown", name: "d", isRequired: true, choicesByUrl: { url: "https://example.org/x" } }] },
    "a calculated value": {
      calculatedValues: [{ name: "dos", expression: "1 + 1" }],
      elements: [{ type: "text", name: "t", isRequired: true, visibleIf: "{dos} = 2" }],
    },
    "a function in a condition": { elements: [{ type: "text", name: "t", isRequired: true, visibleIf: "age({t}) > 1" }] },
    "a default value": { elements: [{ type: "text", name: "t", isRequired: true, defaultValue: "x" }] },
    "an unknown variable": { elements: [{ type: "text", name: "t", isRequired: true, visibleIf: "{nadie} = 1" }] },
  };
  for (const [what, definition] of Object.entries(unsupported)) {
    it(`with ${what}`, () => {
      expect(isCompiled(definition)).toBe(false);
      expect(validateResponseData(definition, {}, { complete: true })).toEqual(validateWithSurveyCore(definition, {}, { complete: true }));
    });
  }
});
