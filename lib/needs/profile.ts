// Profile and logistics of a group from SQL category counts: distributions, prior-training rates,
// modality preferences (share ranked first, mean rank), with small-cell suppression.
import { suppressCounts, type HiddenReason } from "./suppression";

/** Single-choice (and yes/no) questions: their answers partition the group. */
export const PARTITION_FIELDS = [
  "institucion",
  "region",
  "cargo_categoria",
  "anios_institucion",
  "anios_casos",
  "capacitacion_tim",
  "capacitacion_tdp",
  "duracion",
  "horario",
] as const;
/** Multiple-choice questions: counts per option (a respondent may be in several). */
export const MULTI_FIELDS = ["capacitacion_tim_entidad", "meses_disponibles", "obstaculos"] as const;
export const RANKING_FIELD = "modalidad_orden";
export const PROFILE_FIELDS: readonly string[] = [...PARTITION_FIELDS, ...MULTI_FIELDS, RANKING_FIELD];
export const OPEN_QUESTIONS = ["otras_necesidades", "caso_reciente", "sugerencias"] as const;
export type OpenQuestion = (typeof OPEN_QUESTIONS)[number];
export const NO_ANSWER = "__none";

export interface ProfileCountRow {
  field: string;
  /** Choice code; "true"/"false" for yes/no questions; null for an empty multiple choice. */
  value: string | null;
  /** 0-based position in the ranking (ranking question only). */
  position: number | null;
  n: number;
}

export interface ProfileItem {
  value: string;
  /** Respondents (null when hidden). */
  count: number | null;
  /** count / group n (null when hidden). */
  share: number | null;
  hidden: HiddenReason | null;
}

export interface ProfileSection {
  field: string;
  kind: "partition" | "multi";
  items: ProfileItem[];
}

export interface ModalityItem {
  value: string;
  firstCount: number | null;
  firstShare: number | null;
  meanRank: number | null;
  hidden: HiddenReason | null;
}

export interface Profile {
  n: number;
  sections: ProfileSection[];
  modality: { rankers: number; items: ModalityItem[]; meanRankHidden: boolean };
}

/** Choice codes per field in display order (from the survey); yes/no fields get true/false. */
export type FieldChoices = Record<string, readonly string[]>;

function countsOf(rows: readonly ProfileCountRow[], field: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) if (r.field === field && r.value !== null) m.set(r.value, (m.get(r.value) ?? 0) + r.n);
  return m;
}

function ordered(choices: readonly string[] | undefined, counts: Map<string, number>): string[] {
  const known = [...(choices ?? [])];
  const extra = [...counts.keys()].filter((v) => !known.includes(v)).sort();
  return [...known, ...extra];
}

export function buildProfile(rows: readonly ProfileCountRow[], n: number, k: number, choices: FieldChoices): Profile {
  const share = (c: number | null, of: number) => (c === null || of === 0 ? null : c / of);
  const sections: ProfileSection[] = [];
  for (const field of PARTITION_FIELDS) {
    const counts = countsOf(rows, field);
    const values = ordered(choices[field], counts);
    const answered = [...counts.values()].reduce((a, b) => a + b, 0);
    const cells = values.map((v) => ({ key: v, count: counts.get(v) ?? 0 }));
    if (n - answered > 0) cells.push({ key: NO_ANSWER, count: n - answered });
    const items = suppressCounts(cells, k, true).map((c) => ({ value: c.key, count: c.count, share: share(c.count, n), hidden: c.hidden }));
    sections.push({ field, kind: "partition", items });
  }
  for (const field of MULTI_FIELDS) {
    const counts = countsOf(rows, field);
    const cells = ordered(choices[field], counts).map((v) => ({ key: v, count: counts.get(v) ?? 0 }));
    const items = suppressCounts(cells, k, false).map((c) => ({ value: c.key, count: c.count, share: share(c.count, n), hidden: c.hidden }));
    sections.push({ field, kind: "multi", items });
  }
  return { n, sections, modality: modality(rows, k, choices[RANKING_FIELD]) };
}

function modality(rows: readonly ProfileCountRow[], k: number, choices: readonly string[] | undefined): Profile["modality"] {
  const ranking = rows.filter((r) => r.field === RANKING_FIELD && r.value !== null && r.position !== null);
  const first = new Map<string, number>();
  const rankSum = new Map<string, { sum: number; count: number }>();
  for (const r of ranking) {
    const v = r.value as string;
    if (r.position === 0) first.set(v, (first.get(v) ?? 0) + r.n);
    const s = rankSum.get(v) ?? { sum: 0, count: 0 };
    s.sum += ((r.position as number) + 1) * r.n;
    s.count += r.n;
    rankSum.set(v, s);
  }
  const rankers = [...first.values()].reduce((a, b) => a + b, 0);
  const values = ordered(choices, new Map([...rankSum.keys()].map((v) => [v, 0])));
  const firstCells = suppressCounts(values.map((v) => ({ key: v, count: first.get(v) ?? 0 })), k, true);
  // Mean ranks describe everyone who ranked: shown only when they number at least k.
  const meanRankHidden = rankers < k;
  return {
    rankers,
    meanRankHidden,
    items: firstCells.map((c) => {
      const s = rankSum.get(c.key);
      return {
        value: c.key,
        firstCount: c.count,
        firstShare: c.count === null || rankers === 0 ? null : c.count / rankers,
        meanRank: meanRankHidden || !s || s.count === 0 ? null : s.sum / s.count,
        hidden: c.hidden,
      };
    }),
  };
}
