// The test oracle (tests/support/needs-oracle.ts) against figures computed by hand: the worked
// example of needs-method.md, the suppression rules on small groups, ties and points on a line.
// The integration tests trust the oracle, so it is checked on its own first.
import { describe, expect, it } from "vitest";
import { expectedNeeds, oracleSurvey, type ExpectedFigures, type OracleResponse } from "../support/needs-oracle";

const definition = {
  slug: "mini",
  needsAssessment: {
    matrix: "necesidades",
    importance: "importancia",
    competence: "dominio",
    notApplicable: "no_aplica",
    breakdowns: ["grupo", "sede"],
  },
  pages: [
    {
      name: "p",
      elements: [
        { type: "radiogroup", name: "grupo", choices: ["c", "b", "a"] },
        { type: "boolean", name: "sede" },
        {
          type: "matrixdropdown",
          name: "necesidades",
          rows: [{ value: "T04", text: "cuatro" }, "T05", "T06"],
          columns: [
            { name: "importancia", cellType: "dropdown", choices: [1, 2, 3, 4, 5] },
            { name: "dominio", cellType: "dropdown", choices: [1, 2, 3, 4, 5] },
            { name: "no_aplica", cellType: "boolean" },
          ],
        },
      ],
    },
  ],
};
const survey = oracleSurvey(definition);
const K = 5;

type Cells = Record<string, unknown>;
function response(grupo: string, rows: Record<string, Cells>, extra: Partial<OracleResponse> = {}): OracleResponse {
  return { answers: { grupo, sede: true, necesidades: rows }, complete: true, unit: null, day: "2026-03-02", ...extra };
}
const plain = (grupo: string, n: number, extra: Partial<OracleResponse> = {}) =>
  Array.from({ length: n }, () => response(grupo, { T04: { importancia: 3, dominio: 3 }, T05: { importancia: 3, dominio: 3 }, T06: { importancia: 3, dominio: 3 } }, extra));

const topic = (f: ExpectedFigures | null | undefined, code: string) => f?.topics.find((t) => t.topic === code);

describe("needs oracle", () => {
  it("reads topics and breakdown choices from the definition's JSON", () => {
    expect(survey.topics).toEqual(["T04", "T05", "T06"]);
    expect(survey.choices).toEqual({ grupo: ["c", "b", "a"], sede: ["true", "false"] });
  });

  it("reproduces needs-method.md's worked example (T05: n 5, Ī 4.2, C̄ 3.0, D̄ 1.2, MWDS 5.04)", () => {
    const t05: Cells[] = [
      { importancia: 5, dominio: 2 },
      { importancia: 4, dominio: 3 },
      { importancia: 5, dominio: 5 },
      { importancia: 3, dominio: 1 },
      { importancia: 4, dominio: 4 },
      { no_aplica: true, importancia: 5, dominio: 1 },
      { importancia: 5 },
    ];
    const people = t05.map((cells) => response("a", { T04: { importancia: 2, dominio: 2 }, T05: cells }));
    // A partial response counts nowhere.
    people.push(response("a", { T05: { importancia: 1, dominio: 5 } }, { complete: false }));
    const report = expectedNeeds(survey, K, people);
    expect(report).toMatchObject({ k: 5, by: "grupo", n: 7, suppressed: null });
    const t = topic(report.total, "T05");
    expect(t?.n).toBe(5);
    expect(t?.meanImportance).toBeCloseTo(4.2, 12);
    expect(t?.meanCompetence).toBeCloseTo(3.0, 12);
    expect(t?.meanDiscrepancy).toBeCloseTo(1.2, 12);
    expect(t?.mwds).toBeCloseTo(5.04, 12);
    expect(t?.rank).toBe(1);
    // T04: (2, 2) for all seven → MWDS 0; T06: nobody rated it.
    expect(topic(report.total, "T04")).toMatchObject({ n: 7, mwds: 0, rank: 2 });
    expect(topic(report.total, "T06")).toEqual({
      topic: "T06", n: 0, meanImportance: null, meanCompetence: null, meanDiscrepancy: null, mwds: null, rank: null, quadrant: null,
    });
    // Lines over the two rated topics: Ī (4.2 + 2) / 2 = 3.1, D̄ (1.2 + 0) / 2 = 0.6.
    expect(report.total?.locus?.importanceLine).toBeCloseTo(3.1, 12);
    expect(report.total?.locus?.discrepancyLine).toBeCloseTo(0.6, 12);
    expect(topic(report.total, "T05")?.quadrant).toBe("prioridad_alta");
    expect(topic(report.total, "T04")?.quadrant).toBe("baja_prioridad");
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]).toMatchObject({ group: "a", suppressed: null, n: 7 });
  });

  it("hides groups below k (primary) and the smallest shown one with them (complementary), in choice order", () => {
    const people = [...plain("a", 7), ...plain("b", 5), ...plain("c", 2)];
    const report = expectedNeeds(survey, K, people);
    expect(report.n).toBe(14);
    expect(report.groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["c", "primary"],
      ["b", "complementary"],
      ["a", null],
    ]);
  });

  it("breaks a tie between the smallest shown groups by code, and stops once the hidden ones reach k", () => {
    // c (3) hidden; a and b (6 each) tie: a goes first; then 9 ≥ 5 → b stays.
    const report = expectedNeeds(survey, K, [...plain("b", 6), ...plain("a", 6), ...plain("c", 3)]);
    expect(report.groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["c", "primary"],
      ["b", null],
      ["a", "complementary"],
    ]);
    // Two small groups that together reach k need no complementary suppression.
    const enough = expectedNeeds(survey, K, [...plain("a", 6), ...plain("b", 3), ...plain("c", 2)]);
    expect(enough.groups.map((g) => g.suppressed)).toEqual(["primary", "primary", null]);
  });

  it("rule 3: a filter with fewer than k completed responses shows only that fact", () => {
    const people = [...plain("a", 7), ...plain("b", 5), ...plain("c", 2), ...plain("c", 4, { complete: false })];
    expect(expectedNeeds(survey, K, people, { filters: { grupo: "c" } })).toEqual({
      k: 5, by: "grupo", n: null, suppressed: "filter_below_k", total: null, groups: [],
    });
    expect(expectedNeeds(survey, K, people, { filters: { to: "2026-03-01" } }).suppressed).toBe("filter_below_k");
    expect(expectedNeeds(survey, K, people, { filters: { from: "2026-03-02", to: "2026-03-02" } }).n).toBe(14);
  });

  it("rule 4: a filter selecting a value its own breakdown hides shows nothing, also through another filter", () => {
    const people = [...plain("a", 7), ...plain("b", 5), ...plain("c", 2)];
    expect(expectedNeeds(survey, K, people, { filters: { grupo: "b" } }).suppressed).toBe("filter_protects_group");
    expect(expectedNeeds(survey, K, people, { filters: { grupo: "a" } }).n).toBe(7);
    const sedeFalse = (r: OracleResponse) => ({ ...r, answers: { ...r.answers, sede: false } });
    const mixed = [...plain("a", 5), ...plain("a", 4).map(sedeFalse), ...plain("b", 5)];
    // sede: true 10, false 4 → false primary, true complementary.
    expect(expectedNeeds(survey, K, mixed, { by: "sede" }).groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["true", "complementary"],
      ["false", "primary"],
    ]);
    // grupo=a: a 9, b 5, nothing hidden. With sede=true: 5 people, and grupo under sede=true
    // (a 5, b 5) hides nothing — but sede under grupo=a (true 5, false 4) hides true.
    expect(expectedNeeds(survey, K, mixed, { filters: { grupo: "a" } }).n).toBe(9);
    expect(expectedNeeds(survey, K, mixed, { filters: { sede: "true" } }).suppressed).toBe("filter_protects_group");
    expect(expectedNeeds(survey, K, mixed, { filters: { grupo: "a", sede: "true" } }).suppressed).toBe("filter_protects_group");
    // grupo=b&sede=true: b's sede breakdown (true 5) and grupo under sede=true hide nothing.
    expect(expectedNeeds(survey, K, mixed, { filters: { grupo: "b", sede: "true" } }).n).toBe(5);
  });

  it("ranks equal MWDS (exactly, whatever the floats say) in topic order, and puts points on a line on the higher side", () => {
    // T04: Ī 4, D̄ 1 → 4; T05: Ī 5, D̄ 0.8 → 4 (a tie); T06: Ī 3, D̄ 1 → 3.
    const people = Array.from({ length: 5 }, (_, i) =>
      response("a", { T04: { importancia: 4, dominio: 3 }, T05: { importancia: 5, dominio: i < 4 ? 4 : 5 }, T06: { importancia: 3, dominio: 2 } }),
    );
    const report = expectedNeeds(survey, K, people);
    expect(report.total?.topics.map((t) => [t.topic, t.mwds, t.rank])).toEqual([
      ["T04", 4, 1],
      ["T05", 4, 2],
      ["T06", 3, 3],
    ]);
    // Lines: Ī (4 + 5 + 3) / 3 = 4 (T04 on it → high), D̄ (1 + 0.8 + 1) / 3 ≈ 0.93.
    expect(report.total?.topics.map((t) => t.quadrant)).toEqual(["prioridad_alta", "mantener", "prioridad_secundaria"]);

    // Sevenths: Ī of T04 = 7/7, T05 = 8/7, T06 = 9/7 → the line is exactly 8/7, which the mean of
    // the three doubles overshoots; D̄ = 0 everywhere, all on that line.
    const sevenths = Array.from({ length: 7 }, (_, i) =>
      response("a", {
        T04: { importancia: 1, dominio: 1 },
        T05: { importancia: i < 1 ? 2 : 1, dominio: i < 1 ? 2 : 1 },
        T06: { importancia: i < 2 ? 2 : 1, dominio: i < 2 ? 2 : 1 },
      }),
    );
    expect((7 / 7 + 8 / 7 + 9 / 7) / 3).toBeGreaterThan(8 / 7);
    const onLine = expectedNeeds(survey, K, sevenths);
    expect(onLine.total?.topics.map((t) => t.quadrant)).toEqual(["prioridad_secundaria", "prioridad_alta", "prioridad_alta"]);
  });
});
