"use client";
// Locus for Focus chart: one point per topic (x = mean importance, y = mean discrepancy), dividing
// lines at the means, the four quadrants named as in the spec.
import { CartesianGrid, Cell, LabelList, ReferenceArea, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { QUADRANT_COLOURS, type QuadrantName } from "./quadrant-colours";

export type { QuadrantName };

export interface QuadrantPoint {
  code: string;
  title: string;
  x: number;
  y: number;
  quadrant: QuadrantName;
}

interface Props {
  points: QuadrantPoint[];
  importanceLine: number;
  discrepancyLine: number;
  labels: { x: string; y: string; quadrants: Record<QuadrantName, string> };
  /** Fixed size (print); otherwise the chart fills its container's width. */
  width?: number;
  height?: number;
  locale: string;
}

function bounds(values: number[], line: number): [number, number] {
  const lo = Math.min(line, ...values);
  const hi = Math.max(line, ...values);
  const pad = Math.max(0.15, (hi - lo) * 0.12);
  return [Math.floor((lo - pad) * 10) / 10, Math.ceil((hi + pad) * 10) / 10];
}

export function QuadrantChart({ points, importanceLine, discrepancyLine, labels, width, height = 420, locale }: Props) {
  const [x0, x1] = bounds(
    points.map((p) => p.x),
    importanceLine,
  );
  const [y0, y1] = bounds(
    points.map((p) => p.y),
    discrepancyLine,
  );
  const fmt = new Intl.NumberFormat(locale === "en" ? "en" : "es-PE", { maximumFractionDigits: 2 });
  const area = (
    q: QuadrantName,
    xa: number,
    xb: number,
    ya: number,
    yb: number,
    position: "insideTopRight" | "insideTopLeft" | "insideBottomRight" | "insideBottomLeft",
  ) => (
    <ReferenceArea
      key={q}
      x1={xa}
      x2={xb}
      y1={ya}
      y2={yb}
      fill={QUADRANT_COLOURS[q]}
      fillOpacity={0.06}
      strokeOpacity={0}
      ifOverflow="hidden"
      label={{ value: labels.quadrants[q], position, fill: QUADRANT_COLOURS[q], fontSize: 13, fontWeight: 600 }}
    />
  );
  const size = width ? { width, height } : { responsive: true, style: { width: "100%", height } };
  return (
    <ScatterChart {...size} margin={{ top: 16, right: 24, bottom: 36, left: 16 }} className="quadrant-chart">
      <CartesianGrid strokeDasharray="3 3" />
      {area("prioridad_alta", importanceLine, x1, discrepancyLine, y1, "insideTopRight")}
      {area("prioridad_secundaria", x0, importanceLine, discrepancyLine, y1, "insideTopLeft")}
      {area("mantener", importanceLine, x1, y0, discrepancyLine, "insideBottomRight")}
      {area("baja_prioridad", x0, importanceLine, y0, discrepancyLine, "insideBottomLeft")}
      <XAxis
        type="number"
        dataKey="x"
        domain={[x0, x1]}
        allowDataOverflow
        tickFormatter={(v: number) => fmt.format(v)}
        label={{ value: labels.x, position: "insideBottom", offset: -24 }}
      />
      <YAxis
        type="number"
        dataKey="y"
        domain={[y0, y1]}
        allowDataOverflow
        tickFormatter={(v: number) => fmt.format(v)}
        label={{ value: labels.y, angle: -90, position: "insideLeft", offset: 4, style: { textAnchor: "middle" } }}
      />
      <ReferenceLine x={importanceLine} stroke="#1b1f24" strokeDasharray="6 3" />
      <ReferenceLine y={discrepancyLine} stroke="#1b1f24" strokeDasharray="6 3" />
      <Tooltip
        isAnimationActive={false}
        formatter={(value) => fmt.format(Number(value))}
        labelFormatter={() => ""}
        content={({ active, payload }) => {
          const p = active ? (payload?.[0]?.payload as QuadrantPoint | undefined) : undefined;
          if (!p) return null;
          return (
            <div className="chart-tooltip">
              <strong>{p.code}</strong> {p.title}
              <br />
              {labels.x}: {fmt.format(p.x)} · {labels.y}: {fmt.format(p.y)}
              <br />
              {labels.quadrants[p.quadrant]}
            </div>
          );
        }}
      />
      <Scatter data={points} isAnimationActive={false}>
        {points.map((p) => (
          <Cell key={p.code} fill={QUADRANT_COLOURS[p.quadrant]} />
        ))}
        <LabelList dataKey="code" position="top" fontSize={11} fill="#1b1f24" />
      </Scatter>
    </ScatterChart>
  );
}
