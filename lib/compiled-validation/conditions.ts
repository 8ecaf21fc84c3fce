// Conditions (visibleIf, enableIf, requiredIf, expression validators) compiled once and run with
// survey-core's own expression engine (ConditionRunner) on the submission's values. Only
// expressions whose meaning does not depend on a live survey are accepted: every variable must
// name a question of the survey (or a field of the current matrix row / dynamic panel), and no
// functions are called. Anything else makes the survey "unsupported" (survey-core validates it).
import { ConditionRunner, settings } from "survey-core";
import { Unsupported } from "./unsupported";

export type Values = Record<string, unknown>;
export type Condition = (values: Values) => boolean;

export interface Scope {
  /** Lower-cased value names of the survey's top-level questions. */
  top: ReadonlySet<string>;
  /** Inside a matrix row ("row") or a dynamic panel ("panel"): the prefix and its field names. */
  item?: { prefix: "row" | "panel"; fields: ReadonlySet<string> };
}

/** Names survey-core resolves itself in some context (rowIndex, panel, survey, pageno, locale…). */
const RESERVED = new Set(
  [
    ...Object.values(settings.expressionVariables as Record<string, string>),
    "pageno",
    "pagecount",
    "locale",
    "correctanswers",
    "correctedanswers",
    "correctedanswercount",
    "incorrectanswers",
    "incorrectedanswers",
    "incorrectedanswercount",
    "questioncount",
    "answercount",
  ].map((n) => n.toLowerCase()),
);

/** True if a value name could be shadowed by one of survey-core's built-in variables. */
export function isReservedName(name: string): boolean {
  return RESERVED.has(name.toLowerCase());
}

function checkVariable(name: string, scope: Scope, expression: string): void {
  const parts = name.split(".");
  const first = (parts[0] ?? "").toLowerCase();
  const bad = (why: string) => new Unsupported(`expression "${expression}": ${why}`);
  if (/[[\]]/.test(name)) throw bad(`indexed variable {${name}}`);
  if (scope.item && first === scope.item.prefix) {
    if (parts.length !== 2 || !scope.item.fields.has((parts[1] ?? "").toLowerCase())) {
      throw bad(`{${name}} is not a field of this ${scope.item.prefix}`);
    }
    return;
  }
  if (parts.length !== 1) throw bad(`nested variable {${name}}`);
  if (RESERVED.has(first)) throw bad(`built-in variable {${name}}`);
  if (!scope.top.has(first)) throw bad(`{${name}} is not a question of the survey`);
}

/** Compiles a condition; throws Unsupported when its result could differ from a live survey's. */
export function compileCondition(expression: string, scope: Scope): Condition {
  const runner = new ConditionRunner(expression);
  if (!runner.canRun()) throw new Unsupported(`expression "${expression}" does not parse`);
  if (runner.hasFunction()) throw new Unsupported(`expression "${expression}" calls a function`);
  if (runner.isAsync) throw new Unsupported(`expression "${expression}" is asynchronous`);
  for (const variable of runner.getVariables()) checkVariable(variable, scope, expression);
  return (values) => runner.runValues(values);
}

/** Values seen from inside a matrix row or dynamic panel: the item's fields under its prefix. */
export function itemValues(top: Values, prefix: "row" | "panel", item: unknown): Values {
  const values = Object.create(top) as Values;
  values[prefix] = item ?? {};
  return values;
}
