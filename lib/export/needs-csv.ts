// The aggregated needs CSV: the dashboard's ranking for a breakdown and filters, one line per
// group and topic, with exactly the dashboard's suppression (hidden groups say why, no figures).
import type { Cell } from "./columns";
import { ALL_GROUPS } from "./group-label";
import type { GroupFigures, NeedsReport } from "@/lib/needs/needs-report";

/** A topic's figures, as every export that carries them names their columns. */
export const TOPIC_FIGURE_COLUMNS = ["n", "mean_importance", "mean_competence", "mean_discrepancy", "mwds", "rank", "quadrant"] as const;

export const NEEDS_HEADER = ["breakdown", "group", "group_label", "group_n", "suppressed", "topic", "topic_title", ...TOPIC_FIGURE_COLUMNS];

// 3 decimals read well on a 1–5 scale in a spreadsheet; the JSON API keeps full precision and the
// ranks come from the unrounded figures (docs/api.md › Exports says so).
const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

export interface NeedsCsvLabels {
  topicTitle: (code: string) => string;
  groupLabel: (group: string | null) => string;
}

function figureRows(by: string, group: string, label: string, figures: GroupFigures, labels: NeedsCsvLabels): Cell[][] {
  return figures.topics.map((t) => [
    by,
    group,
    label,
    figures.n,
    null,
    t.topic,
    labels.topicTitle(t.topic),
    t.n,
    round(t.meanImportance),
    round(t.meanCompetence),
    round(t.meanDiscrepancy),
    round(t.mwds),
    t.rank,
    t.quadrant,
  ]);
}

export function needsCsvRecords(report: NeedsReport, labels: NeedsCsvLabels): Cell[][] {
  if (report.suppressed) {
    return [
      [report.by ?? "", "(todos)", labels.groupLabel(ALL_GROUPS), null, report.suppressed, null, null, null, null, null, null, null, null, null],
    ];
  }
  const out: Cell[][] = [];
  const by = report.by ?? "";
  if (report.total) out.push(...figureRows(by, "(todos)", labels.groupLabel(ALL_GROUPS), report.total, labels));
  for (const g of report.groups) {
    const key = g.group ?? "(sin dato)";
    if (g.suppressed) out.push([by, key, labels.groupLabel(g.group), null, g.suppressed, null, null, null, null, null, null, null, null, null]);
    else out.push(...figureRows(by, key, labels.groupLabel(g.group), g, labels));
  }
  return out;
}
