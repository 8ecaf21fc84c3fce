// Locus for Focus (Mink, Shultz & Mink, 1991): x = mean importance Ī_j, y = mean discrepancy D̄_j,
// divided at the means of Ī_j and D̄_j over the topics shown. A point exactly on a dividing line
// belongs to the higher side; "exactly" is decided with exact fractions.
import type { TopicSums } from "./borich";
import { add, compare, divideByInt, fraction, toNumber, type Fraction } from "./fraction";

export const QUADRANTS = ["prioridad_alta", "prioridad_secundaria", "mantener", "baja_prioridad"] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export interface LocusPoint {
  topic: string;
  meanImportance: number;
  meanDiscrepancy: number;
  quadrant: Quadrant;
}

export interface LocusForFocus {
  /** The vertical dividing line: mean of Ī_j over the topics shown. */
  importanceLine: number;
  /** The horizontal dividing line: mean of D̄_j over the topics shown. */
  discrepancyLine: number;
  points: LocusPoint[];
}

export function quadrantOf(highImportance: boolean, highDiscrepancy: boolean): Quadrant {
  if (highDiscrepancy) return highImportance ? "prioridad_alta" : "prioridad_secundaria";
  return highImportance ? "mantener" : "baja_prioridad";
}

/** The chart for the topics with at least one counted respondent; null when there are none. */
export function locusForFocus(sums: readonly TopicSums[]): LocusForFocus | null {
  const shown = sums
    .filter((s) => s.n > 0)
    .map((s) => ({
      topic: s.topic,
      x: fraction(s.sumImportance, s.n),
      y: fraction(s.sumImportance - s.sumCompetence, s.n),
    }));
  if (shown.length === 0) return null;
  const mean = (values: Fraction[]) => divideByInt(values.reduce(add, fraction(0)), values.length);
  const xLine = mean(shown.map((p) => p.x));
  const yLine = mean(shown.map((p) => p.y));
  return {
    importanceLine: toNumber(xLine),
    discrepancyLine: toNumber(yLine),
    points: shown.map((p) => ({
      topic: p.topic,
      meanImportance: toNumber(p.x),
      meanDiscrepancy: toNumber(p.y),
      quadrant: quadrantOf(compare(p.x, xLine) >= 0, compare(p.y, yLine) >= 0),
    })),
  };
}
