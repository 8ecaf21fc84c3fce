// The test oracle (tests/support/needs-oracle.ts) against figures computed by hand: the worked
// example of needs-method.md, the suppression and release rules (release-rule.md) on small
// groups, ties and points on a line.
// The integration tests trust the oracle, so it is checked on its own first.
import { describe, expect, it } from "vitest";
import { expectedNeeds, hiddenGroups, oracleSurvey, type ExpectedFigures, type OracleResponse } from "../support/needs-oracle";

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
  Array.from({ length: n }, () =>
    response(grupo, { T04: { importancia: 3, dominio: 3 }, T05: { importancia: 3, dominio: 3 }, T06: { importancia: 3, dominio: 3 } }, extra),
  );

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
      topic: "T06",
      n: 0,
      meanImportance: null,
      meanCompetence: null,
      meanDiscrepancy: null,
      mwds: null,
      rank: null,
      quadrant: null,
    });
    // Lines over the two rated topics: Ī (4.2 + 2) / 2 = 3.1, D̄ (1.2 + 0) / 2 = 0.6.
    expect(report.total?.locus?.importanceLine).toBeCloseTo(3.1, 12);
    expect(report.total?.locus?.discrepancyLine).toBeCloseTo(0.6, 12);
    expect(topic(report.total, "T05")?.quadrant).toBe("prioridad_alta");
    expect(topic(report.total, "T04")?.quadrant).toBe("baja_prioridad");
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]).toMatchObject({ group: "a", suppressed: null, n: 7 });
  });

  it("one release: first-breakdown groups below k wait (in no figure, not even the total), the others are shown", () => {
    // a 7 and b 5 join release 1; c 2 waits, and so do the partial ones (they count nowhere).
    const people = [...plain("a", 7), ...plain("b", 5), ...plain("c", 2), ...plain("c", 4, { complete: false })];
    const report = expectedNeeds(survey, K, people);
    expect(report).toMatchObject({
      n: 12,
      suppressed: null,
      release: { asOf: { release: 1 }, covers: { fromRelease: 1, toRelease: 1 }, pending: 2 },
    });
    expect(report.groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["b", null],
      ["a", null],
    ]);
    expect(report.total?.n).toBe(12);
    // The waiting group's cell is not published; b's is.
    expect(expectedNeeds(survey, K, people, { filters: { grupo: "c" } })).toEqual({
      k: 5,
      by: "grupo",
      release: { asOf: null, covers: null, pending: 2 },
      n: null,
      suppressed: "not_released",
      total: null,
      groups: [],
    });
    expect(expectedNeeds(survey, K, people, { filters: { grupo: "b" } }).n).toBe(5);
    // Nothing is published before some group reaches k.
    expect(expectedNeeds(survey, K, plain("a", 4))).toMatchObject({ n: null, suppressed: "not_released", release: { asOf: null, pending: 4 } });
  });

  it("the primary and complementary rules of a breakdown: hidden groups number 0 or at least k (ties by code)", () => {
    const sizes = (entries: [string, number][]) => new Map<string | null, number>(entries);
    // c (3) hidden; a and b (6 each) tie: a goes first; then 9 ≥ 5 → b stays.
    expect(
      hiddenGroups(
        sizes([
          ["b", 6],
          ["a", 6],
          ["c", 3],
        ]),
        K,
      ),
    ).toEqual(
      new Map([
        ["c", "primary"],
        ["a", "complementary"],
      ]),
    );
    // Two small groups that together reach k need no complementary suppression.
    expect(
      hiddenGroups(
        sizes([
          ["a", 6],
          ["b", 3],
          ["c", 2],
        ]),
        K,
      ),
    ).toEqual(
      new Map([
        ["b", "primary"],
        ["c", "primary"],
      ]),
    );
    // A group the release rule holds back counts as hidden too.
    expect(
      hiddenGroups(
        sizes([
          ["a", 6],
          ["b", 6],
          ["c", 2],
        ]),
        K,
        (g) => (g === "b" ? "unreleased" : null),
      ),
    ).toEqual(
      new Map([
        ["c", "primary"],
        ["b", "unreleased"],
      ]),
    );
  });

  it("a cell is published only if it splits every group of indistinguishable people into parts of 0 or ≥ k", () => {
    const sedeFalse = (r: OracleResponse) => ({ ...r, answers: { ...r.answers, sede: false } });
    // grupo a: sede true 5, false 4; b: true 5. sede=true (10) would split a into 5 | 4: unreleased;
    // sede=false has 4 < k; grupo=a&sede=true would split a too; grupo=b&sede=true is all of b.
    const mixed = [...plain("a", 5), ...plain("a", 4).map(sedeFalse), ...plain("b", 5)];
    expect(expectedNeeds(survey, K, mixed, { by: "sede" }).groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["true", "unreleased"],
      ["false", "primary"],
    ]);
    expect(expectedNeeds(survey, K, mixed, { filters: { sede: "true" } }).suppressed).toBe("not_released");
    expect(expectedNeeds(survey, K, mixed, { filters: { grupo: "a", sede: "true" } }).suppressed).toBe("not_released");
    expect(expectedNeeds(survey, K, mixed, { filters: { grupo: "b", sede: "true" } }).n).toBe(5);
    expect(expectedNeeds(survey, K, mixed, { by: "sede", filters: { grupo: "a" } })).toMatchObject({
      n: 9,
      groups: [
        { group: "true", suppressed: "unreleased" },
        { group: "false", suppressed: "primary" },
      ],
    });
    // With a 5 | 5, sede=true (10) splits a into 5 | 5 and b wholly: published; then sede=false
    // is the rest of a: published too.
    const even = [...plain("a", 5), ...plain("a", 5).map(sedeFalse), ...plain("b", 5)];
    expect(expectedNeeds(survey, K, even, { by: "sede" }).groups.map((g) => [g.group, g.suppressed, "n" in g ? g.n : null])).toEqual([
      ["true", null, 10],
      ["false", null, 5],
    ]);
    expect(expectedNeeds(survey, K, even, { filters: { grupo: "a", sede: "false" } }).n).toBe(5);
  });

  it("dates pick whole releases; a group waits until it reaches k; a cell that cannot be updated shows its older figures", () => {
    const on = (day: string, epoch: number) => (r: OracleResponse) => ({ ...r, day, epoch });
    const sedeFalse = (r: OracleResponse) => ({ ...r, answers: { ...r.answers, sede: false } });
    // Read 1 (day 2): a 5 join release 1, c 3 wait. Read 2 (day 3): b 5 (sede true 3, false 2)
    // and c 3 + 2 join release 2. sede=true would take 3 of b's 5: it stays as of release 1.
    const people = [
      ...plain("a", 5).map(on("2026-03-02", 0)),
      ...plain("c", 3).map(on("2026-03-02", 0)),
      ...plain("b", 3).map(on("2026-03-03", 1)),
      ...plain("b", 2).map(sedeFalse).map(on("2026-03-03", 1)),
      ...plain("c", 2).map(on("2026-03-03", 1)),
    ];
    const all = expectedNeeds(survey, K, people);
    expect(all).toMatchObject({ n: 15, release: { asOf: { release: 2 }, covers: { fromRelease: 1, toRelease: 2 }, pending: 0 } });
    expect(all.groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["c", null],
      ["b", null],
      ["a", null],
    ]);
    expect(expectedNeeds(survey, K, people, { by: "sede" }).groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["true", "not_updated"],
      ["false", "primary"],
    ]);
    // sede=true's own view: as of release 1 (a's 5).
    expect(expectedNeeds(survey, K, people, { filters: { sede: "true" } })).toMatchObject({
      n: 5,
      release: { asOf: { release: 1 }, covers: { fromRelease: 1, toRelease: 1 } },
    });
    // from day 3: release 2 only (b and c, 10); released on day 3, though c's first 3 came on day 2.
    const later = expectedNeeds(survey, K, people, { filters: { from: "2026-03-03" } });
    expect(later).toMatchObject({ n: 10, release: { covers: { fromRelease: 2, toRelease: 2 } } });
    expect(later.groups.map((g) => g.group)).toEqual(["c", "b"]);
    expect(expectedNeeds(survey, K, people, { filters: { to: "2026-03-02" } })).toMatchObject({
      n: 5,
      release: { covers: { fromRelease: 1, toRelease: 1 } },
    });
    expect(expectedNeeds(survey, K, people, { filters: { to: "2026-03-01" } })).toMatchObject({
      suppressed: "filter_below_k",
      release: { covers: null },
    });
    expect(expectedNeeds(survey, K, people, { filters: { sede: "true", from: "2026-03-03" } })).toMatchObject({ suppressed: "filter_below_k" });
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
