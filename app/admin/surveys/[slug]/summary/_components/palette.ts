// Colours of the summary's stacked bars: a blue sequence for ordered scales (ratings, numbers),
// distinct hues for unordered options; grey for "no answer", hatched grey for hidden figures.
const CATEGORICAL = ["#0b5cad", "#e07b00", "#1e6b35", "#b3261e", "#6a3d9a", "#00838f", "#8d6e00", "#ad1457", "#4e5d6c", "#5d8f00"];
export const NO_ANSWER_COLOUR = "#b9c0c8";
export const HIDDEN_COLOUR = "#eceff3";

/** Colour of option `index` of `count`: light to dark blue when ordered. */
export function optionColour(index: number, count: number, ordered: boolean): string {
  if (!ordered) return CATEGORICAL[index % CATEGORICAL.length] as string;
  const t = count <= 1 ? 1 : index / (count - 1);
  // From #c6dbef (light) to #08306b (dark), linearly in RGB.
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(198, 8)}, ${mix(219, 48)}, ${mix(239, 107)})`;
}
