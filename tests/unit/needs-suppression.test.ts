import { describe, expect, it } from "vitest";
import { readEnv } from "@/lib/env";
import { buildNeedsReport, type SumRow } from "@/lib/needs/needs-report";
import { assertMinGroupSize, suppressBreakdown, suppressCounts, viewSuppression } from "@/lib/needs/suppression";

const hiddenOf = (m: Map<string, unknown>) => Object.fromEntries(m);

describe("small-cell suppression rules", () => {
  it("primary: a group below k shows nothing; at k it shows", () => {
    const m = suppressBreakdown(
      [
        { key: "a", n: 4 },
        { key: "b", n: 5 },
        { key: "c", n: 9 },
      ],
      5,
      { withTotal: false },
    );
    expect(hiddenOf(m)).toEqual({ a: "primary", b: null, c: null });
  });

  it("complementary: exactly one group under k also hides its smallest neighbour", () => {
    const m = suppressBreakdown(
      [
        { key: "pnp", n: 12 },
        { key: "poder_judicial", n: 3 },
        { key: "mininter", n: 6 },
      ],
      5,
    );
    expect(hiddenOf(m)).toEqual({ pnp: null, poder_judicial: "primary", mininter: "complementary" });
  });

  it("complementary: hides the smallest shown group first (shown groups have ≥ k, so one suffices)", () => {
    const m = suppressBreakdown(
      [
        { key: "a", n: 3 },
        { key: "b", n: 12 },
        { key: "c", n: 10 },
        { key: "d", n: 30 },
      ],
      10,
    );
    expect(hiddenOf(m)).toEqual({ a: "primary", b: null, c: "complementary", d: null });
  });

  it("complementary: ties are broken by group key, deterministically", () => {
    const groups = [
      { key: "z", n: 7 },
      { key: "x", n: 2 },
      { key: "m", n: 7 },
    ];
    expect(hiddenOf(suppressBreakdown(groups, 5))).toEqual({ z: null, x: "primary", m: "complementary" });
    expect(hiddenOf(suppressBreakdown([...groups].reverse(), 5))).toEqual({ z: null, x: "primary", m: "complementary" });
  });

  it("complementary: nothing more when the hidden groups already number 0 or ≥ k", () => {
    expect(
      hiddenOf(
        suppressBreakdown(
          [
            { key: "a", n: 2 },
            { key: "b", n: 3 },
            { key: "c", n: 8 },
          ],
          5,
        ),
      ),
    ).toEqual({
      a: "primary",
      b: "primary",
      c: null,
    });
    expect(
      hiddenOf(
        suppressBreakdown(
          [
            { key: "a", n: 5 },
            { key: "b", n: 8 },
          ],
          5,
        ),
      ),
    ).toEqual({ a: null, b: null });
  });

  it("a filter with fewer than k completed responses shows nothing but that fact", () => {
    expect(viewSuppression(4, 5)).toBe("filter_below_k");
    expect(viewSuppression(0, 5)).toBe("filter_below_k");
    expect(viewSuppression(5, 5)).toBeNull();
  });

  it("a selection the release rule does not publish shows nothing, whatever its size", () => {
    expect(viewSuppression(40, 5, false)).toBe("not_released");
    expect(viewSuppression(40, 5, true)).toBeNull();
  });

  it("a group the release rule holds back counts as hidden for the complementary rule", () => {
    const m = suppressBreakdown(
      [
        { key: "a", n: 3 },
        { key: "b", n: 8 },
        { key: "c", n: 9 },
      ],
      5,
      { hidden: (key) => (key === "b" ? "unreleased" : null) },
    );
    expect(hiddenOf(m)).toEqual({ a: "primary", b: "unreleased", c: null });
  });

  it("profile counts: partitions get the complementary rule, multiple choices only the primary", () => {
    const cells = [
      { key: "si", count: 2 },
      { key: "no", count: 9 },
    ];
    expect(suppressCounts(cells, 5, true)).toEqual([
      { key: "si", count: null, hidden: "primary" },
      { key: "no", count: null, hidden: "complementary" },
    ]);
    expect(suppressCounts(cells, 5, false)).toEqual([
      { key: "si", count: null, hidden: "primary" },
      { key: "no", count: 9, hidden: null },
    ]);
    expect(
      suppressCounts(
        [
          { key: "a", count: 0 },
          { key: "b", count: 7 },
        ],
        5,
        true,
      )[0],
    ).toEqual({ key: "a", count: 0, hidden: null });
  });

  it("k comes from configuration: default 5, never below 3", () => {
    expect(readEnv({}).SONDEO_MIN_GROUP_SIZE).toBe(5);
    expect(readEnv({ SONDEO_MIN_GROUP_SIZE: "3" }).SONDEO_MIN_GROUP_SIZE).toBe(3);
    expect(() => readEnv({ SONDEO_MIN_GROUP_SIZE: "2" })).toThrow(/SONDEO_MIN_GROUP_SIZE/);
    expect(() => assertMinGroupSize(2)).toThrow();
  });
});

/** Rows as the SQL returns them: every response carries every topic; `valid` of them counted. */
function rows(group: string, responses: number, topics: Record<string, [n: number, sumI: number, sumC: number]>): SumRow[] {
  return Object.entries(topics).map(([topic, [n, sumImportance, sumCompetence]]) => ({
    group,
    topic,
    rows: responses,
    n,
    sumImportance,
    sumCompetence,
  }));
}

describe("needs report (breakdown + total)", () => {
  const release = { asOf: { release: 1, releasedAt: "2026-03-10T15:00:00.000Z" }, covers: null, pending: 0 };
  const base = { k: 5, by: "institucion" as const, filters: {}, topics: ["T01", "T02"], release, published: true };

  it("hides the group under k and its smallest neighbour; the total still counts everyone", () => {
    const report = buildNeedsReport({
      ...base,
      rows: [
        ...rows("pnp", 10, { T01: [10, 40, 20], T02: [10, 30, 30] }),
        ...rows("poder_judicial", 2, { T01: [2, 10, 2], T02: [2, 8, 8] }),
        ...rows("mininter", 6, { T01: [6, 24, 12], T02: [6, 18, 18] }),
      ],
      groupOrder: ["mininter", "pnp", "poder_judicial"],
    });
    expect(report.suppressed).toBeNull();
    expect(report.n).toBe(18);
    expect(report.groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["mininter", "complementary"],
      ["pnp", null],
      ["poder_judicial", "primary"],
    ]);
    expect(report.groups[0]).toEqual({ group: "mininter", suppressed: "complementary" });
    const t01 = report.total?.topics[0];
    expect(t01).toMatchObject({ topic: "T01", n: 18, meanImportance: 74 / 18 });
  });

  it("uses the group's completed responses for suppression, not a topic's n", () => {
    // 5 responses; T02 was rated by only 2 of them (3 said no_aplica): the group is shown.
    const report = buildNeedsReport({ ...base, rows: rows("pnp", 5, { T01: [5, 20, 10], T02: [2, 8, 2] }) });
    const pnp = report.groups[0];
    expect(pnp?.suppressed).toBeNull();
    if (pnp?.suppressed === null) expect(pnp.topics[1]).toMatchObject({ topic: "T02", n: 2, mwds: 12 });
  });

  it("a filtered view below k returns only that fact", () => {
    const report = buildNeedsReport({ ...base, filters: { region: "PE-TUM" }, rows: rows("pnp", 4, { T01: [4, 16, 8] }) });
    expect(report).toEqual({
      k: 5,
      by: "institucion",
      filters: { region: "PE-TUM" },
      release,
      n: null,
      suppressed: "filter_below_k",
      total: null,
      groups: [],
    });
  });
});
