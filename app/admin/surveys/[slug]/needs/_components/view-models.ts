// Plain data for the chart and table leaves, from a NeedsReport (server side).
import type { GroupFigures, NeedsReport } from "@/lib/needs/needs-report";
import type { HiddenReason } from "@/lib/needs/suppression";
import type { HeatColumn } from "./heatmap";
import type { LoadedView } from "./load-view";
import type { QuadrantPoint } from "./quadrant-chart";
import type { RankingGroup, Scores } from "./ranking-table";

type T = (key: string, values?: Record<string, string | number>) => string;

export const TOTAL_KEY = "__total";

export function topicList(v: LoadedView): { code: string; title: string }[] {
  return v.context.topics.map((t) => ({ code: t.code, title: t.title[v.locale] }));
}

function scores(f: GroupFigures): Record<string, Scores> {
  return Object.fromEntries(
    f.topics.map((s) => [
      s.topic,
      {
        n: s.n,
        meanImportance: s.meanImportance,
        meanCompetence: s.meanCompetence,
        meanDiscrepancy: s.meanDiscrepancy,
        mwds: s.mwds,
        rank: s.rank,
      },
    ]),
  );
}

/** "Rating scale: 1 to 5 …; MWDS ranges from −20 to 20", from the declared scale. */
export function scaleNote(v: LoadedView, t: T): string {
  const scale = v.survey.needs?.scale;
  if (!scale) return "";
  const span = scale.max * (scale.max - scale.min);
  return t("ranking.scale", { min: scale.min, max: scale.max, low: -span, high: span });
}

export const groupKey = (group: string | null) => group ?? "__none";

/** Why a group shows no figures, as the views say it. */
export function suppressedNote(t: T, k: number, reason: HiddenReason): string {
  return reason === "primary" ? t("suppressed.group", { k }) : t(`suppressed.${reason}`, { k });
}

export function rankingGroups(report: NeedsReport, v: LoadedView, t: T): RankingGroup[] {
  if (!report.total) return [];
  const groups: RankingGroup[] = [{ key: TOTAL_KEY, label: t("groups.total"), n: report.total.n, scores: scores(report.total), note: null }];
  for (const g of report.groups) {
    const label = v.groupLabel(report.by ?? "", g.group);
    if (g.suppressed) groups.push({ key: groupKey(g.group), label, n: null, scores: null, note: suppressedNote(t, v.k, g.suppressed) });
    else groups.push({ key: groupKey(g.group), label, n: g.n, scores: scores(g), note: null });
  }
  return groups;
}

function mwdsOf(f: GroupFigures): Record<string, number | null> {
  return Object.fromEntries(f.topics.map((s) => [s.topic, s.mwds]));
}

export function heatColumns(report: NeedsReport, v: LoadedView, t: T, withTotal = true): HeatColumn[] {
  if (!report.total) return [];
  const columns: HeatColumn[] = withTotal ? [{ key: TOTAL_KEY, label: t("groups.total"), mwds: mwdsOf(report.total) }] : [];
  for (const g of report.groups) {
    columns.push({
      key: groupKey(g.group),
      label: v.groupLabel(report.by ?? "", g.group),
      mwds: g.suppressed ? null : mwdsOf(g),
      hidden: g.suppressed,
    });
  }
  return columns;
}

export function quadrantPoints(f: GroupFigures, topics: { code: string; title: string }[]): QuadrantPoint[] {
  const title = new Map(topics.map((tp) => [tp.code, tp.title]));
  return f.topics.flatMap((s) =>
    s.quadrant && s.meanImportance !== null && s.meanDiscrepancy !== null
      ? [{ code: s.topic, title: title.get(s.topic) ?? s.topic, x: s.meanImportance, y: s.meanDiscrepancy, quadrant: s.quadrant }]
      : [],
  );
}

export function quadrantLabels(t: T) {
  return {
    x: t("quadrant.x"),
    y: t("quadrant.y"),
    quadrants: {
      prioridad_alta: t("quadrant.prioridad_alta"),
      prioridad_secundaria: t("quadrant.prioridad_secundaria"),
      mantener: t("quadrant.mantener"),
      baja_prioridad: t("quadrant.baja_prioridad"),
    },
  };
}

export function rankingLabels(t: T, caption: string) {
  const metrics = ["n", "meanImportance", "meanCompetence", "meanDiscrepancy", "mwds", "rank"] as const;
  return {
    topic: t("ranking.topic"),
    columns: t("ranking.columns"),
    metrics: Object.fromEntries(metrics.map((m) => [m, t(`ranking.${m}`)])) as Record<(typeof metrics)[number], string>,
    short: Object.fromEntries(metrics.map((m) => [m, t(`ranking.short.${m}`)])) as Record<(typeof metrics)[number], string>,
    sortBy: t("ranking.sortBy", { column: "{column}" }),
    sortedAsc: t("ranking.sortedAsc"),
    sortedDesc: t("ranking.sortedDesc"),
    caption,
  };
}
