// The compiled form of one question: its visibility, required and read-only state as conditions,
// and survey-core's checks of its value (Question.collectErrors: "required" and the type's own
// checks first; the validators only when those pass). Subclasses add the type-specific parts.
import { AnswerRequiredError, Helpers } from "survey-core";
import { compileCondition, type Condition, type Env, type Scope } from "./conditions";
import type { Localizer, Text } from "./localizer";
import { compileValidators, type ValueCheck } from "./validators";

export type AnyObj = Record<string, any>;
export type Json = Record<string, unknown>;

export interface Issue {
  key: string;
  reason: "hidden" | "not_in_choices" | "invalid" | "changed";
  message: string;
}

export interface Build {
  /** The live survey-core question (from the introspected Model), for texts and normalised values. */
  question: AnyObj;
  /** The question's JSON as written in the definition. */
  json: Json;
  scope: Scope;
  localizer: Localizer;
}

function condition(json: Json, name: string, scope: Scope): Condition | undefined {
  const expression = json[name];
  return typeof expression === "string" && expression.trim() !== "" ? compileCondition(expression, scope) : undefined;
}

export class QuestionNode {
  readonly type: string;
  readonly name: string;
  readonly valueName: string;
  private readonly visibleIf?: Condition;
  private readonly staticVisible: boolean;
  private readonly requiredIf?: Condition;
  private readonly staticRequired: boolean;
  private readonly enableIf?: Condition;
  private readonly staticReadOnly: boolean;
  private readonly validators: ValueCheck[];
  protected readonly requiredText: Text;

  constructor(build: Build) {
    const { question: q, json, scope, localizer } = build;
    this.type = q.getType() as string;
    this.name = q.name as string;
    this.valueName = q.getValueName() as string;
    // visibleIf/requiredIf/enableIf, when present, decide alone (they overwrite visible,
    // isRequired and readOnly each time survey-core runs them).
    this.visibleIf = condition(json, "visibleIf", scope);
    this.staticVisible = json.visible !== false;
    this.requiredIf = condition(json, "requiredIf", scope);
    this.staticRequired = json.isRequired === true;
    this.enableIf = condition(json, "enableIf", scope);
    this.staticReadOnly = json.readOnly === true;
    this.validators = compileValidators(q, scope, localizer);
    this.requiredText = localizer.text(() => new AnswerRequiredError(q.requiredErrorText, q as never).getText());
  }

  isVisible(env: Env): boolean {
    return this.visibleIf ? this.visibleIf(env) : this.staticVisible;
  }

  isRequired(env: Env): boolean {
    return this.requiredIf ? this.requiredIf(env) : this.staticRequired;
  }

  isReadOnly(env: Env): boolean {
    return this.enableIf ? !this.enableIf(env) : this.staticReadOnly;
  }

  /** Question.isEmpty: empty string (trimmed), array or object, undefined or null. */
  isEmpty(value: unknown): boolean {
    return Helpers.isValueEmpty(typeof value === "string" ? value.trim() : value);
  }

  /** The type's own checks after "required" (onCheckForErrors). */
  protected typeErrors(_value: unknown, _env: Env, _locale: string, _out: string[]): void {}

  /** Answers inside the value that are not shown for these answers (choices, cells). */
  hiddenInside(_value: unknown, _key: string, _env: Env, _issues: Issue[]): void {}

  /** Values survey-core would rewrite on assignment or validation (a partial ranking, …). */
  changed(_value: unknown, _key: string, _env: Env, _issues: Issue[]): void {}

  /** Errors of nested questions (matrix cells, dynamic panels), keyed by their data path. */
  protected nestedErrors(_value: unknown, _key: string, _env: Env, _locale: string, _issues: Issue[]): void {}

  /** All errors of a visible question and the questions inside it, as survey-core reports them. */
  collectErrors(value: unknown, key: string, env: Env, locale: string, issues: Issue[]): void {
    if (this.isReadOnly(env)) return;
    const errors: string[] = [];
    if (this.isRequired(env) && this.isEmpty(value)) errors.push(this.requiredText(locale));
    this.typeErrors(value, env, locale, errors);
    if (errors.length === 0) {
      for (const check of this.validators) {
        const error = check(value, env, locale);
        if (error !== null) errors.push(error);
      }
    }
    for (const message of errors) issues.push({ key, reason: "invalid", message });
    this.nestedErrors(value, key, env, locale, issues);
  }
}
