// The plan's tables as CSV records (written by lib/export/csv-format like every export): the
// accepted modules with their figures, their audience per group and per site, and the logistics.
// Modules not shown (fewer than k people) and hidden counts are left out, as on the page.
import type { Cell } from "../export/columns";
import { TOPIC_FIGURE_COLUMNS } from "../export/needs-csv";
import type { Logistics } from "./logistics";
import { moduleTitle, type PlanLabels } from "./plan-labels";
import type { TrainingPlan } from "./plan-edits";

export const PLAN_HEADER = [
  "table",
  "module_order",
  "module",
  "module_title",
  "scope",
  "topic",
  "topic_title",
  "group",
  "group_label",
  "site",
  "site_label",
  "field",
  "value",
  "value_label",
  ...TOPIC_FIGURE_COLUMNS,
  "respondents",
  "officials",
  "suggested",
  "share",
  "borda",
  "places",
  "months",
  "notes",
];

const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

type Row = Partial<Record<(typeof PLAN_HEADER)[number], Cell>>;
const toCells = (row: Row): Cell[] => PLAN_HEADER.map((h) => row[h] ?? null);

export function planCsvRecords(plan: TrainingPlan, logistics: Logistics | null, labels: PlanLabels): Cell[][] {
  const out: Cell[][] = [];
  const modules = plan.modules.filter((m) => m.accepted && m.shown);
  modules.forEach((m, i) => {
    const head: Row = { module_order: i + 1, module: m.id, module_title: moduleTitle(m, labels), scope: m.scope };
    for (const t of m.topics) {
      if (!t.figures) continue;
      const f = t.figures;
      out.push(
        toCells({
          ...head,
          table: "module",
          topic: t.topic,
          topic_title: labels.topic(t.topic),
          group: m.group,
          group_label: m.group === null ? null : labels.group(m.group),
          n: f.n,
          mean_importance: round(f.meanImportance),
          mean_competence: round(f.meanCompetence),
          mean_discrepancy: round(f.meanDiscrepancy),
          mwds: round(f.mwds),
          rank: f.rank,
          quadrant: f.quadrant,
          respondents: m.audience.respondents,
          places: m.places.map(labels.site).join("; "),
          months: m.months.map(labels.month).join("; "),
          notes: m.notes,
        }),
      );
    }
    for (const g of m.audience.byGroup) {
      out.push(toCells({ ...head, table: "module_group", group: g.group, group_label: labels.group(g.group), respondents: g.respondents }));
    }
    for (const s of m.audience.sites) {
      out.push(
        toCells({
          ...head,
          table: "module_site",
          site: s.site,
          site_label: labels.site(s.site),
          respondents: s.respondents,
          officials: s.officials,
          suggested: m.audience.suggested.includes(s.site) ? 1 : 0,
        }),
      );
    }
  });
  if (logistics) {
    for (const q of Object.values(logistics)) {
      if (!q) continue;
      for (const item of q.items) {
        if (item.count === null) continue;
        out.push(
          toCells({
            table: "logistics",
            field: q.field,
            value: item.value,
            value_label: item.label[labels.locale],
            n: item.count,
            share: round(item.share),
            borda: "borda" in item ? round(item.borda as number | null) : null,
            notes: "implication" in item && item.implication ? (item.implication as { es: string; en: string })[labels.locale] : null,
          }),
        );
      }
    }
  }
  return out;
}
