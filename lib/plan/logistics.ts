// Format and calendar of the training plan, from the question summary's sections (already
// suppressed by lib/summary) of the logistics questions the needs declaration names: modalities
// by Borda count, duration, schedule, the months most people can attend, the main obstacles.
import type { LocalizedText } from "../surveys/localized-text";
import type { PlanningDeclaration, PlanningField } from "../needs/declaration";
import { NO_ANSWER, type SummarySection } from "../summary/question-summary";

/** Months proposed: the ones most respondents can attend, at most this many. */
export const TOP_MONTHS = 3;

export interface LogisticsItem {
  value: string;
  label: LocalizedText;
  /** null when hidden (small cell). */
  count: number | null;
  share: number | null;
}

export interface ModalityItem extends LogisticsItem {
  /**
   * Mean Borda score among those who ranked it: m − mean position (m options; first place scores
   * m − 1, last 0). null when the mean positions are hidden (fewer than k rankers).
   */
  borda: number | null;
}

export interface LogisticsQuestion<T extends LogisticsItem = LogisticsItem> {
  field: PlanningField;
  title: LocalizedText;
  /** Respondents the items are shares of (rankers for a ranking); null when hidden. */
  base: number | null;
  /** Most chosen first (modality: highest Borda first). */
  items: T[];
}

export interface Obstacle extends LogisticsItem {
  implication: LocalizedText | null;
}

export interface Logistics {
  modality: LogisticsQuestion<ModalityItem> | null;
  duration: LogisticsQuestion | null;
  schedule: LogisticsQuestion | null;
  months: (LogisticsQuestion & { best: string[] }) | null;
  obstacles: LogisticsQuestion<Obstacle> | null;
}

const byCount = <T extends LogisticsItem>(a: T, b: T) => (b.count ?? -1) - (a.count ?? -1);

function items(section: SummarySection): LogisticsItem[] {
  if (section.kind !== "choice" && section.kind !== "multi" && section.kind !== "ranking") return [];
  return section.items.filter((i) => i.value !== NO_ANSWER).map((i) => ({ value: i.value, label: i.label, count: i.count, share: i.share }));
}

function question(field: PlanningField, section: SummarySection, n: number): LogisticsQuestion {
  const base = section.kind === "choice" ? section.answered : n;
  return { field, title: section.title, base, items: items(section).sort(byCount) };
}

/** The logistics part of the plan; null when the survey names no logistics question. */
export function planLogistics(planning: PlanningDeclaration, sections: readonly SummarySection[], n: number): Logistics | null {
  const find = (field: PlanningField) => (planning[field] ? sections.find((s) => s.name === planning[field]) : undefined);
  const out: Logistics = { modality: null, duration: null, schedule: null, months: null, obstacles: null };
  const modality = find("modality");
  if (modality?.kind === "ranking") {
    const m = modality.items.length;
    const list = modality.items
      .map((i) => ({ value: i.value, label: i.label, count: i.count, share: i.share, borda: i.meanRank === null ? null : m - i.meanRank }))
      .sort((a, b) => (b.borda ?? -1) - (a.borda ?? -1) || (b.count ?? -1) - (a.count ?? -1));
    out.modality = { field: "modality", title: modality.title, base: modality.rankers, items: list };
  } else if (modality) {
    out.modality = {
      ...question("modality", modality, n),
      items: items(modality)
        .map((i) => ({ ...i, borda: null }))
        .sort(byCount),
    };
  }
  for (const field of ["duration", "schedule"] as const) {
    const s = find(field);
    if (s) out[field] = question(field, s, n);
  }
  const months = find("months");
  if (months) {
    const q = question("months", months, n);
    // The most available months, told in calendar (the question's) order.
    const best = new Set(
      q.items
        .filter((i) => i.count !== null && i.count > 0)
        .slice(0, TOP_MONTHS)
        .map((i) => i.value),
    );
    out.months = {
      ...q,
      best: items(months)
        .map((i) => i.value)
        .filter((v) => best.has(v)),
    };
  }
  const obstacles = find("obstacles");
  if (obstacles) {
    const q = question("obstacles", obstacles, n);
    out.obstacles = { ...q, items: q.items.map((i) => ({ ...i, implication: planning.implications?.[i.value] ?? null })) };
  }
  return Object.values(out).some((v) => v !== null) ? out : null;
}
