"use client";
// Horizontal bars of shares with each row's figure in a column on the right ("42 % (17)"); a hidden
// category keeps its row and shows "< k" there instead of a bar, so suppression is visible.
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";

export interface BarDatum {
  label: string;
  /** Percentage 0–100; null when hidden. */
  value: number | null;
  /** What to print in the figures column, e.g. "42 % (17)" or "< 5". */
  text: string;
}

interface Props {
  data: BarDatum[];
  /** Width of the category labels, px. */
  labelWidth?: number;
  colour?: string;
}

/** The axis end: the largest share rounded up to the next 10 % (at least 10 %, at most 100 %). */
function axisMax(data: BarDatum[]): number {
  const top = Math.max(0, ...data.map((d) => d.value ?? 0));
  return Math.min(100, Math.max(10, Math.ceil(top / 10) * 10));
}

export function ShareBarChart({ data, labelWidth = 210, colour = "#0b5cad" }: Props) {
  const rows = data.map((d, i) => ({ ...d, key: `${i}`, bar: d.value ?? 0 }));
  const height = 30 * rows.length + 34;
  const max = axisMax(data);
  const step = max <= 20 ? 5 : max <= 50 ? 10 : 20;
  const ticks = Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return (
    <BarChart responsive style={{ width: "100%", height }} data={rows} layout="vertical" margin={{ top: 4, right: 4, bottom: 4, left: 4 }}>
      <CartesianGrid horizontal={false} strokeDasharray="3 3" />
      <XAxis type="number" domain={[0, max]} ticks={ticks} tickFormatter={(v: number) => `${v} %`} tick={{ fontSize: 11 }} />
      <YAxis
        yAxisId="label"
        type="category"
        dataKey="key"
        width={labelWidth}
        interval={0}
        tick={{ fontSize: 11 }}
        tickFormatter={(k: string) => byKey.get(k)?.label ?? k}
      />
      <YAxis
        yAxisId="figure"
        orientation="right"
        type="category"
        dataKey="key"
        width={84}
        interval={0}
        axisLine={false}
        tickLine={false}
        tick={{ fontSize: 12, fill: "#1b1f24", fontWeight: 600 }}
        tickFormatter={(k: string) => byKey.get(k)?.text ?? ""}
      />
      <Bar yAxisId="label" dataKey="bar" fill={colour} isAnimationActive={false} barSize={16} />
    </BarChart>
  );
}
