// Two rounds of dnc-tim for the comparison tests (docs/rounds.md), and the comparison they must give,
// computed without lib/needs: which responses each round published and which groups it shows come
// from the test oracle (tests/support/needs-oracle.ts) replayed on that round's responses alone (each
// round is released on its own); the means, Welch's intervals (jStat's t quantile) and the Locus for
// Focus quadrants (exact fractions) come straight from the raw answers of those responses.
import { createRequire } from "node:module";
import { seededRng, type Rng } from "@/lib/demo/rng";
import { publishedGroups, expectedNeeds, groupOf, releaseState, type OracleResponse, type OracleSurvey, type Quadrant } from "./needs-oracle";
import type { CsvRecord } from "./needs-compare";
import { completeAnswers, TOPICS } from "./sample-answers";

// jstat ships no type declarations; load it as CommonJS and type the few functions used here.
interface JStat {
  mean(values: number[]): number;
  variance(values: number[], sample: boolean): number;
  studentt: { inv(p: number, dof: number): number };
}
const { jStat } = createRequire(import.meta.url)("jstat") as { jStat: JStat };

export const INSTITUTIONS = { pnp: "dirctptim", migraciones: "control_migratorio", ministerio_publico: "fistrap" } as const;
export type Institution = keyof typeof INSTITUTIONS;

// The topics by what happens to them between the rounds. With these ratings the Locus for Focus
// discrepancy line sits near 1.0 in round 1 and near 0 in round 2 (the trained topics pull it down).
/** Competence rises from 1–2 to 4–5: the training reached them; they leave the high-priority quadrant. */
export const IMPROVED = ["T01", "T02", "T03", "T04", "T05"];
/** Important with a wide gap (D̄ ≈ 2) in both rounds: they stay high priority. */
const STEADY_GAP = ["T10", "T11", "T12"];
/** Important with a small gap (D̄ ≈ 0.5) in both rounds: under the line in round 1, over it in round 2. */
export const SMALL_GAP = ["T13", "T14"];
/** Everyone rates its importance 4 in both rounds: no variance on either side, so no interval. */
export const CONSTANT_IMPORTANCE = "T16";
/** Marked "no aplica" by all but two of migraciones in round 2. */
export const MOSTLY_NOT_APPLICABLE = "T18";

const between = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

function ratings(rng: Rng, round: number, institution: Institution, index: number): Record<string, unknown> {
  return Object.fromEntries(
    TOPICS.map((t) => {
      if (t === MOSTLY_NOT_APPLICABLE && round === 2 && institution === "migraciones" && index >= 2) return [t, { no_aplica: true }];
      const [i, c] = IMPROVED.includes(t)
        ? round === 1
          ? [between(rng, 4, 5), between(rng, 1, 2)]
          : [between(rng, 3, 5), between(rng, 4, 5)]
        : STEADY_GAP.includes(t)
          ? [between(rng, 4, 5), between(rng, 2, 3)]
          : SMALL_GAP.includes(t)
            ? [between(rng, 4, 5), between(rng, 3, 5)]
            : t === CONSTANT_IMPORTANCE
              ? [4, between(rng, 4, 5)]
              : [between(rng, 2, 4), between(rng, 3, 4)];
      return [t, { importancia: i, dominio: c }];
    }),
  );
}

export interface Submission {
  institution: Institution;
  data: Record<string, unknown>;
}

/** `count` valid dnc-tim answer sets of one institution in one round (seeded: the same every run). */
export function submissions(round: 1 | 2, institution: Institution, count: number, seed: number): Submission[] {
  const rng = seededRng(seed);
  return Array.from({ length: count }, (_, index) => ({
    institution,
    data: completeAnswers({
      institucion: institution,
      dependencia: INSTITUTIONS[institution],
      region: ["PE-TUM", "PE-TAC", "PE-LMA"][between(rng, 0, 2)],
      anios_casos: ["lt1", "1_3"][between(rng, 0, 1)],
      necesidades: ratings(rng, round, institution, index),
      sugerencias: `Ronda ${round}: más práctica en la frontera, año ${2024 + round} (nº ${index})`,
    }),
  }));
}

// --- The comparison, computed independently ---------------------------------------------------

export const MEASURES = ["importance", "competence", "discrepancy", "mwds"] as const;
type Measure = (typeof MEASURES)[number];

export interface MeasureJson {
  from: number | null;
  to: number | null;
  change: number | null;
  interval: { lo: number; hi: number; df: number } | null;
  verdict: "up" | "down" | "no_change" | null;
}
export interface TopicJson {
  topic: string;
  n: { from: number; to: number };
  suppressed: "topic_below_k" | null;
  intervalsWithheld: boolean;
  measures: Record<Measure, MeasureJson> | null;
  quadrant: { from: Quadrant | null; to: Quadrant | null } | null;
}
export type GroupJson =
  | { group: string | null; suppressed: null; n: { from: number; to: number }; topics: TopicJson[] }
  | { group: string | null; suppressed: string };
export interface ComparisonJson {
  survey: string;
  k: number;
  by: string | null;
  from: { round: number; name: string; n: number | null; release: { pending: number } };
  to: { round: number; name: string; n: number | null; release: { pending: number } };
  suppressed: unknown;
  total: { n: { from: number; to: number }; topics: TopicJson[] } | null;
  groups: GroupJson[];
  highPriority: { left: string[]; entered: string[]; stayed: string[] } | null;
}
export type ExpectedComparison = Pick<ComparisonJson, "total" | "groups" | "highPriority">;

type Pair = { i: number; c: number };

/** The counted (importance, competence) of one response for a topic: both rated, not "no aplica". */
function pairOf(r: OracleResponse, topic: string): Pair | null {
  const cell = (r.answers.necesidades as Record<string, Record<string, unknown>> | undefined)?.[topic];
  if (!cell || cell.no_aplica === true) return null;
  return Number.isInteger(cell.importancia) && Number.isInteger(cell.dominio) ? { i: cell.importancia as number, c: cell.dominio as number } : null;
}

/** Each respondent's value of each measure; MWDS is D_i × Ī of its own round (Borich, Ī fixed). */
function samples(pairs: Pair[]): Record<Measure, number[]> {
  const meanI = jStat.mean(pairs.map((p) => p.i));
  return {
    importance: pairs.map((p) => p.i),
    competence: pairs.map((p) => p.c),
    discrepancy: pairs.map((p) => p.i - p.c),
    mwds: pairs.map((p) => (p.i - p.c) * meanI),
  };
}

/** Welch's 95 % interval for mean(b) − mean(a), with the Welch–Satterthwaite df. */
function welch(a: number[], b: number[]): MeasureJson {
  const from = jStat.mean(a);
  const to = jStat.mean(b);
  const va = jStat.variance(a, true) / a.length;
  const vb = jStat.variance(b, true) / b.length;
  const se2 = va + vb;
  // Identical answers within both rounds: no spread to build an interval from.
  if (se2 === 0) return { from, to, change: to - from, interval: null, verdict: null };
  const df = (se2 * se2) / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  const half = jStat.studentt.inv(0.975, df) * Math.sqrt(se2);
  const lo = to - from - half;
  const hi = to - from + half;
  return { from, to, change: to - from, interval: { lo, hi, df }, verdict: lo > 0 ? "up" : hi < 0 ? "down" : "no_change" };
}

/** Exact fractions (BigInt) for the quadrant lines: a point on a line belongs to the higher side. */
type Fraction = [bigint, bigint];
const plus = ([a, b]: Fraction, [c, d]: Fraction): Fraction => [a * d + c * b, b * d];
const atLeast = ([a, b]: Fraction, [c, d]: Fraction) => a * d >= c * b;

/** Locus for Focus of one group of one round: lines at the means of Ī and D̄ over the topics rated. */
function quadrants(people: readonly OracleResponse[]): Map<string, Quadrant> {
  const points = TOPICS.flatMap((topic) => {
    const pairs = people.map((r) => pairOf(r, topic)).filter((p): p is Pair => p !== null);
    const n = BigInt(pairs.length);
    if (n === 0n) return [];
    const x: Fraction = [BigInt(pairs.reduce((s, p) => s + p.i, 0)), n];
    const y: Fraction = [BigInt(pairs.reduce((s, p) => s + p.i - p.c, 0)), n];
    return [{ topic, x, y }];
  });
  const count = BigInt(points.length);
  const [xs, xd] = points.reduce<Fraction>((s, p) => plus(s, p.x), [0n, 1n]);
  const [ys, yd] = points.reduce<Fraction>((s, p) => plus(s, p.y), [0n, 1n]);
  const xLine: Fraction = [xs, xd * count];
  const yLine: Fraction = [ys, yd * count];
  return new Map(
    points.map(({ topic, x, y }) => {
      const highI = atLeast(x, xLine);
      const highD = atLeast(y, yLine);
      return [topic, highD ? (highI ? "prioridad_alta" : "prioridad_secundaria") : highI ? "mantener" : "baja_prioridad"];
    }),
  );
}

/**
 * Topics whose intervals must be withheld: in either round, some group of published respondents an
 * analyst cannot tell apart (the oracle's replay) holds 1 … k−1 people who rated the topic — their
 * sums of squares, with the means, would give each one's ratings.
 */
export function withheldTopics(survey: OracleSurvey, k: number, rounds: readonly (readonly OracleResponse[])[]): Set<string> {
  const out = new Set<string>();
  for (const responses of rounds) {
    const raters = new Map<string, number>();
    for (const [r, group] of publishedGroups(survey, k, responses)) {
      for (const topic of TOPICS) if (pairOf(r, topic)) raters.set(`${topic}|${group}`, (raters.get(`${topic}|${group}`) ?? 0) + 1);
    }
    for (const [key, n] of raters) if (n < k) out.add(key.slice(0, key.indexOf("|")));
  }
  return out;
}

function compareTopics(k: number, withheld: ReadonlySet<string>, from: readonly OracleResponse[], to: readonly OracleResponse[]): TopicJson[] {
  const qFrom = quadrants(from);
  const qTo = quadrants(to);
  return TOPICS.map((topic) => {
    const a = from.map((r) => pairOf(r, topic)).filter((p): p is Pair => p !== null);
    const b = to.map((r) => pairOf(r, topic)).filter((p): p is Pair => p !== null);
    const n = { from: a.length, to: b.length };
    if (a.length < k || b.length < k) return { topic, n, suppressed: "topic_below_k", intervalsWithheld: false, measures: null, quadrant: null };
    const sa = samples(a);
    const sb = samples(b);
    const intervalsWithheld = withheld.has(topic);
    const measures = Object.fromEntries(
      MEASURES.map((m) => {
        const w = welch(sa[m], sb[m]);
        return [m, intervalsWithheld ? { ...w, interval: null, verdict: null } : w];
      }),
    ) as Record<Measure, MeasureJson>;
    return { topic, n, suppressed: null, intervalsWithheld, measures, quadrant: { from: qFrom.get(topic) ?? null, to: qTo.get(topic) ?? null } };
  });
}

/** A round's view by `by`: its published responses (all releases of the view) and its groups as the oracle shows them. */
export function publishedView(survey: OracleSurvey, k: number, responses: readonly OracleResponse[], by: string) {
  const view = expectedNeeds(survey, k, responses, { by });
  const hi = view.release.covers?.toRelease ?? 0;
  const people = releaseState(survey, k, responses)
    .people.filter((p) => p.batch !== null && p.batch <= hi)
    .map((p) => p.response);
  if (people.length !== (view.n ?? 0)) throw new Error(`oracle: ${people.length} published ≠ n ${view.n}`);
  return { view, people };
}

/**
 * The comparison of two rounds by `by`: everyone, then every group of either round (round 1's order,
 * then those new in round 2); a group hidden or absent in either round is hidden ("absent" when one
 * round has nobody published in it, else that round's reason, round 1's first).
 */
export function expectedComparison(
  survey: OracleSurvey,
  k: number,
  fromResponses: readonly OracleResponse[],
  toResponses: readonly OracleResponse[],
  by: string,
): ExpectedComparison {
  const a = publishedView(survey, k, fromResponses, by);
  const b = publishedView(survey, k, toResponses, by);
  if (a.view.suppressed || b.view.suppressed) throw new Error("the dataset is meant to show both rounds");
  const withheld = withheldTopics(survey, k, [fromResponses, toResponses]);
  const total = { n: { from: a.people.length, to: b.people.length }, topics: compareTopics(k, withheld, a.people, b.people) };
  const keys = [...a.view.groups.map((g) => g.group), ...b.view.groups.map((g) => g.group).filter((g) => !a.view.groups.some((x) => x.group === g))];
  const groups = keys.map((group): GroupJson => {
    const ga = a.view.groups.find((g) => g.group === group);
    const gb = b.view.groups.find((g) => g.group === group);
    if (!ga || !gb) return { group, suppressed: "absent" };
    if (ga.suppressed) return { group, suppressed: ga.suppressed };
    if (gb.suppressed) return { group, suppressed: gb.suppressed };
    const inGroup = (list: OracleResponse[]) => list.filter((r) => groupOf(r, by) === group);
    const pa = inGroup(a.people);
    const pb = inGroup(b.people);
    return { group, suppressed: null, n: { from: pa.length, to: pb.length }, topics: compareTopics(k, withheld, pa, pb) };
  });
  const shown = total.topics.filter((t) => t.quadrant !== null);
  const high = (q: Quadrant | null | undefined) => q === "prioridad_alta";
  return {
    total,
    groups,
    highPriority: {
      left: shown.filter((t) => high(t.quadrant?.from) && !high(t.quadrant?.to)).map((t) => t.topic),
      entered: shown.filter((t) => !high(t.quadrant?.from) && high(t.quadrant?.to)).map((t) => t.topic),
      stayed: shown.filter((t) => high(t.quadrant?.from) && high(t.quadrant?.to)).map((t) => t.topic),
    },
  };
}

// --- Taking a comparison apart for the assertions --------------------------------------------

/** Every topic comparison in a comparison, with where it is (everyone, or a group). */
export function everyTopic(c: ExpectedComparison): { where: string; t: TopicJson }[] {
  return [
    ...(c.total?.topics ?? []).map((t) => ({ where: "(todos)", t })),
    ...c.groups.flatMap((g) => (g.suppressed === null ? g.topics.map((t) => ({ where: String(g.group), t })) : [])),
  ];
}

/** The comparison without the intervals' ends (compared at 1e-9), and the ends alone (compared at 5e-7: jStat's t quantile). */
export function splitEnds(c: ExpectedComparison): { figures: unknown; ends: [number, number][] } {
  const ends: [number, number][] = [];
  const figures = JSON.parse(
    JSON.stringify(c, (key, value) => {
      if (key !== "interval" || value === null) return value;
      ends.push([value.lo, value.hi]);
      return { df: value.df };
    }),
  );
  return { figures, ends };
}

/**
 * The rows compare.csv must hold for a comparison: one per shown topic × measure, one per hidden
 * group or topic; figures rounded to 3 decimals as the file writes them, or left exact (`exact`).
 */
export function compareCsvRows(
  c: ExpectedComparison,
  head: { by: string; from: number; to: number },
  labels: { topic: (code: string) => string; group: (g: string | null) => string; everyone: string },
  exact = false,
): CsvRecord[] {
  const r3 = (v: number | null | undefined) => (v === null || v === undefined ? null : exact ? v : Math.round(v * 1000) / 1000);
  const lead = (group: string, label: string) => ({ breakdown: head.by, group, group_label: label, from_round: head.from, to_round: head.to });
  const none = { n_from: null, n_to: null, measure: null, value_from: null, value_to: null, change: null, ci95_low: null, ci95_high: null };
  const noneAfter = { df: null, verdict: null, quadrant_from: null, quadrant_to: null };
  const topicRows = (group: string, label: string, topics: TopicJson[]): CsvRecord[] =>
    topics.flatMap((t): CsvRecord[] => {
      const base = { ...lead(group, label), topic: t.topic, topic_title: labels.topic(t.topic) };
      if (!t.measures) return [{ ...base, ...none, ...noneAfter, suppressed: t.suppressed, n_from: t.n.from, n_to: t.n.to }];
      const m = t.measures;
      return MEASURES.map((measure) => ({
        ...base,
        suppressed: t.intervalsWithheld ? "interval_withheld" : null,
        n_from: t.n.from,
        n_to: t.n.to,
        measure,
        value_from: r3(m[measure].from),
        value_to: r3(m[measure].to),
        change: r3(m[measure].change),
        ci95_low: r3(m[measure].interval?.lo),
        ci95_high: r3(m[measure].interval?.hi),
        df: r3(m[measure].interval?.df),
        verdict: m[measure].verdict,
        quadrant_from: t.quadrant?.from ?? null,
        quadrant_to: t.quadrant?.to ?? null,
      }));
    });
  const out = topicRows("(todos)", labels.everyone, c.total?.topics ?? []);
  for (const g of c.groups) {
    const key = g.group ?? "(sin dato)";
    if (g.suppressed !== null)
      out.push({ ...lead(key, labels.group(g.group)), suppressed: g.suppressed, topic: null, topic_title: null, ...none, ...noneAfter });
    else out.push(...topicRows(key, labels.group(g.group), g.topics));
  }
  return out;
}

/** compare.csv's columns, in order. */
export const COMPARE_CSV_HEADER = [
  "breakdown",
  "group",
  "group_label",
  "from_round",
  "to_round",
  "suppressed",
  "topic",
  "topic_title",
  "n_from",
  "n_to",
  "measure",
  "value_from",
  "value_to",
  "change",
  "ci95_low",
  "ci95_high",
  "df",
  "verdict",
  "quadrant_from",
  "quadrant_to",
];

/** The parsed rows read as the wanted records' types: "" is null, numbers with a decimal comma (the ";" dialect). */
export function csvValues(rows: Record<string, string>[], like: CsvRecord[]): CsvRecord[] {
  return rows.map((row, i) =>
    Object.fromEntries(
      Object.keys(like[i] ?? row).map((key) => {
        const v = row[key] ?? "";
        return [key, v === "" ? null : typeof like[i]?.[key] === "number" ? Number(v.replace(",", ".")) : v];
      }),
    ),
  );
}
