"use client";
// Dumbbell chart of each topic's MWDS in two rounds: an open circle for the baseline, a filled one
// for the follow-up, a bar between them (blue when the need fell, amber when it rose). The table
// below it on the page carries the same figures.
import { Bar, CartesianGrid, Cell, ComposedChart, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from "recharts";

const FELL = "#0b5cad";
const ROSE = "#b26a00";

export interface DumbbellPoint {
  topic: string;
  title: string;
  from: number;
  to: number;
}

export function DumbbellChart({
  data,
  fromLabel,
  toLabel,
  description,
}: {
  data: DumbbellPoint[];
  fromLabel: string;
  toLabel: string;
  description: string;
}) {
  const rows = data.map((d) => ({ ...d, range: [Math.min(d.from, d.to), Math.max(d.from, d.to)] as [number, number] }));
  // Whole-number ends on an even step, so the last two tick labels never crowd each other.
  const lo = Math.floor(Math.min(0, ...data.flatMap((d) => [d.from, d.to])) / 2) * 2;
  const hi = Math.ceil(Math.max(1, ...data.flatMap((d) => [d.from, d.to])) / 2) * 2;
  const height = Math.max(180, data.length * 28 + 60);
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={description} data-testid="compare-chart">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height }}>
        <ComposedChart data={rows} layout="vertical" margin={{ top: 16, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[lo, hi]} tickCount={Math.min(11, (hi - lo) / 2 + 1)} allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="topic" width={56} tick={{ fontSize: 12 }} interval={0} />
          <ReferenceLine x={0} stroke="#666" />
          <Tooltip
            formatter={(value, name) => (Array.isArray(value) ? [null, null] : [Number(value).toFixed(2), String(name)])}
            labelFormatter={(label, payload) => {
              const p = payload?.[0]?.payload as DumbbellPoint | undefined;
              return p ? `${p.topic} – ${p.title}` : String(label);
            }}
          />
          <Bar dataKey="range" isAnimationActive={false} barSize={4} legendType="none">
            {rows.map((d) => (
              <Cell key={d.topic} fill={d.to <= d.from ? FELL : ROSE} />
            ))}
          </Bar>
          <Scatter name={fromLabel} dataKey="from" fill="#ffffff" stroke="#333" strokeWidth={2} isAnimationActive={false} />
          <Scatter name={toLabel} dataKey="to" fill="#333" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
