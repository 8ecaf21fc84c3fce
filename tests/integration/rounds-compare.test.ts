// The comparison of two survey rounds (docs/rounds.md) over real HTTP, with a server clock the test
// moves (SONDEO_CLOCK_FILE): a baseline of dnc-tim in March, an admin opens "2026 seguimiento" in
// April, and the follow-up's answers show competence risen on the trained topics (T01–T05) and not
// elsewhere. Every figure of GET …/needs/compare and of compare.csv is checked against the same
// comparison computed here without lib/needs (tests/support/rounds-dataset.ts): the published
// responses of each round from the test oracle replayed on that round alone, then means, Welch's
// interval (jStat) and the Locus for Focus quadrants from their raw answers. Also: each round's needs
// view counts only its own published responses, and a new response of the follow-up reaches the
// comparison only with k others like it.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, signInAdminAndAnalyst } from "../support/coordinators";
import { differences } from "../support/needs-compare";
import { expectedNeeds, oracleSurvey, type OracleResponse } from "../support/needs-oracle";
import {
  CONSTANT_IMPORTANCE,
  COMPARE_CSV_HEADER,
  compareCsvRows,
  csvValues,
  type ComparisonJson,
  everyTopic,
  type ExpectedComparison,
  expectedComparison,
  IMPROVED,
  type Institution,
  MOSTLY_NOT_APPLICABLE,
  SMALL_GAP,
  type Submission,
  splitEnds,
  submissions,
} from "../support/rounds-dataset";
import { startServer, type TestServer } from "../support/server";

const K = 5;
const SLUG = "dnc-tim";
const BASELINE = "2025 línea base";
const FOLLOW_UP = "2026 seguimiento";
const definition = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../surveys/dnc-tim.json"), "utf8")) as Record<string, unknown>;
const survey = oracleSurvey(definition);

let server: TestServer;
let admin: string;
let analyst: string;
const clockFile = path.join(os.tmpdir(), `sondeo-clock-${randomUUID()}`);
/** What each round's respondents sent, for the oracle; `epoch` counts the reads of that round before. */
const rounds: Record<1 | 2, OracleResponse[]> = { 1: [], 2: [] };
/** The comparison on the follow-up's opening day, before anyone answered it. */
let unansweredFollowUp: ComparisonJson;

const setDay = (day: string) => fs.writeFileSync(clockFile, `${day}T15:00:00.000Z`);

async function post(round: 1 | 2, list: Submission[], day: string, epoch = 0): Promise<void> {
  for (const s of list) {
    const res = await call(server.url, `/api/responses/${randomUUID()}`, {
      method: "PUT",
      json: { survey: SLUG, unit: null, locale: "es", data: s.data, complete: true },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    rounds[round].push({ answers: s.data, complete: true, unit: null, day, epoch });
  }
}

async function getJson<T>(url: string, cookie = analyst): Promise<T> {
  const res = await call(server.url, url, { cookie });
  expect(res.status, `${url}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as T;
}

const compare = (query = "from=1&to=2") => getJson<ComparisonJson & { filters: unknown }>(`/api/surveys/${SLUG}/needs/compare?${query}`);

/** What the comparison must show now, by `by`, from what each round has published. */
const expected = (by = "institucion") => expectedComparison(survey, K, rounds[1], rounds[2], by);

/** The API's comparison against the independent one: every figure at 1e-9, the intervals' ends at 5e-7. */
function expectSameComparison(actual: ComparisonJson, want: ExpectedComparison): void {
  const got = splitEnds({ total: actual.total, groups: actual.groups, highPriority: actual.highPriority });
  const exp = splitEnds(want);
  expect(differences(got.figures, exp.figures, 1e-9)).toEqual([]);
  expect(differences(got.ends, exp.ends, 5e-7)).toEqual([]);
}

const plan = (round: 1 | 2, counts: [Institution, number][]) => counts.flatMap(([inst, n], i) => submissions(round, inst, n, 100 + round * 10 + i));

beforeAll(async () => {
  setDay("2026-03-10");
  server = await startServer({ env: { SONDEO_CLOCK_FILE: clockFile } });
  ({ admin, analyst } = await signInAdminAndAnalyst(server));
  // The baseline, read once (its release) before the follow-up opens.
  await post(
    1,
    plan(1, [
      ["pnp", 12],
      ["migraciones", 10],
      ["ministerio_publico", 7],
    ]),
    "2026-03-10",
  );
  expect((await getJson<{ round: { round: number }; n: number }>(`/api/surveys/${SLUG}/needs`)).round.round).toBe(1);
  expect((await call(server.url, `/api/admin/surveys/${SLUG}/rounds/1`, { method: "PATCH", cookie: admin, json: { name: BASELINE } })).status).toBe(
    200,
  );

  // A training plan saved while the survey has one round: it stays about that round (below).
  const draft = await getJson<{ edits: unknown }>(`/api/surveys/${SLUG}/plan`, admin);
  const saved = await call(server.url, `/api/surveys/${SLUG}/plan`, { method: "PUT", cookie: admin, json: { edits: draft.edits, filters: {} } });
  expect(saved.status, await saved.clone().text()).toBe(200);

  setDay("2026-04-10");
  const opened = await call(server.url, `/api/admin/surveys/${SLUG}/rounds`, {
    method: "POST",
    cookie: admin,
    json: { name: FOLLOW_UP, opensOn: "2026-04-10" },
  });
  expect(opened.status, await opened.clone().text()).toBe(201);
  unansweredFollowUp = await compare();
  // Ministerio Público: 3 < k in the follow-up only, so it waits and is hidden in both rounds.
  await post(
    2,
    plan(2, [
      ["pnp", 11],
      ["migraciones", 9],
      ["ministerio_publico", 3],
    ]),
    "2026-04-10",
  );
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(clockFile, { force: true });
});

type NeedsBody = {
  round: { round: number; name: string };
  n: number | null;
  suppressed: unknown;
  total: unknown;
  groups: unknown;
  release: { pending: number };
};

describe("the training plan across rounds", () => {
  it("a plan saved before the follow-up opened stays about the baseline; one saved now is about the follow-up", async () => {
    type PlanBody = { n: number | null; filters: Record<string, string>; edits: unknown };
    const before = await getJson<PlanBody>(`/api/surveys/${SLUG}/plan`, admin);
    expect(before.filters).toEqual({ round: "1" });
    expect(before.n).toBe(29);
    const saved = await call(server.url, `/api/surveys/${SLUG}/plan`, { method: "PUT", cookie: admin, json: { edits: before.edits, filters: {} } });
    expect(saved.status).toBe(200);
    const after = await getJson<PlanBody>(`/api/surveys/${SLUG}/plan`, admin);
    expect(after.filters).toEqual({ round: "2" });
    expect(after.n).toBe(20);
    // Asked for a round, the plan shows that one.
    expect((await getJson<PlanBody>(`/api/surveys/${SLUG}/plan?round=1`, admin)).n).toBe(29);
  });
});

describe("comparing a baseline and a follow-up round", () => {
  it("shows no figures for a follow-up nobody has answered yet, and says why", () => {
    expect(unansweredFollowUp).toMatchObject({
      from: { round: 1, name: BASELINE, n: 29 },
      to: { round: 2, name: FOLLOW_UP, n: null },
      suppressed: { from: null, to: "not_released" },
      total: null,
      groups: [],
      highPriority: null,
    });
  });

  it("shows each round its own published responses; the needs view shows the follow-up by default", async () => {
    const one = await getJson<NeedsBody>(`/api/surveys/${SLUG}/needs?round=1`);
    const two = await getJson<NeedsBody>(`/api/surveys/${SLUG}/needs?round=2`);
    const byDefault = await getJson<NeedsBody>(`/api/surveys/${SLUG}/needs`);
    expect(one.round).toEqual({ round: 1, name: BASELINE });
    expect(two.round).toEqual({ round: 2, name: FOLLOW_UP });
    expect(byDefault.round).toEqual({ round: 2, name: FOLLOW_UP });
    for (const [body, list] of [
      [one, rounds[1]],
      [two, rounds[2]],
    ] as const) {
      const want = expectedNeeds(survey, K, list, { by: "institucion" });
      const { n, suppressed, total, groups } = body;
      expect(
        differences({ n, suppressed, total, groups }, { n: want.n, suppressed: want.suppressed, total: want.total, groups: want.groups }),
      ).toEqual([]);
      expect(body.release.pending).toBe(want.release.pending);
    }
    // 29 in the baseline; 20 of the follow-up's 23 (Ministerio Público's 3 wait).
    expect([one.n, two.n, two.release.pending]).toEqual([29, 20, 3]);
    expect({ ...byDefault, filters: null }).toEqual({ ...two, filters: null });
  });

  it("gives every topic's change with Welch's interval, nationally and per institution, as computed from the answers", async () => {
    const body = await compare();
    expect(body).toMatchObject({ survey: SLUG, k: K, by: "institucion", suppressed: null });
    expect(body.from).toMatchObject({ round: 1, name: BASELINE, n: 29 });
    expect(body.to).toMatchObject({ round: 2, name: FOLLOW_UP, n: 20 });
    const want = expected();
    expectSameComparison(body, want);
    // The dataset reaches every verdict, nationally and in the institutions.
    const verdicts = new Set(everyTopic(body).flatMap(({ t }) => Object.values(t.measures ?? {}).map((m) => m.verdict)));
    expect(verdicts).toEqual(new Set(["up", "down", "no_change", null]));
    // Defaults: the last two rounds.
    expect(await compare("")).toEqual(body);

    const national = new Map(body.total?.topics.map((t) => [t.topic, t]));
    for (const topic of IMPROVED) {
      expect(national.get(topic)?.measures?.competence.verdict, topic).toBe("up");
      expect(national.get(topic)?.measures?.discrepancy.verdict, topic).toBe("down");
      expect(national.get(topic)?.measures?.mwds.verdict, topic).toBe("down");
    }
    for (const [topic, t] of national) {
      if (!IMPROVED.includes(topic) && topic !== MOSTLY_NOT_APPLICABLE) expect(t.measures?.competence.verdict, topic).toBe("no_change");
    }
    // Everybody rated it 4 in both rounds: a change of 0 and no interval to speak of.
    expect(national.get(CONSTANT_IMPORTANCE)?.measures?.importance).toEqual({ from: 4, to: 4, change: 0, interval: null, verdict: null });

    // Ministerio Público has 3 responses in the follow-up: hidden in both rounds, no figures.
    expect(body.groups.map((g) => [g.group, g.suppressed])).toEqual([
      ["migraciones", null],
      ["pnp", null],
      ["ministerio_publico", "absent"],
    ]);
    expect(Object.keys(body.groups[2] ?? {}).sort()).toEqual(["group", "suppressed"]);
    // T18: migraciones marked it "no aplica" but for two in the follow-up, so it is hidden there in both rounds…
    const migraciones = body.groups.find((g) => g.group === "migraciones");
    expect(migraciones?.suppressed === null && migraciones.topics.find((t) => t.topic === MOSTLY_NOT_APPLICABLE)).toEqual({
      topic: MOSTLY_NOT_APPLICABLE,
      n: { from: 10, to: 2 },
      suppressed: "topic_below_k",
      intervalsWithheld: false,
      measures: null,
      quadrant: null,
    });
    // … but shown for everyone (pnp rated it) with its means and changes only: national minus pnp would
    // give the two migraciones raters' sums and sums of squares, hence each one's ratings, so no
    // interval of T18 is published anywhere in this comparison.
    const t18 = national.get(MOSTLY_NOT_APPLICABLE);
    expect(t18?.suppressed).toBeNull();
    expect(t18?.intervalsWithheld).toBe(true);
    for (const { t } of everyTopic(body).filter(({ t }) => t.topic === MOSTLY_NOT_APPLICABLE && t.measures)) {
      for (const m of Object.values(t.measures ?? {})) expect(m).toMatchObject({ interval: null, verdict: null });
    }
    expect(
      everyTopic(body)
        .filter(({ t }) => t.intervalsWithheld)
        .map(({ t }) => t.topic),
    ).toEqual(Array(everyTopic(body).filter(({ t }) => t.intervalsWithheld).length).fill(MOSTLY_NOT_APPLICABLE));

    // The trained topics left the high-priority quadrant; the small gaps, unchanged, entered it as the line fell.
    expect(body.highPriority).toEqual(want.highPriority);
    expect(body.highPriority?.left).toEqual(IMPROVED);
    expect(body.highPriority?.entered).toEqual(SMALL_GAP);

    // By region, every group of either round is hidden by the release rule, and said so.
    const byRegion = await compare("from=1&to=2&by=region");
    expectSameComparison(byRegion, expected("region"));
    expect(byRegion.groups.length).toBeGreaterThan(0);
    expect(byRegion.groups.every((g) => g.suppressed !== null)).toBe(true);
  });

  it("refuses an unknown round, the same round twice and an unknown breakdown; needs a signed-in analyst", async () => {
    const refused = [
      `/api/surveys/${SLUG}/needs?round=9`,
      `/api/surveys/${SLUG}/needs/compare?from=2&to=2`,
      `/api/surveys/${SLUG}/needs/compare?from=1&to=9`,
      `/api/surveys/${SLUG}/needs/compare?from=1&to=2&by=genero`,
      `/api/surveys/${SLUG}/needs/compare?from=1&to=2&genero=mujer`,
      `/api/surveys/${SLUG}/needs/compare?from=1&to=2&round=1`,
      `/api/surveys/${SLUG}/export/compare.csv?from=1&to=1`,
    ];
    for (const url of refused) {
      const res = await call(server.url, url, { cookie: analyst });
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { error: string }).error, url).toMatch(/^(invalid_query|unknown_round)$/);
    }
    for (const url of [`/api/surveys/${SLUG}/needs/compare?from=1&to=2`, `/api/surveys/${SLUG}/export/compare.csv?from=1&to=2`]) {
      expect((await call(server.url, url)).status, url).toBe(401);
      expect((await call(server.url, url, { cookie: analyst })).status, url).toBe(200);
    }
  });

  it("exports the comparison as CSV: the page's figures to 3 decimals, hidden rows saying why, accents intact", async () => {
    const res = await call(server.url, `/api/surveys/${SLUG}/export/compare.csv?from=1&to=2&labels=es&sep=semicolon`, { cookie: analyst });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = await res.text();
    const rows = parse(text, { columns: true, delimiter: ";", bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(COMPARE_CSV_HEADER);
    const head = { by: "institucion", from: 1, to: 2 };
    const labels = { topic: topicTitle, group: institutionLabel, everyone: "Todos" };
    // Exactly the JSON's figures rounded to 3 decimals, and within rounding of the independent ones.
    const fromJson = compareCsvRows(await compare(), head, labels);
    expect(differences(csvValues(rows, fromJson), fromJson, 1e-9)).toEqual([]);
    const exact = compareCsvRows(expected(), head, labels, true);
    expect(differences(csvValues(rows, exact), exact, 0.0005 + 1e-6)).toEqual([]);
    // One row per shown topic × measure, one per hidden group or topic.
    expect(rows.filter((r) => r.group === "(todos)")).toHaveLength(18 * 4);
    expect(rows.filter((r) => r.suppressed === "absent").map((r) => [r.group, r.group_label, r.topic])).toEqual([
      ["ministerio_publico", "Ministerio Público – Fiscalía de la Nación", ""],
    ]);
    expect(rows.filter((r) => r.suppressed === "topic_below_k").map((r) => [r.group_label, r.topic, r.n_from, r.n_to, r.measure])).toEqual([
      ["Superintendencia Nacional de Migraciones", MOSTLY_NOT_APPLICABLE, "10", "2", ""],
    ]);
    expect(rows.find((r) => r.topic === "T01")?.topic_title).toBe("Protocolo contra el Tráfico Ilícito de Migrantes por Tierra, Mar y Aire");
    expect(rows.some((r) => r.group_label === "Policía Nacional del Perú")).toBe(true);
  });

  it("a new follow-up response changes nothing until k of its institution have arrived; then the figures move by exactly them", async () => {
    const before = await compare();
    // Ministerio Público's fourth: still under k, it waits (only the count of waiting responses moves).
    const extra = submissions(2, "ministerio_publico", 5, 999).slice(3);
    await post(2, extra.slice(0, 1), "2026-04-11", 1);
    const waiting = await compare();
    expect(waiting.to.release.pending).toBe(before.to.release.pending + 1);
    expect({ ...waiting, to: { ...waiting.to, release: before.to.release } }).toEqual(before);

    // The fifth: Ministerio Público's five are released together and enter the follow-up's figures.
    await post(2, extra.slice(1), "2026-04-12", 2);
    const after = await compare();
    expectSameComparison(after, expected());
    expect(after.to.n).toBe((before.to.n ?? 0) + 5);
    expect(after.to.release.pending).toBe(0);
    expect(after.groups.find((g) => g.group === "ministerio_publico")).toMatchObject({ suppressed: null, n: { from: 7, to: 5 } });
    // The other institutions' comparisons did not move; the national follow-up sums moved by the five's ratings.
    for (const g of ["migraciones", "pnp"]) expect(after.groups.find((x) => x.group === g)).toEqual(before.groups.find((x) => x.group === g));
    const five = rounds[2].filter((r) => r.answers.institucion === "ministerio_publico");
    for (const topic of IMPROVED) {
      const [b, a] = [before, after].map((c) => c.total?.topics.find((t) => t.topic === topic));
      const sum = five.reduce((s, r) => s + ((r.answers.necesidades as Record<string, { dominio: number }>)[topic]?.dominio ?? 0), 0);
      expect((a?.measures?.competence.to ?? 0) * (a?.n.to ?? 0) - (b?.measures?.competence.to ?? 0) * (b?.n.to ?? 0)).toBeCloseTo(sum, 9);
      expect(a?.measures?.competence.from).toBe(b?.measures?.competence.from);
    }
  });
});

// --- Labels as the survey definition writes them (Spanish) ------------------------------------

type Choice = { value: string; text: { default: string } };
function findQuestion(node: unknown, name: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) return node.map((c) => findQuestion(c, name)).find(Boolean);
  if (!node || typeof node !== "object") return undefined;
  const o = node as Record<string, unknown>;
  // Pages and panels have names too (a page is called "necesidades"): only a question will do.
  if (o.name === name && typeof o.type === "string" && o.type !== "panel") return o;
  return findQuestion(o.pages ?? o.elements ?? o.templateElements, name);
}
const textOf = (question: string, key: "choices" | "rows") =>
  new Map(((findQuestion(definition, question)?.[key] as Choice[]) ?? []).map((c) => [c.value, c.text.default]));
const titles = textOf("necesidades", "rows");
const institutions = textOf("institucion", "choices");
const topicTitle = (code: string) => titles.get(code) ?? code;
const institutionLabel = (g: string | null) => (g === null ? "Sin dato" : (institutions.get(g) ?? g));
