// The heatmap's colour scale: diverging at 0 (blue = competence above importance, red = need),
// scaled to the largest |MWDS| shown, with a text colour that keeps the number readable.
export interface HeatColor {
  background: string;
  color: string;
}

const WHITE = [255, 255, 255] as const;
const RED = [179, 0, 0] as const;
const BLUE = [33, 102, 172] as const;

function mix(from: readonly number[], to: readonly number[], t: number): string {
  const c = from.map((f, i) => Math.round(f + ((to[i] as number) - f) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export function heatColor(mwds: number, maxAbs: number): HeatColor {
  const t = maxAbs > 0 ? Math.min(1, Math.abs(mwds) / maxAbs) : 0;
  return { background: mix(WHITE, mwds < 0 ? BLUE : RED, t), color: t > 0.55 ? "#ffffff" : "#1b1f24" };
}

/** The scale's end: the largest |MWDS| among the values shown (at least 1, so a flat map stays pale). */
export function heatScale(values: readonly (number | null)[]): number {
  return Math.max(1, ...values.filter((v): v is number => v !== null).map((v) => Math.abs(v)));
}
