// Conditions (visibleIf, enableIf, requiredIf, expression validators) compiled once and run with
// survey-core's own expression engine (ConditionRunner) on the submission's values. Only
// expressions whose meaning does not depend on a live survey are accepted: every variable must
// name a question of the survey (or a field of the current matrix row / dynamic panel), and no
// functions are called. Anything else makes the survey "unsupported" (survey-core validates it).
//
// Each run gives the runner only the values its variables name. A condition's result depends on
// nothing else (no functions, no survey), so it is remembered by the values it read: most answers
// repeat (a single choice is one of a few codes, a matrix row's "not applicable" is true or absent), and the
// engine then runs a few times per process rather than dozens of times per submission.
import { ConditionRunner, settings } from "survey-core";
import { Unsupported } from "./unsupported";

export type Values = Record<string, unknown>;

/** Where a condition runs: the submission, and the matrix row or dynamic panel if inside one. */
export interface Env {
  readonly top: Values;
  readonly item?: unknown;
}

export type Condition = (env: Env) => boolean;

export interface Scope {
  /** Lower-cased value name → value name, for the survey's top-level questions. */
  top: ReadonlyMap<string, string>;
  /** Inside a matrix row ("row") or a dynamic panel ("panel"): the prefix, lower-cased field → field. */
  item?: { prefix: "row" | "panel"; fields: ReadonlyMap<string, string> };
}

export function submissionEnv(data: Values): Env {
  return { top: data };
}

/** The env of a row or panel of the submission. */
export function itemEnv(env: Env, item: unknown): Env {
  return { top: env.top, item };
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

/** Checks a variable; returns the value name it reads, at the top level or in the row/panel. */
function resolveVariable(name: string, scope: Scope, expression: string): { top?: string; field?: string } {
  const parts = name.split(".");
  const first = (parts[0] ?? "").toLowerCase();
  const bad = (why: string) => new Unsupported(`expression "${expression}": ${why}`);
  if (/[[\]]/.test(name)) throw bad(`indexed variable {${name}}`);
  if (scope.item && first === scope.item.prefix) {
    const field = parts.length === 2 ? scope.item.fields.get((parts[1] ?? "").toLowerCase()) : undefined;
    if (field === undefined) throw bad(`{${name}} is not a field of this ${scope.item.prefix}`);
    return { field };
  }
  if (parts.length !== 1) throw bad(`nested variable {${name}}`);
  if (RESERVED.has(first)) throw bad(`built-in variable {${name}}`);
  const valueName = scope.top.get(first);
  if (valueName === undefined) throw bad(`{${name}} is not a question of the survey`);
  return { top: valueName };
}

/** Compiles a condition; throws Unsupported when its result could differ from a live survey's. */
export function compileCondition(expression: string, scope: Scope): Condition {
  const runner = new ConditionRunner(expression);
  if (!runner.canRun()) throw new Unsupported(`expression "${expression}" does not parse`);
  if (runner.hasFunction()) throw new Unsupported(`expression "${expression}" calls a function`);
  if (runner.isAsync) throw new Unsupported(`expression "${expression}" is asynchronous`);
  const topNames = new Set<string>();
  const fields = new Set<string>();
  for (const variable of runner.getVariables()) {
    const { top, field } = resolveVariable(variable, scope, expression);
    if (top !== undefined) topNames.add(top);
    if (field !== undefined) fields.add(field);
  }
  const prefix = scope.item?.prefix;
  const results = new Map<string, boolean>();
  return (env) => {
    // The answers it reads. Submissions are shape-checked: their keys (and a row's or panel's)
    // are exact value names, so survey-core's case-insensitive lookup finds these same values.
    let key: string | undefined = "";
    for (const name of topNames) key = join(key, inputKey(env.top[name]));
    const item = env.item && typeof env.item === "object" ? (env.item as Values) : undefined;
    for (const field of fields) key = join(key, inputKey(item?.[field]));
    let result = key === undefined ? undefined : results.get(key);
    if (result === undefined) {
      const values: Values = {};
      for (const name of topNames) values[name] = env.top[name];
      if (prefix && fields.size > 0) values[prefix] = env.item ?? {};
      result = runner.runValues(values);
      if (key !== undefined) {
        if (results.size >= MAX_REMEMBERED) results.clear();
        results.set(key, result);
      }
    }
    return result;
  };
}

function join(key: string | undefined, part: string | undefined): string | undefined {
  return key === undefined || part === undefined ? undefined : `${key}${part};`;
}

const MAX_REMEMBERED = 1000;

/**
 * An exact, unambiguous text of a condition's inputs (every value tagged with its type), or
 * undefined for inputs not worth remembering (-0, which survey-core's arithmetic tells from 0).
 */
function inputKey(v: unknown): string | undefined {
  if (v === undefined) return "u";
  if (v === null) return "n";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return Object.is(v, -0) ? undefined : `#${v}`;
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v !== "object") return undefined;
  let key = Array.isArray(v) ? "[" : "{";
  for (const [name, item] of Object.entries(v)) {
    const inner = inputKey(item);
    if (inner === undefined) return undefined;
    key += Array.isArray(v) ? `${inner},` : `${JSON.stringify(name)}:${inner},`;
  }
  return `${key}${Array.isArray(v) ? "]" : "}"}`;
}
