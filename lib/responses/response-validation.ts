// Server-side validation of a submission against its SurveyJS definition.
// Partial saves: shape only (known keys, right types, options, lengths).
// Completion: shape, then visibility (no answers to hidden questions, cells or options), then
// survey-core's rules on every visible question (required, ranges, validators), and nothing
// survey-core would change on assignment. The completion rules run as a validator compiled once
// per definition (lib/compiled-validation); a definition it does not support is validated by
// survey-core itself (lib/survey-core-validation.ts), which is also the reference the compiled
// validator is tested against (tests/unit/validator-differential.test.ts).
import { Model } from "survey-core";
import "../surveys/surveyjs-setup";
import { compileSurvey, type CompiledSurvey } from "../compiled-validation/compile-survey";
import { surveyCoreCompletionIssues } from "./survey-core-validation";
import { checkData, surveyShape, type Shape } from "./survey-shape";
import type { ValidationIssue } from "./validation-issue";

export type { ValidationIssue };

export type ValidationResult = { ok: true; data: Record<string, unknown> } | { ok: false; issues: ValidationIssue[] };

export interface ValidateOptions {
  complete: boolean;
  locale?: "es" | "en";
}

const shapes = new WeakMap<object, Map<string, Shape>>();
/** Per definition object (the registry keeps one per version): compiled, or null = survey-core. */
const compiled = new WeakMap<object, CompiledSurvey | null>();

/** The compiled data shape of a definition (cached per definition object). */
export function shapeOf(definition: object): Map<string, Shape> {
  let shape = shapes.get(definition);
  if (!shape) {
    shape = surveyShape(new Model(definition));
    shapes.set(definition, shape);
  }
  return shape;
}

function compiledFor(definition: object): CompiledSurvey | null {
  let entry = compiled.get(definition);
  if (entry === undefined) {
    const result = compileSurvey(definition);
    entry = result.ok ? result.survey : null;
    if (!result.ok) {
      const slug = (definition as { slug?: unknown }).slug;
      console.warn(
        `[validation] survey ${JSON.stringify(slug ?? "(no slug)")} is validated by survey-core ` +
          `(slower): the compiled validator does not support ${result.reason}`,
      );
    }
    compiled.set(definition, entry);
  }
  return entry;
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const id = `${i.key}|${i.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function validate(
  definition: object,
  data: unknown,
  options: ValidateOptions,
  completion: (record: Record<string, unknown>, locale: string) => ValidationIssue[],
): ValidationResult {
  const shapeIssues = checkData(shapeOf(definition), data);
  if (shapeIssues.length > 0) return { ok: false, issues: shapeIssues };
  const record = data as Record<string, unknown>;
  if (!options.complete) return { ok: true, data: record };
  const issues = completion(record, options.locale ?? "es");
  return issues.length > 0 ? { ok: false, issues: dedupe(issues) } : { ok: true, data: record };
}

/** Validates a submission's data against a SurveyJS definition. */
export function validateResponseData(definition: object, data: unknown, options: ValidateOptions): ValidationResult {
  return validate(definition, data, options, (record, locale) => {
    const survey = compiledFor(definition);
    return survey ? survey.validate(record, locale) : surveyCoreCompletionIssues(definition, record, locale);
  });
}

/** The same validation done by survey-core alone: the reference, and the fallback. */
export function validateWithSurveyCore(definition: object, data: unknown, options: ValidateOptions): ValidationResult {
  return validate(definition, data, options, (record, locale) => surveyCoreCompletionIssues(definition, record, locale));
}

/** Whether a definition is validated by the compiled validator (true) or by survey-core. */
export function isCompiled(definition: object): boolean {
  return compiledFor(definition) !== null;
}
