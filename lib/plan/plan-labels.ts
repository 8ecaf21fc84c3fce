// How the plan's codes read in one language (topics, groups, sites, months, quadrants), shared by
// the printed page, the .docx and the CSV; and a tiny "{name}" filler for the document's texts.
import type { Quadrant } from "../needs/locus-for-focus";

export interface PlanLabels {
  locale: "es" | "en";
  topic: (code: string) => string;
  group: (value: string | null) => string;
  site: (value: string) => string;
  month: (value: string) => string;
  quadrant: (q: Quadrant | null) => string;
  /** Title of the groups and the sites breakdowns (e.g. "Institución", "Región"). */
  groupsTitle: string;
  sitesTitle: string | null;
}

/** A module's title as shown: the coordinator's, else its topics' titles joined. */
export function moduleTitle(m: { title: string | null; topics: readonly { topic: string }[] }, labels: PlanLabels): string {
  return m.title || m.topics.map((t) => `${t.topic} ${labels.topic(t.topic)}`).join(" + ");
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}

/** Numbers as the locale writes them: 2 decimals, a comma in Spanish. */
export function decimal(v: number | null, locale: "es" | "en", digits = 2): string {
  if (v === null) return "–";
  return new Intl.NumberFormat(locale === "es" ? "es-PE" : "en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}

export function percent(v: number | null, locale: "es" | "en"): string {
  if (v === null) return "–";
  return new Intl.NumberFormat(locale === "es" ? "es-PE" : "en-GB", { style: "percent", maximumFractionDigits: 0 }).format(v);
}
