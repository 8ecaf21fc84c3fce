// A survey read once into a plan the demo generator can walk fast: pages, panels and questions in
// order, each with its conditions (visibleIf, requiredIf, enableIf, choice and row conditions)
// compiled into survey-core's own expression engine, and the live survey-core question kept for
// its static properties (range, length, choices, validators). Setting answers on a survey-core
// Model costs milliseconds per value (every change re-runs every condition of the survey); a
// response walked on this plan costs tens of microseconds and follows the same conditions.
import { ConditionRunner, Model, type Question } from "survey-core";
import "../surveys/surveyjs-setup";

export type AnyQuestion = Question & Record<string, any>;
/** survey-core objects read loosely (validators, items, columns). */
export type AnyObj = Record<string, any>;
export type Values = Record<string, unknown>;

/** A condition over the answers (`top`) and the names a row, panel or choice adds (`overlay`). */
export type Condition = (top: Values, overlay?: Values) => boolean;

export interface ChoicePlan {
  value: unknown;
  visible?: Condition;
  enabled?: Condition;
}

export interface QuestionPlan {
  type: string;
  /** The question's name (keys the per-question popularity of options). */
  name: string;
  /** Where its answer is stored (valueName, or the name). */
  key: string;
  question: AnyQuestion;
  /** Its own JSON (for a matrix cell: the column's), as written. */
  json: Record<string, unknown>;
  visible: Condition;
  required: Condition;
  readOnly: Condition;
  validators: ((value: unknown, top: Values, overlay?: Values) => boolean)[];
  /** Options of select-based questions (matrix: its columns), in declared order. */
  choices: ChoicePlan[];
  /** choicesFromQuestion: the source question's key and which of its options. */
  choicesFrom?: { key: string; mode: string };
  hideIfChoicesEmpty: boolean;
  /** Matrix rows (single-choice matrix and matrixdropdown). */
  rows: ChoicePlan[];
  /** Cells of a row (matrixdropdown, matrixdynamic) or questions of a panel (paneldynamic); items of a multipletext. */
  inner: ElementPlan[];
}

export interface ElementPlan {
  plan: QuestionPlan;
  /** Visibility of its page and panels, outermost first. */
  containers: Condition[];
}

export interface PagePlan {
  elements: ElementPlan[];
}

export interface SurveyPlan {
  pages: PagePlan[];
}

const ALWAYS: Condition = () => true;
const NEVER: Condition = () => false;
const constant = (b: boolean): Condition => (b ? ALWAYS : NEVER);
/** Names a context adds to an expression: the row of a matrix, the panel, the option being tested. */
const OVERLAY_NAMES = new Set(["row", "panel", "item", "choice", "rowindex", "panelindex", "visiblepanelindex"]);
const MAX_REMEMBERED = 2000;

function remembered(value: unknown): string {
  return value === undefined ? "u" : JSON.stringify(value);
}

/**
 * Compiles an expression. Its result is remembered by the values of the variables it reads (most
 * answers repeat across responses), unless it calls a function (today(), age()…).
 */
function compile(expression: unknown, fallback: boolean, keys: ReadonlyMap<string, string>): Condition {
  if (typeof expression !== "string" || expression.trim() === "") return constant(fallback);
  const runner = new ConditionRunner(expression);
  if (!runner.canRun()) return constant(fallback);
  const names = [...new Set(runner.getVariables().map((v) => (v.split(/[.[]/)[0] ?? "").toLowerCase()))];
  const lookups = names.map((n) => (OVERLAY_NAMES.has(n) ? { overlay: true, name: n } : { overlay: false, name: keys.get(n) ?? n }));
  const usesOverlay = lookups.some((l) => l.overlay);
  const run = (top: Values, overlay?: Values) => runner.runValues(overlay && usesOverlay ? { ...top, ...overlay } : top);
  if (runner.hasFunction()) return run;
  const results = new Map<string, boolean>();
  return (top, overlay) => {
    let key = "";
    for (const l of lookups) key += `${remembered(l.overlay ? overlay?.[l.name] : top[l.name])};`;
    let result = results.get(key);
    if (result === undefined) {
      result = run(top, overlay);
      if (results.size >= MAX_REMEMBERED) results.clear();
      results.set(key, result);
    }
    return result;
  };
}

type Json = Record<string, unknown>;

function choicePlans(items: unknown, keys: ReadonlyMap<string, string>): ChoicePlan[] {
  return ((items as AnyQuestion[] | undefined) ?? []).map((item) => ({
    value: item.value,
    visible: item.visibleIf ? compile(item.visibleIf, true, keys) : undefined,
    enabled: item.enableIf ? compile(item.enableIf, true, keys) : undefined,
  }));
}

/** With a whole-list condition ({item} in choicesVisibleIf), each option gets it as well. */
function withListCondition(choices: ChoicePlan[], expression: unknown, keys: ReadonlyMap<string, string>): ChoicePlan[] {
  if (typeof expression !== "string" || expression.trim() === "") return choices;
  const list = compile(expression, true, keys);
  return choices.map((c) => {
    const own = c.visible;
    const visible: Condition = (top, overlay) => list(top, { ...overlay, item: c.value, choice: c.value }) && (!own || own(top, overlay));
    return { ...c, visible };
  });
}

function validatorChecks(q: AnyQuestion, keys: ReadonlyMap<string, string>): QuestionPlan["validators"] {
  return ((q.validators as AnyObj[] | undefined) ?? []).map((v) => {
    if (v.getType() === "expressionvalidator") {
      const condition = compile(v.expression, true, keys);
      return (_value: unknown, top: Values, overlay?: Values) => condition(top, overlay);
    }
    return (value: unknown) => !v.validate(value, null)?.error;
  });
}

/** The plan of one question; `own` holds its static flags (the question's or the column's JSON). */
function planQuestion(q: AnyQuestion, own: Json, keys: ReadonlyMap<string, string>): QuestionPlan {
  const type = q.getType() as string;
  const plan: QuestionPlan = {
    type,
    name: String(q.name),
    key: String(q.getValueName?.() ?? q.name),
    question: q,
    json: own,
    visible: compile(own.visibleIf, own.visible !== false, keys),
    required: compile(own.requiredIf, own.isRequired === true, keys),
    readOnly: own.enableIf ? negate(compile(own.enableIf, true, keys)) : constant(own.readOnly === true),
    validators: validatorChecks(q, keys),
    choices: [],
    hideIfChoicesEmpty: q.hideIfChoicesEmpty === true,
    rows: [],
    inner: [],
  };
  if (type === "matrix") {
    plan.choices = withListCondition(choicePlans(q.columns, keys), q.columnsVisibleIf, keys);
    plan.rows = withListCondition(choicePlans(q.rows, keys), q.rowsVisibleIf, keys);
  } else if (type === "matrixdropdown" || type === "matrixdynamic") {
    plan.rows = type === "matrixdropdown" ? withListCondition(choicePlans(q.rows, keys), q.rowsVisibleIf, keys) : [];
    if (type === "matrixdynamic" && (q.visibleRows as unknown[]).length === 0) q.rowCount = 1;
    const cells = (q.visibleRows as { cells: { column: AnyQuestion; question: AnyQuestion }[] }[])[0]?.cells ?? [];
    plan.inner = cells.map((cell) => ({ plan: planQuestion(cell.question, cell.column.toJSON() as Json, keys), containers: [] }));
  } else if (type === "paneldynamic") {
    const template = q.template as { questions: AnyQuestion[] };
    plan.inner = template.questions.map((inner) => ({ plan: planQuestion(inner, inner.toJSON() as Json, keys), containers: [] }));
  } else if (type === "multipletext") {
    plan.inner = (q.items as { name: string; editor: AnyQuestion }[]).map((item) => {
      const editor = planQuestion(item.editor, item.editor.toJSON() as Json, keys);
      return { plan: { ...editor, key: item.name, name: `${q.name}.${item.name}` }, containers: [] };
    });
  } else if (q.choices !== undefined && type !== "rating") {
    plan.choices = withListCondition(choicePlans(q.choices, keys), q.choicesVisibleIf, keys);
    if (q.choicesEnableIf) {
      const enabled = compile(q.choicesEnableIf, true, keys);
      plan.choices = plan.choices.map((c) => ({ ...c, enabled: (top, overlay) => enabled(top, { ...overlay, item: c.value }) }));
    }
    if (q.choicesFromQuestion) {
      plan.choicesFrom = {
        key: keys.get(String(q.choicesFromQuestion).toLowerCase()) ?? String(q.choicesFromQuestion),
        mode: String(q.choicesFromQuestionMode ?? "all"),
      };
    }
  }
  return plan;
}

function negate(c: Condition): Condition {
  return (top, overlay) => !c(top, overlay);
}

/** Reads a definition into a plan (once per generator). */
export function planSurvey(definition: object): SurveyPlan {
  const model = new Model(definition);
  const keys = new Map<string, string>();
  for (const q of model.getAllQuestions(false, false, true) as AnyQuestion[]) {
    const key = String(q.getValueName?.() ?? q.name);
    keys.set(key.toLowerCase(), key);
  }
  const byName = new Map<string, QuestionPlan>();
  const walk = (elements: AnyQuestion[], containers: Condition[], out: ElementPlan[]) => {
    for (const element of elements) {
      const json = element.toJSON() as Json;
      if (element.isPanel) {
        walk(element.elements as AnyQuestion[], [...containers, compile(json.visibleIf, json.visible !== false, keys)], out);
      } else {
        const plan = planQuestion(element, json, keys);
        byName.set(plan.key, plan);
        out.push({ plan, containers });
      }
    }
  };
  const pages = model.pages.map((page) => {
    const json = page.toJSON() as Json;
    const elements: ElementPlan[] = [];
    walk(page.elements as unknown as AnyQuestion[], [compile(json.visibleIf, json.visible !== false, keys)], elements);
    return { elements };
  });
  // choicesFromQuestion: the options are the source question's.
  for (const plan of byName.values()) {
    if (plan.choicesFrom) plan.choices = byName.get(plan.choicesFrom.key)?.choices ?? [];
  }
  return { pages };
}
