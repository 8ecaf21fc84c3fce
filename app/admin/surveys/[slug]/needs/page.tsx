// The needs dashboard: ranking table, MWDS heatmap and Locus for Focus chart for the URL's filters.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getNeedsReport } from "@/db/queries/needs-report";
import { ExportForm } from "../../../_components/export-form";
import { Heatmap } from "./_components/heatmap";
import { loadView, type ViewProps } from "./_components/load-view";
import { NeedsHeader } from "./_components/needs-header";
import { QuadrantChart } from "./_components/quadrant-chart";
import { QuadrantList } from "./_components/quadrant-list";
import { RankingTable } from "./_components/ranking-table";
import { SuppressedNotice } from "./_components/suppressed-notice";
import { heatColumns, quadrantLabels, quadrantPoints, rankingGroups, rankingLabels, scaleNote, topicList } from "./_components/view-models";
import "./needs.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("needs");
  return { title: t("title") };
}

export default async function NeedsRankingPage(props: ViewProps) {
  const v = await loadView(props, "ranking");
  const t = await getTranslations("needs");
  if (!v.filters) {
    return (
      <div className="needs">
        <NeedsHeader v={v} view="ranking" />
      </div>
    );
  }
  const report = await getNeedsReport(await getDb(), v.needsSurvey, v.query, v.k);
  const topics = topicList(v);
  const by = report.by ?? "";
  const dimension = v.dimensionLabel(by);
  const hidden = report.groups.filter((g) => g.suppressed).map((g) => v.groupLabel(by, g.group));
  return (
    <div className="needs">
      <NeedsHeader v={v} view="ranking" />
      {report.suppressed || !report.total ? (
        <SuppressedNotice reason={report.suppressed ?? "filter_below_k"} k={v.k} />
      ) : (
        <>
          <p className="needs-total" data-testid="needs-n">
            {t("n", { n: report.total.n })}
            {hidden.length > 0 && <> · {t("suppressed.hiddenGroups", { list: hidden.join(", ") })}</>}
          </p>
          <section aria-labelledby="ranking-title" className="needs-card">
            <h2 id="ranking-title">{t("ranking.title")}</h2>
            <p className="needs-note">{t("ranking.intro")}</p>
            <p className="needs-note" data-testid="needs-scale">
              {scaleNote(v, t)}
            </p>
            <RankingTable
              topics={topics}
              groups={rankingGroups(report, v, t)}
              labels={rankingLabels(t, `${t("ranking.title")} – ${dimension}`)}
              locale={v.locale}
            />
          </section>
          <section aria-labelledby="heatmap-title" className="needs-card">
            <h2 id="heatmap-title">{t("heatmap.title", { dimension })}</h2>
            <p className="needs-note">{t("heatmap.intro")}</p>
            <Heatmap topics={topics} columns={heatColumns(report, v, t)} k={v.k} locale={v.locale} caption={t("heatmap.title", { dimension })} />
          </section>
          <section aria-labelledby="quadrant-title" className="needs-card">
            <h2 id="quadrant-title">{t("quadrant.title")}</h2>
            <p className="needs-note">{t("quadrant.intro")}</p>
            {report.total.locus ? (
              <>
                <div className="chart-box" data-testid="quadrant-chart">
                  <QuadrantChart
                    points={quadrantPoints(report.total, topics)}
                    importanceLine={report.total.locus.importanceLine}
                    discrepancyLine={report.total.locus.discrepancyLine}
                    labels={quadrantLabels(t)}
                    locale={v.locale}
                  />
                </div>
                <QuadrantList points={quadrantPoints(report.total, topics)} />
              </>
            ) : (
              <p>{t("quadrant.none")}</p>
            )}
          </section>
        </>
      )}
      <section className="needs-card">
        <ExportForm slug={v.survey.slug} query={v.query} spec={v.context.spec} />
      </section>
    </div>
  );
}
