// Compiled single-value questions: text (incl. numbers and e-mail), comment, boolean, rating, and
// the choice questions (radiogroup, dropdown, checkbox, tagbox, ranking).
import { CustomError, Helpers } from "survey-core";
import { compileCondition, type Condition, type Env } from "./conditions";
import type { Text } from "./localizer";
import { QuestionNode, type AnyObj, type Build, type Issue, type Json } from "./question-node";
import { Unsupported } from "./unsupported";
import { implicitEmailCheck, type ValueCheck } from "./validators";

/** text and comment: an empty string counts as no answer. */
export class TextBaseNode extends QuestionNode {
  override isEmpty(value: unknown): boolean {
    return super.isEmpty(value) || value === "";
  }
}

export class TextNode extends TextBaseNode {
  private readonly numeric: boolean;
  private readonly min?: number;
  private readonly max?: number;
  private readonly step?: string | number;
  private readonly minText: Text;
  private readonly maxText: Text;
  private readonly stepText: Text;
  private readonly email?: ValueCheck;

  constructor(build: Build) {
    super(build);
    const q = build.question;
    this.numeric = q.inputType === "number";
    const bound = (v: unknown): number | undefined => {
      if (Helpers.isValueEmpty(v)) return undefined;
      if (typeof v !== "number") throw new Unsupported(`${this.name}: min/max ${JSON.stringify(v)} is not a number`);
      return v;
    };
    this.min = bound(q.renderedMin);
    this.max = bound(q.renderedMax);
    this.step = q.renderedStep as string | number | undefined;
    const { localizer } = build;
    this.minText = localizer.text(() => q.getMinMaxErrorText(q.minErrorText, q.getCalculatedMinMax(q.renderedMin)) as string);
    this.maxText = localizer.text(() => q.getMinMaxErrorText(q.maxErrorText, q.getCalculatedMinMax(q.renderedMax)) as string);
    this.stepText = localizer.text(() => q.getStepErrorText() as string);
    this.email = implicitEmailCheck(q, localizer);
  }

  /** QuestionTextModel.isStepNumberIncorrect, step for step. */
  private isStepIncorrect(value: unknown): boolean {
    if (!this.numeric || this.isEmpty(value) || !Helpers.isNumber(this.step) || !Helpers.isNumber(value)) return false;
    let val = Helpers.getNumber(value);
    let step = Helpers.getNumber(this.step);
    let pw = 1;
    while ((Math.round(step * pw) / pw !== step || Math.round(val * pw) / pw !== val) && pw < 1000000) pw *= 10;
    val = Math.round(val * pw);
    step = Math.round(step * pw);
    return step > 0 && val % step !== 0;
  }

  protected override typeErrors(value: unknown, env: Env, locale: string, out: string[]): void {
    const empty = this.isEmpty(value);
    if (this.min !== undefined && !empty && (value as number) < this.min) out.push(this.minText(locale));
    if (this.max !== undefined && !empty && (value as number) > this.max) out.push(this.maxText(locale));
    if (this.isStepIncorrect(value)) out.push(this.stepText(locale));
    const emailError = this.email?.(value, env, locale);
    if (emailError) out.push(emailError);
  }
}

interface Choice {
  value: unknown;
  visibleIf?: Condition;
}

/** radiogroup, dropdown, checkbox, tagbox, ranking. */
export class SelectNode extends QuestionNode {
  private readonly choices: Choice[];
  private readonly special: unknown[];
  private readonly otherValue?: unknown;
  private readonly otherText: Text;
  private readonly noneValue?: unknown;
  private readonly minSelected: number;
  private readonly minSelectedText: Text;
  private readonly allChoices?: Set<unknown>;

  constructor(build: Build) {
    super(build);
    const { question: q, json, scope, localizer } = build;
    const jsonChoices = (json.choices as unknown[] | undefined) ?? [];
    this.choices = (q.choices as AnyObj[]).map((item, i) => {
      const itemJson = jsonChoices[i];
      const expression = itemJson && typeof itemJson === "object" ? (itemJson as Json).visibleIf : undefined;
      const visibleIf = typeof expression === "string" && expression.trim() ? compileCondition(expression, scope) : undefined;
      return { value: item.value, visibleIf };
    });
    // survey-core re-sorts a ranking while its choices appear, so its verdict depends on the order
    // in which it runs the conditions.
    if (this.type === "ranking" && this.choices.some((c) => c.visibleIf)) {
      throw new Unsupported(`${this.name}: a ranking with conditional choices`);
    }
    this.special = [];
    if (q.showNoneItem) this.special.push((this.noneValue = q.noneItem.value));
    if (q.showOtherItem) this.special.push((this.otherValue = q.otherItem.value));
    // OtherEmptyError (not exported): the question's otherErrorText, else "otherRequiredError".
    this.otherText = localizer.text(() =>
      new CustomError((q.otherErrorText as string) || q.getLocalizationString("otherRequiredError"), q as never).getText(),
    );
    this.minSelected = Number(q.minSelectedChoices ?? 0);
    this.minSelectedText = localizer.text(() => q.getLocalizationFormatString("minSelectError", q.minSelectedChoices) as string);
    if (!this.choices.some((c) => c.visibleIf)) this.allChoices = new Set([...this.special, ...this.choices.map((c) => c.value)]);
  }

  /** The choices shown for these answers (all of them, once, if none has a condition). */
  private visibleChoices(env: Env): Set<unknown> {
    if (this.allChoices) return this.allChoices;
    const visible = new Set<unknown>(this.special);
    for (const c of this.choices) if (!c.visibleIf || c.visibleIf(env)) visible.add(c.value);
    return visible;
  }

  override hiddenInside(value: unknown, key: string, env: Env, issues: Issue[]): void {
    const visible = this.visibleChoices(env);
    for (const v of Array.isArray(value) ? value : [value]) {
      if (!visible.has(v)) {
        issues.push({ key, reason: "not_in_choices", message: `${JSON.stringify(v)} is not an option for these answers` });
      }
    }
  }

  override changed(value: unknown, key: string, env: Env, issues: Issue[]): void {
    // A ranking lists every shown choice: survey-core appends the missing ones to a partial order.
    if (this.type !== "ranking" || !Array.isArray(value) || value.length === 0) return;
    for (const v of this.visibleChoices(env)) {
      if (!value.includes(v)) {
        issues.push({ key, reason: "changed", message: "value not accepted by the survey" });
        return;
      }
    }
  }

  protected override typeErrors(value: unknown, env: Env, locale: string, out: string[]): void {
    if (this.minSelected >= 1) {
      const length = Array.isArray(value) ? value.length : 0;
      const onlyNone = length === 1 && this.noneValue !== undefined && (value as unknown[])[0] === this.noneValue;
      if (!onlyNone && length < this.minSelected) out.push(this.minSelectedText(locale));
    }
    if (this.otherValue !== undefined) {
      const selected = Array.isArray(value) ? value.includes(this.otherValue) : value === this.otherValue;
      // The comment sits beside the answer: in the submission, or in the dynamic panel's value.
      const holder = "item" in env ? env.item : env.top;
      const comment = holder && typeof holder === "object" ? (holder as Record<string, unknown>)[`${this.valueName}-Comment`] : undefined;
      // Not trimmed: survey-core takes "  " as an answer here.
      if (selected && !comment) out.push(this.otherText(locale));
    }
  }
}

export const VALUE_NODES: Record<string, new (build: Build) => QuestionNode> = {
  text: TextNode,
  comment: TextBaseNode,
  boolean: QuestionNode,
  rating: QuestionNode,
  radiogroup: SelectNode,
  dropdown: SelectNode,
  checkbox: SelectNode,
  tagbox: SelectNode,
  ranking: SelectNode,
};
