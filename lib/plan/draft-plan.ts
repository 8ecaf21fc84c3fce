// The training plan's draft (docs/training-plan.md), from needs figures already computed and
// suppressed by lib/needs (one report by the plan's groups, and one per site with the same grouping):
// which topics become modules, for which groups, and where their audience works. Every figure here
// is one a needs report showed; a module or a place built from fewer than k people is left out.
import type { NeedsReport, TopicFigures } from "../needs/needs-report";
import type { Quadrant } from "../needs/locus-for-focus";

/** A topic is "top" when it ranks among this many by MWDS (nationally, or within a group). */
export const TOP_N = 5;
/** Places suggested for a module: where most of its audience works, at most this many. */
export const MAX_SITES = 3;

export interface SiteReport {
  site: string;
  /** Figures under the plan's filters plus site = this value, broken down by the plan's groups. */
  report: NeedsReport;
}

export interface DraftInput {
  k: number;
  /** Topic codes in survey order. */
  topics: readonly string[];
  /** The plan's groups breakdown (e.g. institutions); null for a survey without breakdowns. */
  groupsBy: string | null;
  /** Figures under the plan's filters, by the groups breakdown. */
  national: NeedsReport;
  /** The sites breakdown and one report per site; null when the survey declares no sites. */
  sites: { by: string; order: readonly string[]; reports: readonly SiteReport[]; headcount: ReadonlyMap<string, number> | null } | null;
}

export interface HighGroup {
  group: string | null;
  n: number;
  rank: number;
  mwds: number;
}

export interface AudienceCell {
  site: string;
  group: string | null;
  /** Completed responses of the site × group (a group shown by the site's report). */
  n: number;
}

export interface SiteAudience {
  site: string;
  /** Respondents of the site who share the need (sum of its cells). */
  respondents: number;
  /** Estimated officials: the site's units' expected headcount × respondents / the site's n; null if unknown. */
  officials: number | null;
}

export interface Audience {
  cells: AudienceCell[];
  /** Largest first; only sites of at least k respondents. */
  sites: SiteAudience[];
  byGroup: { group: string | null; respondents: number }[];
  respondents: number;
  /** Where most of the audience works (the MAX_SITES largest sites). */
  suggested: string[];
}

/** One topic's figures in the plan: nationally, the groups it ranks high for, its audience. */
export interface TopicPlan {
  topic: string;
  /** National figures; null when fewer than k people rated the topic (nothing is shown). */
  figures: TopicFigures | null;
  /** Why it is high nationally: the high-priority quadrant and/or the top MWDS. */
  nationalReasons: ("quadrant" | "top")[];
  /** Groups (shown, with at least k raters of the topic) where it ranks in the top TOP_N with MWDS > 0. */
  highFor: HighGroup[];
  audience: Audience;
}

export interface ProposedModule {
  /** Stable id: the topic code. */
  id: string;
  topic: string;
  /** core: high nationally; specific: high for exactly one group (then `group` names it). */
  scope: "core" | "specific";
  group: string | null;
}

export interface PlanDraft {
  k: number;
  groupsBy: string | null;
  sitesBy: string | null;
  /** Completed responses in the plan's selection; null when the selection is suppressed. */
  n: number | null;
  suppressed: NeedsReport["suppressed"];
  topics: TopicPlan[];
  modules: ProposedModule[];
}

const HIGH_QUADRANT: Quadrant = "prioridad_alta";

function isTop(t: TopicFigures): boolean {
  return t.rank !== null && t.rank <= TOP_N && t.mwds !== null && t.mwds > 0;
}

/** Figures of a topic that may be shown: rated by at least k people. */
function shownFigures(t: TopicFigures | undefined, k: number): TopicFigures | null {
  return t && t.n >= k && t.mwds !== null ? t : null;
}

/** The groups of a report where the topic ranks high (for `onlyGroup`: that group alone). */
function highGroups(report: NeedsReport, topic: string, k: number, onlyGroup?: string | null): HighGroup[] {
  const out: HighGroup[] = [];
  for (const g of report.groups) {
    if (g.suppressed) continue;
    if (onlyGroup !== undefined && g.group !== onlyGroup) continue;
    const t = shownFigures(
      g.topics.find((x) => x.topic === topic),
      k,
    );
    if (t && isTop(t)) out.push({ group: g.group, n: g.n, rank: t.rank as number, mwds: t.mwds as number });
  }
  return out;
}

function audienceOf(input: DraftInput, topic: string, highFor: readonly HighGroup[], onlyGroup?: string | null): Audience {
  const { k } = input;
  const cells: AudienceCell[] = [];
  const sites: SiteAudience[] = [];
  if (input.sites) {
    for (const { site, report } of input.sites.reports) {
      if (report.suppressed || report.n === null) continue;
      const siteCells = highGroups(report, topic, k, onlyGroup).map((g) => ({ site, group: g.group, n: g.n }));
      const respondents = siteCells.reduce((s, c) => s + c.n, 0);
      if (respondents < k) continue;
      cells.push(...siteCells);
      const headcount = input.sites.headcount?.get(site);
      const officials = headcount && headcount > 0 ? Math.round((headcount * respondents) / report.n) : null;
      sites.push({ site, respondents, officials });
    }
  }
  const order = new Map((input.sites?.order ?? []).map((s, i) => [s, i]));
  sites.sort((a, b) => b.respondents - a.respondents || (order.get(a.site) ?? 0) - (order.get(b.site) ?? 0));
  // Without sites the audience is the high groups themselves, from the national report.
  const byGroupMap = new Map<string | null, number>();
  if (input.sites) for (const c of cells) byGroupMap.set(c.group, (byGroupMap.get(c.group) ?? 0) + c.n);
  else for (const g of highFor) byGroupMap.set(g.group, g.n);
  const groupOrder = new Map(input.national.groups.map((g, i) => [g.group, i]));
  const byGroup = [...byGroupMap.entries()]
    .map(([group, respondents]) => ({ group, respondents }))
    .sort((a, b) => (groupOrder.get(a.group) ?? 0) - (groupOrder.get(b.group) ?? 0));
  const respondents = input.sites ? sites.reduce((s, x) => s + x.respondents, 0) : byGroup.reduce((s, g) => s + g.respondents, 0);
  return { cells, sites, byGroup, respondents, suggested: sites.slice(0, MAX_SITES).map((s) => s.site) };
}

export function draftPlan(input: DraftInput): PlanDraft {
  const { k, national } = input;
  const base = { k, groupsBy: input.groupsBy, sitesBy: input.sites?.by ?? null, n: national.n, suppressed: national.suppressed };
  if (national.suppressed || !national.total) return { ...base, topics: [], modules: [] };
  const total = national.total;
  const topics: TopicPlan[] = input.topics.map((topic) => {
    const figures = shownFigures(
      total.topics.find((t) => t.topic === topic),
      k,
    );
    const nationalReasons: TopicPlan["nationalReasons"] = [];
    if (figures?.quadrant === HIGH_QUADRANT) nationalReasons.push("quadrant");
    if (figures && isTop(figures)) nationalReasons.push("top");
    const highFor = figures ? highGroups(national, topic, k) : [];
    const only = highFor.length === 1 ? (highFor[0] as HighGroup).group : undefined;
    return { topic, figures, nationalReasons, highFor, audience: audienceOf(input, topic, highFor, only) };
  });
  const core: ProposedModule[] = [];
  const specific: ProposedModule[] = [];
  for (const t of topics) {
    if (!t.figures) continue;
    const one = t.highFor.length === 1 ? (t.highFor[0] as HighGroup) : null;
    const module = (scope: ProposedModule["scope"]): ProposedModule => ({
      id: t.topic,
      topic: t.topic,
      scope,
      group: scope === "specific" && one ? one.group : null,
    });
    if (one) specific.push(module("specific"));
    else if (t.nationalReasons.length > 0) core.push(module("core"));
  }
  // Only topics rated by at least k people were considered, so no module rests on fewer than k.
  const rankOf = (m: ProposedModule) => topics.find((t) => t.topic === m.topic)?.figures?.rank ?? Infinity;
  const byRank = (a: ProposedModule, b: ProposedModule) => rankOf(a) - rankOf(b);
  return { ...base, topics, modules: [...core.sort(byRank), ...specific.sort(byRank)] };
}
