// The training plan's pure parts (lib/plan): the draft from needs reports, checked against figures
// computed here from the raw ratings with plain arithmetic (MWDS = ΣI(ΣI − ΣC)/n², ranks, top 5,
// the high-priority quadrant); suppression of small groups and places; edits (merge, rename,
// reorder, drop) and their validation; what moved since saved; Borda from a ranking summary.
import { describe, expect, it } from "vitest";
import { buildNeedsReport, type NeedsReport, type SumRow } from "@/lib/needs/needs-report";
import { draftPlan, TOP_N, type DraftInput } from "@/lib/plan/draft-plan";
import { planLogistics } from "@/lib/plan/logistics";
import { comparePlan, snapshotOf } from "@/lib/plan/plan-changes";
import { applyEdits, initialEdits, mergeModules, planEditsSchema } from "@/lib/plan/plan-edits";
import type { SummarySection } from "@/lib/summary/question-summary";

const K = 5;
const TOPICS = ["A", "B", "C", "D", "E", "F", "G", "H"];
type Rating = [importance: number, competence: number];
/** One respondent: site, group and a rating per topic. */
interface Person {
  site: string;
  group: string;
  ratings: Record<string, Rating>;
}

/** Deterministic people: group profiles make A, B high for everyone, G high only for "p", H high only in the small group "j". */
function people(): Person[] {
  const out: Person[] = [];
  const profile = (group: string, topic: string, i: number): Rating => {
    const base: Record<string, Rating> = { A: [5, 2], B: [5, 3], C: [4, 3], D: [3, 3], E: [3, 2], F: [2, 2], G: [3, 3], H: [2, 2] };
    if (group === "p" && topic === "G") return [5, 1];
    if (group === "j" && topic === "H") return [5, 1];
    if (group === "m" && topic === "C") return [5, 2];
    const [imp, comp] = base[topic] as Rating;
    return [imp, Math.max(1, comp - ((i + topic.charCodeAt(0)) % 2))];
  };
  const plan: [site: string, group: string, count: number][] = [
    ["S1", "p", 9],
    ["S1", "m", 6],
    ["S2", "p", 7],
    ["S2", "m", 5],
    ["S3", "p", 2],
    ["S3", "m", 2],
    ["S2", "j", 3],
  ];
  for (const [site, group, count] of plan) {
    for (let i = 0; i < count; i++) out.push({ site, group, ratings: Object.fromEntries(TOPICS.map((t) => [t, profile(group, t, i)])) });
  }
  return out;
}

/** Needs reports the way db/queries/needs-report.ts builds them: sums per group, then lib/needs. */
function report(list: Person[], filter?: string): NeedsReport {
  const sel = filter ? list.filter((p) => p.site === filter) : list;
  const rows: SumRow[] = [];
  for (const group of [...new Set(sel.map((p) => p.group))]) {
    const g = sel.filter((p) => p.group === group);
    for (const topic of TOPICS) {
      rows.push({
        group,
        topic,
        rows: g.length,
        n: g.length,
        sumImportance: g.reduce((s, p) => s + (p.ratings[topic] as Rating)[0], 0),
        sumCompetence: g.reduce((s, p) => s + (p.ratings[topic] as Rating)[1], 0),
      });
    }
  }
  // Everything published in one release (the release rule itself is tested elsewhere).
  const release = { asOf: { release: 1, releasedAt: "2026-03-10T15:00:00.000Z" }, covers: null, pending: 0 };
  return buildNeedsReport({
    k: K,
    by: "group",
    filters: filter ? { site: filter } : {},
    topics: TOPICS,
    rows,
    groupOrder: ["p", "m", "j"],
    release,
    published: true,
  });
}

function input(list: Person[]): DraftInput {
  return {
    k: K,
    topics: TOPICS,
    groupsBy: "group",
    national: report(list),
    sites: {
      by: "site",
      order: ["S1", "S2", "S3"],
      reports: ["S1", "S2", "S3"].map((site) => ({ site, report: report(list, site) })),
      headcount: new Map([["S1", 30]]),
    },
  };
}

// --- Independent arithmetic -------------------------------------------------------------------
function scores(list: Person[]) {
  const s = TOPICS.map((topic, index) => {
    const n = list.length;
    const si = list.reduce((a, p) => a + (p.ratings[topic] as Rating)[0], 0);
    const sc = list.reduce((a, p) => a + (p.ratings[topic] as Rating)[1], 0);
    return { topic, index, n, x: si / n, y: (si - sc) / n, mwds: (si * (si - sc)) / (n * n) };
  });
  const ranked = [...s].sort((a, b) => b.mwds - a.mwds || a.index - b.index);
  const xLine = s.reduce((a, t) => a + t.x, 0) / s.length;
  const yLine = s.reduce((a, t) => a + t.y, 0) / s.length;
  return new Map(s.map((t) => [t.topic, { ...t, rank: ranked.indexOf(t) + 1, high: t.x >= xLine - 1e-12 && t.y >= yLine - 1e-12 }]));
}
const top = (t: { rank: number; mwds: number }) => t.rank <= TOP_N && t.mwds > 0;

describe("draftPlan", () => {
  const list = people();
  const draft = draftPlan(input(list));

  it("proposes the topics high nationally (quadrant or top MWDS) and, as specific modules, those high for one group only", () => {
    const national = scores(list);
    // Nationally j (3) is below k; hidden alone it could be recovered from the total, so the
    // smallest shown group (m, 13) is hidden with it: only p is shown.
    const shownGroups = ["p"];
    const highFor = (topic: string) => shownGroups.filter((g) => top(scores(list.filter((p) => p.group === g)).get(topic)!));
    const expected = TOPICS.flatMap((topic): { topic: string; scope: string; rank: number; group: string | null }[] => {
      const t = national.get(topic)!;
      const groups = highFor(topic);
      if (groups.length === 1) return [{ topic, scope: "specific", rank: t.rank, group: groups[0] as string }];
      return t.high || top(t) ? [{ topic, scope: "core", rank: t.rank, group: null }] : [];
    });
    const sorted = [
      ...expected.filter((e) => e.scope === "core").sort((a, b) => a.rank - b.rank),
      ...expected.filter((e) => e.scope === "specific").sort((a, b) => a.rank - b.rank),
    ];
    expect(draft.modules.map((m) => [m.topic, m.scope, m.group])).toEqual(sorted.map((e) => [e.topic, e.scope, e.group]));
    for (const t of draft.topics) {
      expect(t.figures?.mwds, t.topic).toBeCloseTo(national.get(t.topic)!.mwds, 12);
      expect(t.figures?.rank, t.topic).toBe(national.get(t.topic)!.rank);
    }
  });

  it("counts the audience per site from the site × group cells where the topic ranks high, never below k", () => {
    for (const t of draft.topics) {
      const onlyGroup = t.highFor.length === 1 ? t.highFor[0]!.group : undefined;
      const expectedSites = ["S1", "S2", "S3"].flatMap((site) => {
        const here = list.filter((p) => p.site === site);
        if (here.length < K) return [];
        const sizes = new Map<string, number>();
        for (const p of here) sizes.set(p.group, (sizes.get(p.group) ?? 0) + 1);
        // The site's own suppression: groups below k, then the smallest shown until hidden ≥ k.
        const hidden = new Set([...sizes].filter(([, n]) => n < K).map(([g]) => g));
        let hiddenTotal = [...hidden].reduce((s, g) => s + (sizes.get(g) ?? 0), 0);
        for (const [g, n] of [...sizes].filter(([g2]) => !hidden.has(g2)).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))) {
          if (hiddenTotal === 0 || hiddenTotal >= K) break;
          hidden.add(g);
          hiddenTotal += n;
        }
        const respondents = [...sizes]
          .filter(([g]) => !hidden.has(g) && (onlyGroup === undefined || g === onlyGroup))
          .filter(([g]) => top(scores(here.filter((p) => p.group === g)).get(t.topic)!))
          .reduce((s, [, n]) => s + n, 0);
        if (respondents < K) return [];
        return [{ site, respondents, officials: site === "S1" ? Math.round((30 * respondents) / here.length) : null }];
      });
      expect(
        [...t.audience.sites].sort((a, b) => (a.site < b.site ? -1 : 1)),
        t.topic,
      ).toEqual(expectedSites);
      expect(t.audience.suggested).toEqual(t.audience.sites.slice(0, 3).map((s) => s.site));
    }
  });

  it("never names the small group (j, 3 people) nor the small site (S3, 4 people)", () => {
    for (const t of draft.topics) {
      expect(t.highFor.map((g) => g.group)).not.toContain("j");
      expect(t.audience.sites.map((s) => s.site)).not.toContain("S3");
      expect(t.audience.cells.map((c) => c.group)).not.toContain("j");
    }
    expect(draft.modules.map((m) => m.topic)).not.toContain("H");
  });

  it("shows nothing for a selection below k", () => {
    const tiny = draftPlan(input(list.filter((p) => p.group === "j")));
    expect(tiny.suppressed).toBe("filter_below_k");
    expect(tiny.modules).toEqual([]);
    expect(tiny.topics).toEqual([]);
  });
});

describe("edits", () => {
  const draft = draftPlan(input(people()));
  const vocabulary = { topics: TOPICS, sites: ["S1", "S2", "S3"], months: ["01", "02", "03"] };

  it("merge, rename, reorder, drop, places and months make the plan; the figures come from the draft", () => {
    let edits = initialEdits(draft);
    expect(edits.modules.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = edits.modules;
    edits = mergeModules(edits, a!.id, b!.id);
    edits = {
      ...edits,
      modules: [
        { ...edits.modules[1]!, title: "Renombrado ñ", places: ["S2"], months: ["02"] },
        { ...edits.modules[0]!, accepted: false },
        ...edits.modules.slice(2),
      ],
    };
    expect(planEditsSchema(vocabulary).safeParse(edits).success).toBe(true);
    const plan = applyEdits(draft, edits, ["03"]);
    expect(plan.modules[0]).toMatchObject({ id: c!.id, title: "Renombrado ñ", places: ["S2"], placesChosen: true, months: ["02"] });
    expect(plan.modules[1]).toMatchObject({ id: `${a!.id}+${b!.id}`, accepted: false, months: ["03"], monthsChosen: false });
    expect(plan.modules[1]!.topics.map((t) => t.topic)).toEqual([...a!.topics, ...b!.topics]);
    // A merged module's audience per site is the largest of its topics' (who share at least one).
    const ta = draft.topics.find((t) => t.topic === a!.topics[0])!;
    const tb = draft.topics.find((t) => t.topic === b!.topics[0])!;
    for (const s of plan.modules[1]!.audience.sites) {
      const best = Math.max(
        ta.audience.sites.find((x) => x.site === s.site)?.respondents ?? 0,
        tb.audience.sites.find((x) => x.site === s.site)?.respondents ?? 0,
      );
      expect(s.respondents).toBe(best);
    }
  });

  it("refuses unknown topics, places, months, a topic in two modules, and extra keys", () => {
    const schema = planEditsSchema(vocabulary);
    const base = initialEdits(draft);
    const m = base.modules[0]!;
    expect(schema.safeParse({ ...base, modules: [{ ...m, topics: ["Z"] }] }).success).toBe(false);
    expect(schema.safeParse({ ...base, modules: [{ ...m, places: ["S9"] }] }).success).toBe(false);
    expect(schema.safeParse({ ...base, modules: [{ ...m, months: ["13"] }] }).success).toBe(false);
    expect(schema.safeParse({ ...base, modules: [m, { ...m, id: "other" }] }).success).toBe(false);
    expect(schema.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });
});

describe("what moved since saved", () => {
  it("names the topics whose rank changed and the modules whose audience changed", () => {
    const list = people();
    const before = draftPlan(input(list));
    const edits = initialEdits(before);
    const snap = snapshotOf(before, edits);
    expect(comparePlan(snap, before, edits).any).toBe(false);
    // Ten more people in S1 for whom F is the greatest need.
    const more = list.concat(
      Array.from({ length: 10 }, () => ({
        site: "S1",
        group: "p",
        ratings: Object.fromEntries(TOPICS.map((t) => [t, (t === "F" ? [5, 1] : [3, 3]) as Rating])),
      })),
    );
    const after = draftPlan(input(more));
    const changes = comparePlan(snap, after, edits);
    expect(changes.any).toBe(true);
    expect(changes.nBefore).toBe(list.length);
    expect(changes.nAfter).toBe(more.length);
    expect(changes.topics.map((t) => t.topic)).toContain("F");
    const f = changes.topics.find((t) => t.topic === "F")!;
    expect(f.before?.rank).toBe(before.topics.find((t) => t.topic === "F")!.figures!.rank);
    expect(f.after?.rank).toBe(after.topics.find((t) => t.topic === "F")!.figures!.rank);
    expect(changes.added).toEqual(after.modules.map((m) => m.id).filter((id) => !before.modules.some((m) => m.id === id)));
  });
});

describe("logistics", () => {
  it("ranks modalities by mean Borda score (m − mean position), and takes the months most can attend", () => {
    const label = (v: string) => ({ es: v, en: v });
    const ranking: SummarySection = {
      kind: "ranking",
      name: "orden",
      key: "orden",
      page: "p",
      title: label("Orden"),
      rankers: 10,
      noRanking: null,
      meanRankHidden: false,
      items: [
        { value: "a", label: label("a"), count: 2, share: 0.2, hidden: null, meanRank: 2.5 },
        { value: "b", label: label("b"), count: 6, share: 0.6, hidden: null, meanRank: 1.4 },
        { value: "c", label: label("c"), count: 2, share: 0.2, hidden: null, meanRank: 2.1 },
      ],
    };
    const months: SummarySection = {
      kind: "multi",
      name: "meses",
      key: "meses",
      page: "p",
      title: label("Meses"),
      items: [
        { value: "01", label: label("Enero"), count: 3, share: 0.3, hidden: null },
        { value: "02", label: label("Febrero"), count: 8, share: 0.8, hidden: null },
        { value: "03", label: label("Marzo"), count: null, share: null, hidden: "primary" },
        { value: "04", label: label("Abril"), count: 6, share: 0.6, hidden: null },
        { value: "05", label: label("Mayo"), count: 5, share: 0.5, hidden: null },
      ],
    };
    const l = planLogistics({ modality: "orden", months: "meses" }, [ranking, months], 10)!;
    expect(l.modality!.items.map((i) => [i.value, i.borda])).toEqual([
      ["b", 3 - 1.4],
      ["c", 3 - 2.1],
      ["a", 3 - 2.5],
    ]);
    // The three most available, in calendar order.
    expect(l.months!.best).toEqual(["02", "04", "05"]);
    const shuffled = { ...months, items: [...months.items].reverse() } as SummarySection;
    expect(planLogistics({ months: "meses" }, [shuffled], 10)!.months!.best).toEqual(["05", "04", "02"]);
    expect(l.duration).toBeNull();
    expect(planLogistics({}, [ranking], 10)).toBeNull();
  });
});
