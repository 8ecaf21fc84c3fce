// How the summary's figures read on screen, the same in every section: shares as whole
// percentages, means with two decimals, and a hidden count as "< k".
import type { Locale } from "@/i18n/locales";
import type { SummaryItem } from "@/lib/summary/question-summary";

export interface SummaryFormat {
  locale: Locale;
  k: number;
  /** What a hidden figure shows instead. */
  hidden: string;
  pct: (share: number) => string;
  /** Means: two decimals. */
  dec: (value: number) => string;
  /** Medians and other values: at most two decimals ("4", "3.5"). */
  num: (value: number) => string;
  /** "42 % (17)", or the hidden text. */
  figure: (item: Pick<SummaryItem, "count" | "share">) => string;
  /** A share as a bar length, 0–100 with one decimal; null when hidden. */
  bar: (share: number | null) => number | null;
}

export function summaryFormat(locale: Locale, k: number, hidden: string): SummaryFormat {
  const tag = locale === "en" ? "en" : "es-PE";
  const pct = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const num = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  return {
    locale,
    k,
    hidden,
    pct: (share) => pct.format(share),
    dec: (value) => dec.format(value),
    num: (value) => num.format(value),
    figure: (item) => (item.count === null ? hidden : `${pct.format(item.share ?? 0)} (${item.count})`),
    bar: (share) => (share === null ? null : Math.round(share * 1000) / 10),
  };
}

/** An id for a question's heading (anchors of the contents list). */
export function questionAnchor(key: string): string {
  return `q-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}
