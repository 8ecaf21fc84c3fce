"use client";
// Horizontal bars of shares (0–100 %) with the figure at the end of each bar; a hidden category
// keeps its row and shows "< k" instead of a bar, so suppression is visible, not blank.
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from "recharts";

export interface BarDatum {
  label: string;
  /** Percentage 0–100; null when hidden. */
  value: number | null;
  /** What to print at the bar's end, e.g. "42 % (17)" or "< 5". */
  text: string;
}

interface Props {
  data: BarDatum[];
  /** Width of the category labels, px. */
  labelWidth?: number;
  colour?: string;
  max?: number;
}

export function ShareBarChart({ data, labelWidth = 190, colour = "#0b5cad", max = 100 }: Props) {
  const rows = data.map((d) => ({ ...d, bar: d.value ?? 0 }));
  const height = 28 * rows.length + 36;
  return (
    <BarChart
      responsive
      style={{ width: "100%", height }}
      data={rows}
      layout="vertical"
      margin={{ top: 4, right: 72, bottom: 4, left: 4 }}
    >
      <CartesianGrid horizontal={false} strokeDasharray="3 3" />
      <XAxis type="number" domain={[0, max]} tickFormatter={(v: number) => `${v}${max === 100 ? " %" : ""}`} />
      <YAxis type="category" dataKey="label" width={labelWidth} tick={{ fontSize: 12 }} interval={0} />
      <Bar dataKey="bar" fill={colour} isAnimationActive={false} barSize={16}>
        <LabelList dataKey="text" position="right" fontSize={12} fill="#1b1f24" />
      </Bar>
    </BarChart>
  );
}
