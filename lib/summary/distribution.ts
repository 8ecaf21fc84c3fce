// Distributions of numeric and date answers from their value counts (what the SQL returns): the
// mean and median, bins for numbers, calendar months for dates. Pure arithmetic, no suppression.
import type { LocalizedText } from "../localized-text";

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
    return sorted.map((v) => ({ key: plain(v.value), from: v.value, to: v.value, label: { es: plain(v.value), en: plain(v.value) }, count: v.count }));
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
/** Months between the first and the last answer are listed with 0 when the span is at most this. */
const MAX_FILLED_MONTHS = 36;

export interface MonthCount {
  key: string;
  label: LocalizedText;
  count: number;
}

function monthLabel(key: string): LocalizedText {
  const m = MONTH.exec(key);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) return { es: key, en: key };
  return { es: `${MONTHS_ES[month - 1]} ${m[1]}`, en: `${MONTHS_EN[month - 1]} ${m[1]}` };
}

/** Counts per calendar month ("YYYY-MM" keys) in order, with the empty months in between. */
export function monthCounts(counts: ReadonlyMap<string, number>): MonthCount[] {
  const keys = [...counts.keys()].sort();
  const months = keys.filter((k) => MONTH.test(k));
  const index = (k: string) => Number(k.slice(0, 4)) * 12 + Number(k.slice(5, 7)) - 1;
  let all = keys;
  if (months.length > 0 && months.length === keys.length) {
    const first = index(months[0]!);
    const last = index(months[months.length - 1]!);
    if (last - first < MAX_FILLED_MONTHS) {
      all = Array.from({ length: last - first + 1 }, (_, i) => {
        const v = first + i;
        return `${Math.floor(v / 12)}-${String((v % 12) + 1).padStart(2, "0")}`;
      });
    }
  }
  return all.map((key) => ({ key, label: monthLabel(key), count: counts.get(key) ?? 0 }));
}
