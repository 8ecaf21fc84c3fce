// Compiles a SurveyJS definition once into a validator of complete submissions that gives the same
// verdicts as survey-core (model.data = …; model.validate()) plus our own checks (no answers to
// hidden questions, cells or options; nothing survey-core would rewrite), in microseconds instead
// of milliseconds. Definitions using anything it does not model return { ok: false, reason }.
import { Model } from "survey-core";
import "../surveys/surveyjs-setup";
import { compileCondition, isReservedName, submissionEnv, type Condition, type Env, type Scope } from "./conditions";
import { MatrixDropdownNode, MatrixDynamicNode, PanelDynamicNode, type NodeFactory } from "./container-questions";
import { Localizer } from "./localizer";
import type { QuestionNode, AnyObj, Build, Issue, Json } from "./question-node";
import { checkSupportedJson } from "./supported-json";
import { Unsupported } from "./unsupported";
import { VALUE_NODES } from "./value-questions";

export type { Issue };

export interface CompiledSurvey {
  /** Issues of a complete submission whose shape is already checked; [] means accepted. */
  validate(data: Record<string, unknown>, locale: string): Issue[];
}

export type CompileResult = { ok: true; survey: CompiledSurvey } | { ok: false; reason: string };

interface Container {
  visibleIf?: Condition;
  visible: boolean;
  parent?: Container;
}

interface TopQuestion {
  node: QuestionNode;
  parent: Container;
}

const NO_VALUE = new Set(["html", "image"]);

function makeFactory(nested: boolean): NodeFactory {
  const factory: NodeFactory = (build: Build) => {
    const type = build.question.getType() as string;
    const Value = VALUE_NODES[type];
    if (Value) return new Value(build);
    if (nested) throw new Unsupported(`${String(build.question.name)}: a ${type} inside a matrix or dynamic panel`);
    if (type === "matrixdropdown") return new MatrixDropdownNode(build, makeFactory(true));
    if (type === "matrixdynamic") return new MatrixDynamicNode(build, makeFactory(true));
    if (type === "paneldynamic") return new PanelDynamicNode(build, makeFactory(true));
    throw new Unsupported(`question type "${type}"`);
  };
  return factory;
}

function containerOf(json: Json, scope: Scope, parent?: Container): Container {
  const expression = json.visibleIf;
  return {
    visibleIf: typeof expression === "string" && expression.trim() ? compileCondition(expression, scope) : undefined,
    visible: json.visible !== false,
    parent,
  };
}

function compile(definition: Json): CompiledSurvey {
  checkSupportedJson(definition);
  const model = new Model(definition);
  if (model.jsonErrors?.length) throw new Unsupported(`JSON errors: ${model.jsonErrors.map((e) => e.message).join("; ")}`);
  const all = model.getAllQuestions(false, false, false) as AnyObj[];
  const top = new Map<string, string>();
  for (const q of all) {
    if (NO_VALUE.has(q.getType())) continue;
    const valueName = String(q.getValueName());
    const name = valueName.toLowerCase();
    if (top.has(name)) throw new Unsupported(`two questions store their answer in "${name}"`);
    if (isReservedName(name)) throw new Unsupported(`question "${name}" has the name of a built-in variable`);
    top.set(name, valueName);
  }
  const scope: Scope = { top };
  const localizer = new Localizer(model);
  const factory = makeFactory(false);
  const questions: TopQuestion[] = [];
  const containers: Container[] = [];

  const walk = (elements: AnyObj[], jsonElements: Json[], parent: Container) => {
    elements.forEach((element, i) => {
      const json = jsonElements[i];
      if (!json || json.name !== element.name) throw new Unsupported(`element "${String(element.name)}" not found in the JSON`);
      if (element.isPanel) {
        const panel = containerOf(json, scope, parent);
        containers.push(panel);
        walk(element.elements, (json.elements ?? json.questions ?? []) as Json[], panel);
      } else if (!NO_VALUE.has(element.getType())) {
        questions.push({ node: factory({ question: element, json, scope, localizer }), parent });
      }
    });
  };
  const jsonPages = (definition.pages as Json[] | undefined) ?? [definition];
  if (jsonPages.length !== model.pages.length) throw new Unsupported("pages not found in the JSON");
  model.pages.forEach((page, i) => {
    const json = jsonPages[i] as Json;
    const pageContainer = definition.pages ? containerOf(json, scope) : { visible: true };
    containers.push(pageContainer);
    walk(page.elements as AnyObj[], (json.elements ?? json.questions ?? []) as Json[], pageContainer);
  });
  if (questions.length !== all.filter((q) => !NO_VALUE.has(q.getType())).length) {
    throw new Unsupported("some questions were not reached");
  }
  const byValueName = new Map(questions.map((q) => [q.node.valueName, q]));
  return { validate: (data, locale) => run(data, locale, questions, byValueName) };
}

function containerVisible(c: Container | undefined, env: Env): boolean {
  return !c || ((c.visibleIf ? c.visibleIf(env) : c.visible) && containerVisible(c.parent, env));
}

/** A question is shown if it is visible and so are its panels and its page. */
function isShown(q: TopQuestion, env: Env): boolean {
  return q.node.isVisible(env) && containerVisible(q.parent, env);
}

function run(data: Record<string, unknown>, locale: string, questions: TopQuestion[], byValueName: Map<string, TopQuestion>): Issue[] {
  const env: Env = submissionEnv(data);

  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(data)) {
    const baseKey = key.endsWith("-Comment") ? key.slice(0, -"-Comment".length) : key;
    const q = byValueName.get(baseKey);
    if (!q) continue;
    if (!isShown(q, env)) {
      issues.push({ key, reason: "hidden", message: "answer to a question that is not shown for these answers" });
      continue;
    }
    if (key === baseKey) q.node.hiddenInside(value, key, env, issues);
  }
  if (issues.length > 0) return issues;

  for (const q of questions) {
    if (isShown(q, env)) q.node.collectErrors(data[q.node.valueName], q.node.valueName, env, locale, issues);
  }
  for (const [key, value] of Object.entries(data)) {
    const q = byValueName.get(key);
    if (q && isShown(q, env)) q.node.changed(value, key, env, issues);
  }
  return issues;
}

/** Compiles a definition, or says why it cannot be compiled (survey-core must validate it). */
export function compileSurvey(definition: object): CompileResult {
  try {
    return { ok: true, survey: compile(definition as Json) };
  } catch (err) {
    if (err instanceof Unsupported) return { ok: false, reason: err.message };
    throw err;
  }
}
