import { describe, expect, it } from "vitest";
import { addSums, scoreTopics, sumRatings } from "@/lib/needs/borich";
import { locusForFocus } from "@/lib/needs/locus-for-focus";

describe("Borich MWDS (needs-method.md)", () => {
  it("reproduces the worked example for T05: n = 5, Ī = 4.2, C̄ = 3.0, D̄ = 1.2, MWDS = 5.04", () => {
    const sums = sumRatings("T05", [
      { importance: 5, competence: 2 },
      { importance: 4, competence: 3 },
      { importance: 5, competence: 5 },
      { importance: 3, competence: 1 },
      { importance: 4, competence: 4 },
      { notApplicable: true },
      { importance: 5, competence: null },
    ]);
    expect(sums).toEqual({ topic: "T05", n: 5, sumImportance: 21, sumCompetence: 15 });
    const [score] = scoreTopics([sums], ["T05"]);
    expect(score).toEqual({
      topic: "T05",
      n: 5,
      meanImportance: 4.2,
      meanCompetence: 3,
      meanDiscrepancy: 1.2,
      mwds: 5.04,
      rank: 1,
    });
  });

  it("leaves no_aplica out even when ratings are present, and a missing rating too", () => {
    const sums = sumRatings("T01", [
      { importance: 5, competence: 1, notApplicable: true },
      { importance: null, competence: 3 },
      { importance: 2, competence: 4 },
    ]);
    expect(sums).toEqual({ topic: "T01", n: 1, sumImportance: 2, sumCompetence: 4 });
    expect(scoreTopics([sums], ["T01"])[0]?.mwds).toBe(-4);
  });

  it("ranks by MWDS descending and keeps topic-code order for ties, decided exactly", () => {
    // T01: Ī = 4, D̄ = 2 → 8;  T02: one respondent 4/2 → 8;  T03: 5, 1 → 20 (highest); T04: 3, 3 → 0.
    const scores = scoreTopics(
      [
        { topic: "T02", n: 1, sumImportance: 4, sumCompetence: 2 },
        { topic: "T01", n: 2, sumImportance: 8, sumCompetence: 4 },
        { topic: "T03", n: 1, sumImportance: 5, sumCompetence: 1 },
        { topic: "T04", n: 3, sumImportance: 9, sumCompetence: 9 },
      ],
      ["T01", "T02", "T03", "T04", "T05"],
    );
    expect(scores.map((s) => [s.topic, s.mwds, s.rank])).toEqual([
      ["T01", 8, 2],
      ["T02", 8, 3],
      ["T03", 20, 1],
      ["T04", 0, 4],
      ["T05", null, null],
    ]);
  });

  it("treats MWDS equal as fractions as a tie even when Ī × D̄ in floating point differs", () => {
    // T01: Ī = 3/3, D̄ = −5/3; T02: Ī = 15/6, D̄ = −4/6 → both −5/3, yet (3/3)·(−5/3) and
    // (15/6)·(−4/6) in doubles are −1.6666666666666667 and −1.6666666666666665.
    expect((3 / 3) * (-5 / 3)).not.toBe((15 / 6) * (-4 / 6));
    const scores = scoreTopics(
      [
        { topic: "T02", n: 6, sumImportance: 15, sumCompetence: 19 },
        { topic: "T01", n: 3, sumImportance: 3, sumCompetence: 8 },
      ],
      ["T01", "T02"],
    );
    expect(scores.map((s) => s.rank)).toEqual([1, 2]);
    expect(scores[0]?.mwds).toBe(scores[1]?.mwds);
  });

  it("adds groups' sums into national sums", () => {
    const total = addSums([
      [{ topic: "T01", n: 2, sumImportance: 9, sumCompetence: 4 }],
      [
        { topic: "T01", n: 3, sumImportance: 12, sumCompetence: 11 },
        { topic: "T02", n: 1, sumImportance: 5, sumCompetence: 5 },
      ],
    ]);
    expect(total).toEqual([
      { topic: "T01", n: 5, sumImportance: 21, sumCompetence: 15 },
      { topic: "T02", n: 1, sumImportance: 5, sumCompetence: 5 },
    ]);
  });
});

describe("Locus for Focus", () => {
  it("divides at the means over the topics shown and names the quadrants from the spec", () => {
    const locus = locusForFocus([
      { topic: "A", n: 1, sumImportance: 5, sumCompetence: 1 }, // Ī 5, D̄ 4
      { topic: "B", n: 1, sumImportance: 2, sumCompetence: -1 }, // Ī 2, D̄ 3
      { topic: "C", n: 1, sumImportance: 5, sumCompetence: 5 }, // Ī 5, D̄ 0
      { topic: "D", n: 1, sumImportance: 2, sumCompetence: 1 }, // Ī 2, D̄ 1
      { topic: "E", n: 0, sumImportance: 0, sumCompetence: 0 }, // not shown
    ]);
    expect(locus?.importanceLine).toBe(3.5);
    expect(locus?.discrepancyLine).toBe(2);
    expect(locus?.points.map((p) => [p.topic, p.quadrant])).toEqual([
      ["A", "prioridad_alta"],
      ["B", "prioridad_secundaria"],
      ["C", "mantener"],
      ["D", "baja_prioridad"],
    ]);
  });

  it("puts a point exactly on a dividing line on the higher side (exact thirds)", () => {
    // Ī = 10/3, 11/3, 12/3 → line 11/3; D̄ = 1/3, 2/3, 3/3 → line 2/3: the middle point sits on both lines.
    const locus = locusForFocus([
      { topic: "A", n: 3, sumImportance: 10, sumCompetence: 9 },
      { topic: "B", n: 3, sumImportance: 11, sumCompetence: 9 },
      { topic: "C", n: 3, sumImportance: 12, sumCompetence: 9 },
    ]);
    expect(locus?.points.map((p) => p.quadrant)).toEqual(["baja_prioridad", "prioridad_alta", "prioridad_alta"]);
  });

  it("has no chart when nothing was rated", () => {
    expect(locusForFocus([{ topic: "A", n: 0, sumImportance: 0, sumCompetence: 0 }])).toBeNull();
  });
});
