// /s/{slug}/gracias – thanks after a submission the server acknowledged, and the reminder that
// answers are confidential and only reported in aggregates. No SurveyJS here.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { asLocale } from "@/i18n/locales";
import { env } from "@/lib/env";
import { getSurvey } from "@/surveys/registry";
import { Notice } from "../notice";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("fill");
  return { title: t("thanks.title"), robots: { index: false } };
}

export default async function ThanksPage({ params }: Props) {
  const survey = getSurvey((await params).slug);
  if (!survey) notFound();
  const locale = asLocale(await getLocale());
  const t = await getTranslations("fill");
  return (
    <Notice locale={locale} surveyTitle={survey.title[locale]} heading={t("thanks.title")} body={t("thanks.body")}>
      <p>{t("thanks.confidentiality", { minGroup: env().SONDEO_MIN_GROUP_SIZE })}</p>
      <p>{t("thanks.close")}</p>
    </Notice>
  );
}
