// A plausible answer to one question, given the answers so far: the options it shows for them,
// its range, its length limit, its validators. Knows question types, never question names.
// Matrices of questions and dynamic panels are filled cell by cell (fill-question.ts).
import { demoParagraph, demoShortText } from "./demo-text";
import { weightedIndex, weightedSample, type Rng } from "./rng";
import type { AnyObj, AnyQuestion, ChoicePlan, QuestionPlan, Values } from "./survey-plan";

/** Where a question is answered: the answers so far, what a row or panel adds, where the value goes. */
export interface Scope {
  top: Values;
  overlay?: Values;
  target: Values;
}

export interface AnswerContext {
  rng: Rng;
  /** Milliseconds since the epoch that dates are drawn back from (fixed for determinism). */
  now: number;
  /** Option values to prefer when a question offers them (the respondent's unit region). */
  hints: ReadonlySet<unknown>;
  /** Zipf exponent per question, and whether the declared order is the popularity order. */
  skew(name: string): { exponent: number; declaredOrder: boolean };
  /** A fixed permutation of 0…n-1 per key (cached: ranksFor is a shuffle). */
  ranks(key: string, n: number): number[];
}

/** How often an optional question gets an answer, by type. */
const OPTIONAL_SHARE: Record<string, number> = { text: 0.25, comment: 0.3, number: 0.4, multipletext: 0.3 };
const DEFAULT_OPTIONAL_SHARE = 0.85;

const isNumeric = (q: AnyQuestion) => q.inputType === "number" || q.inputType === "range";
const TEXT_LIMIT = 4000;

/** The length limit in force (the question's, or the survey's maxTextLength/maxCommentLength); -1 and 0 mean none. */
function maxLengthOf(q: AnyQuestion): number {
  for (const limit of [Number(q.getMaxLength()), Number(q.maxLength)]) if (limit > 0) return limit;
  return TEXT_LIMIT;
}

export function isRequired(plan: QuestionPlan, scope: Scope): boolean {
  return plan.required(scope.top, scope.overlay);
}

/** Whether to answer at all: always when required, sometimes when optional (as respondents do). */
export function wantsAnswer(plan: QuestionPlan, scope: Scope, ctx: AnswerContext): boolean {
  if (isRequired(plan, scope)) return true;
  // survey-core asks for every row of such a matrix even when it is optional and left empty.
  if (plan.type === "matrix" && (plan.question.eachRowRequired || plan.question.isAllRowRequired)) return true;
  // Left empty, a dynamic matrix still shows its first rows, and their required cells are required.
  if (plan.type === "matrixdynamic" && Number(plan.question.rowCount) > 0) return true;
  const kind = plan.type === "text" && isNumeric(plan.question) ? "number" : plan.type;
  return ctx.rng() < (OPTIONAL_SHARE[kind] ?? DEFAULT_OPTIONAL_SHARE);
}

/** The options shown for these answers (built-in ones such as "other" or "none" are never picked). */
export function shownChoices(plan: QuestionPlan, scope: Scope): ChoicePlan[] {
  let choices = plan.choices.filter(
    (c) => (!c.visible || c.visible(scope.top, scope.overlay)) && (!c.enabled || c.enabled(scope.top, scope.overlay)),
  );
  const from = plan.choicesFrom;
  if (from && from.mode !== "all") {
    const picked = scope.top[from.key];
    const selected = new Set(Array.isArray(picked) ? picked : picked === undefined ? [] : [picked]);
    choices = choices.filter((c) => selected.has(c.value) === (from.mode === "selected"));
  }
  return choices;
}

/** Zipf-like weights: the declared order for the first breakdown, a fixed shuffle per question otherwise. */
function weights(plan: QuestionPlan, items: readonly ChoicePlan[], ctx: AnswerContext): number[] {
  const { exponent, declaredOrder } = ctx.skew(plan.name);
  const all = plan.choices;
  // Ranks follow the full list, so that an option keeps its popularity when others are hidden.
  const ranks = declaredOrder ? undefined : ctx.ranks(`${plan.name}:${all.length}`, all.length);
  return items.map((item) => {
    const i = all.indexOf(item);
    return 1 / ((ranks ? (ranks[i] as number) : i) + 1) ** exponent;
  });
}

function singleChoice(plan: QuestionPlan, scope: Scope, ctx: AnswerContext): unknown {
  const items = shownChoices(plan, scope);
  if (items.length === 0) return undefined;
  const hinted = items.find((c) => ctx.hints.has(c.value));
  if (hinted && ctx.rng() < 0.9) return hinted.value;
  return (items[weightedIndex(ctx.rng, weights(plan, items, ctx))] as ChoicePlan).value;
}

function countRange(q: AnyQuestion, available: number): [number, number] {
  let min = Math.max(1, Number(q.minSelectedChoices) || 0);
  let max = Math.min(available, Number(q.maxSelectedChoices) || available);
  for (const v of (q.validators as AnyObj[] | undefined) ?? []) {
    if (v.getType() !== "answercountvalidator") continue;
    if (Number(v.minCount) > 0) min = Math.max(min, Number(v.minCount));
    if (Number(v.maxCount) > 0) max = Math.min(max, Number(v.maxCount));
  }
  return [min, max];
}

function multipleChoice(plan: QuestionPlan, scope: Scope, ctx: AnswerContext): unknown {
  const items = shownChoices(plan, scope);
  const [min, max] = countRange(plan.question, items.length);
  if (items.length === 0 || min > max) return undefined;
  const few = Math.min(max, Math.max(min, 1 + Math.floor(ctx.rng() * Math.min(3, items.length))));
  const picked = new Set(weightedSample(ctx.rng, weights(plan, items, ctx), few));
  // In the order the options are listed, as ticking boxes stores them.
  return items.filter((_, i) => picked.has(i)).map((c) => c.value);
}

function ranking(plan: QuestionPlan, scope: Scope, ctx: AnswerContext): unknown {
  const items = shownChoices(plan, scope);
  if (items.length === 0) return undefined;
  // A weighted shuffle: some options tend to come first, as real preferences do.
  const order = weightedSample(ctx.rng, weights(plan, items, ctx), items.length);
  let count = items.length;
  if (plan.question.selectToRankEnabled) {
    const [min, max] = countRange(plan.question, items.length);
    count = Math.min(max, Math.max(min, 2 + Math.floor(ctx.rng() * 3)));
  }
  return order.slice(0, count).map((i) => (items[i] as ChoicePlan).value);
}

function rating(plan: QuestionPlan, ctx: AnswerContext): unknown {
  const items = (plan.question.visibleRateValues as { value: unknown }[] | undefined) ?? [];
  if (items.length === 0) return undefined;
  // A little above the middle of the scale, as satisfaction-like ratings usually are.
  const x = Math.min(1, Math.max(0, 0.62 + (ctx.rng() - 0.5) * 0.8));
  return (items[Math.round(x * (items.length - 1))] as { value: unknown }).value;
}

function booleanAnswer(plan: QuestionPlan, scope: Scope, ctx: AnswerContext): unknown {
  const q = plan.question;
  // A required single tick box is an agreement ("I accept…"): a demo respondent gives it.
  const agreement = isRequired(plan, scope) && plan.json.renderAs === "checkbox";
  return agreement || ctx.rng() < 0.55 ? q.getValueTrue() : q.getValueFalse();
}

function finite(v: unknown): number | undefined {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

function numberAnswer(q: AnyQuestion, ctx: AnswerContext): number | undefined {
  const mins = [finite(q.renderedMin)];
  const maxs = [finite(q.renderedMax)];
  for (const v of (q.validators as AnyObj[] | undefined) ?? []) {
    if (v.getType() !== "numericvalidator") continue;
    mins.push(finite(v.minValue));
    maxs.push(finite(v.maxValue));
  }
  const known = (list: (number | undefined)[]) => list.filter((n): n is number => n !== undefined);
  const lo = Math.max(0, ...known(mins));
  let hi = Math.min(...known(maxs), Infinity);
  const maxLength = Number(q.maxLength);
  if (maxLength > 0) hi = Math.min(hi, 10 ** maxLength - 1);
  if (hi < lo) return undefined;
  const step = finite(q.step);
  const integral = step === undefined || Number.isInteger(step);
  const unit = integral ? Math.max(1, step ?? 1) : (step as number);
  // Mostly small counts (a few dozen), whatever the allowed maximum: plausible, not uniform.
  const span = Math.min(hi - lo, 120 * unit);
  const value = lo + Math.floor((span * ctx.rng() ** 2) / unit) * unit;
  return integral ? Math.round(value) : Number(value.toFixed(6));
}

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A recent date (the last two years), within the question's min/max when they are dates. */
function recentDate(q: AnyQuestion, ctx: AnswerContext): Date {
  let from = ctx.now - 730 * 86_400_000;
  let to = ctx.now;
  const min = Date.parse(String(q.renderedMin ?? ""));
  const max = Date.parse(String(q.renderedMax ?? ""));
  if (Number.isFinite(min)) from = Math.max(from, min);
  if (Number.isFinite(max)) to = Math.min(to, max);
  return new Date(from + Math.floor(ctx.rng() * Math.max(0, to - from)));
}

function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  t.setUTCDate(t.getUTCDate() + 4 - (t.getUTCDay() || 7));
  const week = Math.ceil(((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${pad(week)}`;
}

function textAnswer(q: AnyQuestion, ctx: AnswerContext): unknown {
  if (isNumeric(q)) return numberAnswer(q, ctx);
  const maxLength = maxLengthOf(q);
  const time = () => `${pad(8 + Math.floor(ctx.rng() * 10))}:${pad(Math.floor(ctx.rng() * 4) * 15)}`;
  const byType: Record<string, () => string | undefined> = {
    date: () => ymd(recentDate(q, ctx)),
    month: () => ymd(recentDate(q, ctx)).slice(0, 7),
    week: () => isoWeek(recentDate(q, ctx)),
    "datetime-local": () => `${ymd(recentDate(q, ctx))}T${time()}`,
    time,
    email: () => `demo${Math.floor(ctx.rng() * 1000)}@example.org`,
    tel: () => `+51 9${String(Math.floor(ctx.rng() * 1e8)).padStart(8, "0")}`,
    url: () => "https://example.org/demo",
    color: () =>
      `#${Math.floor(ctx.rng() * 0xffffff)
        .toString(16)
        .padStart(6, "0")}`,
    password: () => undefined,
  };
  const make = byType[String(q.inputType)];
  if (!make) return demoShortText(ctx.rng, maxLength);
  const value = make();
  return value !== undefined && value.length <= maxLength ? value : undefined;
}

/** Single-choice matrix: every shown row, around a row-specific centre (rows differ, respondents agree somewhat). */
function matrixAnswer(plan: QuestionPlan, scope: Scope, ctx: AnswerContext): unknown {
  const columns = shownChoices(plan, scope);
  const rows = plan.rows.filter((r) => !r.visible || r.visible(scope.top, scope.overlay));
  if (columns.length === 0 || rows.length === 0) return undefined;
  const value: Values = {};
  for (const row of rows) {
    const centre = (ctx.ranks(`${plan.name}:${String(row.value)}`, 3)[0] as number) / 2;
    const x = Math.min(1, Math.max(0, centre + (ctx.rng() - 0.5) * 0.9));
    value[String(row.value)] = (columns[Math.round(x * (columns.length - 1))] as ChoicePlan).value;
  }
  return value;
}

/** A value for a question answered in one assignment, or undefined to leave it unanswered. */
export function answerFor(plan: QuestionPlan, scope: Scope, ctx: AnswerContext): unknown {
  const q = plan.question;
  switch (plan.type) {
    case "radiogroup":
    case "dropdown":
    case "buttongroup":
      return singleChoice(plan, scope, ctx);
    case "imagepicker":
      return q.multiSelect ? multipleChoice(plan, scope, ctx) : singleChoice(plan, scope, ctx);
    case "checkbox":
    case "tagbox":
      return multipleChoice(plan, scope, ctx);
    case "ranking":
      return ranking(plan, scope, ctx);
    case "rating":
      return rating(plan, ctx);
    case "boolean":
      return booleanAnswer(plan, scope, ctx);
    case "text":
      return textAnswer(q, ctx);
    case "comment":
      return demoParagraph(ctx.rng, maxLengthOf(q));
    case "matrix":
      return matrixAnswer(plan, scope, ctx);
    default:
      // html, expression, image, file, signaturepad, custom types: nothing a demo can give.
      return undefined;
  }
}
