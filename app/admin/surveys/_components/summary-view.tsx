// The facts an admin checks before publishing a version: title, link, questions, and what the
// needs declaration makes of it (its matrix, topics and breakdowns).
import { useLocale, useTranslations } from "next-intl";
import type { SurveySummary } from "@/surveys/survey-summary";

export function SummaryView({ summary }: { summary: SurveySummary }) {
  const t = useTranslations("admin.manage.summary");
  const locale = useLocale() === "en" ? "en" : "es";
  const needs = summary.needs;
  return (
    <dl className="summary-list" data-testid="survey-summary">
      <div>
        <dt>{t("title")}</dt>
        <dd>{summary.title[locale]}</dd>
      </div>
      <div>
        <dt>{t("slug")}</dt>
        <dd className="mono">/s/{summary.slug}</dd>
      </div>
      <div>
        <dt>{t("questions")}</dt>
        <dd>
          {summary.questions} · {t("pages")}: {summary.pages}
        </dd>
      </div>
      <div>
        <dt>{t("needs")}</dt>
        <dd>{needs ? t("needsYes", { matrix: needs.matrix[locale], count: needs.topics.length }) : t("needsNo")}</dd>
      </div>
      {needs && (
        <>
          <div>
            <dt>{t("topics")}</dt>
            <dd>
              <ol className="compact-list">
                {needs.topics.map((topic, i) => (
                  <li key={i}>{topic[locale]}</li>
                ))}
              </ol>
            </dd>
          </div>
          <div>
            <dt>{t("breakdowns")}</dt>
            <dd>{needs.breakdowns.length ? needs.breakdowns.map((b) => b[locale]).join(" · ") : t("noBreakdowns")}</dd>
          </div>
        </>
      )}
    </dl>
  );
}
