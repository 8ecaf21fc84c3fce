// The question-by-question summary of a selection of completed responses, from the SQL count rows
// (db/queries/question-summary.ts) and the survey's question catalogue. Every count obeys the
// small-cell rules of needs-method.md: answers that partition the selection (one choice, a
// number's bin, a date's month, a matrix row, the first place of a ranking — each with a
// "no answer" category, so the categories sum to the selection) get rules 1 and 2; options of a
// multiple choice, which overlap, get rule 1. Means and medians need at least k answers.
import type { LocalizedText } from "../surveys/localized-text";
import { suppressCounts, type HiddenReason } from "../needs/suppression";
import { binValues, periodCounts, statsOf, targetBins, type Period, type Stats, type ValueCount } from "./distribution";
import type { CatalogueQuestion, MatrixColumn, QuestionCatalogue, SummaryOption } from "./question-catalogue";

/** Key of the "no answer" category. */
export const NO_ANSWER = "__none";

/**
 * One row of counts. `value` null: the number of responses that answered the question (for a
 * matrix: that row, or that row × column). Otherwise the responses (for multiple choice: the
 * selections) with that value: a choice code, "true"/"false", a number as text, "YYYY-MM".
 */
export interface SummaryCountRow {
  question: string;
  row: string | null;
  column: string | null;
  value: string | null;
  /** 0-based position in a ranking. */
  position: number | null;
  n: number;
}

export interface SummaryItem {
  value: string;
  label: LocalizedText;
  /** null when hidden. */
  count: number | null;
  /** Share of the selection (ranking: of those who ranked); null when hidden. */
  share: number | null;
  hidden: HiddenReason | null;
}

export interface RankingItem extends SummaryItem {
  /** Mean position (1 = first) among those who ranked the option; null when hidden. */
  meanRank: number | null;
}

export interface PartitionRow {
  value: string;
  label: LocalizedText;
  items: SummaryItem[];
  stats: Stats | null;
  statsHidden: boolean;
}

export interface CountsRow {
  value: string;
  label: LocalizedText;
  items: SummaryItem[];
}

export type MatrixColumnSummary =
  | { name: string; title: LocalizedText; kind: "choice"; numeric: boolean; rows: PartitionRow[] }
  | { name: string; title: LocalizedText; kind: "counts"; rows: CountsRow[] }
  | { name: string; title: LocalizedText; kind: "other" };

interface Head {
  name: string;
  key: string;
  title: LocalizedText;
  page: string;
}

export type SummarySection =
  | (Head & {
      kind: "choice";
      scale: "nominal" | "boolean" | "rating";
      /** Who answered; null when that would reveal a hidden "no answer" count. */
      answered: number | null;
      items: SummaryItem[];
      stats: Stats | null;
      /** Mean and median left out: fewer than k answers. */
      statsHidden: boolean;
    })
  | (Head & { kind: "multi"; items: SummaryItem[] })
  | (Head & { kind: "ranking"; rankers: number | null; items: RankingItem[]; noRanking: SummaryItem | null; meanRankHidden: boolean })
  | (Head & { kind: "numeric"; answered: number | null; items: SummaryItem[]; stats: Stats | null; statsHidden: boolean })
  | (Head & { kind: "date"; period: Period; answered: number | null; items: SummaryItem[] })
  | (Head & { kind: "text"; answered: number; listable: boolean; answers: string[] | null })
  | (Head & { kind: "matrix"; numeric: boolean; columns: SummaryOption[]; rows: PartitionRow[] })
  | (Head & { kind: "matrixdropdown"; columns: MatrixColumnSummary[] })
  | (Head & { kind: "skipped"; type: string; reason: "dynamic" | "unsupported" });

export interface QuestionSummary {
  n: number;
  k: number;
  pages: QuestionCatalogue["pages"];
  sections: SummarySection[];
}

const NO_ANSWER_LABEL: LocalizedText = { es: "Sin respuesta", en: "No answer" };

/** Count rows grouped by question, then by row and column. */
class Counts {
  private readonly byCell = new Map<string, SummaryCountRow[]>();
  constructor(rows: readonly SummaryCountRow[]) {
    for (const r of rows) {
      const id = Counts.id(r.question, r.row, r.column);
      const list = this.byCell.get(id);
      if (list) list.push(r);
      else this.byCell.set(id, [r]);
    }
  }
  private static id(q: string, row: string | null, column: string | null): string {
    return JSON.stringify([q, row, column]);
  }
  rows(q: string, row: string | null = null, column: string | null = null): SummaryCountRow[] {
    return this.byCell.get(Counts.id(q, row, column)) ?? [];
  }
  /** Responses per value (positions summed). */
  values(q: string, row: string | null = null, column: string | null = null): Map<string, number> {
    const m = new Map<string, number>();
    for (const r of this.rows(q, row, column)) if (r.value !== null) m.set(r.value, (m.get(r.value) ?? 0) + r.n);
    return m;
  }
  answered(q: string, row: string | null = null, column: string | null = null): number | undefined {
    const found = this.rows(q, row, column).filter((r) => r.value === null);
    return found.length ? found.reduce((a, r) => a + r.n, 0) : undefined;
  }
}

/** Known options in the survey's order, then values found in the data (choices from a URL…). */
function withExtras(options: readonly SummaryOption[], counts: ReadonlyMap<string, number>): SummaryOption[] {
  const known = new Set(options.map((o) => o.value));
  const extra = [...counts.keys()].filter((v) => !known.has(v)).sort();
  return [...options, ...extra.map((v) => ({ value: v, label: { es: v, en: v } }))];
}

function shareOf(count: number | null, of: number): number | null {
  return count === null || of === 0 ? null : count / of;
}

interface Cell {
  value: string;
  label: LocalizedText;
  count: number;
}

/** Rules 1–2 over cells that partition the selection, with "no answer" added to make up n. */
function partition(cells: readonly Cell[], n: number, k: number, denominator = n): { items: SummaryItem[]; answeredShown: boolean } {
  const answered = cells.reduce((a, c) => a + c.count, 0);
  const all = n - answered > 0 ? [...cells, { value: NO_ANSWER, label: NO_ANSWER_LABEL, count: n - answered }] : [...cells];
  const suppressed = suppressCounts(
    all.map((c) => ({ key: c.value, count: c.count })),
    k,
    true,
  );
  const items = all.map((c, i) => {
    const s = suppressed[i]!;
    const of = c.value === NO_ANSWER ? n : denominator;
    return { value: c.value, label: c.label, count: s.count, share: shareOf(s.count, of), hidden: s.hidden };
  });
  // The number who answered is n minus "no answer": shown only when that category is.
  const noAnswer = items.find((i) => i.value === NO_ANSWER);
  return { items, answeredShown: !noAnswer || noAnswer.hidden === null };
}

/** Rule 1 over counts that do not partition the selection (overlapping options). */
function counted(cells: readonly Cell[], n: number, k: number): SummaryItem[] {
  const suppressed = suppressCounts(
    cells.map((c) => ({ key: c.value, count: c.count })),
    k,
    false,
  );
  return cells.map((c, i) => {
    const s = suppressed[i]!;
    return { value: c.value, label: c.label, count: s.count, share: shareOf(s.count, n), hidden: s.hidden };
  });
}

function numericStats(counts: ReadonlyMap<string, number>, k: number): { stats: Stats | null; statsHidden: boolean } {
  const values: ValueCount[] = [];
  for (const [v, count] of counts) {
    const value = Number(v);
    if (v.trim() !== "" && Number.isFinite(value)) values.push({ value, count });
  }
  const answered = values.reduce((a, v) => a + v.count, 0);
  if (answered === 0) return { stats: null, statsHidden: false };
  return answered < k ? { stats: null, statsHidden: true } : { stats: statsOf(values), statsHidden: false };
}

function choiceRow(counts: ReadonlyMap<string, number>, options: readonly SummaryOption[], numeric: boolean, n: number, k: number) {
  const cells = withExtras(options, counts).map((o) => ({ ...o, count: counts.get(o.value) ?? 0 }));
  const { items, answeredShown } = partition(cells, n, k);
  const answered = cells.reduce((a, c) => a + c.count, 0);
  return { items, answered: answeredShown ? answered : null, ...(numeric ? numericStats(counts, k) : { stats: null, statsHidden: false }) };
}

function ranking(q: Extract<CatalogueQuestion, { kind: "ranking" }>, c: Counts, n: number, k: number): SummarySection {
  const first = new Map<string, number>();
  const ranks = new Map<string, { sum: number; count: number }>();
  for (const r of c.rows(q.key)) {
    if (r.value === null || r.position === null) continue;
    if (r.position === 0) first.set(r.value, (first.get(r.value) ?? 0) + r.n);
    const s = ranks.get(r.value) ?? { sum: 0, count: 0 };
    s.sum += (r.position + 1) * r.n;
    s.count += r.n;
    ranks.set(r.value, s);
  }
  const rankers = [...first.values()].reduce((a, b) => a + b, 0);
  const options = withExtras(q.options, new Map([...ranks.keys()].map((v) => [v, 0])));
  const { items, answeredShown } = partition(
    options.map((o) => ({ ...o, count: first.get(o.value) ?? 0 })),
    n,
    k,
    rankers,
  );
  // Mean positions describe everyone who ranked: shown only when they number at least k.
  const meanRankHidden = rankers < k;
  const optionItems = items
    .filter((i) => i.value !== NO_ANSWER)
    .map((i) => {
      const s = ranks.get(i.value);
      return { ...i, meanRank: meanRankHidden || !s || s.count === 0 ? null : s.sum / s.count };
    });
  const noRanking = items.find((i) => i.value === NO_ANSWER) ?? null;
  return {
    ...head(q),
    kind: "ranking",
    rankers: answeredShown ? rankers : null,
    items: optionItems,
    noRanking,
    meanRankHidden: meanRankHidden && rankers > 0,
  };
}

function matrixColumn(q: { key: string }, rows: readonly SummaryOption[], col: MatrixColumn, c: Counts, n: number, k: number): MatrixColumnSummary {
  const base = { name: col.name, title: col.title };
  if (col.kind === "other") return { ...base, kind: "other" };
  if (col.kind === "choice") {
    return {
      ...base,
      kind: "choice",
      numeric: col.numeric,
      rows: rows.map((row) => {
        const r = choiceRow(c.values(q.key, row.value, col.name), col.options, col.numeric, n, k);
        return { value: row.value, label: row.label, items: r.items, stats: r.stats, statsHidden: r.statsHidden };
      }),
    };
  }
  return {
    ...base,
    kind: "counts",
    rows: rows.map((row) => {
      const counts = c.values(q.key, row.value, col.name);
      const cells = withExtras(col.options, counts).map((o) => ({ ...o, count: counts.get(o.value) ?? 0 }));
      return { value: row.value, label: row.label, items: counted(cells, n, k) };
    }),
  };
}

function head(q: CatalogueQuestion): Head {
  return { name: q.name, key: q.key, title: q.title, page: q.page };
}

function section(q: CatalogueQuestion, c: Counts, n: number, k: number, answers: ReadonlyMap<string, string[]>): SummarySection {
  switch (q.kind) {
    case "choice": {
      const r = choiceRow(c.values(q.key), q.options, q.numeric, n, k);
      return { ...head(q), kind: "choice", scale: q.scale, ...r };
    }
    case "multi": {
      const counts = c.values(q.key);
      const cells = withExtras(q.options, counts).map((o) => ({ ...o, count: counts.get(o.value) ?? 0 }));
      const answered = c.answered(q.key) ?? 0;
      if (n - answered > 0) cells.push({ value: NO_ANSWER, label: NO_ANSWER_LABEL, count: n - answered });
      return { ...head(q), kind: "multi", items: counted(cells, n, k) };
    }
    case "ranking":
      return ranking(q, c, n, k);
    case "numeric": {
      const counts = c.values(q.key);
      const values: ValueCount[] = [];
      for (const [v, count] of counts) if (v.trim() !== "" && Number.isFinite(Number(v))) values.push({ value: Number(v), count });
      const total = values.reduce((a, v) => a + v.count, 0);
      const bins = binValues(values, targetBins(total, k)).map((b) => ({ value: b.key, label: b.label, count: b.count }));
      const { items, answeredShown } = partition(bins, n, k);
      const answered = bins.reduce((a, b) => a + b.count, 0);
      return { ...head(q), kind: "numeric", answered: answeredShown ? answered : null, items, ...numericStats(counts, k) };
    }
    case "date": {
      const counts = c.values(q.key);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const { period, items: periods } = periodCounts(counts);
      const cells = periods.map((m) => ({ value: m.key, label: m.label, count: m.count }));
      const { items, answeredShown } = partition(cells, n, k);
      return { ...head(q), kind: "date", period, answered: answeredShown ? total : null, items };
    }
    case "text":
      return {
        ...head(q),
        kind: "text",
        answered: c.answered(q.key) ?? 0,
        listable: q.listable,
        answers: q.listable ? (answers.get(q.key) ?? null) : null,
      };
    case "matrix":
      return {
        ...head(q),
        kind: "matrix",
        numeric: q.numeric,
        columns: q.columns,
        rows: q.rows.map((row) => {
          const r = choiceRow(c.values(q.key, row.value), q.columns, q.numeric, n, k);
          return { value: row.value, label: row.label, items: r.items, stats: r.stats, statsHidden: r.statsHidden };
        }),
      };
    case "matrixdropdown":
      return { ...head(q), kind: "matrixdropdown", columns: q.columns.map((col) => matrixColumn(q, q.rows, col, c, n, k)) };
    case "skipped":
      return { ...head(q), kind: "skipped", type: q.type, reason: q.reason };
  }
}

/**
 * The summary of a selection of n completed responses. `answers`: for listable text questions
 * (by data key), the answers to show — the caller passes them only for selections that may be shown.
 */
export function buildQuestionSummary(
  catalogue: QuestionCatalogue,
  rows: readonly SummaryCountRow[],
  n: number,
  k: number,
  answers: ReadonlyMap<string, string[]> = new Map(),
): QuestionSummary {
  const counts = new Counts(rows);
  return { n, k, pages: catalogue.pages, sections: catalogue.questions.map((q) => section(q, counts, n, k, answers)) };
}
