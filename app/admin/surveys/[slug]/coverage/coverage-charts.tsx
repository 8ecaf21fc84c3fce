"use client";
// Recharts views of coverage: response rate per unit (with the reminder threshold) and
// completions per day with a running total. The tables on the page carry the same figures.
import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const OK = "#1e6b35";
const LOW = "#b26a00";
const ACCENT = "#0b5cad";

export interface RatePoint {
  label: string;
  name: string;
  rate: number;
  completed: number;
  expected: number;
  below: boolean;
}

export function RateChart({
  data,
  below,
  rateLabel,
  description,
}: {
  data: RatePoint[];
  below: number | null;
  rateLabel: string;
  description: string;
}) {
  const max = Math.max(100, ...data.map((d) => d.rate));
  const height = Math.max(160, data.length * 26 + 50);
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={description}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height }}>
        <BarChart data={data} layout="vertical" margin={{ top: 22, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, Math.ceil(max / 10) * 10]} unit="%" tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={84} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip
            formatter={(value) => [`${Math.round(Number(value))}%`, rateLabel]}
            labelFormatter={(label, payload) => {
              const p = payload?.[0]?.payload as RatePoint | undefined;
              return p ? `${p.name} (${p.completed}/${p.expected})` : String(label);
            }}
          />
          {below !== null && (
            <ReferenceLine x={below} stroke={LOW} strokeDasharray="4 4" label={{ value: `${below}%`, position: "top", fontSize: 12, fill: LOW }} />
          )}
          <Bar dataKey="rate" isAnimationActive={false} maxBarSize={20}>
            {data.map((d) => (
              <Cell key={d.label} fill={d.below ? LOW : OK} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface DayPoint {
  day: string;
  completed: number;
  cumulative: number;
}

export function TimelineChart(props: { data: DayPoint[]; completedLabel: string; cumulativeLabel: string; description: string }) {
  const { data, completedLabel, cumulativeLabel, description } = props;
  return (
    <div className="chart-box" style={{ height: 260 }} role="img" aria-label={description}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 260 }}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} tickFormatter={(d: string) => d.slice(5)} minTickGap={16} />
          <YAxis yAxisId="day" allowDecimals={false} tick={{ fontSize: 12 }} width={36} />
          <YAxis yAxisId="total" orientation="right" allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
          <Tooltip />
          <Bar yAxisId="day" dataKey="completed" name={completedLabel} fill={ACCENT} isAnimationActive={false} maxBarSize={48} />
          <Line yAxisId="total" dataKey="cumulative" name={cumulativeLabel} stroke={OK} strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
