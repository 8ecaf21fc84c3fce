// /admin/surveys/{slug}/summary – every question of any survey summarised for the completed
// responses under the URL's filters (the needs views' filters when the survey declares them, else
// the period), with small-cell suppression. For a survey without needs matrix, its dashboard.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactElement } from "react";
import { requireUser } from "@/app/_server/auth";
import { loadSurveySummary, parsePeriodQuery, summaryMinGroupSize } from "@/app/_server/question-summary";
import { getDb } from "@/db/client";
import { countDemoResponses } from "@/db/queries/count-demo-responses";
import type { ResolvedFilters } from "@/db/queries/needs";
import { asLocale } from "@/i18n/locales";
import { toSearchParams, type NeedsFilters } from "@/lib/needs/filters";
import { getSurvey } from "@/surveys/registry";
import { loadView, viewPath, type ViewProps } from "../needs/_components/load-view";
import { NeedsHeader } from "../needs/_components/needs-header";
import { SuppressedNotice } from "../needs/_components/suppressed-notice";
import { PeriodHeader } from "./_components/period-header";
import { summaryFormat } from "./_components/summary-format";
import { SummarySections } from "./_components/summary-sections";
import "../needs/needs.css";
import "./summary.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("summary"))("title") };
}

/** The filters as a URL query, empty ones left out. */
function queryString(filters: NeedsFilters): string {
  return new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1]))).toString();
}

export default async function QuestionSummaryPage(props: ViewProps) {
  const { slug } = await props.params;
  const sp = await props.searchParams;
  const path = viewPath(slug, "summary");
  const raw = new URLSearchParams();
  for (const [key, v] of Object.entries(sp)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) raw.append(key, one);
  await requireUser("analyst", raw.size ? `${path}?${raw}` : path);
  const survey = getSurvey(slug);
  if (!survey) notFound();
  const t = await getTranslations("summary");
  const tn = await getTranslations("needs");
  const db = getDb();
  const k = summaryMinGroupSize(survey);

  let header: ReactElement;
  let filters: ResolvedFilters | null;
  let query: NeedsFilters = {};
  let openAnswersHref: ((question: string) => string) | null = null;
  if (survey.needs) {
    const v = { ...(await loadView(props, "summary")), k };
    header = <NeedsHeader v={v} view="summary" />;
    filters = v.filters;
    query = v.query.filters;
    openAnswersHref = (question) => `${viewPath(slug, "open")}?${toSearchParams(v.query, { question }).toString()}`;
  } else {
    const parsed = parsePeriodQuery(sp);
    // GET forms submit empty fields too: keep shared URLs short and canonical.
    if (parsed.ok && [...raw.values()].some((x) => x.trim() === "")) {
      const canonical = queryString(parsed.value);
      redirect(canonical ? `${path}?${canonical}` : path);
    }
    filters = parsed.ok ? parsed.value : null;
    query = parsed.ok ? parsed.value : {};
    header = (
      <PeriodHeader
        survey={survey}
        locale={asLocale(await getLocale())}
        k={k}
        path={path}
        filters={query}
        demo={filters ? countDemoResponses(db, slug, filters) : { started: 0, completed: 0 }}
        error={parsed.ok ? null : tn("invalidQuery", { message: parsed.message })}
      />
    );
  }
  if (!filters) return <div className="needs summary">{header}</div>;

  const result = loadSurveySummary(db, survey, filters, k);
  const locale = asLocale(await getLocale());
  const qs = queryString(query);
  return (
    <div className="needs summary">
      {header}
      {survey.needs && <h2 className="summary-title">{t("title")}</h2>}
      {result.verdict || !result.summary ? (
        <SuppressedNotice reason={result.verdict ?? "filter_below_k"} k={k} />
      ) : (
        <>
          <p className="needs-total" data-testid="summary-n">
            {t("n", { n: result.n })}
          </p>
          <p className="needs-note">
            {t("intro")}{" "}
            <a className="no-print" href={`/api/surveys/${encodeURIComponent(slug)}/summary${qs ? `?${qs}` : ""}`}>
              {t("api")}
            </a>
          </p>
          <SummarySections summary={result.summary} f={summaryFormat(locale, k, tn("suppressed.cell", { k }))} openAnswersHref={openAnswersHref} />
        </>
      )}
    </div>
  );
}
