// Change of the Borich figures (Ī, C̄, D̄, MWDS) of one topic in one group between two survey rounds:
// a baseline and a follow-up. The rounds are independent samples (responses are anonymous, so nobody
// can be paired across rounds), so each change gets Welch's unequal-variance t interval for the
// difference of two independent means, computed from per-topic sums of the ratings and of their
// squares (what a SQL GROUP BY returns; see docs/needs-method.md for the Borich figures themselves).
// Each interval is for one measure of one topic on its own: no adjustment for the many topics and
// measures compared, so where nothing changed about 1 interval in 20 still excludes 0 by chance.
import quantile from "@stdlib/stats-base-dists-t-quantile";
import { countsForTopic, type RatingInput } from "./borich";

/** Sums over the n counted respondents of one topic in one group of one round. */
export interface TopicMoments {
  n: number;
  sumImportance: number;
  sumCompetence: number;
  /** Σ I² */
  sumImportanceSq: number;
  /** Σ C² */
  sumCompetenceSq: number;
  /** Σ (I − C)² */
  sumDiscrepancySq: number;
}

export const MEASURES = ["importance", "competence", "discrepancy", "mwds"] as const;
export type Measure = (typeof MEASURES)[number];

export interface MeasureChange {
  /** The mean in the first (baseline) round; null when n = 0 there. */
  from: number | null;
  /** The mean in the second (follow-up) round; null when n = 0 there. */
  to: number | null;
  /** to − from; null when either mean is null. */
  change: number | null;
  /** Welch's interval for the change at the requested level; null when either round has n < 2 or both variances are 0. */
  interval: { lo: number; hi: number; df: number } | null;
  /** "up" | "down" when the interval excludes 0, "no_change" when it contains 0, null when there is no interval. */
  verdict: "up" | "down" | "no_change" | null;
}

/** One sentence per language naming the method, for the page to print under the comparison. */
export const COMPARISON_METHOD = {
  es:
    "Cambio entre rondas con el intervalo t de Welch al 95 % para la diferencia de medias de dos muestras independientes; " +
    "para el MWDS, Ī se toma como fija dentro de cada ronda (práctica habitual del modelo de Borich).",
  en:
    "Change between rounds with Welch's 95 % t interval for the difference of two independent sample means; " +
    "for MWDS, Ī is taken as fixed within each round (the usual Borich practice).",
} as const;

/** Per-topic moments from raw ratings, counting a respondent only as borich.ts's countsForTopic does. */
export function sumMoments(ratings: readonly RatingInput[]): TopicMoments {
  const m: TopicMoments = { n: 0, sumImportance: 0, sumCompetence: 0, sumImportanceSq: 0, sumCompetenceSq: 0, sumDiscrepancySq: 0 };
  for (const r of ratings) {
    if (!countsForTopic(r)) continue;
    const i = r.importance as number;
    const c = r.competence as number;
    m.n += 1;
    m.sumImportance += i;
    m.sumCompetence += c;
    m.sumImportanceSq += i * i;
    m.sumCompetenceSq += c * c;
    m.sumDiscrepancySq += (i - c) * (i - c);
  }
  return m;
}

/** One round's figures for one measure: its mean (null when n = 0) and sample variance (null when n < 2). */
interface RoundMeasure {
  n: number;
  mean: number | null;
  variance: number | null;
}

/**
 * Sample variance s² = (Σx² − (Σx)²/n)/(n−1), written as (nΣx² − (Σx)²)/(n(n−1)) so that with integer
 * ratings the numerator is an exact integer and a zero variance is exactly 0. Rounding dust (possible
 * only with non-integer inputs), negative or positive, is clamped to 0; a clearly negative numerator
 * means the sums cannot come from one set of numbers, which is a bug upstream, so it throws.
 */
function sampleVariance(n: number, sum: number, sumSq: number): number | null {
  if (n < 2) return null;
  const numerator = n * sumSq - sum * sum;
  const dust = 1e-12 * n * Math.abs(sumSq);
  if (numerator < -dust) throw new RangeError(`inconsistent moments: n = ${n}, Σx = ${sum}, Σx² = ${sumSq}`);
  return numerator <= dust ? 0 : numerator / (n * (n - 1));
}

function roundMeasures(m: TopicMoments): Record<Measure, RoundMeasure> {
  const { n } = m;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const sumDiscrepancy = m.sumImportance - m.sumCompetence;
  const mean = (sum: number) => (n === 0 ? null : sum / n);
  const varianceD = sampleVariance(n, sumDiscrepancy, m.sumDiscrepancySq);
  const meanI = mean(m.sumImportance);
  return {
    importance: { n, mean: meanI, variance: sampleVariance(n, m.sumImportance, m.sumImportanceSq) },
    competence: { n, mean: mean(m.sumCompetence), variance: sampleVariance(n, m.sumCompetence, m.sumCompetenceSq) },
    discrepancy: { n, mean: mean(sumDiscrepancy), variance: varianceD },
    // Borich: WDS_i = D_i × Ī with Ī of the respondent's own round, so mean(WDS) = Ī × D̄ = MWDS (same
    // formula as borich.ts) and s²(WDS) = Ī² · s_D². Ī is treated as fixed within a round, the usual Borich
    // practice (t tests on the WDS_i): its own sampling error is left out, which makes the MWDS interval a
    // little narrower than a delta-method one would be.
    mwds: {
      n,
      mean: n === 0 ? null : (m.sumImportance * sumDiscrepancy) / (n * n),
      variance: meanI === null || varianceD === null ? null : meanI * meanI * varianceD,
    },
  };
}

/**
 * Welch's interval for b.mean − a.mean: SE² = s_a²/n_a + s_b²/n_b, Welch–Satterthwaite
 * df = SE⁴ / ((s_a²/n_a)²/(n_a−1) + (s_b²/n_b)²/(n_b−1)), half-width t(1 − (1−level)/2, df) · SE.
 * When only one round has zero variance, df = n−1 of the other (the formula gives it as it stands).
 *
 * Zero variance in both rounds (e.g. everybody rated importance 5 in both): SE = 0 and df = 0/0, so the
 * t interval degenerates to the bare point `change`. We return no interval (and so no verdict) rather than
 * the exact difference with a certain "up"/"down": identical answers within two samples are no evidence
 * that the people they stand for do not vary, so a verdict from them would claim more than the data
 * show. The change itself is still reported.
 */
function welchInterval(a: RoundMeasure, b: RoundMeasure, level: number): MeasureChange["interval"] {
  if (a.mean === null || b.mean === null || a.variance === null || b.variance === null) return null;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  if (se2 === 0) return null;
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const half = quantile(1 - (1 - level) / 2, df) * Math.sqrt(se2);
  const change = b.mean - a.mean;
  return { lo: change - half, hi: change + half, df };
}

/**
 * Compares one topic in one group between two rounds (`from` the baseline, `to` the follow-up), for each of
 * Ī, C̄, D̄ and MWDS, with Welch's interval at `level` (default 0.95) for each change.
 */
export function compareTopic(from: TopicMoments, to: TopicMoments, level = 0.95): Record<Measure, MeasureChange> {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const a = roundMeasures(from);
  const b = roundMeasures(to);
  const compare = (measure: Measure): MeasureChange => {
    const ra = a[measure];
    const rb = b[measure];
    const change = ra.mean === null || rb.mean === null ? null : rb.mean - ra.mean;
    const interval = welchInterval(ra, rb, level);
    const verdict = interval === null ? null : interval.lo > 0 ? "up" : interval.hi < 0 ? "down" : "no_change";
    return { from: ra.mean, to: rb.mean, change, interval, verdict };
  };
  return { importance: compare("importance"), competence: compare("competence"), discrepancy: compare("discrepancy"), mwds: compare("mwds") };
}
