// The training plan's draft for a survey and filters. Every figure comes through the needs report
// (getNeedsReport: one by the plan's groups, one per site with the same grouping) and the question
// summary (getSurveySummary, for the logistics questions), so the plan shows nothing those views
// would not; the units' expected headcount per region comes from the coverage query.
import { resolveRound } from "./survey-rounds";
import { PLANNING_FIELDS, type NeedsDeclaration } from "@/lib/needs/declaration";
import { ROUND_KEY, type NeedsQuery } from "@/lib/needs/filters";
import { draftPlan, type PlanDraft, type SiteReport } from "@/lib/plan/draft-plan";
import { planLogistics, type Logistics } from "@/lib/plan/logistics";
import { isRegionCode } from "@/lib/units/regions";
import type { QuestionCatalogue } from "@/lib/summary/question-catalogue";
import type { Db } from "../client";
import { listCoverageByGroup } from "./coverage";
import { getNeedsReport, resolveView, type NeedsSurvey } from "./needs-report";
import { getSurveySummary } from "./survey-summary";

export interface PlanFigures {
  draft: PlanDraft;
  logistics: Logistics | null;
}

/** The breakdowns the plan uses: its groups (declared, else the first breakdown) and its sites (declared, else none). */
export function planBreakdowns(declaration: NeedsDeclaration): { groups: string | null; sites: string | null } {
  const groups = declaration.planning.groups ?? declaration.breakdowns[0]?.name ?? null;
  return { groups, sites: declaration.planning.sites ?? null };
}

export async function getPlanFigures(
  db: Db,
  survey: NeedsSurvey,
  declaration: NeedsDeclaration,
  catalogue: QuestionCatalogue,
  query: NeedsQuery,
  k: number,
): Promise<PlanFigures> {
  const { groups, sites } = planBreakdowns(declaration);
  const national = await getNeedsReport(db, survey, { by: groups, filters: query.filters }, k);
  let siteInput: Parameters<typeof draftPlan>[0]["sites"] = null;
  if (sites && !national.suppressed) {
    const order = declaration.breakdowns.find((b) => b.name === sites)?.choices.map((c) => c.value) ?? [];
    const values = query.filters[sites] !== undefined ? [query.filters[sites] as string] : order;
    const reports: SiteReport[] = [];
    for (const site of values) {
      reports.push({ site, report: await getNeedsReport(db, survey, { by: groups, filters: { ...query.filters, [sites]: site } }, k) });
    }
    // The units' expected headcount is per region of Peru: usable when the sites are regions.
    let headcount: Map<string, number> | null = null;
    if (order.length > 0 && order.every(isRegionCode)) {
      const { round } = await resolveRound(db, survey.slug, query.filters[ROUND_KEY]);
      const coverage = await listCoverageByGroup(db, survey.slug, round, "region");
      headcount = new Map(coverage.flatMap((g) => (g.key ? [[g.key, g.expected] as const] : [])));
    }
    siteInput = { by: sites, order, reports, headcount };
  }
  const draft = draftPlan({ k, topics: survey.topics, groupsBy: groups, national, sites: siteInput });
  const fields = PLANNING_FIELDS.filter((f) => declaration.planning[f] !== undefined);
  let logistics: Logistics | null = null;
  if (fields.length > 0 && !national.suppressed) {
    // Under the release rule, as the question summary page reads it (resolveView), never the raw
    // selection: counts of unpublished responses would move by one when one person submits.
    const { filters } = await resolveView(db, survey, query.filters, k);
    const { summary, verdict, n } = await getSurveySummary(db, survey, catalogue, filters, k, { declared: true, textSample: 0 });
    if (summary && !verdict) logistics = planLogistics(declaration.planning, summary.sections, n);
  }
  return { draft, logistics };
}
