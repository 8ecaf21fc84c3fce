// /s/{slug}?u={unit link code}&r={resume code} – the respondent's fill page. Thin: finds the
// survey, checks it is open and the unit link is valid, server-renders the title and the
// introduction, and hands over to the SurveyJS client leaf.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getSurveyStatus } from "@/db/queries/surveys";
import { findActiveUnitByLinkCode } from "@/db/queries/units";
import { asLocale } from "@/i18n/locales";
import { getSurvey } from "@/surveys/registry";
import { surveyIntro } from "@/surveys/survey-intro";
import "./fill.css";
import { formMessages } from "./form-messages";
import { LanguageSwitch } from "./language-switch";
import { Notice, switchLabels } from "./notice";
import { SurveyForm } from "./survey-form";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const survey = getSurvey((await params).slug);
  if (!survey) return {};
  return { title: survey.title[asLocale(await getLocale())], robots: { index: false } };
}

export default async function FillPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const survey = getSurvey(slug);
  if (!survey) notFound();
  const query = await searchParams;
  const locale = asLocale(await getLocale());
  const t = await getTranslations("fill");
  const intro = surveyIntro(survey.definition, locale);
  const db = getDb();

  if (getSurveyStatus(db, survey.slug) === "closed") {
    return <Notice locale={locale} surveyTitle={intro.title} heading={t("closed.title")} body={t("closed.body")} />;
  }
  const linkCode = first(query.u);
  let unit: string | null = null;
  if (linkCode) {
    const found = linkCode.length <= 64 ? findActiveUnitByLinkCode(db, linkCode) : undefined;
    if (!found) return <Notice locale={locale} surveyTitle={intro.title} heading={t("unit.title")} body={t("unit.body")} />;
    unit = found.linkCode;
  }
  const resumeCode = first(query.r)?.slice(0, 64) ?? null;

  return (
    <main className="fill-page">
      <header className="fill-header">
        <div>
          <h1>{intro.title}</h1>
          {intro.description && <p className="fill-subtitle">{intro.description}</p>}
        </div>
        <LanguageSwitch locale={locale} labels={switchLabels()} />
      </header>
      <noscript>
        <p className="fill-alert">{t("noscript")}</p>
      </noscript>
      <SurveyForm
        definition={survey.definition}
        slug={survey.slug}
        unit={unit}
        resumeCode={resumeCode}
        locale={locale}
        messages={formMessages()}
      >
        <section className="fill-intro">
          <h2>{intro.pageTitle}</h2>
          {intro.html.map((html, i) => (
            // Authored content of the survey definition (never answers), as SurveyJS renders it.
            <div key={i} dangerouslySetInnerHTML={{ __html: html }} />
          ))}
          <p className="fill-loading">{t("loading")}</p>
        </section>
      </SurveyForm>
    </main>
  );
}
