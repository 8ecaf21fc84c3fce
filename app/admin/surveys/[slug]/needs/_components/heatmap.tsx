// Heatmap of MWDS, topics × groups. Recharts has no heatmap, and a coloured table is more
// accessible anyway: every cell carries its number, suppressed groups are hatched with "< k".
import { getTranslations } from "next-intl/server";
import { heatColor, heatScale } from "@/lib/needs/heat-color";
import type { HiddenReason } from "@/lib/needs/suppression";
import { suppressedNote } from "./view-models";

export interface HeatColumn {
  key: string;
  label: string;
  /** MWDS per topic code; null = the whole column is suppressed. */
  mwds: Record<string, number | null> | null;
  /** Why a suppressed column shows no figures ("< k" only when it has fewer than k). */
  hidden?: HiddenReason | null;
}

interface Props {
  topics: { code: string; title: string }[];
  columns: HeatColumn[];
  k: number;
  locale: string;
  caption: string;
  /** One row per group, topics as columns (the report's per-institution strip). */
  transpose?: boolean;
  /** The colour scale's end (default: the largest |MWDS| shown), so a strip matches the full map. */
  scaleMax?: number;
}

export async function Heatmap({ topics, columns, k, locale, caption, transpose = false, scaleMax }: Props) {
  const t = await getTranslations("needs");
  const fmt = new Intl.NumberFormat(locale === "en" ? "en" : "es-PE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const max = scaleMax ?? heatScale(columns.flatMap((c) => (c.mwds ? Object.values(c.mwds) : [])));
  const cell = (col: HeatColumn, code: string) => {
    if (!col.mwds) {
      const reason = col.hidden ?? "primary";
      return (
        <td key={`${col.key}-${code}`} className="heat-cell heat-suppressed" title={suppressedNote(t, k, reason)}>
          {reason === "primary" ? t("suppressed.cell", { k }) : t("suppressed.cellHidden")}
        </td>
      );
    }
    const v = col.mwds[code] ?? null;
    if (v === null)
      return (
        <td key={`${col.key}-${code}`} className="heat-cell heat-empty">
          –
        </td>
      );
    const { background, color } = heatColor(v, max);
    return (
      <td key={`${col.key}-${code}`} className="heat-cell" style={{ background, color }}>
        {fmt.format(v)}
      </td>
    );
  };
  const legend = (
    // biome-ignore lint/a11y/useSemanticElements: a legend of coloured spans, not form controls (a fieldset)
    <div className="heat-legend" role="group" aria-label={t("heatmap.legend")}>
      <span>{fmt.format(-max)}</span>
      <span className="heat-gradient" aria-hidden="true" />
      <span>{fmt.format(max)}</span>
      <span className="heat-legend-text">
        {t("heatmap.low")} → {t("heatmap.high")}
      </span>
      <span className="heat-cell heat-suppressed heat-legend-swatch">{t("suppressed.cell", { k })}</span>
      <span className="heat-legend-text">{t("heatmap.hatched", { k })}</span>
    </div>
  );
  if (transpose) {
    return (
      <div className="heat-wrap">
        <table className="heatmap heatmap-strip">
          {caption && <caption>{caption}</caption>}
          <thead>
            <tr>
              <th scope="col" className="heat-corner" />
              {topics.map((tp) => (
                <th key={tp.code} scope="col" title={tp.title}>
                  {tp.code}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {columns.map((col) => (
              <tr key={col.key}>
                <th scope="row">{col.label}</th>
                {topics.map((tp) => cell(col, tp.code))}
              </tr>
            ))}
          </tbody>
        </table>
        {legend}
      </div>
    );
  }
  return (
    <div className="heat-wrap">
      <table className="heatmap">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col" className="heat-topic-col">
              {t("ranking.topic")}
            </th>
            {columns.map((col) => (
              <th key={col.key} scope="col">
                {col.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {topics.map((tp) => (
            <tr key={tp.code}>
              <th scope="row" className="heat-topic">
                <span className="topic-code">{tp.code}</span> {tp.title}
              </th>
              {columns.map((col) => cell(col, tp.code))}
            </tr>
          ))}
        </tbody>
      </table>
      {legend}
    </div>
  );
}
