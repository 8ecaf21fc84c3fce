// Printable report (A4): a national summary, the heatmap, then one page per group of the
// breakdown (institutions by default) with its ranking, heatmap row and Locus for Focus chart.
// With demo responses in the figures, every printed page says so (the header's banner is screen-only).
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getNeedsReport } from "@/db/queries/needs-report";
import { filterKeys, toSearchParams } from "@/lib/needs/filters";
import { heatScale } from "@/lib/needs/heat-color";
import type { GroupFigures } from "@/lib/needs/needs-report";
import { peruDateFormat } from "@/lib/time/lima-time";
import { Heatmap, type HeatColumn } from "../_components/heatmap";
import { loadView, type ViewProps } from "../_components/load-view";
import { NeedsHeader } from "../_components/needs-header";
import { PrintButton } from "../_components/print-button";
import { QuadrantChart } from "../_components/quadrant-chart";
import { QuadrantList } from "../_components/quadrant-list";
import { RankingStatic } from "../_components/ranking-static";
import { SuppressedNotice } from "../_components/suppressed-notice";
import { groupKey, heatColumns, quadrantLabels, quadrantPoints, suppressedNote, topicList } from "../_components/view-models";
import "../needs.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("needs");
  return { title: t("report.title") };
}

export default async function NeedsReportPage(props: ViewProps) {
  const v = await loadView(props, "report");
  const t = await getTranslations("needs");
  const header = (
    <div className="no-print">
      <NeedsHeader v={v} view="report" />
    </div>
  );
  if (!v.filters) return <div className="needs">{header}</div>;
  const report = await getNeedsReport(await getDb(), v.needsSurvey, v.query, v.k);
  if (report.suppressed || !report.total) {
    return (
      <div className="needs">
        {header}
        <SuppressedNotice reason={report.suppressed ?? "filter_below_k"} k={v.k} />
      </div>
    );
  }
  const topics = topicList(v);
  const by = report.by ?? "";
  const dimension = v.dimensionLabel(by);
  const columns = heatColumns(report, v, t);
  const qs = toSearchParams(v.query, v.context.spec).toString();
  const date = peruDateFormat(v.locale === "en" ? "en-GB" : "es-PE", { dateStyle: "long" }).format(new Date());
  const activeFilters = filterKeys(v.context.spec)
    .filter((key) => v.query.filters[key] !== undefined)
    .map((key) => `${v.dimensionLabel(key)}: ${v.query.filters[key]}`)
    .join(" · ");
  const meta = `${v.survey.title[v.locale]} · ${t("report.generated", { date, k: v.k })} · ${activeFilters || t("filters.none")}`;
  const tDemo = await getTranslations("admin.demoData");
  const demoMark = v.demo.completed > 0 && (
    <p className="report-demo-mark" data-testid="report-demo-mark">
      <span aria-hidden="true">⚠ </span>
      {tDemo("mark", { count: v.demo.completed })}
    </p>
  );
  const scaleMax = heatScale(columns.flatMap((c) => (c.mwds ? Object.values(c.mwds) : [])));
  const groupPage = (key: string, heading: string, figures: GroupFigures, strip: HeatColumn) => {
    const points = quadrantPoints(figures, topics);
    return (
      <section key={key} className="report-page" data-report-page={key}>
        <h2>{heading}</h2>
        {demoMark}
        <p className="report-meta">
          <strong>{t("n", { n: figures.n })}</strong> · {meta}
        </p>
        <RankingStatic figures={figures} topics={topics} locale={v.locale} caption={`${t("ranking.title")} – ${heading}`} />
        <h3>{t("report.heatmapRow")}</h3>
        <Heatmap
          topics={topics}
          columns={[{ ...strip, label: t("ranking.mwds") }]}
          k={v.k}
          locale={v.locale}
          caption=""
          transpose
          scaleMax={scaleMax}
        />
        <h3>{t("quadrant.title")}</h3>
        {figures.locus ? (
          <div className="report-chart-row">
            <QuadrantChart
              points={points}
              importanceLine={figures.locus.importanceLine}
              discrepancyLine={figures.locus.discrepancyLine}
              labels={quadrantLabels(t)}
              width={470}
              height={270}
              locale={v.locale}
            />
            <QuadrantList points={points} />
          </div>
        ) : (
          <p>{t("quadrant.none")}</p>
        )}
      </section>
    );
  };
  const shown = report.groups.flatMap((g) => (g.suppressed ? [] : [g]));
  const hidden = report.groups.filter((g) => g.suppressed);
  return (
    <div className="needs needs-report">
      {header}
      <div className="report-toolbar no-print">
        <PrintButton label={t("report.print")} />
        <Link href={`${v.basePath}${qs ? `?${qs}` : ""}`}>{t("report.back")}</Link>
      </div>
      {groupPage("national", `${t("report.title")} – ${t("report.national")}`, report.total, columns[0] as HeatColumn)}
      <section className="report-page" data-report-page="heatmap">
        <h2>{t("heatmap.title", { dimension })}</h2>
        {demoMark}
        <p className="report-meta">{meta}</p>
        <Heatmap topics={topics} columns={columns} k={v.k} locale={v.locale} caption="" />
        <h3>{t("report.groupSizes")}</h3>
        <p className="report-meta">
          {report.groups.map((g) => `${v.groupLabel(by, g.group)}: ${g.suppressed ? suppressedNote(t, v.k, g.suppressed) : g.n}`).join(" · ")}
        </p>
        {hidden.length > 0 && (
          <p className="report-meta">{t("suppressed.hiddenGroups", { list: hidden.map((g) => v.groupLabel(by, g.group)).join(", ") })}</p>
        )}
      </section>
      {shown.map((g) => {
        const label = v.groupLabel(by, g.group);
        const strip = columns.find((c) => c.key === groupKey(g.group)) as HeatColumn;
        return groupPage(`group-${g.group ?? "none"}`, `${dimension}: ${label}`, g, strip);
      })}
    </div>
  );
}
