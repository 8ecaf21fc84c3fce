// The training plan of a survey as every view of it needs it (page, print, API, .docx, CSV): the
// query (the URL's filters, else those the plan was saved with), the draft's figures, the saved
// edits applied to them, what moved since the save, and the labels of its codes in one language.
import { summaryCatalogue } from "@/app/_server/question-summary";
import { surveyForApi, type ApiSurvey } from "@/app/_server/survey-for-api";
import { getDb } from "@/db/client";
import { countDemoResponses } from "@/db/queries/count-demo-responses";
import { getPlanFigures, planBreakdowns, type PlanFigures } from "@/db/queries/plan-draft";
import { getPlanVersion, listPlanVersions, type PlanVersion } from "@/db/queries/training-plans";
import { resolveView } from "@/db/queries/needs-report";
import { listRounds } from "@/db/queries/survey-rounds";
import { defaultViewRound, type Round } from "@/lib/rounds/rounds";
import { peruToday } from "@/lib/time/lima-time";
import { messagesFor } from "@/i18n/messages";
import type { Locale } from "@/i18n/locales";
import { badRequest } from "@/lib/http/app-error";
import type { NeedsDeclaration } from "@/lib/needs/declaration";
import { filterKeys, parseNeedsQuery, ROUND_KEY, toSearchParams, type NeedsQuery } from "@/lib/needs/filters";
import { comparePlan, type PlanChanges, type PlanSnapshot } from "@/lib/plan/plan-changes";
import { applyEdits, initialEdits, planEditsSchema, type EditVocabulary, type PlanEdits, type TrainingPlan } from "@/lib/plan/plan-edits";
import type { PlanLabels } from "@/lib/plan/plan-labels";
import { isRegionCode, regionLabel } from "@/lib/units/regions";

export interface LoadedPlan extends ApiSurvey {
  declaration: NeedsDeclaration;
  query: NeedsQuery;
  figures: PlanFigures;
  saved: PlanVersion | undefined;
  edits: PlanEdits;
  plan: TrainingPlan;
  changes: PlanChanges | null;
  versions: { version: number; author: string; createdAt: string }[];
  vocabulary: EditVocabulary;
  demoResponses: number;
  /** The survey's rounds (docs/rounds.md); the plan's is in its query's filters. */
  rounds: Round[];
}

/** Query parameters of the plan's views besides the filters. */
export const PLAN_EXTRA_KEYS = ["labels", "sep", "by"] as const;

export function planVocabulary(a: ApiSurvey, declaration: NeedsDeclaration): EditVocabulary {
  const { sites } = planBreakdowns(declaration);
  const monthsName = declaration.planning.months;
  const months = monthsName ? summaryCatalogue(a.survey).questions.find((q) => q.name === monthsName) : undefined;
  return {
    topics: a.needsSurvey.topics,
    sites: declaration.breakdowns.find((b) => b.name === sites)?.choices.map((c) => c.value) ?? [],
    months: months && "options" in months ? months.options.map((o) => o.value) : [],
  };
}

/** `savedFilters`: without filters in `params`, use those the plan was saved with (the views do; a save does not). */
export async function loadPlan(slug: string, params: URLSearchParams, options: { savedFilters?: boolean } = {}): Promise<LoadedPlan> {
  const api = await surveyForApi(slug, { requireNeeds: true });
  const declaration = api.survey.needs as NeedsDeclaration;
  const db = await getDb();
  const saved = await getPlanVersion(db, slug);
  const parsed = parseNeedsQuery(params, api.context.spec, { extraKeys: PLAN_EXTRA_KEYS });
  if (!parsed.ok) throw badRequest("invalid_query", parsed.message);
  const hasFilters = filterKeys(api.context.spec).some((key) => params.has(key));
  const rounds = await listRounds(db, slug);
  let query = parsed.value;
  if (!hasFilters && saved && options.savedFilters !== false) {
    const again = parseNeedsQuery(toSearchParams(saved.query as NeedsQuery, api.context.spec), api.context.spec);
    if (again.ok) query = again.value;
    // Saved while the survey had one round (no round in its query): it was drafted from the round
    // views showed that day, not from a round opened since.
    if (again.ok && query.filters[ROUND_KEY] === undefined && rounds.length > 1) {
      const then = defaultViewRound(rounds, peruToday(new Date(saved.createdAt)));
      query = { ...query, filters: { ...query.filters, [ROUND_KEY]: String(then.round) } };
    }
  }
  const figures = await getPlanFigures(db, api.needsSurvey, declaration, summaryCatalogue(api.survey), query, api.context.k);
  const vocabulary = planVocabulary(api, declaration);
  // Saved edits that no longer fit the survey (a topic or choice removed) fall back to the draft.
  const savedEdits = saved ? planEditsSchema(vocabulary).safeParse(saved.edits) : null;
  const edits = savedEdits?.success ? savedEdits.data : initialEdits(figures.draft);
  const plan = applyEdits(figures.draft, edits, figures.logistics?.months?.best ?? []);
  const changes = saved ? comparePlan(saved.snapshot as PlanSnapshot, figures.draft, edits) : null;
  return {
    ...api,
    declaration,
    query,
    figures,
    saved,
    edits,
    plan,
    changes,
    versions: await listPlanVersions(db, slug),
    rounds,
    vocabulary,
    demoResponses: (
      await countDemoResponses(db, slug, api.needsSurvey.slots, (await resolveView(db, api.needsSurvey, query.filters, api.context.k)).filters)
    ).completed,
  };
}

export function planLabels(p: LoadedPlan, locale: Locale): PlanLabels {
  const d = p.declaration;
  const { groups, sites } = planBreakdowns(d);
  const needs = messagesFor(locale).needs;
  const choice = (name: string | null) => new Map(d.breakdowns.find((b) => b.name === name)?.choices.map((c) => [c.value, c.label[locale]]));
  const groupLabels = choice(groups);
  const siteLabels = choice(sites);
  const topics = new Map(d.topics.map((t) => [t.code, t.title[locale]]));
  const monthsName = d.planning.months;
  const monthQ = monthsName ? summaryCatalogue(p.survey).questions.find((q) => q.name === monthsName) : undefined;
  const months = new Map(monthQ && "options" in monthQ ? monthQ.options.map((o) => [o.value, o.label[locale]]) : []);
  const title = (name: string | null) => d.breakdowns.find((b) => b.name === name)?.title[locale] ?? name ?? "";
  return {
    locale,
    topic: (code) => topics.get(code) ?? code,
    group: (value) => (value === null ? needs.groups.none : (groupLabels.get(value) ?? value)),
    site: (value) => siteLabels.get(value) ?? (isRegionCode(value) ? regionLabel(value, locale) : value),
    month: (value) => months.get(value) ?? value,
    quadrant: (q) => (q ? needs.quadrant[q] : "–"),
    groupsTitle: title(groups),
    sitesTitle: sites ? title(sites) : null,
  };
}

/** The plan's filters as "Name: value" for the document's heading. */
export function filterList(p: LoadedPlan, locale: Locale): string[] {
  const d = p.declaration;
  return filterKeys(p.context.spec).flatMap((key) => {
    const v = p.query.filters[key];
    if (v === undefined) return [];
    const b = d.breakdowns.find((x) => x.name === key);
    const label = b?.choices.find((c) => c.value === v)?.label[locale] ?? v;
    if (key === ROUND_KEY) return [`${messagesFor(locale).rounds.label}: ${p.rounds.find((r) => String(r.round) === v)?.name ?? v}`];
    const name = b ? b.title[locale] : messagesFor(locale).needs.filters[key as "from" | "to"];
    return [`${name}: ${label}`];
  });
}

export function planDate(locale: Locale, at = new Date()): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "es-PE", { dateStyle: "long", timeZone: "America/Lima" }).format(at);
}
