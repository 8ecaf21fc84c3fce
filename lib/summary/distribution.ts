// Distributions of numeric and date answers from their value counts (what the SQL returns): the
// mean and median, bins for numbers, months, quarters or years for dates. Pure arithmetic, no
// suppression.
import type { LocalizedText } from "../surveys/localized-text";

export interface ValueCount {
  value: number;
  count: number;
}

export interface Stats {
  mean: number;
  median: number;
}

/** Mean and median of the values counted (null when there is none). */
export function statsOf(values: readonly ValueCount[]): Stats | null {
  const sorted = values.filter((v) => v.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, v) => s + v.count, 0);
  if (total === 0) return null;
  const sum = sorted.reduce((s, v) => s + v.value * v.count, 0);
  // The median is the middle value (odd totals) or the mean of the two middle ones (even totals).
  const at = (index: number): number => {
    let seen = 0;
    for (const v of sorted) {
      seen += v.count;
      if (index < seen) return v.value;
    }
    return sorted[sorted.length - 1]!.value;
  };
  const median = total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
  return { mean: sum / total, median };
}

export interface Bin {
  key: string;
  /** Lowest value in the bin. */
  from: number;
  /** Upper end, exclusive; equal to `from` for a bin of one value. */
  to: number;
  label: LocalizedText;
  count: number;
}

/** A "nice" bin width (1, 2, 2.5 or 5 × 10^p) giving about `target` bins over the range. */
function niceWidth(range: number, target: number, integers: boolean): number {
  const raw = range / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const width = [1, 2, 2.5, 5, 10].map((m) => m * power).find((w) => w >= raw) ?? 10 * power;
  return integers ? Math.max(1, Math.ceil(width)) : width;
}

const plain = (v: number) => String(Number(v.toPrecision(12)));

/**
 * How many bins a numeric answer gets: about 2k answers per bin, so that few are hidden, and
 * between 3 and 10 of them.
 */
export function targetBins(answered: number, k: number): number {
  return Math.min(10, Math.max(3, Math.floor(answered / (2 * k))));
}

/**
 * Bins of a numeric answer: each distinct value when there are at most `target` of them, else
 * about `target` equal-width bins aligned on a multiple of a nice width ("10–19" for whole
 * numbers, "10 a < 20" otherwise).
 */
export function binValues(values: readonly ValueCount[], target: number): Bin[] {
  const sorted = values.filter((v) => v.count > 0).sort((a, b) => a.value - b.value);
  if (sorted.length === 0) return [];
  if (sorted.length <= target) {
    return sorted.map((v) => ({
      key: plain(v.value),
      from: v.value,
      to: v.value,
      label: { es: plain(v.value), en: plain(v.value) },
      count: v.count,
    }));
  }
  const min = sorted[0]!.value;
  const max = sorted[sorted.length - 1]!.value;
  const integers = sorted.every((v) => Number.isInteger(v.value));
  const width = niceWidth(max - min, target, integers);
  const start = Math.floor(min / width) * width;
  const count = Math.floor((max - start) / width) + 1;
  const bins: Bin[] = Array.from({ length: count }, (_, i) => {
    const from = Number((start + i * width).toPrecision(12));
    const to = Number((start + (i + 1) * width).toPrecision(12));
    const label = integers
      ? { es: `${plain(from)}–${plain(to - 1)}`, en: `${plain(from)}–${plain(to - 1)}` }
      : { es: `${plain(from)} a < ${plain(to)}`, en: `${plain(from)} to < ${plain(to)}` };
    return { key: `${plain(from)}..${plain(to)}`, from, to, label, count: 0 };
  });
  for (const v of sorted) {
    const index = Math.min(count - 1, Math.floor((v.value - start) / width + 1e-9));
    bins[index]!.count += v.count;
  }
  return bins;
}

const MONTH = /^(\d{4})-(\d{2})$/;
const MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SHORT_ES = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"];
const SHORT_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** A date answer is shown by the finest period giving at most this many bars. */
const MAX_PERIODS = 12;

export type Period = "month" | "quarter" | "year";

export interface PeriodCount {
  /** "YYYY-MM", "YYYY-Qn" or "YYYY"; a value that is not a month, as written. */
  key: string;
  label: LocalizedText;
  count: number;
}

/** Months since year 0 of a "YYYY-MM" key. */
const monthIndex = (key: string) => Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
const size: Record<Period, number> = { month: 1, quarter: 3, year: 12 };

function periodOf(index: number, period: Period): { key: string; label: LocalizedText } {
  const year = Math.floor(index / 12);
  const month = index % 12;
  if (period === "year") return { key: String(year), label: { es: String(year), en: String(year) } };
  if (period === "quarter") {
    const q = Math.floor(month / 3);
    const es = `${SHORT_ES[q * 3]}–${SHORT_ES[q * 3 + 2]} ${year}`;
    const en = `${SHORT_EN[q * 3]}–${SHORT_EN[q * 3 + 2]} ${year}`;
    return { key: `${year}-Q${q + 1}`, label: { es, en } };
  }
  return { key: `${year}-${String(month + 1).padStart(2, "0")}`, label: { es: `${MONTHS_ES[month]} ${year}`, en: `${MONTHS_EN[month]} ${year}` } };
}

/**
 * Counts of a date answer per period, from counts per calendar month ("YYYY-MM" keys): months,
 * quarters or years — the finest whose bars from the first to the last answer number at most
 * `maxBars` (default 12) — in order, the empty periods in between included. Keys that are not a
 * valid month are listed after them, as written.
 */
export function periodCounts(counts: ReadonlyMap<string, number>, maxBars = MAX_PERIODS): { period: Period; items: PeriodCount[] } {
  const valid = [...counts.keys()].filter((k) => MONTH.test(k) && Number(k.slice(5, 7)) >= 1 && Number(k.slice(5, 7)) <= 12);
  const other = [...counts.keys()].filter((k) => !valid.includes(k)).sort();
  const others = other.map((key) => ({ key, label: { es: key, en: key }, count: counts.get(key) ?? 0 }));
  if (valid.length === 0) return { period: "month", items: others };
  const indices = valid.map(monthIndex);
  const first = Math.min(...indices);
  const last = Math.max(...indices);
  const span = (p: Period) => Math.floor(last / size[p]) - Math.floor(first / size[p]) + 1;
  const period = (["month", "quarter", "year"] as const).find((p) => span(p) <= maxBars) ?? "year";
  const step = size[period];
  const start = Math.floor(first / step) * step;
  const items = Array.from({ length: span(period) }, (_, i) => ({ ...periodOf(start + i * step, period), count: 0 }));
  for (const key of valid) items[Math.floor((monthIndex(key) - start) / step)]!.count += counts.get(key) ?? 0;
  return { period, items: [...items, ...others] };
}
