// The quadrant chart's content as text: which topics fall in each quadrant (readable and printable).
import { getTranslations } from "next-intl/server";
import { QUADRANTS } from "@/lib/needs/locus-for-focus";
import type { QuadrantPoint } from "./quadrant-chart";
import { QUADRANT_COLOURS } from "./quadrant-colours";

export async function QuadrantList({ points }: { points: QuadrantPoint[] }) {
  const t = await getTranslations("needs");
  return (
    <dl className="quadrant-list">
      {QUADRANTS.map((q) => (
        <div key={q}>
          <dt style={{ color: QUADRANT_COLOURS[q] }}>{t(`quadrant.${q}`)}</dt>
          <dd>
            {points
              .filter((p) => p.quadrant === q)
              .map((p) => p.code)
              .join(", ") || "–"}
          </dd>
        </div>
      ))}
    </dl>
  );
}
