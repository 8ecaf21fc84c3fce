// Deterministic synthetic responses to any survey, for demos and benchmarks. The survey is walked
// as a respondent goes through it: page by page, each question shown for the answers so far gets
// a plausible answer before the next one is looked at, so visibleIf, requiredIf and option
// conditions (a dropdown whose options depend on an earlier answer) see it. What the survey is
// about comes from its needs declaration only (which matrix holds the ratings, which breakdown
// groups them); no question is named here. Every response is labelled: open answers start with
// "[DEMO]", and the database stores them with is_demo = 1.
//
// The walk runs on a plan read once from survey-core (survey-plan.ts) with survey-core's own
// expression engine, not on a live Model: a Model re-runs every condition of the survey on each
// value set (milliseconds per answer), which would make 100k benchmark responses take hours.
import type { NeedsDeclaration } from "../needs/declaration";
import type { Scope } from "./answer-for-question";
import { answerElement, isShown, settleElement, type FillContext } from "./fill-question";
import { needsRatingPlan } from "./needs-ratings";
import { ranksFor, weightedIndex, type Rng } from "./rng";
import { planSurvey, type ElementPlan, type Values } from "./survey-plan";

export interface DemoSurvey {
  definition: object;
  needs?: NeedsDeclaration;
}

export interface DemoUnit {
  linkCode: string;
  region: string | null;
}

export interface DemoResponse {
  data: Record<string, unknown>;
  unit: DemoUnit | null;
  locale: "es" | "en";
  /** Minutes before "now" when the response was submitted. */
  minutesAgo: number;
  /** False for a respondent who stopped before the last page (answers of the first pages only). */
  complete: boolean;
}

export interface DemoGeneratorOptions {
  /** Distribution units the responses arrive through (most do; a few come without a unit). */
  units?: readonly DemoUnit[];
  /** Submissions are spread over this many days before now. */
  daysBack?: number;
  /** The moment dates in answers are drawn back from (default: today, 00:00 UTC). */
  now?: number;
}

export interface DemoGenerator {
  /** One response drawn from `rng`; `partial`: a respondent who stopped after a random page before the last. */
  next(rng: Rng, options?: { partial?: boolean }): DemoResponse;
}

/** Zipf exponents: the first breakdown clearly uneven (as real dashboards are), other options milder. */
const FIRST_BREAKDOWN_SKEW = { exponent: 1, declaredOrder: true };
const OTHER_SKEW = { exponent: 0.6, declaredOrder: false };
const UNIT_SHARE = 0.95;
/** Some units (a big office) send many more responses than others. */
const UNIT_SKEW = 0.8;
const SPANISH_SHARE = 0.9;
const SETTLE_ROUNDS = 3;
const DAY_MS = 86_400_000;

export function createDemoGenerator(survey: DemoSurvey, options: DemoGeneratorOptions = {}): DemoGenerator {
  const plan = planSurvey(survey.definition);
  const units = options.units ?? [];
  const daysBack = options.daysBack ?? 30;
  const firstBreakdown = survey.needs?.breakdowns[0];
  const rankCache = new Map<string, number[]>();
  const ratings = survey.needs ? needsRatingPlan(survey.needs) : undefined;
  const unitWeights = ranksFor(`units:${units.length}`, units.length).map((r) => 1 / (r + 1) ** UNIT_SKEW);

  // The response being drawn.
  let rng: Rng = () => 0;
  let unit: DemoUnit | null = null;
  let data: Values = {};
  const hints = new Set<unknown>();

  const group = (): string => {
    if (!firstBreakdown) return "";
    if (firstBreakdown.kind === "unit") return unit?.linkCode ?? "";
    const value = data[firstBreakdown.name];
    return value === undefined || value === null ? "" : String(value);
  };
  const ctx: FillContext = {
    rng: () => rng(),
    now: options.now ?? Math.floor(Date.now() / DAY_MS) * DAY_MS,
    hints,
    skew: (name) => (firstBreakdown?.kind === "question" && firstBreakdown.name === name ? FIRST_BREAKDOWN_SKEW : OTHER_SKEW),
    ranks(key, n) {
      let ranks = rankCache.get(key);
      if (!ranks) rankCache.set(key, (ranks = ranksFor(key, n)));
      return ranks;
    },
    needs: survey.needs && ratings ? { declaration: survey.needs, plan: ratings, group } : undefined,
  };

  /** Answers the first pages (up to `lastPage` shown pages) or, on a one-page survey, the first questions. */
  function walk(scope: Scope, lastPage: number, questionLimit: number): ElementPlan[] {
    const walked: ElementPlan[] = [];
    let shownPages = 0;
    for (const page of plan.pages) {
      if (shownPages > lastPage) break;
      if (!page.elements.some((el) => isShown(el, scope))) continue;
      shownPages++;
      for (const el of page.elements) {
        if (walked.length >= questionLimit) return walked;
        walked.push(el);
        answerElement(el, scope, ctx);
      }
    }
    return walked;
  }

  const pageCount = plan.pages.length;
  return {
    next(source, { partial = false } = {}) {
      rng = source;
      unit = units.length > 0 && rng() < UNIT_SHARE ? (units[weightedIndex(rng, unitWeights)] as DemoUnit) : null;
      hints.clear();
      if (unit?.region) hints.add(unit.region);
      data = {};
      const scope: Scope = { top: data, target: data };
      let lastPage = Infinity;
      let questionLimit = Infinity;
      if (partial && pageCount > 1) lastPage = Math.floor(rng() * (pageCount - 1));
      else if (partial) questionLimit = Math.floor((plan.pages[0]?.elements.length ?? 0) * rng());
      const walked = walk(scope, lastPage, questionLimit);
      for (let round = 0; round < SETTLE_ROUNDS; round++) {
        let changed = false;
        for (const el of walked) changed = settleElement(el, scope, ctx) || changed;
        if (!changed) break;
      }
      return {
        data,
        unit,
        locale: rng() < SPANISH_SHARE ? "es" : "en",
        minutesAgo: Math.floor(rng() * daysBack * 24 * 60),
        complete: !partial,
      };
    },
  };
}
