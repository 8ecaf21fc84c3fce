// /admin/surveys/{slug}/summary – every question of any survey summarised for the completed
// responses under the URL's filters (the needs views' filters when the survey declares them, else
// the period), with small-cell suppression. For a survey without needs matrix, its dashboard.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { summaryCatalogue, TEXT_SAMPLE } from "@/app/_server/question-summary";
import { getDb } from "@/db/client";
import { getSurveySummary } from "@/db/queries/survey-summary";
import { toSearchParams } from "@/lib/needs/filters";
import { loadView, viewPath, type ViewProps } from "../needs/_components/load-view";
import { NeedsHeader } from "../needs/_components/needs-header";
import { SuppressedNotice } from "../needs/_components/suppressed-notice";
import { summaryFormat } from "./_components/summary-format";
import { SummarySections } from "./_components/summary-sections";
import "../needs/needs.css";
import "./summary.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("summary"))("title") };
}

export default async function QuestionSummaryPage(props: ViewProps) {
  const v = await loadView(props, "summary", [], { requireNeeds: false });
  const t = await getTranslations("summary");
  const tn = await getTranslations("needs");
  const declared = Boolean(v.survey.needs);
  const header = (
    <>
      <NeedsHeader v={v} view="summary" />
      {declared ? <h2 className="summary-title">{t("title")}</h2> : <p className="needs-note">{t("periodOnly")}</p>}
    </>
  );
  if (!v.filters) return <div className="needs summary">{header}</div>;
  const result = await getSurveySummary(await getDb(), v.needsSurvey, summaryCatalogue(v.survey), v.filters, v.k, {
    declared,
    textSample: TEXT_SAMPLE,
  });
  const openAnswersHref = declared
    ? (question: string) => `${viewPath(v.survey.slug, "open")}?${toSearchParams(v.query, v.context.spec, { question }).toString()}`
    : null;
  return (
    <div className="needs summary">
      {header}
      {result.verdict || !result.summary ? (
        <SuppressedNotice reason={result.verdict ?? "filter_below_k"} k={v.k} />
      ) : (
        <>
          <p className="needs-total" data-testid="summary-n">
            {t("n", { n: result.n })}
          </p>
          <p className="needs-note">{t("intro")}</p>
          <SummarySections
            summary={result.summary}
            f={summaryFormat(v.locale, v.k, tn("suppressed.cell", { k: v.k }))}
            openAnswersHref={openAnswersHref}
          />
        </>
      )}
    </div>
  );
}
