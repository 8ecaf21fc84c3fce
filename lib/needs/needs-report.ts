// The needs figures of one view (a breakdown under filters), from the SQL sums: Borich scores,
// Locus for Focus quadrants and small-cell suppression. This is the API's JSON shape too.
import { addSums, scoreTopics, type TopicScore, type TopicSums } from "./borich";
import type { NeedsFilters } from "./filters";
import { locusForFocus, type Quadrant } from "./locus-for-focus";
import { suppressBreakdown, viewSuppression, type GroupSize, type HiddenReason, type ViewSuppression } from "./suppression";

export interface SumRow extends TopicSums {
  group: string | null;
  /** need_ratings rows of the group for this topic (= its completed responses carrying the topic). */
  rows: number;
}

export type TopicFigures = TopicScore & { quadrant: Quadrant | null };

export interface GroupFigures {
  n: number;
  topics: TopicFigures[];
  /** The Locus for Focus dividing lines (means over the topics shown); null when nothing was rated. */
  locus: { importanceLine: number; discrepancyLine: number } | null;
}

export type GroupResult = ({ group: string | null; suppressed: null } & GroupFigures) | { group: string | null; suppressed: HiddenReason };

export interface NeedsReport {
  k: number;
  by: string | null;
  filters: NeedsFilters;
  /** Which releases the figures cover, and how many completed responses wait for one. */
  release: ReleaseSummary;
  /** Completed responses in the view; null when the view is suppressed. */
  n: number | null;
  suppressed: ViewSuppression | null;
  total: GroupFigures | null;
  groups: GroupResult[];
}

/** The releases a view covers (docs/confidentiality.md). */
export interface ReleaseSummary {
  /** The selection's figures are as of this release (null: not published). Releases are counted within the round shown. */
  asOf: { release: number; releasedAt: string } | null;
  /** The releases shown (a date range selects whole releases) and when their responses were submitted. */
  covers: { fromRelease: number; toRelease: number; firstSubmittedAt: string; lastSubmittedAt: string } | null;
  /** Completed responses of the survey that no release holds yet. */
  pending: number;
}

export interface BuildInput {
  k: number;
  by: string | null;
  filters: NeedsFilters;
  topics: readonly string[];
  rows: readonly SumRow[];
  /** Group keys in display order (e.g. the survey's choice order); others follow, sorted. */
  groupOrder?: readonly string[];
  release: ReleaseSummary;
  /** Whether the view's selection is published at all. */
  published: boolean;
  /** Groups the release rule holds back (their cell is not published, or not up to date). */
  groupHidden?: (group: string | null) => HiddenReason | null;
}

const NULL_KEY = "\u0000";
const keyOf = (group: string | null) => group ?? NULL_KEY;

export function figures(topics: readonly string[], sums: readonly TopicSums[], n: number): GroupFigures {
  const known = new Set(topics);
  const shown = sums.filter((s) => known.has(s.topic));
  const scores = scoreTopics(shown, topics);
  const locus = locusForFocus(shown);
  const quadrant = new Map(locus?.points.map((p) => [p.topic, p.quadrant]));
  return {
    n,
    topics: scores.map((s) => ({ ...s, quadrant: quadrant.get(s.topic) ?? null })),
    locus: locus && { importanceLine: locus.importanceLine, discrepancyLine: locus.discrepancyLine },
  };
}

export function buildNeedsReport(input: BuildInput): NeedsReport {
  const byGroup = new Map<string, { group: string | null; sums: SumRow[] }>();
  for (const row of input.rows) {
    const entry = byGroup.get(keyOf(row.group)) ?? { group: row.group, sums: [] };
    entry.sums.push(row);
    byGroup.set(keyOf(row.group), entry);
  }
  // Every completed response has one row per topic of its survey version, so the group's number
  // of completed responses is the largest per-topic row count (if topic sets ever differed across
  // versions this could only undercount, i.e. suppress more, never less).
  const sizes: GroupSize[] = [...byGroup.entries()].map(([key, e]) => ({ key, n: Math.max(0, ...e.sums.map((s) => s.rows)) }));
  const n = sizes.reduce((t, g) => t + g.n, 0);
  const base = { k: input.k, by: input.by, filters: input.filters, release: input.release };
  const verdict = viewSuppression(n, input.k, input.published);
  if (verdict) return { ...base, n: null, suppressed: verdict, total: null, groups: [] };

  const groupOf = new Map([...byGroup].map(([key, e]) => [key, e.group]));
  const hidden = suppressBreakdown(sizes, input.k, {
    hidden: input.groupHidden && ((key) => input.groupHidden?.(groupOf.get(key) ?? null) ?? null),
  });
  const order = new Map((input.groupOrder ?? []).map((g, i) => [g, i]));
  const keys = [...byGroup.keys()].sort((a, b) => {
    const oa = order.get(a) ?? Infinity;
    const ob = order.get(b) ?? Infinity;
    return oa !== ob ? oa - ob : a < b ? -1 : a > b ? 1 : 0;
  });
  const groups: GroupResult[] = keys.map((key) => {
    const entry = byGroup.get(key) as { group: string | null; sums: SumRow[] };
    const reason = hidden.get(key) ?? null;
    if (reason) return { group: entry.group, suppressed: reason };
    const size = sizes.find((g) => g.key === key)?.n ?? 0;
    return { group: entry.group, suppressed: null, ...figures(input.topics, entry.sums, size) };
  });
  const total = figures(input.topics, addSums([...byGroup.values()].map((e) => e.sums)), n);
  return { ...base, n, suppressed: null, total, groups };
}
