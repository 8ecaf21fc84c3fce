// Conditions (visibleIf, enableIf, requiredIf, expression validators) compiled once and run with
// survey-core's own expression engine (ConditionRunner) on the submission's values. Only
// expressions whose meaning does not depend on a live survey are accepted: every variable must
// name a question of the survey (or a field of the current matrix row / dynamic panel), and no
// functions are called. Anything else makes the survey "unsupported" (survey-core validates it).
//
// Each run gives the runner only the values its variables name, and remembers the result per
// submission (and per row or panel): the same condition often guards several cells of a row.
import { ConditionRunner, settings } from "survey-core";
import { Unsupported } from "./unsupported";

export type Values = Record<string, unknown>;

/** Where a condition runs: the submission, and the matrix row or dynamic panel if inside one. */
export interface Env {
  readonly top: Values;
  readonly item?: unknown;
  /** Results of the conditions already run in this env. */
  readonly memo: Map<string, boolean>;
  /** Envs of the rows and panels inside this submission, by data path. */
  readonly children?: Map<string, Env>;
}

export type Condition = (env: Env) => boolean;

export interface Scope {
  /** Lower-cased value name → value name, for the survey's top-level questions. */
  top: ReadonlyMap<string, string>;
  /** Inside a matrix row ("row") or a dynamic panel ("panel"): the prefix and its field names. */
  item?: { prefix: "row" | "panel"; fields: ReadonlySet<string> };
}

export function submissionEnv(data: Values): Env {
  return { top: data, memo: new Map(), children: new Map() };
}

/** The env of a row or panel (made once per submission, so its results are shared). */
export function itemEnv(env: Env, path: string, item: unknown): Env {
  let child = env.children?.get(path);
  if (!child) {
    child = { top: env.top, item, memo: new Map() };
    env.children?.set(path, child);
  }
  return child;
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

/** Checks a variable and returns the top-level value name it reads, or "" for the row/panel. */
function resolveVariable(name: string, scope: Scope, expression: string): string {
  const parts = name.split(".");
  const first = (parts[0] ?? "").toLowerCase();
  const bad = (why: string) => new Unsupported(`expression "${expression}": ${why}`);
  if (/[[\]]/.test(name)) throw bad(`indexed variable {${name}}`);
  if (scope.item && first === scope.item.prefix) {
    if (parts.length !== 2 || !scope.item.fields.has((parts[1] ?? "").toLowerCase())) {
      throw bad(`{${name}} is not a field of this ${scope.item.prefix}`);
    }
    return "";
  }
  if (parts.length !== 1) throw bad(`nested variable {${name}}`);
  if (RESERVED.has(first)) throw bad(`built-in variable {${name}}`);
  const valueName = scope.top.get(first);
  if (valueName === undefined) throw bad(`{${name}} is not a question of the survey`);
  return valueName;
}

/** Compiles a condition; throws Unsupported when its result could differ from a live survey's. */
export function compileCondition(expression: string, scope: Scope): Condition {
  const runner = new ConditionRunner(expression);
  if (!runner.canRun()) throw new Unsupported(`expression "${expression}" does not parse`);
  if (runner.hasFunction()) throw new Unsupported(`expression "${expression}" calls a function`);
  if (runner.isAsync) throw new Unsupported(`expression "${expression}" is asynchronous`);
  const names = new Set<string>();
  let usesItem = false;
  for (const variable of runner.getVariables()) {
    const valueName = resolveVariable(variable, scope, expression);
    if (valueName) names.add(valueName);
    else usesItem = true;
  }
  const topNames = [...names];
  const prefix = scope.item?.prefix;
  return (env) => {
    const cached = env.memo.get(expression);
    if (cached !== undefined) return cached;
    // survey-core looks names up case-insensitively; the keys here are the exact value names.
    const values: Values = {};
    for (const name of topNames) values[name] = env.top[name];
    if (usesItem && prefix) values[prefix] = env.item ?? {};
    const result = runner.runValues(values);
    env.memo.set(expression, result);
    return result;
  };
}
