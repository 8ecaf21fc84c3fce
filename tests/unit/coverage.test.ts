import { describe, expect, it } from "vitest";
import {
  coverageSearch,
  fillTimeline,
  formatRate,
  type GroupCoverage,
  isUnitGroup,
  isUnitRow,
  needsReminder,
  parseCoverageView,
  responseRate,
  sortCoverage,
  totalCoverage,
  type UnitCoverage,
} from "@/lib/coverage/coverage";

const unit = (code: string, completed: number, expected: number, extra: Partial<UnitCoverage> = {}): UnitCoverage => ({
  unitId: code.length,
  code,
  name: `Unidad ${code}`,
  institution: "Comisión regional",
  region: "PE-TUM",
  active: true,
  started: completed + 1,
  completed,
  expected,
  ...extra,
});

const noUnit: UnitCoverage = {
  unitId: null,
  code: null,
  name: null,
  institution: null,
  region: null,
  active: true,
  started: 9,
  completed: 4,
  expected: 0,
};

describe("coverage", () => {
  it("computes the response rate as completed over expected, none without a target", () => {
    expect(responseRate({ completed: 9, expected: 18 })).toBe(50);
    expect(responseRate({ completed: 21, expected: 20 })).toBe(105);
    expect(responseRate({ completed: 3, expected: 0 })).toBeNull();
    expect(formatRate(50, "es")).toBe("50 %");
    expect(formatRate(2.5, "en")).toBe("2.5%");
    expect(formatRate(null, "es")).toBe("—");
  });

  it("rates the total on the units' responses only, and says how many came through the general link", () => {
    // 3 of the 4 expected through the units' links, 4 more through the general link: 75 %, not 175 %.
    const rows = [unit("A", 2, 2), unit("B", 1, 2), noUnit];
    expect(totalCoverage(rows, isUnitRow)).toEqual({
      started: 3 + 2 + 9,
      completed: 7,
      expected: 4,
      withoutUnit: { started: 9, completed: 4 },
      rate: 75,
    });
    expect(totalCoverage([noUnit], isUnitRow).rate).toBeNull();
    const groups: GroupCoverage[] = [
      { key: "Comisión regional", units: 2, started: 5, completed: 3, expected: 4 },
      { key: null, units: 0, started: 9, completed: 4, expected: 0 },
    ];
    expect(totalCoverage(groups, isUnitGroup)).toMatchObject({ completed: 7, expected: 4, rate: 75, withoutUnit: { completed: 4 } });
  });

  it("flags active units strictly below the threshold for a reminder", () => {
    expect(needsReminder(unit("A", 4, 10), 50)).toBe(true);
    expect(needsReminder(unit("A", 5, 10), 50)).toBe(false);
    expect(needsReminder(unit("A", 0, 0), 50)).toBe(false);
    expect(needsReminder(unit("A", 0, 10, { active: false }), 50)).toBe(false);
    expect(needsReminder(noUnit, 50)).toBe(false);
    expect(needsReminder(unit("A", 0, 10), null)).toBe(false);
  });

  it("sorts by any column in both directions, keeping the no-unit row last and units without a target after the rest", () => {
    const rows = [unit("B", 5, 10), noUnit, unit("AA", 1, 10), unit("C", 0, 0), unit("D", 9, 10)];
    expect(sortCoverage(rows, "rate", "asc").map((r) => r.code)).toEqual(["AA", "B", "D", "C", null]);
    expect(sortCoverage(rows, "rate", "desc").map((r) => r.code)).toEqual(["D", "B", "AA", "C", null]);
    expect(sortCoverage(rows, "code", "desc").map((r) => r.code)).toEqual(["D", "C", "B", "AA", null]);
    expect(sortCoverage(rows, "completed", "desc").map((r) => r.code)).toEqual(["D", "B", "AA", "C", null]);
  });

  it("reads the view from URL parameters leniently and writes it back", () => {
    expect(parseCoverageView({})).toEqual({ sort: "rate", dir: "asc", below: null });
    expect(parseCoverageView({ sort: "region", dir: "desc", below: "50" })).toEqual({ sort: "region", dir: "desc", below: 50 });
    expect(parseCoverageView({ sort: "drop table", dir: "up", below: "-4" })).toEqual({ sort: "rate", dir: "asc", below: null });
    expect(parseCoverageView({ below: ["30", "40"] }).below).toBe(30);
    expect(coverageSearch({ sort: "rate", dir: "asc", below: null })).toBe("");
    expect(coverageSearch({ sort: "name", dir: "desc", below: 50 })).toBe("?sort=name&dir=desc&below=50");
  });

  it("fills the timeline with zero days and a running total", () => {
    const days = fillTimeline(
      [
        { day: "2026-11-03", completed: 2 },
        { day: "2026-11-01", completed: 1 },
      ],
      "2026-11-04",
    );
    expect(days).toEqual([
      { day: "2026-11-01", completed: 1, cumulative: 1 },
      { day: "2026-11-02", completed: 0, cumulative: 1 },
      { day: "2026-11-03", completed: 2, cumulative: 3 },
      { day: "2026-11-04", completed: 0, cumulative: 3 },
    ]);
    expect(fillTimeline([])).toEqual([]);
    expect(
      fillTimeline([
        { day: "2026-02-28", completed: 1 },
        { day: "2026-03-01", completed: 1 },
      ]).map((d) => d.day),
    ).toEqual(["2026-02-28", "2026-03-01"]);
  });
});
