// An analyst against the release rule (docs/confidentiality.md), over real HTTP with a server clock
// the test controls (SONDEO_CLOCK_FILE). Respondents submit through PUT /api/responses/{uuid} over
// four days; after each day the analyst sweeps every view the API offers — every filter
// combination, every breakdown, every date range — and the test (which knows who answered what, and
// which release holds each response, from the server's database) turns every figure shown into the set of
// respondents it sums over, checks the figure is exact for that set, and hands all sets to the
// adversary of tests/support/release-adversary.ts: no nested pair may differ by 1 … k−1 people, no
// person's ratings may follow from the whole linear system, no group of people it cannot tell apart
// may be smaller than k. Also: the two-request date attack, reproduced first on the raw data
// (where it recovers one person's 18 ratings) and then through the API (where it yields nothing),
// and the before/after-submission attack.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, tablesOf } from "@/db/client";
import { openTestDb } from "../support/coordinators";
import { createAnalyst, loginCookie } from "../support/needs-auth";
import { distinguishableGroups, exposedPeople, smallDifferences } from "../support/release-adversary";
import { completeAnswers, TOPICS } from "../support/sample-answers";
import { startServer, type TestServer } from "../support/server";

const K = 5;
const INSTITUTIONS = { migraciones: "control_migratorio", pnp: "dirctptim", ministerio_publico: "fistrap" } as const;
type Institution = keyof typeof INSTITUTIONS;
const REGIONS = ["PE-TUM", "PE-TAC", "PE-LIM"] as const;
const YEARS = ["lt1", "1_3"] as const;

interface Person {
  id: string;
  institucion: Institution;
  region: string;
  anios_casos: string;
  day: number;
  ratings: Record<string, { importancia: number; dominio: number }>;
  note: string;
}

/** One server with its own database and clock, and the people who answered it. */
class Scene {
  server!: TestServer;
  cookie = "";
  clockFile = path.join(os.tmpdir(), `sondeo-clock-${randomUUID()}`);
  people: Person[] = [];
  seen = new Map<string, Set<string>>();

  async start() {
    fs.writeFileSync(this.clockFile, dayIso(0));
    this.server = await startServer({ env: { SONDEO_CLOCK_FILE: this.clockFile } });
    await createAnalyst(this.server.db);
    this.cookie = await loginCookie(this.server.url);
  }

  async stop() {
    await this.server?.stop();
    fs.rmSync(this.clockFile, { force: true });
  }

  setDay(day: number) {
    fs.writeFileSync(this.clockFile, dayIso(day));
  }

  async submit(institucion: Institution, region: string, anios: string, day: number): Promise<Person> {
    const i = this.people.length;
    const person: Person = {
      id: randomUUID(),
      institucion,
      region,
      anios_casos: anios,
      day,
      ratings: ratingsFor(i),
      note: `Comentario único ñandú nº ${i}`,
    };
    const data = completeAnswers({
      institucion,
      dependencia: INSTITUTIONS[institucion],
      region,
      anios_casos: anios,
      necesidades: person.ratings,
      sugerencias: person.note,
    });
    const res = await fetch(`${this.server.url}/api/responses/${person.id}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ survey: "dnc-tim", locale: "es", data, complete: true }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    this.people.push(person);
    return person;
  }

  async needs(params: Record<string, string>): Promise<Report> {
    const res = await fetch(`${this.server.url}/api/surveys/dnc-tim/needs?${new URLSearchParams(params)}`, { headers: { cookie: this.cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as Report;
  }

  async get(pathAndQuery: string): Promise<Response> {
    return fetch(`${this.server.url}${pathAndQuery}`, { headers: { cookie: this.cookie } });
  }

  async batches(): Promise<Map<string, number | null>> {
    const db = await openTestDb(this.server.db);
    try {
      const { responses } = tablesOf(db);
      const rows = await db.select({ id: responses.id, b: responses.releaseBatch }).from(responses).where(eq(responses.surveySlug, "dnc-tim"));
      return new Map(rows.map((r) => [r.id, r.b]));
    } finally {
      await closeDb(db);
    }
  }

  /** Every view, every figure → its set of respondents (checked exact), into `seen`. */
  async sweep(lastDay: number): Promise<void> {
    await this.needs({}); // the first look publishes what can be published
    const release = await this.batches();
    const ranges: Record<string, string>[] = [{}];
    for (let d = 0; d <= lastDay; d++) ranges.push({ from: limaDay(d) }, { to: limaDay(d) });
    for (const selection of selections()) {
      const views = ranges.flatMap((range) => DIMENSIONS.map((by) => ({ range, by })));
      const reports = await Promise.all(views.map(({ range, by }) => this.needs({ ...selection, ...range, by })));
      for (const [i, { by }] of views.entries()) {
        const report = reports[i] as Report;
        if (!report.total || !report.release.covers) continue;
        const { fromRelease, toRelease } = report.release.covers;
        const inView = this.people.filter((p) => {
          const b = release.get(p.id);
          return b != null && b >= fromRelease && b <= toRelease && matches(p, selection);
        });
        this.remember(figureSet(report.total, inView));
        for (const g of report.groups) {
          if (g.suppressed || g.n === undefined) continue;
          this.remember(
            figureSet(
              g as Figures,
              inView.filter((p) => matches(p, { [by]: g.group })),
            ),
          );
        }
      }
    }
  }

  remember(set: Set<string>) {
    if (set.size) this.seen.set([...set].sort().join(","), set);
  }
}

const matches = (p: Person, c: Record<string, string | null>) =>
  Object.entries(c).every(([d, v]) => (d === "unit" ? v === null : (p as unknown as Record<string, string>)[d] === v));

const dayIso = (day: number) => `2026-03-${String(10 + day).padStart(2, "0")}T15:00:00.000Z`;
const limaDay = (day: number) => `2026-03-${String(10 + day).padStart(2, "0")}`;

function ratingsFor(i: number) {
  return Object.fromEntries(TOPICS.map((t, j) => [t, { importancia: 1 + ((i * 7 + j * 3) % 5), dominio: 1 + ((i * 3 + j) % 5) }]));
}

type Topic = { topic: string; n: number; meanImportance: number | null; meanCompetence: number | null };
type Figures = { n: number; topics: Topic[] };
type Group = { group: string | null; suppressed: string | null } & Partial<Figures>;
interface Report {
  n: number | null;
  suppressed: string | null;
  total: Figures | null;
  groups: Group[];
  release: { asOf: { release: number } | null; covers: { fromRelease: number; toRelease: number } | null; pending: number };
}

/** The respondents a figure sums over, and a check that the figure is exact for them. */
function figureSet(f: Figures, members: Person[]): Set<string> {
  expect(f.n).toBe(members.length);
  for (const t of f.topics) {
    expect(t.n).toBe(members.length);
    const sum = members.reduce((s, p) => s + (p.ratings[t.topic]?.importancia ?? 0), 0);
    expect(t.meanImportance).toBeCloseTo(sum / members.length, 10);
  }
  return new Set(members.map((p) => p.id));
}

const DIMENSIONS = ["institucion", "region", "anios_casos", "unit"] as const;

function selections(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const inst of [undefined, ...Object.keys(INSTITUTIONS)])
    for (const region of [undefined, ...REGIONS])
      for (const years of [undefined, ...YEARS])
        out.push({ ...(inst ? { institucion: inst } : {}), ...(region ? { region } : {}), ...(years ? { anios_casos: years } : {}) });
  return out;
}

const INSTITUTION_LIST = Object.keys(INSTITUTIONS) as Institution[];

/** n and Σ importance, Σ competence per topic, straight from the answers (no rule at all). */
function rawFigures(list: readonly Person[]) {
  return {
    n: list.length,
    sums: TOPICS.map((t) => [
      list.reduce((s, p) => s + (p.ratings[t]?.importancia ?? 0), 0),
      list.reduce((s, p) => s + (p.ratings[t]?.dominio ?? 0), 0),
    ]),
  };
}

describe("the issue's attack: 400 completed responses, one submitted a day before the rest", () => {
  const scene = new Scene();
  beforeAll(() => scene.start(), 180_000);
  afterAll(() => scene.stop());

  it("on the raw data the two requests recover that person's 18 ratings; through the API they differ in nothing", async () => {
    const early = await scene.submit("migraciones", "PE-TUM", "1_3", 0);
    // The analyst looks the same day: one completed response, nothing is published.
    const sameDay = await scene.needs({ by: "institucion" });
    expect(sameDay).toMatchObject({ suppressed: "not_released", n: null, release: { asOf: null, pending: 1 } });

    scene.setDay(1);
    for (let i = 0; i < 399; i++) await scene.submit(INSTITUTION_LIST[i % 3] as Institution, REGIONS[i % 3] as string, YEARS[i % 2] as string, 1);

    // The old behaviour's shape: per-view figures over the submitted answers, `from` on the day of
    // submission. 400 − 399 = 1, and subtracting the sums gives the early respondent's ratings.
    const all = rawFigures(scene.people);
    const fromNextDay = rawFigures(scene.people.filter((p) => p.day >= 1));
    expect(all.n - fromNextDay.n).toBe(1);
    const recovered = Object.fromEntries(
      TOPICS.map((t, j) => [
        t,
        {
          importancia: (all.sums[j]?.[0] ?? 0) - (fromNextDay.sums[j]?.[0] ?? 0),
          dominio: (all.sums[j]?.[1] ?? 0) - (fromNextDay.sums[j]?.[1] ?? 0),
        },
      ]),
    );
    expect(recovered).toEqual(early.ratings);

    // Through the API: both requests cover the same release; nothing to subtract.
    const a = await scene.needs({ by: "institucion" });
    const b = await scene.needs({ by: "institucion", from: limaDay(1) });
    expect(a.n).toBe(400);
    expect(b.n).toBe(400);
    expect(b.total).toEqual(a.total);
    expect(b.groups).toEqual(a.groups);
    expect(a.groups.find((g) => g.group === "migraciones")?.n).toBe(134);
    // A range that starts after the release holds no release at all.
    expect(await scene.needs({ by: "institucion", from: limaDay(2) })).toMatchObject({ n: null, suppressed: "filter_below_k" });
  });

  it("before and after one more submission the figures are identical; they change only when k more have come", async () => {
    const before = await scene.needs({ by: "institucion" });
    const summaryBefore = await (await scene.get("/api/surveys/dnc-tim/summary")).json();
    scene.setDay(2);
    const newcomers: Person[] = [];
    for (let i = 1; i < K; i++) {
      newcomers.push(await scene.submit("pnp", "PE-TAC", "lt1", 2));
      const after = await scene.needs({ by: "institucion" });
      expect(after.total).toEqual(before.total);
      expect(after.groups).toEqual(before.groups);
      expect(after.release.pending).toBe(i);
      // The question summary and its open answers do not move either, and show no newcomer's text.
      const summary = await (await scene.get("/api/surveys/dnc-tim/summary")).json();
      expect(summary.questions).toEqual(summaryBefore.questions);
      for (const p of newcomers) expect(JSON.stringify(summary)).not.toContain(p.note);
      // needs.csv neither.
      const csv = await (await scene.get("/api/surveys/dnc-tim/export/needs.csv")).text();
      expect(csv).toContain(String(before.n));
    }
    newcomers.push(await scene.submit("pnp", "PE-TAC", "lt1", 2));
    const after = await scene.needs({ by: "institucion" });
    expect(after.n).toBe(405);
    expect(after.release.pending).toBe(0);
    const pnpBefore = before.groups.find((g) => g.group === "pnp")?.n ?? 0;
    expect(after.groups.find((g) => g.group === "pnp")?.n).toBe(pnpBefore + K);
    // The difference is about the five newcomers together, never one of them.
    const diff = rawFigures(newcomers);
    const t01 = (r: Report) => r.total?.topics.find((t) => t.topic === "T01");
    const sumI = (r: Report) => (t01(r)?.meanImportance ?? 0) * (r.n ?? 0);
    expect(sumI(after) - sumI(before)).toBeCloseTo(diff.sums[0]?.[0] ?? NaN, 6);
  });
});

describe("an analyst sweeping every view after each of four days of submissions", () => {
  const scene = new Scene();
  beforeAll(() => scene.start(), 180_000);
  afterAll(() => scene.stop());

  // Each day: [institution, region, years, how many].
  const days: [Institution, string, string, number][][] = [
    [
      ["migraciones", "PE-TUM", "lt1", 6],
      ["migraciones", "PE-TAC", "1_3", 6],
      ["pnp", "PE-TUM", "lt1", 5],
      ["pnp", "PE-LIM", "1_3", 5],
      ["ministerio_publico", "PE-LIM", "lt1", 3],
    ],
    [
      ["ministerio_publico", "PE-LIM", "1_3", 2],
      ["pnp", "PE-TAC", "lt1", 1],
      ["migraciones", "PE-TUM", "1_3", 2],
    ],
    [
      ["migraciones", "PE-LIM", "lt1", 6],
      ["pnp", "PE-TAC", "1_3", 4],
    ],
    [
      ["migraciones", "PE-TUM", "lt1", 2],
      ["migraciones", "PE-TAC", "1_3", 3],
      ["ministerio_publico", "PE-TUM", "lt1", 1],
    ],
  ];

  it("finds no figure about fewer than k people, and every figure it sees is exact", { timeout: 300_000 }, async () => {
    for (const [d, arrivals] of days.entries()) {
      scene.setDay(d);
      for (const [inst, region, years, count] of arrivals) for (let i = 0; i < count; i++) await scene.submit(inst, region, years, d);
      await scene.sweep(d);
    }
    const sets = [...scene.seen.values()];
    const batches = await scene.batches();
    const released = [...batches].filter(([, b]) => b !== null).map(([id]) => id);
    // Enough happened for the attack to mean something: several releases, people waiting, many figures.
    expect(new Set([...batches.values()].filter((b) => b !== null)).size).toBeGreaterThanOrEqual(3);
    expect(released.length).toBeLessThan(scene.people.length);
    expect(sets.length).toBeGreaterThan(20);
    console.log(
      `adversary: ${scene.people.length} respondents, ${released.length} published in ${new Set([...batches.values()].filter((b) => b !== null)).size} releases, ${sets.length} distinct sets of respondents behind the figures seen`,
    );

    expect(smallDifferences(sets, K)).toEqual([]);
    expect(exposedPeople(sets, released)).toEqual([]);
    for (const group of distinguishableGroups(sets, released)) expect(group.length).toBeGreaterThanOrEqual(K);

    // And the views stay useful: each institution with k published responses shows its figures.
    const byInstitution = await scene.needs({ by: "institucion" });
    expect(
      byInstitution.groups
        .filter((g) => g.suppressed === null)
        .map((g) => g.group)
        .sort(),
    ).toEqual(["migraciones", "ministerio_publico", "pnp"]);
  });
});
