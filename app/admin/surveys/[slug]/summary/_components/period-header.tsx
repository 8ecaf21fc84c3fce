// The summary's header for a survey without a needs declaration: no breakdowns, so the only
// filter is the submission period (a plain GET form, so every view is a shareable URL).
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DemoDataBanner } from "@/app/admin/_components/demo-data-banner";
import type { DemoCount } from "@/db/queries/count-demo-responses";
import type { Locale } from "@/i18n/locales";
import type { NeedsFilters } from "@/lib/needs/filters";
import type { SurveyEntry } from "@/surveys/registry";

interface Props {
  survey: SurveyEntry;
  locale: Locale;
  k: number;
  path: string;
  filters: NeedsFilters;
  demo: DemoCount;
  error: string | null;
}

export async function PeriodHeader({ survey, locale, k, path, filters, demo, error }: Props) {
  const t = await getTranslations("needs");
  const ts = await getTranslations("summary");
  const active = (["from", "to"] as const).filter((key) => filters[key]).map((key) => `${t(`filters.${key}`)}: ${filters[key]}`);
  const qs = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return (
    <header className="needs-header">
      <p className="needs-kicker">{survey.title[locale]}</p>
      <h1>{ts("title")}</h1>
      <DemoDataBanner demo={demo} figures="needs" />
      <p className="needs-k">
        <strong>{t("k.badge", { k })}</strong> — {t("k.explain", { k })}
      </p>
      <nav aria-label={ts("title")} className="needs-nav no-print">
        <a href={`/api/surveys/${encodeURIComponent(survey.slug)}/summary${qs ? `?${qs}` : ""}`}>{ts("api")}</a>
      </nav>
      <form method="get" action={path} className="needs-filters no-print">
        <fieldset>
          <legend>{ts("period.legend")}</legend>
          <label>
            {t("filters.from")}
            <input type="date" name="from" defaultValue={filters.from ?? ""} />
          </label>
          <label>
            {t("filters.to")}
            <input type="date" name="to" defaultValue={filters.to ?? ""} />
          </label>
          <div className="needs-filter-actions">
            <button type="submit">{t("filters.apply")}</button>
            <Link className="button secondary" href={path}>
              {t("filters.clear")}
            </Link>
          </div>
          <p className="needs-note">
            {ts("period.intro")} {t("filters.datesNote")}
          </p>
        </fieldset>
      </form>
      <p className="needs-active">{active.length ? t("filters.active", { list: active.join(" · ") }) : t("filters.none")}</p>
      {error && (
        <p role="alert" className="needs-alert">
          {error}
        </p>
      )}
    </header>
  );
}
