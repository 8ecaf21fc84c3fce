// Comparing what the needs API and needs.csv answer with the test oracle's expectations
// (tests/support/needs-oracle.ts): a deep comparison with a float tolerance that lists every
// difference by path, and the needs.csv rows the oracle implies (docs/api.md "Exports (CSV)").
import type { ExpectedFigures, ExpectedNeeds } from "./needs-oracle";

/** Every difference between actual and expected, by path; numbers may differ by `tolerance`. */
export function differences(actual: unknown, expected: unknown, tolerance = 1e-9, at = "$"): string[] {
  if (typeof expected === "number" && typeof actual === "number") {
    return Math.abs(actual - expected) <= tolerance ? [] : [`${at}: ${actual} ≠ ${expected}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${at}: length ${actual.length} ≠ ${expected.length} (${JSON.stringify(actual).slice(0, 300)})`];
    return expected.flatMap((e, i) => differences(actual[i], e, tolerance, `${at}[${i}]`));
  }
  if (expected && typeof expected === "object") {
    if (!actual || typeof actual !== "object" || Array.isArray(actual)) return [`${at}: expected an object, got ${JSON.stringify(actual)}`];
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
    return [...keys].flatMap((k) => {
      if (!(k in e)) return [`${at}.${k}: unexpected (${JSON.stringify(a[k]).slice(0, 120)})`];
      if (!(k in a)) return [`${at}.${k}: missing (expected ${JSON.stringify(e[k]).slice(0, 120)})`];
      return differences(a[k], e[k], tolerance, `${at}.${k}`);
    });
  }
  return Object.is(actual, expected) ? [] : [`${at}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`];
}

/**
 * The fields docs/api.md "Needs figures: GET /api/surveys/{slug}/needs" documents, taken from an
 * answer; of `release`, what the oracle predicts (release numbers and the pending count, not the times).
 */
export function documentedFields(body: Record<string, unknown>): Record<string, unknown> {
  const keys = ["survey", "k", "by", "filters", "release", "n", "suppressed", "total", "groups", "demoResponses"];
  const out: Record<string, unknown> = Object.fromEntries(keys.filter((k) => k in body).map((k) => [k, body[k]]));
  if (out.release && typeof out.release === "object") {
    const r = out.release as {
      asOf?: { release?: unknown } | null;
      covers?: { fromRelease?: unknown; toRelease?: unknown } | null;
      pending?: unknown;
    };
    out.release = {
      asOf: r.asOf ? { release: r.asOf.release } : r.asOf,
      covers: r.covers ? { fromRelease: r.covers.fromRelease, toRelease: r.covers.toRelease } : r.covers,
      pending: r.pending,
    };
  }
  return out;
}

/** The answer with `by=unit` groups in a fixed order (no unit first, then by id): docs/api.md leaves it open. */
export function withUnitGroupsSorted<T extends { by: string; groups: { group: string | null }[] }>(report: T): T {
  if (report.by !== "unit") return report;
  const key = (g: { group: string | null }) => (g.group === null ? -1 : Number(g.group));
  return { ...report, groups: [...report.groups].sort((a, b) => key(a) - key(b)) };
}

export type CsvCell = string | number | null;
export type CsvRecord = Record<string, CsvCell>;

/** Rounded as the CSV writes figures: three decimals. */
const round3 = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

export interface CsvLabels {
  topicTitle: (code: string) => string;
  groupLabel: (group: string | null) => string | undefined;
}

function figureRecords(by: string, group: string, label: string | undefined, f: ExpectedFigures, labels: CsvLabels): CsvRecord[] {
  return f.topics.map((t) => ({
    breakdown: by,
    group,
    ...(label === undefined ? {} : { group_label: label }),
    group_n: f.n,
    suppressed: null,
    topic: t.topic,
    topic_title: labels.topicTitle(t.topic),
    n: t.n,
    mean_importance: round3(t.meanImportance),
    mean_competence: round3(t.meanCompetence),
    mean_discrepancy: round3(t.meanDiscrepancy),
    mwds: round3(t.mwds),
    rank: t.rank,
    quadrant: t.quadrant,
  }));
}

const hiddenRecord = (by: string, group: string, label: string | undefined, suppressed: string): CsvRecord => ({
  breakdown: by,
  group,
  ...(label === undefined ? {} : { group_label: label }),
  group_n: null,
  suppressed,
  topic: null,
  topic_title: null,
  n: null,
  mean_importance: null,
  mean_competence: null,
  mean_discrepancy: null,
  mwds: null,
  rank: null,
  quadrant: null,
});

/**
 * The rows of needs.csv for the oracle's answer: everyone first (group "(todos)"), then each
 * group in order ("(sin dato)" for no answer); a hidden group or view is one row saying why.
 * `group_label` is checked for groups only (the label of "everyone" is the file's own wording).
 */
export function expectedCsvRecords(expected: ExpectedNeeds, labels: CsvLabels): CsvRecord[] {
  const by = expected.by;
  if (expected.suppressed) return [hiddenRecord(by, "(todos)", undefined, expected.suppressed)];
  const out: CsvRecord[] = [];
  if (expected.total) out.push(...figureRecords(by, "(todos)", undefined, expected.total, labels));
  for (const g of expected.groups) {
    const key = g.group ?? "(sin dato)";
    const label = labels.groupLabel(g.group);
    if (g.suppressed) out.push(hiddenRecord(by, key, label, g.suppressed));
    else out.push(...figureRecords(by, key, label, g, labels));
  }
  return out;
}

/** Differences between parsed CSV rows (all strings) and expected records; numbers within 1e-9. */
export function csvDifferences(rows: Record<string, string>[], expected: CsvRecord[]): string[] {
  if (rows.length !== expected.length) return [`${rows.length} rows ≠ ${expected.length} expected`];
  return expected.flatMap((record, i) =>
    Object.entries(record).flatMap(([column, want]) => {
      const got = rows[i]?.[column];
      if (got === undefined) return [`row ${i}: no column ${column}`];
      if (want === null) return got === "" ? [] : [`row ${i} ${column}: "${got}" ≠ empty`];
      if (typeof want === "number") return got !== "" && Math.abs(Number(got) - want) <= 1e-9 ? [] : [`row ${i} ${column}: "${got}" ≠ ${want}`];
      return got === want ? [] : [`row ${i} ${column}: "${got}" ≠ "${want}"`];
    }),
  );
}
