// The comparison of two rounds of a survey (docs/rounds.md), per topic and per group of a breakdown:
// each round's Borich figures as its own needs report shows them (its releases, its suppression),
// the change of Ī, C̄, D̄ and MWDS with Welch's interval (round-comparison.ts), and the topics that
// left or entered the high-priority quadrant. Whatever either round hides is hidden in both: a
// group shown in one round only, or a topic that fewer than k people rated in either round.
import type { NeedsReport, TopicFigures } from "./needs-report";
import { compareTopic, COMPARISON_METHOD, MEASURES, type Measure, type MeasureChange, type TopicMoments } from "./round-comparison";
import type { Quadrant } from "./locus-for-focus";
import type { HiddenReason, ViewSuppression } from "./suppression";

export interface MomentRow extends TopicMoments {
  group: string | null;
  topic: string;
}

export interface RoundSide {
  round: number;
  name: string;
  report: NeedsReport;
  moments: readonly MomentRow[];
  /**
   * Topics whose sums of squares may not be published this round (lib/confidentiality/topic-raters.ts):
   * their changes are shown without intervals.
   */
  fewRaters: ReadonlySet<string>;
}

export type CompareHidden = HiddenReason | "absent" | "topic_below_k";

export interface TopicComparison {
  topic: string;
  n: { from: number; to: number };
  /** Null when the topic is hidden (rated by fewer than k in either round). */
  suppressed: "topic_below_k" | null;
  /**
   * True when the intervals are withheld: in some round, a group of respondents the figures can tell
   * apart has 1 … k−1 people who rated the topic, and the interval's variance would reveal their ratings.
   */
  intervalsWithheld: boolean;
  measures: Record<Measure, MeasureChange> | null;
  quadrant: { from: Quadrant | null; to: Quadrant | null } | null;
}

export type GroupComparison =
  | { group: string | null; suppressed: null; n: { from: number; to: number }; topics: TopicComparison[] }
  | { group: string | null; suppressed: CompareHidden };

export interface CompareReport {
  k: number;
  by: string | null;
  method: typeof COMPARISON_METHOD;
  from: { round: number; name: string; n: number | null; release: NeedsReport["release"] };
  to: { round: number; name: string; n: number | null; release: NeedsReport["release"] };
  /** Why nothing is shown: either round's view is suppressed. */
  suppressed: { from: ViewSuppression | null; to: ViewSuppression | null } | null;
  total: { n: { from: number; to: number }; topics: TopicComparison[] } | null;
  groups: GroupComparison[];
  /** Topics (everyone) that left or entered the high-priority quadrant ("prioridad_alta"). */
  highPriority: { left: string[]; entered: string[]; stayed: string[] } | null;
}

const HIGH: Quadrant = "prioridad_alta";
const NULL_KEY = "\u0000";
const keyOf = (g: string | null) => g ?? NULL_KEY;

function momentsOf(rows: readonly MomentRow[], group: string | null | undefined): Map<string, TopicMoments> {
  const out = new Map<string, TopicMoments>();
  for (const r of rows) if (group === undefined || keyOf(r.group) === keyOf(group)) out.set(r.topic, add(out.get(r.topic), r));
  return out;
}

function add(a: TopicMoments | undefined, b: TopicMoments): TopicMoments {
  if (!a) return { ...b };
  return {
    n: a.n + b.n,
    sumImportance: a.sumImportance + b.sumImportance,
    sumCompetence: a.sumCompetence + b.sumCompetence,
    sumImportanceSq: a.sumImportanceSq + b.sumImportanceSq,
    sumCompetenceSq: a.sumCompetenceSq + b.sumCompetenceSq,
    sumDiscrepancySq: a.sumDiscrepancySq + b.sumDiscrepancySq,
  };
}

const ZERO: TopicMoments = { n: 0, sumImportance: 0, sumCompetence: 0, sumImportanceSq: 0, sumCompetenceSq: 0, sumDiscrepancySq: 0 };

function compareTopics(
  k: number,
  withheld: ReadonlySet<string>,
  topics: readonly string[],
  from: { moments: Map<string, TopicMoments>; figures: readonly TopicFigures[] },
  to: { moments: Map<string, TopicMoments>; figures: readonly TopicFigures[] },
): TopicComparison[] {
  const quadrant = (figs: readonly TopicFigures[], topic: string) => figs.find((f) => f.topic === topic)?.quadrant ?? null;
  return topics.map((topic) => {
    const a = from.moments.get(topic) ?? ZERO;
    const b = to.moments.get(topic) ?? ZERO;
    const n = { from: a.n, to: b.n };
    if (a.n < k || b.n < k) return { topic, n, suppressed: "topic_below_k", intervalsWithheld: false, measures: null, quadrant: null };
    const measures = compareTopic(a, b);
    const intervalsWithheld = withheld.has(topic);
    if (intervalsWithheld) for (const m of MEASURES) measures[m] = { ...measures[m], interval: null, verdict: null };
    return {
      topic,
      n,
      suppressed: null,
      intervalsWithheld,
      measures,
      quadrant: { from: quadrant(from.figures, topic), to: quadrant(to.figures, topic) },
    };
  });
}

export function buildComparison(input: { k: number; by: string | null; topics: readonly string[]; from: RoundSide; to: RoundSide }): CompareReport {
  const { k, topics, from, to } = input;
  const side = (s: RoundSide) => ({ round: s.round, name: s.name, n: s.report.n, release: s.report.release });
  const base = { k, by: input.by, method: COMPARISON_METHOD, from: side(from), to: side(to) };
  if (from.report.suppressed || to.report.suppressed || !from.report.total || !to.report.total) {
    return {
      ...base,
      suppressed: { from: from.report.suppressed, to: to.report.suppressed },
      total: null,
      groups: [],
      highPriority: null,
    };
  }
  const withheld = new Set([...from.fewRaters, ...to.fewRaters]);
  const total = compareTopics(
    k,
    withheld,
    topics,
    { moments: momentsOf(from.moments, undefined), figures: from.report.total.topics },
    { moments: momentsOf(to.moments, undefined), figures: to.report.total.topics },
  );
  const fromGroups = new Map(from.report.groups.map((g) => [keyOf(g.group), g]));
  const toGroups = new Map(to.report.groups.map((g) => [keyOf(g.group), g]));
  const keys = [...from.report.groups.map((g) => keyOf(g.group))];
  for (const g of to.report.groups) if (!fromGroups.has(keyOf(g.group))) keys.push(keyOf(g.group));
  const groups: GroupComparison[] = keys.map((key) => {
    const a = fromGroups.get(key);
    const b = toGroups.get(key);
    const group = (a ?? b)?.group ?? null;
    if (!a || !b) return { group, suppressed: "absent" };
    if (a.suppressed !== null) return { group, suppressed: a.suppressed };
    if (b.suppressed !== null) return { group, suppressed: b.suppressed };
    return {
      group,
      suppressed: null,
      n: { from: a.n, to: b.n },
      topics: compareTopics(
        k,
        withheld,
        topics,
        { moments: momentsOf(from.moments, group), figures: a.topics },
        { moments: momentsOf(to.moments, group), figures: b.topics },
      ),
    };
  });
  const shown = total.filter((t) => t.quadrant !== null);
  const wasHigh = (t: TopicComparison) => t.quadrant?.from === HIGH;
  const isHigh = (t: TopicComparison) => t.quadrant?.to === HIGH;
  return {
    ...base,
    suppressed: null,
    total: { n: { from: from.report.total.n, to: to.report.total.n }, topics: total },
    groups,
    highPriority: {
      left: shown.filter((t) => wasHigh(t) && !isHigh(t)).map((t) => t.topic),
      entered: shown.filter((t) => !wasHigh(t) && isHigh(t)).map((t) => t.topic),
      stayed: shown.filter((t) => wasHigh(t) && isHigh(t)).map((t) => t.topic),
    },
  };
}
