// Gives one question its demo answer the way a respondent would: only if it is shown for the
// answers so far; matrices cell by cell and row by row (a cell can depend on the cells before it,
// e.g. "not applicable" hiding a row's ratings), dynamic panels panel by panel; an answer that
// fails the question's validators (a regex, a cross-question expression) retried, then left out
// when the question is optional. settleElement() mends what a later answer changed.
import type { NeedsDeclaration } from "../needs/declaration";
import { answerFor, isRequired, shownChoices, wantsAnswer, type AnswerContext, type Scope } from "./answer-for-question";
import type { NeedsRatingPlan, TopicRating } from "./needs-ratings";
import type { ElementPlan, QuestionPlan, Values } from "./survey-plan";

export interface FillContext extends AnswerContext {
  needs?: {
    declaration: NeedsDeclaration;
    plan: NeedsRatingPlan;
    /** The respondent's group (first breakdown), read when the matrix is reached. */
    group(): string;
  };
}

const ATTEMPTS = 3;
const SELECT_ONE = new Set(["radiogroup", "dropdown", "buttongroup"]);
const SELECT_MANY = new Set(["checkbox", "tagbox", "ranking"]);

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "object" && Object.keys(v).length === 0;
}

/** Shown for these answers: its page, panels and itself visible. */
export function isShown(el: ElementPlan, scope: Scope): boolean {
  for (const visible of el.containers) if (!visible(scope.top, scope.overlay)) return false;
  const p = el.plan;
  if (!p.visible(scope.top, scope.overlay)) return false;
  return !(p.hideIfChoicesEmpty && shownChoices(p, scope).length === 0);
}

const canAnswer = (el: ElementPlan, scope: Scope) => isShown(el, scope) && !el.plan.readOnly(scope.top, scope.overlay);

function passes(plan: QuestionPlan, value: unknown, scope: Scope): boolean {
  return plan.validators.every((check) => check(value, scope.top, scope.overlay));
}

/** An answer from answerFor that passes the validators, or none (kept anyway if required: the validator will say why). */
function setChecked(plan: QuestionPlan, scope: Scope, ctx: FillContext): void {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const value = answerFor(plan, scope, ctx);
    if (isEmpty(value)) break;
    scope.target[plan.key] = value;
    if (passes(plan, value, scope)) return;
  }
  if (!isRequired(plan, scope)) delete scope.target[plan.key];
}

function rowScope(scope: Scope, name: "row" | "panel", value: Values): Scope {
  return { top: scope.top, overlay: { ...scope.overlay, [name]: value }, target: value };
}

/** A "not applicable" cell ticked: true for a boolean, the first option for a checkbox. */
function markNotApplicable(plan: QuestionPlan, scope: Scope): void {
  if (plan.type === "boolean") scope.target[plan.key] = plan.question.getValueTrue();
  else {
    const first = shownChoices(plan, scope)[0];
    if (first) scope.target[plan.key] = [first.value];
  }
}

function setRating(plan: QuestionPlan, scope: Scope, ctx: FillContext, value: number): void {
  if (shownChoices(plan, scope).some((c) => c.value === value) || plan.type === "rating") scope.target[plan.key] = value;
  else setChecked(plan, scope, ctx);
}

function fillRow(cells: ElementPlan[], scope: Scope, ctx: FillContext, rating: TopicRating | undefined, atLeastOne: boolean): void {
  const declaration = rating ? ctx.needs?.declaration : undefined;
  // "Not applicable" first: it hides the ratings of its row.
  const na = declaration?.notApplicable ? cells.find((c) => c.plan.name === declaration.notApplicable) : undefined;
  if (na && rating?.notApplicable && canAnswer(na, scope)) markNotApplicable(na.plan, scope);
  for (const cell of cells) {
    if (cell === na || !canAnswer(cell, scope)) continue;
    if (declaration && rating && cell.plan.name === declaration.importance) setRating(cell.plan, scope, ctx, rating.importance);
    else if (declaration && rating && cell.plan.name === declaration.competence) setRating(cell.plan, scope, ctx, rating.competence);
    else if (wantsAnswer(cell.plan, scope, ctx)) fillElement(cell.plan, scope, ctx);
  }
  if (atLeastOne && isEmpty(scope.target)) {
    const first = cells.find((c) => canAnswer(c, scope));
    if (first) fillElement(first.plan, scope, ctx);
  }
}

function fillMatrix(plan: QuestionPlan, scope: Scope, ctx: FillContext): void {
  const needs = ctx.needs?.declaration.matrix === plan.name && scope.overlay === undefined ? ctx.needs : undefined;
  const ratings = needs?.plan.draw(ctx.rng, needs.group());
  const value: Values = {};
  scope.target[plan.key] = value;
  for (const row of plan.rows) {
    if (row.visible && !row.visible(scope.top, scope.overlay)) continue;
    const inner = rowScope(scope, "row", {});
    fillRow(plan.inner, inner, ctx, ratings?.get(String(row.value)), false);
    if (!isEmpty(inner.target)) value[String(row.value)] = inner.target;
  }
  if (isEmpty(value)) delete scope.target[plan.key];
}

/** Rows of a matrixdynamic or panels of a paneldynamic: a few, within the declared bounds. */
function fillRepeated(plan: QuestionPlan, scope: Scope, ctx: FillContext, name: "row" | "panel"): void {
  const q = plan.question;
  const min = Number(name === "row" ? q.minRowCount : q.minPanelCount) || 0;
  const max = Number(name === "row" ? q.maxRowCount : q.maxPanelCount) || 3;
  const count = Math.max(min, Math.min(max, 1 + Math.floor(ctx.rng() * 3)));
  const items: Values[] = [];
  scope.target[plan.key] = items;
  for (let i = 0; i < count; i++) {
    const inner = rowScope(scope, name, {});
    items.push(inner.target);
    if (name === "row") fillRow(plan.inner, inner, ctx, undefined, true);
    else for (const el of plan.inner) if (canAnswer(el, inner) && wantsAnswer(el.plan, inner, ctx)) fillElement(el.plan, inner, ctx);
  }
  if (items.every(isEmpty)) delete scope.target[plan.key];
}

function fillItems(plan: QuestionPlan, scope: Scope, ctx: FillContext): void {
  const value: Values = {};
  const inner: Scope = { ...scope, target: value };
  for (const el of plan.inner) if (canAnswer(el, inner) && wantsAnswer(el.plan, inner, ctx)) setChecked(el.plan, inner, ctx);
  if (!isEmpty(value)) scope.target[plan.key] = value;
}

/** Answers a question known to be shown (the caller decided it is answered at all). */
export function fillElement(plan: QuestionPlan, scope: Scope, ctx: FillContext): void {
  if (plan.type === "matrixdropdown") fillMatrix(plan, scope, ctx);
  else if (plan.type === "matrixdynamic") fillRepeated(plan, scope, ctx, "row");
  else if (plan.type === "paneldynamic") fillRepeated(plan, scope, ctx, "panel");
  else if (plan.type === "multipletext") fillItems(plan, scope, ctx);
  else setChecked(plan, scope, ctx);
}

/** Answers a question if it is shown and (when optional) the respondent chooses to. */
export function answerElement(el: ElementPlan, scope: Scope, ctx: FillContext): void {
  if (!canAnswer(el, scope)) return;
  const needsMatrix = ctx.needs?.declaration.matrix === el.plan.name;
  if (needsMatrix || wantsAnswer(el.plan, scope, ctx)) fillElement(el.plan, scope, ctx);
}

/** Options of a select answer that are no longer shown (a later answer hid them). */
function hasHiddenOption(plan: QuestionPlan, value: unknown, scope: Scope): boolean {
  if (!SELECT_ONE.has(plan.type) && !SELECT_MANY.has(plan.type)) return false;
  const shown = new Set(shownChoices(plan, scope).map((c) => c.value));
  return (Array.isArray(value) ? value : [value]).some((v) => !shown.has(v));
}

/**
 * Mends one answered (or skipped) question after later answers: an answer to a question no longer
 * shown is removed, an answer with hidden options or failing validators is drawn again, a required
 * question left empty is answered; in matrices, cell by cell. Returns whether anything changed.
 */
export function settleElement(el: ElementPlan, scope: Scope, ctx: FillContext): boolean {
  const { plan } = el;
  const value = scope.target[plan.key];
  if (!isShown(el, scope)) {
    if (value === undefined) return false;
    delete scope.target[plan.key];
    return true;
  }
  if (!canAnswer(el, scope)) return false;
  if (value === undefined) {
    if (!isRequired(plan, scope)) return false;
    fillElement(plan, scope, ctx);
    return scope.target[plan.key] !== undefined;
  }
  if (plan.type === "matrixdropdown" && value && typeof value === "object") {
    let changed = false;
    for (const [row, rowValue] of Object.entries(value as Record<string, Values>)) {
      const rowPlan = plan.rows.find((r) => String(r.value) === row);
      if (rowPlan?.visible && !rowPlan.visible(scope.top, scope.overlay)) {
        delete (value as Values)[row];
        changed = true;
        continue;
      }
      const inner = rowScope(scope, "row", rowValue);
      for (const cell of plan.inner) changed = settleElement(cell, inner, ctx) || changed;
      if (isEmpty(rowValue)) delete (value as Values)[row];
    }
    return changed;
  }
  if (hasHiddenOption(plan, value, scope) || !passes(plan, value, scope)) {
    delete scope.target[plan.key];
    if (isRequired(plan, scope)) fillElement(plan, scope, ctx);
    return true;
  }
  return false;
}
