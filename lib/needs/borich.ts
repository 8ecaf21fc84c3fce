// Borich needs assessment model (Borich, 1980), from per-topic sums as the SQL aggregation returns
// them: n, Σ importance, Σ competence. See docs/needs-method.md.
import { compare, fraction, type Fraction } from "./fraction";

export interface TopicSums {
  topic: string;
  /** Respondents with both ratings and not marked not applicable. */
  n: number;
  sumImportance: number;
  sumCompetence: number;
}

export interface TopicScore {
  topic: string;
  n: number;
  meanImportance: number | null;
  meanCompetence: number | null;
  meanDiscrepancy: number | null;
  /** Mean Weighted Discrepancy Score = Ī × D̄ (in [-20, 20] on 1–5 scales, [-12, 12] on 1–4). */
  mwds: number | null;
  /** 1 = greatest need; null when nobody rated the topic. */
  rank: number | null;
}

export interface RatingInput {
  importance?: number | null;
  competence?: number | null;
  notApplicable?: boolean | null;
}

/** The spec's counting rule: a respondent counts for a topic only with both ratings and not "not applicable". */
export function countsForTopic(r: RatingInput): boolean {
  return r.notApplicable !== true && typeof r.importance === "number" && typeof r.competence === "number";
}

/** Per-topic sums from raw ratings (the SQL aggregation implements the same rule). */
export function sumRatings(topic: string, ratings: readonly RatingInput[]): TopicSums {
  const counted = ratings.filter(countsForTopic);
  return {
    topic,
    n: counted.length,
    sumImportance: counted.reduce((s, r) => s + (r.importance as number), 0),
    sumCompetence: counted.reduce((s, r) => s + (r.competence as number), 0),
  };
}

/** MWDS_j = Ī_j × D̄_j = ΣI (ΣI − ΣC) / n², exactly. */
export function mwdsFraction(s: TopicSums): Fraction {
  return fraction(s.sumImportance * (s.sumImportance - s.sumCompetence), s.n * s.n);
}

/**
 * Scores every topic of `topicOrder` (the survey's topic codes, in order); topics missing from
 * `sums` get n = 0. The result keeps topic order; `rank` orders by MWDS descending, ties in
 * topic-code order.
 */
export function scoreTopics(sums: readonly TopicSums[], topicOrder: readonly string[]): TopicScore[] {
  const byTopic = new Map(sums.map((s) => [s.topic, s]));
  const all = topicOrder.map((topic) => byTopic.get(topic) ?? { topic, n: 0, sumImportance: 0, sumCompetence: 0 });
  const rated = all
    .map((s, index) => ({ s, index }))
    .filter(({ s }) => s.n > 0)
    .map(({ s, index }) => ({ s, index, mwds: mwdsFraction(s) }));
  rated.sort((a, b) => compare(b.mwds, a.mwds) || a.index - b.index);
  const rank = new Map(rated.map(({ s }, i) => [s.topic, i + 1]));
  return all.map((s) => {
    if (s.n === 0) {
      return { topic: s.topic, n: 0, meanImportance: null, meanCompetence: null, meanDiscrepancy: null, mwds: null, rank: null };
    }
    return {
      topic: s.topic,
      n: s.n,
      meanImportance: s.sumImportance / s.n,
      meanCompetence: s.sumCompetence / s.n,
      meanDiscrepancy: (s.sumImportance - s.sumCompetence) / s.n,
      mwds: (s.sumImportance * (s.sumImportance - s.sumCompetence)) / (s.n * s.n),
      rank: rank.get(s.topic) ?? null,
    };
  });
}

/** Adds per-topic sums of several groups (e.g. the institutions, to get the national figures). */
export function addSums(groups: readonly (readonly TopicSums[])[]): TopicSums[] {
  const total = new Map<string, TopicSums>();
  for (const group of groups) {
    for (const s of group) {
      const t = total.get(s.topic) ?? { topic: s.topic, n: 0, sumImportance: 0, sumCompetence: 0 };
      t.n += s.n;
      t.sumImportance += s.sumImportance;
      t.sumCompetence += s.sumCompetence;
      total.set(s.topic, t);
    }
  }
  return [...total.values()];
}
