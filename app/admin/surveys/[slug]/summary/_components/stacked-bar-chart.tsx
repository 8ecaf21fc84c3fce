"use client";
// One horizontal bar per matrix row, split into the shares of its options (each row a partition
// of the selection). Hidden categories are one grey segment together — exactly what the shown
// ones leave over, so it reveals nothing — and every figure is also in the table beside it.
import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from "recharts";

export interface StackedSeries {
  key: string;
  label: string;
  colour: string;
}

export interface StackedRow {
  label: string;
  /** Percentage 0–100 per series key. */
  values: Record<string, number>;
}

interface Props {
  series: StackedSeries[];
  rows: StackedRow[];
  labelWidth?: number;
}

export function StackedBarChart({ series, rows, labelWidth = 260 }: Props) {
  const data = rows.map((r, i) => ({ key: `${i}`, ...r.values }));
  const labels = new Map(rows.map((r, i) => [`${i}`, r.label]));
  const height = 26 * rows.length + 80;
  const order = new Map(series.map((s, i) => [s.key, i]));
  const short = (s: string) => (s.length > 42 ? `${s.slice(0, 40)}…` : s);
  return (
    <BarChart responsive style={{ width: "100%", height }} data={data} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 4 }}>
      <CartesianGrid horizontal={false} strokeDasharray="3 3" />
      <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v} %`} tick={{ fontSize: 11 }} />
      <YAxis
        type="category"
        dataKey="key"
        width={labelWidth}
        interval={0}
        tick={{ fontSize: 11 }}
        tickFormatter={(k: string) => short(labels.get(k) ?? k)}
      />
      {/* In the bars' order (Recharts sorts by name by default), in the text colour: the lightest
          segments would be unreadable in their own. */}
      <Legend
        verticalAlign="top"
        itemSorter={(item) => order.get(String(item.dataKey)) ?? 0}
        wrapperStyle={{ fontSize: 12 }}
        formatter={(value: string) => <span style={{ color: "#1b1f24" }}>{value}</span>}
      />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} stackId="row" fill={s.colour} isAnimationActive={false} barSize={16} />
      ))}
    </BarChart>
  );
}
