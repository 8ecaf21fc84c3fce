// The round rules (docs/rounds.md): which round a new response joins, when a round refuses answers,
// which round a view shows by default, what an admin may type; and the comparison's query.
import { describe, expect, it } from "vitest";
import { topicsWithFewRaters } from "@/lib/confidentiality/topic-raters";
import { parseCompareQuery } from "@/lib/needs/compare-query";
import {
  acceptingNewResponses,
  acceptsAnswers,
  defaultViewRound,
  implicitFirstRound,
  roundForNewResponse,
  roundProblems,
  type Round,
} from "@/lib/rounds/rounds";

const baseline: Round = { round: 1, name: "2025 línea base", opensOn: null, closesOn: "2025-12-31" };
const followUp: Round = { round: 2, name: "2026 seguimiento", opensOn: "2026-03-01", closesOn: "2026-06-30" };

describe("rounds", () => {
  it("a survey that never opened a second round has round 1, open without dates", () => {
    const first = implicitFirstRound();
    expect(first).toEqual({ round: 1, name: "Ronda 1", opensOn: null, closesOn: null });
    expect(roundForNewResponse([first], "2030-01-01")).toBe(first);
    expect(acceptsAnswers(first, "2030-01-01")).toBe(true);
  });

  it("a new response joins the latest round that has opened; a round opened for a later date waits for it", () => {
    expect(roundForNewResponse([baseline, followUp], "2026-02-28")).toBe(baseline);
    expect(roundForNewResponse([baseline, followUp], "2026-03-01")).toBe(followUp);
    expect(roundForNewResponse([{ ...baseline, opensOn: "2025-01-10" }], "2025-01-09")).toBeNull();
  });

  it("a round refuses answers before it opens and after the day it closes (Peru days, inclusive)", () => {
    expect(acceptsAnswers(followUp, "2026-02-28")).toBe(false);
    expect(acceptsAnswers(followUp, "2026-03-01")).toBe(true);
    expect(acceptsAnswers(followUp, "2026-06-30")).toBe(true);
    expect(acceptsAnswers(followUp, "2026-07-01")).toBe(false);
    // Between rounds: the baseline closed, the follow-up not yet open — nobody can answer.
    expect(acceptingNewResponses([baseline, followUp], "2026-01-15")).toBe(false);
    expect(acceptingNewResponses([baseline, followUp], "2025-12-31")).toBe(true);
    expect(acceptingNewResponses([baseline, followUp], "2026-03-01")).toBe(true);
    expect(acceptingNewResponses([baseline, followUp], "2026-07-01")).toBe(false);
  });

  it("views show the latest opened round by default, the first before any opened", () => {
    expect(defaultViewRound([followUp, baseline], "2026-05-01")).toBe(followUp);
    expect(defaultViewRound([followUp, baseline], "2026-01-01")).toBe(baseline);
    expect(defaultViewRound([{ ...baseline, opensOn: "2027-01-01" }], "2026-01-01").round).toBe(1);
  });

  it("names every problem of a round an admin types", () => {
    expect(roundProblems({ name: "2026 Año de seguimiento — Región Tacna, niñez", opensOn: "2026-03-01", closesOn: null })).toEqual([]);
    const problems = roundProblems({ name: " ", opensOn: "2026-02-30", closesOn: "2026-01-01" });
    expect(problems.join("\n")).toMatch(/name/);
    expect(problems.join("\n")).toMatch(/opensOn: must be a date/);
    expect(roundProblems({ name: "x", opensOn: "2026-03-01", closesOn: "2026-02-01" })).toEqual(["closesOn: must not be before opensOn"]);
    expect(roundProblems({ name: "x".repeat(81), opensOn: null, closesOn: null })[0]).toMatch(/at most 80/);
  });
});

describe("the comparison's query", () => {
  const spec = { dimensions: [{ name: "institucion", kind: "question" as const, values: ["pnp", "mp"] }] };
  const parse = (q: string, rounds = [1, 2, 3], latest = 3) => parseCompareQuery(new URLSearchParams(q), spec, rounds, latest);

  it("compares the last two opened rounds by default, broken down by the first breakdown", () => {
    expect(parse("")).toEqual({ ok: true, value: { by: "institucion", filters: {}, from: 2, to: 3 } });
    expect(parse("", [1, 2, 3], 2)).toEqual({ ok: true, value: { by: "institucion", filters: {}, from: 1, to: 2 } });
    expect(parse("to=2")).toMatchObject({ ok: true, value: { from: 1, to: 2 } });
  });

  it("takes rounds and breakdown filters, and refuses what it does not know", () => {
    expect(parse("from=1&to=3&institucion=pnp")).toEqual({ ok: true, value: { by: "institucion", filters: { institucion: "pnp" }, from: 1, to: 3 } });
    expect(parse("from=4")).toMatchObject({ ok: false, message: expect.stringMatching(/from: must be one of the survey's rounds/) });
    expect(parse("from=2&to=2")).toMatchObject({ ok: false, message: expect.stringMatching(/two different rounds/) });
    expect(parse("round=2")).toMatchObject({ ok: false });
    expect(parse("from=2025-01-01")).toMatchObject({ ok: false });
    expect(parse("institucion=juez")).toMatchObject({ ok: false });
    expect(parse("", [1], 1)).toMatchObject({ ok: false, message: expect.stringMatching(/only one round/) });
  });
});

describe("withholding the intervals of a topic few people rated", () => {
  it("names the topics some group of indistinguishable respondents rated with 1 … k−1 of its people", () => {
    // Two groups of 5: in g1 all rated T01 and two rated T02; in g2 nobody rated T02, all rated T03.
    const groupOf = new Map(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].map((id, i) => [id, i < 5 ? "g1" : "g2"]));
    const raters = [
      ...["a", "b", "c", "d", "e"].map((responseId) => ({ responseId, topic: "T01" })),
      { responseId: "a", topic: "T02" },
      { responseId: "b", topic: "T02" },
      ...["f", "g", "h", "i", "j"].map((responseId) => ({ responseId, topic: "T03" })),
      { responseId: "unpublished", topic: "T04" },
    ];
    expect([...topicsWithFewRaters(groupOf, raters, 5)]).toEqual(["T02"]);
    expect([...topicsWithFewRaters(groupOf, raters, 2)]).toEqual([]);
  });
});
