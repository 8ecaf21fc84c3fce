// Differential test: the compiled validator (validateResponseData) against survey-core itself
// (validateWithSurveyCore, a fresh Model per call) on generated submissions, valid and invalid,
// for dnc-tim and for small surveys covering matrices, dynamic panels, conditions and validators.
// They must agree on accept/reject and on the issues reported. Any disagreement is a bug in the
// compiled validator; fast-check shrinks it to a small counterexample.
// survey-core takes tens of milliseconds per call (dnc-tim: hundreds), so the suite runs a bounded
// number of cases; SONDEO_DIFF_RUNS=<n> runs n per survey (npx tsx bench/validator-differential.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isCompiled,
  validateResponseData,
  validateWithSurveyCore,
  type ValidationResult,
} from "@/lib/response-validation";
import { answersArb, withoutHidden } from "../support/answer-arbitraries";
import { DIFFERENTIAL_SURVEYS } from "../support/differential-surveys";
import { loadDncTim } from "../support/dnc-tim";
import { dncTimAnswersArb } from "../support/dnc-tim-arbitraries";

type Data = Record<string, unknown>;

const RUNS_OVERRIDE = Number(process.env.SONDEO_DIFF_RUNS) || undefined;

function issues(result: ValidationResult): string[] {
  return result.ok ? [] : result.issues.map((i) => `${i.key} | ${i.reason} | ${i.message}`).sort();
}

/** Answers the compiled validator finds hidden, so generators can drop them. */
function hiddenPaths(definition: object) {
  return (data: Data) => {
    const result = validateResponseData(definition, data, { complete: true });
    return result.ok ? [] : result.issues.filter((i) => i.reason === "hidden" || i.reason === "not_in_choices").map((i) => i.key);
  };
}

function checkAgreement(definition: object, submissions: fc.Arbitrary<Data>, numRuns: number) {
  expect(isCompiled(definition)).toBe(true);
  const verdicts = { accepted: 0, rejected: 0 };
  fc.assert(
    fc.property(submissions, fc.constantFrom("es" as const, "en" as const), (data, locale) => {
      const compiled = validateResponseData(definition, data, { complete: true, locale });
      const reference = validateWithSurveyCore(definition, data, { complete: true, locale });
      expect(compiled.ok).toBe(reference.ok);
      expect(issues(compiled)).toEqual(issues(reference));
      verdicts[compiled.ok ? "accepted" : "rejected"]++;
    }),
    { numRuns: RUNS_OVERRIDE ?? numRuns },
  );
  // Both verdicts must be well represented, or the test proves little.
  const total = verdicts.accepted + verdicts.rejected;
  expect(verdicts.accepted).toBeGreaterThanOrEqual(total * 0.05);
  expect(verdicts.rejected).toBeGreaterThanOrEqual(total * 0.05);
}

const TIMEOUT = 600_000;

describe("compiled validator agrees with survey-core", () => {
  it("on dnc-tim: valid responses and near misses", { timeout: TIMEOUT }, () => {
    const definition = loadDncTim().definition;
    checkAgreement(definition, dncTimAnswersArb(definition), 15);
  });

  const runs: Record<string, number> = { MATRICES: 40, PANELS: 80, CHOICES: 100, TEXTS: 150, PAGES: 150 };
  for (const [name, definition] of Object.entries(DIFFERENTIAL_SURVEYS)) {
    it(`on ${name.toLowerCase()}`, { timeout: TIMEOUT }, () => {
      const submissions = fc
        .tuple(answersArb(definition), fc.boolean())
        .map(([data, consistent]) => (consistent ? withoutHidden(data, hiddenPaths(definition)) : data));
      checkAgreement(definition, submissions, runs[name] ?? 100);
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
