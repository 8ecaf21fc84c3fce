// The heatmap's colour scale: diverging at 0 (blue = competence above importance, red = need),
// scaled to the largest |MWDS| shown, with a text colour that keeps the number readable (4.5:1).
export interface HeatColor {
  background: string;
  color: string;
}

const WHITE = [255, 255, 255] as const;
const RED = [179, 0, 0] as const;
const BLUE = [33, 102, 172] as const;

function mix(from: readonly number[], to: readonly number[], t: number): number[] {
  return from.map((f, i) => Math.round(f + ((to[i] as number) - f) * t));
}

/** WCAG relative luminance of an sRGB colour. */
function luminance(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The house's dark text where it reads at 4.5:1 (WCAG AA), else white or black, whichever reads better. */
function textColor(background: readonly number[]): string {
  const l = luminance(background);
  const contrast = (a: number) => (Math.max(a, l) + 0.05) / (Math.min(a, l) + 0.05);
  if (contrast(luminance([27, 31, 36])) >= 4.5) return "#1b1f24";
  return contrast(1) >= contrast(0) ? "#ffffff" : "#000000";
}

export function heatColor(mwds: number, maxAbs: number): HeatColor {
  const t = maxAbs > 0 ? Math.min(1, Math.abs(mwds) / maxAbs) : 0;
  const c = mix(WHITE, mwds < 0 ? BLUE : RED, t);
  return { background: `rgb(${c[0]}, ${c[1]}, ${c[2]})`, color: textColor(c) };
}

/** The scale's end: the largest |MWDS| among the values shown (at least 1, so a flat map stays pale). */
export function heatScale(values: readonly (number | null)[]): number {
  return Math.max(1, ...values.filter((v): v is number => v !== null).map((v) => Math.abs(v)));
}
