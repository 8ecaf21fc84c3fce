import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreTopics } from "@/lib/needs/borich";
import { COMPARISON_METHOD, compareTopic, type Measure, type MeasureChange, sumMoments, type TopicMoments } from "@/lib/needs/round-comparison";

// jstat ships no type declarations; load it as CommonJS and type the few functions used here.
interface JStat {
  mean(values: number[]): number;
  variance(values: number[], sample: boolean): number;
  studentt: { inv(p: number, dof: number): number };
}
const { jStat } = createRequire(import.meta.url)("jstat") as { jStat: JStat };

type Pair = { importance: number; competence: number };

const pairs = (list: readonly (readonly [number, number])[]): Pair[] => list.map(([importance, competence]) => ({ importance, competence }));

/** The closed interval [lo, hi] as the test's expectations write it. */
function expectInterval(c: MeasureChange, lo: number, hi: number, df: number) {
  expect(c.interval).not.toBeNull();
  expect(c.interval?.lo).toBeCloseTo(lo, 9);
  expect(c.interval?.hi).toBeCloseTo(hi, 9);
  expect(c.interval?.df).toBeCloseTo(df, 9);
}

describe("compareTopic — hand-worked example", () => {
  // Baseline, 4 respondents (I, C): (5,1) (5,2) (4,1) (4,2)      Follow-up: (5,4) (5,5) (4,4) (4,5)
  //   I = 5,5,4,4: Ī = 4.5, s² = (4·0.25)/3 = 1/3               I = 5,5,4,4: Ī = 4.5, s² = 1/3
  //   C = 1,2,1,2: C̄ = 1.5, s² = 1/3                            C = 4,5,4,5: C̄ = 4.5, s² = 1/3
  //   D = 4,3,3,2: D̄ = 3,   s² = (1+0+0+1)/3 = 2/3              D = 1,0,0,−1: D̄ = 0, s² = 2/3
  //   WDS = 4.5·D: MWDS = 13.5, s² = 4.5²·2/3 = 13.5             WDS = 4.5·D: MWDS = 0, s² = 13.5
  // Equal n and equal variances in both rounds, so Welch–Satterthwaite gives df = (2v)²/(2v²/3) = 6 for every
  // measure, and t = qt(0.975, 6) = 2.4469118511449786 (R's qt; scipy.stats.t.ppf agrees).
  //   importance:  change 0,     SE = √(1/12 + 1/12) = √(1/6),  half = t·0.408248… = 0.998947580145704 → [−0.9989, 0.9989]  no_change
  //   competence:  change +3,    SE = √(1/6),                   half = 0.998947580145704  → [2.0011, 3.9989]   up
  //   discrepancy: change −3,    SE = √(2/12 + 2/12) = √(1/3),  half = 1.4127252159418389 → [−4.4127, −1.5873] down
  //   MWDS:        change −13.5, SE = √(13.5/4 · 2) = √6.75,    half = 6.357263471738275  → [−19.857, −7.143]  down
  const baseline = sumMoments(
    pairs([
      [5, 1],
      [5, 2],
      [4, 1],
      [4, 2],
    ]),
  );
  const followUp = sumMoments(
    pairs([
      [5, 4],
      [5, 5],
      [4, 4],
      [4, 5],
    ]),
  );
  const result = compareTopic(baseline, followUp);

  it("sums the moments: Σ I, Σ C, Σ I², Σ C², Σ (I − C)²", () => {
    expect(baseline).toEqual({ n: 4, sumImportance: 18, sumCompetence: 6, sumImportanceSq: 82, sumCompetenceSq: 10, sumDiscrepancySq: 38 });
    expect(followUp).toEqual({ n: 4, sumImportance: 18, sumCompetence: 18, sumImportanceSq: 82, sumCompetenceSq: 82, sumDiscrepancySq: 2 });
  });

  it("gives the means, changes, Welch intervals and verdicts worked out above", () => {
    const half1 = 0.998947580145704;
    expect(result.importance).toMatchObject({ from: 4.5, to: 4.5, change: 0, verdict: "no_change" });
    expectInterval(result.importance, -half1, half1, 6);
    expect(result.competence).toMatchObject({ from: 1.5, to: 4.5, change: 3, verdict: "up" });
    expectInterval(result.competence, 3 - half1, 3 + half1, 6);
    expect(result.discrepancy).toMatchObject({ from: 3, to: 0, change: -3, verdict: "down" });
    expectInterval(result.discrepancy, -3 - 1.4127252159418389, -3 + 1.4127252159418389, 6);
    expect(result.mwds).toMatchObject({ from: 13.5, to: 0, change: -13.5, verdict: "down" });
    expectInterval(result.mwds, -13.5 - 6.357263471738275, -13.5 + 6.357263471738275, 6);
  });

  it("gives the MWDS that borich.ts ranks by, for each round", () => {
    const score = (m: TopicMoments) =>
      scoreTopics([{ topic: "T", n: m.n, sumImportance: m.sumImportance, sumCompetence: m.sumCompetence }], ["T"])[0];
    expect(result.mwds.from).toBe(score(baseline)?.mwds);
    expect(result.mwds.to).toBe(score(followUp)?.mwds);
  });

  it("uses Welch–Satterthwaite df when the variances and sizes differ", () => {
    // Importance only: baseline I = 5, 3 (n = 2, mean 4, s² = 2); follow-up I = 4, 4, 5, 3 (n = 4, mean 4, s² = 2/3).
    // SE² = 2/2 + (2/3)/4 = 7/6; df = (7/6)² / (1²/1 + (1/6)²/3) = (49/36) / (109/108) = 147/109 ≈ 1.3486.
    // t = qt(0.975, 147/109) = 7.05979690743342, half = t·√(7/6) = 7.625452190082953.
    const a = sumMoments(
      pairs([
        [5, 1],
        [3, 1],
      ]),
    );
    const b = sumMoments(
      pairs([
        [4, 1],
        [4, 1],
        [5, 1],
        [3, 1],
      ]),
    );
    const r = compareTopic(a, b);
    expect(r.importance).toMatchObject({ from: 4, to: 4, change: 0, verdict: "no_change" });
    expectInterval(r.importance, -7.625452190082953, 7.625452190082953, 147 / 109);
  });

  it("honours another level: 90 % uses qt(0.95, 6) = 1.9431802805153042", () => {
    const r = compareTopic(baseline, followUp, 0.9);
    const half = 1.9431802805153042 * Math.sqrt(1 / 6);
    expectInterval(r.competence, 3 - half, 3 + half, 6);
  });
});

describe("compareTopic — against jstat on raw ratings", () => {
  const MEASURE_LIST: Measure[] = ["importance", "competence", "discrepancy", "mwds"];

  /** Each counted respondent's value of one measure: WDS_i = D_i × Ī of the respondent's own round for MWDS. */
  function values(ratings: readonly Pair[], measure: Measure): number[] {
    const meanI = jStat.mean(ratings.map((r) => r.importance));
    return ratings.map((r) => {
      if (measure === "importance") return r.importance;
      if (measure === "competence") return r.competence;
      if (measure === "discrepancy") return r.importance - r.competence;
      return (r.importance - r.competence) * meanI;
    });
  }

  /** Welch's 95 % interval straight from the two arrays of values, with jstat's sample variance and t quantile. */
  function expected(x: number[], y: number[]) {
    const vx = jStat.variance(x, true) / x.length;
    const vy = jStat.variance(y, true) / y.length;
    const change = jStat.mean(y) - jStat.mean(x);
    if (vx + vy === 0) return { from: jStat.mean(x), to: jStat.mean(y), change, interval: null };
    const df = (vx + vy) ** 2 / (vx ** 2 / (x.length - 1) + vy ** 2 / (y.length - 1));
    const half = jStat.studentt.inv(0.975, df) * Math.sqrt(vx + vy);
    return { from: jStat.mean(x), to: jStat.mean(y), change, interval: { lo: change - half, hi: change + half, df } };
  }

  const rating = fc.integer({ min: 1, max: 5 });
  const counted = fc.array(fc.record({ importance: rating, competence: rating }), { minLength: 2, maxLength: 40 });
  // Respondents that must not count: "not applicable" (even with both ratings) or a rating missing.
  const notCounted = fc.array(
    fc.oneof(
      fc.record({ importance: rating, competence: rating, notApplicable: fc.constant(true) }),
      fc.record({ importance: rating, competence: fc.constant(null) }),
      fc.record({ importance: fc.constant(undefined), competence: rating }),
    ),
    { maxLength: 5 },
  );

  it("matches every mean, change and df to 9 decimals, and the interval as far as jstat's t quantile is accurate", () => {
    fc.assert(
      fc.property(counted, notCounted, counted, notCounted, (fromRatings, fromSkipped, toRatings, toSkipped) => {
        const result = compareTopic(sumMoments([...fromRatings, ...fromSkipped]), sumMoments([...toSkipped, ...toRatings]));
        for (const measure of MEASURE_LIST) {
          const got = result[measure];
          const want = expected(values(fromRatings, measure), values(toRatings, measure));
          expect(got.from).toBeCloseTo(want.from, 9);
          expect(got.to).toBeCloseTo(want.to, 9);
          expect(got.change).toBeCloseTo(want.change, 9);
          if (want.interval === null) {
            expect(got.interval).toBeNull();
            expect(got.verdict).toBeNull();
            continue;
          }
          const { lo, hi, df } = got.interval ?? { lo: Number.NaN, hi: Number.NaN, df: Number.NaN };
          expect(df).toBeCloseTo(want.interval.df, 9);
          // The interval is centred on the change, to 9 decimals.
          expect((lo + hi) / 2).toBeCloseTo(want.change, 9);
          // Its half-width is t·SE. jstat's studentt.inv stops its Newton iterations at a relative 1e-8 and is off
          // by up to ~1e-7 relative for df in 1…80 (e.g. df = 26.84: jstat 2.05241041290, R's qt 2.05241043582),
          // so the half-width is compared relatively to 6 decimals; the hand-worked tests above pin the t
          // quantile itself to 9 decimals against R's qt.
          const wantHalf = (want.interval.hi - want.interval.lo) / 2;
          expect((hi - lo) / 2 / wantHalf).toBeCloseTo(1, 6);
          // The verdict, wherever 0 is not within jstat's error of an end of the interval.
          if (Math.min(Math.abs(want.interval.lo), Math.abs(want.interval.hi)) > 1e-6 * wantHalf) {
            const verdict = want.interval.lo > 0 ? "up" : want.interval.hi < 0 ? "down" : "no_change";
            expect(got.verdict).toBe(verdict);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("compareTopic — edge cases", () => {
  const moments = (list: readonly (readonly [number, number])[]) => sumMoments(pairs(list));
  const empty = sumMoments([]);
  const some = moments([
    [5, 2],
    [4, 3],
    [3, 3],
  ]);

  it("n = 0 in a round: its means are null, and so are the change, the interval and the verdict", () => {
    expect(empty).toEqual({ n: 0, sumImportance: 0, sumCompetence: 0, sumImportanceSq: 0, sumCompetenceSq: 0, sumDiscrepancySq: 0 });
    const r = compareTopic(empty, some);
    expect(r.importance).toEqual({ from: null, to: 4, change: null, interval: null, verdict: null });
    expect(r.mwds).toEqual({ from: null, to: 4 * (4 / 3), change: null, interval: null, verdict: null });
    expect(compareTopic(some, empty).competence).toEqual({ from: 8 / 3, to: null, change: null, interval: null, verdict: null });
    expect(compareTopic(empty, empty).discrepancy).toEqual({ from: null, to: null, change: null, interval: null, verdict: null });
  });

  it("n = 1 in a round: means and change, but no interval and no verdict", () => {
    const one = moments([[5, 1]]);
    const r = compareTopic(one, some);
    expect(r.discrepancy).toEqual({ from: 4, to: 4 / 3, change: 4 / 3 - 4, interval: null, verdict: null });
    expect(r.mwds).toEqual({ from: 20, to: 16 / 3, change: 16 / 3 - 20, interval: null, verdict: null });
    expect(compareTopic(some, one).importance.interval).toBeNull();
  });

  it("zero variance in both rounds: the change is exact, and there is no interval and no verdict", () => {
    // Everybody rated importance 5 in both rounds; competence 1 → 3 for all.
    const a = moments([
      [5, 1],
      [5, 1],
      [5, 1],
    ]);
    const b = moments([
      [5, 3],
      [5, 3],
    ]);
    const r = compareTopic(a, b);
    expect(r.importance).toEqual({ from: 5, to: 5, change: 0, interval: null, verdict: null });
    expect(r.competence).toEqual({ from: 1, to: 3, change: 2, interval: null, verdict: null });
    expect(r.discrepancy).toEqual({ from: 4, to: 2, change: -2, interval: null, verdict: null });
    expect(r.mwds).toEqual({ from: 20, to: 10, change: -10, interval: null, verdict: null });
  });

  it("zero variance in one round only: Welch's df is n − 1 of the other round", () => {
    // Baseline C = 2, 2, 2 (s² = 0); follow-up C = 3, 4, 5, 4 (mean 4, s² = 2/3), so SE = √(1/6), df = 3,
    // t = qt(0.975, 3) = 3.1824463052837078, half = t·√(1/6) = 1.2992259… → [0.7008, 3.2992], up.
    const a = moments([
      [5, 2],
      [4, 2],
      [3, 2],
    ]);
    const b = moments([
      [5, 3],
      [5, 4],
      [5, 5],
      [5, 4],
    ]);
    const r = compareTopic(a, b);
    const half = 3.1824463052837078 * Math.sqrt(1 / 6);
    expect(r.competence).toMatchObject({ from: 2, to: 4, change: 2, verdict: "up" });
    expectInterval(r.competence, 2 - half, 2 + half, 3);
  });

  it("an interval that contains 0 is no_change", () => {
    const a = moments([
      [4, 1],
      [5, 2],
    ]);
    const r = compareTopic(a, a);
    expect(r.importance.change).toBe(0);
    expect(r.importance.verdict).toBe("no_change");
  });

  it("sums the moments of the spec's worked example (T05), leaving out no_aplica and a missing rating", () => {
    // Counted (I, C): (5,2) (4,3) (5,5) (3,1) (4,4): Σ I² = 25+16+25+9+16 = 91, Σ C² = 4+9+25+1+16 = 55,
    // D = 3, 1, 0, 2, 0 → Σ D² = 14.
    const m = sumMoments([
      { importance: 5, competence: 2 },
      { importance: 4, competence: 3 },
      { importance: 5, competence: 5 },
      { importance: 3, competence: 1 },
      { importance: 4, competence: 4 },
      { notApplicable: true },
      { importance: 5, competence: null },
    ]);
    expect(m).toEqual({ n: 5, sumImportance: 21, sumCompetence: 15, sumImportanceSq: 91, sumCompetenceSq: 55, sumDiscrepancySq: 14 });
    expect(compareTopic(m, m).mwds.from).toBeCloseTo(5.04, 12);
  });

  it("refuses a level outside (0, 1), a bad n, and sums no set of ratings could give", () => {
    expect(() => compareTopic(some, some, 1)).toThrow(RangeError);
    expect(() => compareTopic(some, some, 0)).toThrow(RangeError);
    expect(() => compareTopic(some, some, Number.NaN)).toThrow(RangeError);
    expect(() => compareTopic({ ...some, n: -1 }, some)).toThrow(RangeError);
    expect(() => compareTopic({ ...some, n: 2.5 }, some)).toThrow(RangeError);
    // Σ I² = 20 < (Σ I)²/n = 144/3 = 48 is impossible.
    expect(() => compareTopic({ ...some, sumImportanceSq: 20 }, some)).toThrow(RangeError);
  });

  it("names the method in both languages", () => {
    for (const text of [COMPARISON_METHOD.es, COMPARISON_METHOD.en]) {
      expect(text).toContain("Welch");
      expect(text).toContain("95 %");
      expect(text).toContain("Ī");
    }
  });
});
