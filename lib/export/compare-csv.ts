// The comparison of two rounds as CSV: one line per group, topic and measure, with each round's
// mean, the change and Welch's interval, and exactly the page's suppression (hidden groups and
// topics say why, no figures). Figures rounded to 3 decimals as in needs.csv.
import type { Cell } from "./columns";
import { ALL_GROUPS } from "./group-label";
import type { CompareReport, TopicComparison } from "@/lib/needs/compare-report";
import { MEASURES } from "@/lib/needs/round-comparison";

export const COMPARE_HEADER = [
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

const r3 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1000) / 1000);

export interface CompareCsvLabels {
  topicTitle: (code: string) => string;
  groupLabel: (group: string | null) => string;
}

export function compareCsvRecords(report: CompareReport, labels: CompareCsvLabels): Cell[][] {
  const by = report.by ?? "";
  const head = (group: string, label: string): Cell[] => [by, group, label, report.from.round, report.to.round];
  const empty = (n: number): Cell[] => Array.from({ length: n }, () => null);
  if (report.suppressed || !report.total) {
    const why = report.suppressed?.from ?? report.suppressed?.to ?? "not_released";
    return [[...head("(todos)", labels.groupLabel(ALL_GROUPS)), why, ...empty(14)]];
  }
  const topicRows = (group: string, label: string, topics: readonly TopicComparison[]): Cell[][] =>
    topics.flatMap((t) => {
      const lead: Cell[] = [...head(group, label)];
      if (t.suppressed || !t.measures) return [[...lead, t.suppressed, t.topic, labels.topicTitle(t.topic), t.n.from, t.n.to, ...empty(10)]];
      const m = t.measures;
      return MEASURES.map((measure) => [
        ...lead,
        t.intervalsWithheld ? "interval_withheld" : null,
        t.topic,
        labels.topicTitle(t.topic),
        t.n.from,
        t.n.to,
        measure,
        r3(m[measure].from),
        r3(m[measure].to),
        r3(m[measure].change),
        r3(m[measure].interval?.lo),
        r3(m[measure].interval?.hi),
        r3(m[measure].interval?.df),
        m[measure].verdict,
        t.quadrant?.from ?? null,
        t.quadrant?.to ?? null,
      ]);
    });
  const out = topicRows("(todos)", labels.groupLabel(ALL_GROUPS), report.total.topics);
  for (const g of report.groups) {
    const key = g.group ?? "(sin dato)";
    if (g.suppressed !== null) out.push([...head(key, labels.groupLabel(g.group)), g.suppressed, ...empty(14)]);
    else out.push(...topicRows(key, labels.groupLabel(g.group), g.topics));
  }
  return out;
}
