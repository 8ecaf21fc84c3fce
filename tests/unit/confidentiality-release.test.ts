// The release rule against an adversary (docs/confidentiality.md): random arrivals of respondents
// over days, a release attempted whenever an analyst looks, and after each one every view the
// dashboard offers — every filter combination, every breakdown, every date range — collected as
// the sets of respondents their figures sum over. The adversary (tests/support/release-adversary.ts)
// must find no figure about 1 … k−1 people: no nested pair differing by fewer than k, no person
// whose ratings the whole linear system determines, no group of indistinguishable people below k.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellKey, type CellValue } from "@/lib/confidentiality/cells";
import { planRelease, type ReleasePerson } from "@/lib/confidentiality/release-plan";
import { groupRelease, viewRelease, type PublishedState, type Release } from "@/lib/confidentiality/view-release";
import { distinguishableGroups, exposedPeople, smallDifferences } from "../support/release-adversary";

const DIMS = ["inst", "region", "unit"] as const;
const DOMAIN: Record<(typeof DIMS)[number], CellValue[]> = { inst: ["a", "b", "c"], region: ["n", "s", null], unit: ["1", "2", "3", null] };

interface Arrival {
  inst: CellValue;
  region: CellValue;
  unit: CellValue;
  demo: boolean;
}

const arrival: fc.Arbitrary<Arrival> = fc.record({
  inst: fc.constantFrom(...DOMAIN.inst),
  region: fc.constantFrom(...DOMAIN.region),
  unit: fc.constantFrom(...DOMAIN.unit),
  demo: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
});

const day = (d: number) => `2026-03-${String(10 + d).padStart(2, "0")}T15:00:00.000Z`;

/** Every selection: for each dimension, any value or none. */
function selections(): Record<string, CellValue>[] {
  let out: Record<string, CellValue>[] = [{}];
  for (const d of DIMS) out = out.flatMap((s) => [s, ...DOMAIN[d].map((v) => ({ ...s, [d]: v }))]);
  return out;
}
const SELECTIONS = selections();

class World {
  people: (ReleasePerson & { at: number })[] = [];
  cells = new Map<string, number>();
  releases: Release[] = [];
  constructor(readonly k: number) {}

  arrive(list: readonly Arrival[], when: number) {
    for (const a of list) {
      this.people.push({ id: `p${this.people.length}`, demo: a.demo, values: [a.inst, a.region, a.unit], batch: null, at: when });
    }
  }

  /** What a dashboard read does first: publish what can be published. */
  release(when: number) {
    const batch = this.releases.length + 1;
    const plan = planRelease({ k: this.k, dimensions: DIMS, people: this.people, cells: this.cells, batch });
    if (!plan) return null;
    const ids = new Set(plan.released);
    for (const p of this.people) if (ids.has(p.id)) p.batch = batch;
    for (const c of plan.updated) this.cells.set(c, batch);
    this.releases.push({ batch, releasedAt: day(when), responses: ids.size, firstSubmittedAt: day(when), lastSubmittedAt: day(when) });
    return plan;
  }

  state(): PublishedState {
    return { cells: this.cells, releases: this.releases, pending: this.people.filter((p) => p.batch === null).length };
  }

  member(p: ReleasePerson, constraints: Record<string, CellValue>) {
    return Object.entries(constraints).every(([d, v]) => p.values[DIMS.indexOf(d as (typeof DIMS)[number])] === v);
  }

  /** Every set of respondents some view shows figures for, now. */
  views(): Set<string>[] {
    const state = this.state();
    const days = [...new Set(this.releases.map((r) => r.releasedAt))];
    const ranges: { from?: string; toExclusive?: string }[] = [{}];
    for (const a of days) for (const b of days) if (a <= b) ranges.push({ from: a, toExclusive: `${b.slice(0, 10)}T23:59:59.999Z` });
    for (const a of days) ranges.push({ from: a }, { toExclusive: `${a.slice(0, 10)}T23:59:59.999Z` });
    const seen: Set<string>[] = [];
    for (const selection of SELECTIONS) {
      for (const range of ranges) {
        const view = viewRelease(state, cellKey(selection), range);
        if (!view.published) continue;
        const inView = this.people.filter((p) => p.batch !== null && p.batch >= view.lo && p.batch <= view.hi && this.member(p, selection));
        seen.push(new Set(inView.map((p) => p.id)));
        for (const by of DIMS) {
          if (by in selection) continue;
          for (const value of DOMAIN[by]) {
            const group = { ...selection, [by]: value };
            if (groupRelease(state, cellKey(group), view.hi) !== null) continue;
            seen.push(new Set(inView.filter((p) => this.member(p, group)).map((p) => p.id)));
          }
        }
      }
    }
    return seen.filter((s) => s.size > 0);
  }
}

function dedupe(sets: Set<string>[]): Set<string>[] {
  const byKey = new Map(sets.map((s) => [[...s].sort().join(","), s]));
  return [...byKey.values()];
}

function runScenario(k: number, waves: Arrival[][], removeDemo: boolean) {
  const world = new World(k);
  const seen: Set<string>[] = [];
  waves.forEach((wave, d) => {
    world.arrive(wave, d);
    world.release(d);
    seen.push(...world.views());
  });
  if (removeDemo) {
    world.people = world.people.filter((p) => !p.demo);
    seen.push(...world.views());
  }
  return { world, seen: dedupe(seen) };
}

describe("the release rule against differencing", () => {
  it("no combination of views, dates and releases yields a figure about fewer than k people", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(3, 5),
        fc.array(fc.array(arrival, { maxLength: 22 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (k, waves, removeDemo) => {
          const { world, seen } = runScenario(k, waves, removeDemo);
          const everyone = world.people.filter((p) => p.batch !== null).map((p) => p.id);
          expect(smallDifferences(seen, k)).toEqual([]);
          for (const group of distinguishableGroups(seen, everyone)) expect(group.length).toBeGreaterThanOrEqual(k);
          expect(exposedPeople(seen, everyone)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keeps the first breakdown's groups up to date at every release, and holds back only groups below k", () => {
    fc.assert(
      fc.property(fc.array(fc.array(arrival, { maxLength: 30 }), { minLength: 1, maxLength: 5 }), (waves) => {
        const k = 5;
        const world = new World(k);
        waves.forEach((wave, d) => {
          world.arrive(wave, d);
          const plan = world.release(d);
          const pending = world.people.filter((p) => p.batch === null);
          // Whatever waits is a (demo, institution) group of fewer than k.
          const waiting = new Map<string, number>();
          for (const p of pending) waiting.set(`${p.demo}|${p.values[0]}`, (waiting.get(`${p.demo}|${p.values[0]}`) ?? 0) + 1);
          for (const n of waiting.values()) expect(n).toBeLessThan(k);
          if (!plan) return;
          for (const inst of DOMAIN.inst) {
            if (world.people.some((p) => p.batch !== null && p.values[0] === inst)) expect(world.cells.get(cellKey({ inst }))).toBe(plan.batch);
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  it("the issue's attack: one response a day earlier changes no figure when the range starts the next day", () => {
    const world = new World(5);
    const one: Arrival = { inst: "a", region: "n", unit: "1", demo: false };
    world.arrive([one], 0);
    expect(world.release(0)).toBeNull(); // the analyst looks on day 0: one response, nothing to publish
    world.arrive(
      Array.from({ length: 399 }, (_, i) => ({
        inst: DOMAIN.inst[i % 3] as string,
        region: DOMAIN.region[i % 2] as string,
        unit: String(1 + (i % 3)),
        demo: false,
      })),
      1,
    );
    world.release(1);
    const state = world.state();
    const all = viewRelease(state, cellKey({}));
    const fromNextDay = viewRelease(state, cellKey({}), { from: day(1) });
    const count = (v: ReturnType<typeof viewRelease>) =>
      v.published ? world.people.filter((p) => p.batch !== null && p.batch >= v.lo && p.batch <= v.hi).length : 0;
    expect(count(all)).toBe(400);
    expect(count(fromNextDay)).toBe(400);
    expect(count(viewRelease(state, cellKey({}), { from: day(2) }))).toBe(0);
  });

  it("a new response waits until its group has k, and the figures before and after differ by k or more", () => {
    const world = new World(5);
    world.arrive(
      Array.from({ length: 12 }, () => ({ inst: "a", region: "n", unit: "1", demo: false })),
      0,
    );
    world.release(0);
    world.arrive([{ inst: "a", region: "s", unit: "2", demo: false }], 1);
    expect(world.release(1)).toBeNull();
    expect(world.state().pending).toBe(1);
    world.arrive(
      Array.from({ length: 4 }, () => ({ inst: "a", region: "s", unit: "2", demo: false })),
      2,
    );
    const plan = world.release(2);
    expect(plan?.released).toHaveLength(5);
  });
});
