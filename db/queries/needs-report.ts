// The needs figures exactly as the API and the dashboard show them: SQL GROUP BY sums from
// need_ratings over the published releases (docs/confidentiality.md), then the pure Borich / Locus
// for Focus / suppression code in lib/needs.
import { badRequest } from "@/lib/http/app-error";
import { cellKey, type Constraints } from "@/lib/confidentiality/cells";
import { groupRelease, viewRelease, type PublishedState } from "@/lib/confidentiality/view-release";
import { UNIT_BREAKDOWN, type NeedsDeclaration } from "@/lib/needs/declaration";
import { ROUND_KEY, submittedBounds, type NeedsFilters, type NeedsQuery } from "@/lib/needs/filters";
import { resolveRound } from "./survey-rounds";
import { buildNeedsReport, type NeedsReport, type ReleaseSummary } from "@/lib/needs/needs-report";
import { viewSuppression } from "@/lib/needs/suppression";
import type { Db } from "../client";
import type { ResolvedFilters } from "./filter-terms";
import { countCompleted, listNeedSums, resolveUnit, type NeedsTable } from "./needs";
import { readPublishedState, releasePending } from "./releases";
import { ensureDimensionSlots } from "./survey-dimensions";

export interface NeedsSurvey extends NeedsTable {
  /** Topic codes in survey order. */
  topics: readonly string[];
  /** The declared breakdowns, and the display order of each one's groups (its choice order). */
  breakdowns: readonly { name: string; order: readonly string[] }[];
}

/**
 * Resolves the unit filter (id or code) to an id and the round to the one asked for or the default
 * (the latest that has opened); an unknown unit or round is a 400. Row-level views (admins) use this.
 */
export async function resolveFilters(db: Db, slug: string, filters: NeedsFilters): Promise<ResolvedFilters> {
  const { from, to, [UNIT_BREAKDOWN]: unit, [ROUND_KEY]: roundParam, ...values } = filters;
  const round = await resolveRound(db, slug, roundParam);
  const resolved: ResolvedFilters = { values, round: round.round, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  if (unit === undefined) return resolved;
  const unitId = await resolveUnit(db, unit);
  if (unitId === undefined) throw badRequest("unknown_unit", `There is no unit "${unit}".`);
  return { ...resolved, unitId };
}

/** The cell of a selection: its question filters and its unit. */
function selectionConstraints(f: ResolvedFilters): Record<string, string | null> {
  return { ...f.values, ...(f.unitId === undefined ? {} : { [UNIT_BREAKDOWN]: String(f.unitId) }) };
}

export interface ResolvedView {
  /** For the SQL: the selection over the releases it may show (no date bounds: they became releases). */
  filters: ResolvedFilters;
  release: ReleaseSummary;
  state: PublishedState;
}

/**
 * An aggregate view's selection under the release rule: publishes what can be published first,
 * then picks the releases the selection's figures cover (its date range cuts between releases).
 */
export async function resolveView(db: Db, survey: NeedsSurvey, filters: NeedsFilters, k: number): Promise<ResolvedView> {
  const raw = await resolveFilters(db, survey.slug, filters);
  const round = raw.round ?? 1;
  await releasePending(db, survey, k, round);
  const state = await readPublishedState(db, survey.slug, round);
  const { from: _from, to: _to, ...selection } = raw;
  const view = viewRelease(state, cellKey(selectionConstraints(raw)), submittedBounds(raw));
  if (!view.published) {
    return {
      filters: { ...selection, release: { published: false, lo: 1, hi: 0 } },
      release: { asOf: null, covers: null, pending: state.pending },
      state,
    };
  }
  const shown = state.releases.filter((r) => r.batch >= view.lo && r.batch <= view.hi);
  const submitted = shown
    .flatMap((r) => [r.firstSubmittedAt, r.lastSubmittedAt])
    .filter(Boolean)
    .sort();
  // Releases are numbered per survey; a reader counts them per round (1, 2, … of the round shown).
  const ordinal = (batch: number) => state.releases.findIndex((r) => r.batch === batch) + 1;
  return {
    filters: { ...selection, release: { published: true, lo: view.lo, hi: view.hi } },
    release: {
      asOf: { release: ordinal(view.upTo.batch), releasedAt: view.upTo.releasedAt },
      covers:
        shown.length && submitted.length
          ? {
              fromRelease: ordinal(shown[0]?.batch ?? view.lo),
              toRelease: ordinal(shown.at(-1)?.batch ?? view.hi),
              firstSubmittedAt: submitted[0] as string,
              lastSubmittedAt: submitted.at(-1) as string,
            }
          : null,
      pending: state.pending,
    },
    state,
  };
}

/**
 * The completed responses a resolved view covers, and why it must show nothing (not published, or
 * fewer than k), or null when it may be shown.
 */
export async function getViewVerdict(db: Db, survey: NeedsSurvey, filters: ResolvedFilters, k: number) {
  const n = await countCompleted(db, survey, filters);
  return { n, verdict: viewSuppression(n, k, filters.release?.published ?? true) };
}

export async function getNeedsReport(db: Db, survey: NeedsSurvey, query: NeedsQuery, k: number): Promise<NeedsReport> {
  const view = await resolveView(db, survey, query.filters, k);
  const rows = await listNeedSums(db, survey, query.by, view.filters);
  const base: Constraints = selectionConstraints(view.filters);
  const hi = view.filters.release?.hi ?? 0;
  return buildNeedsReport({
    k,
    by: query.by,
    filters: query.filters,
    topics: survey.topics,
    rows,
    groupOrder: survey.breakdowns.find((b) => b.name === query.by)?.order,
    release: view.release,
    published: view.filters.release?.published ?? false,
    groupHidden: query.by === null ? undefined : (group) => groupRelease(view.state, cellKey({ ...base, [query.by as string]: group }), hi),
  });
}

/** The survey's topics and breakdowns with their storage slots (given on first use). */
export async function needsSurveyOf(db: Db, slug: string, declaration: NeedsDeclaration): Promise<NeedsSurvey> {
  const names = declaration.breakdowns.filter((b) => b.kind === "question").map((b) => b.name);
  return {
    slug,
    slots: await ensureDimensionSlots(db, slug, names),
    topics: declaration.topics.map((t) => t.code),
    breakdowns: declaration.breakdowns.map((b) => ({ name: b.name, order: b.choices.map((c) => c.value) })),
  };
}
