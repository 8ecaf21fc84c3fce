// /admin/surveys/[slug]/versions/[version]/preview – the fill form of any stored version, a draft
// included, as respondents would get it (admins). Nothing typed into it is stored; Publish is at hand.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { getSurvey, getSurveyVersion } from "@/surveys/registry";
import { PublishButton } from "../../../../_components/publish-button";
import { SurveyPreview } from "./survey-preview";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.manage.versions"))("preview") };
}

type Props = { params: Promise<{ slug: string; version: string }> };

export default async function PreviewPage({ params }: Props) {
  const { slug, version } = await params;
  await requireUser("admin", `/admin/surveys/${slug}/versions/${version}/preview`);
  const entry = await getSurveyVersion(slug, version);
  if (!entry) notFound();
  const t = await getTranslations("admin.manage");
  const locale = await pageLocale();
  const isPublished = (await getSurvey(slug))?.version === version;
  return (
    <div>
      <p>
        <Link href={`/admin/surveys/${slug}/versions`}>{t("versionsLink")}</Link>
      </p>
      <h1>{t("preview.title", { survey: entry.title[locale] })}</h1>
      <p className="lead">{t("preview.intro")}</p>
      <p className="actions">
        <span className="mono">{t("preview.version", { version })}</span>
        <span className={`badge ${isPublished ? "ok" : "warn"}`}>{isPublished ? t("preview.current") : t("preview.draft")}</span>
        {!isPublished && <PublishButton slug={slug} version={version} />}
      </p>
      <SurveyPreview
        definition={entry.definition}
        initialLocale={locale}
        labels={{
          language: t("preview.language"),
          complete: t("preview.complete"),
          completed: t("preview.completed"),
          again: t("preview.again"),
          loading: t("preview.loading"),
        }}
      />
    </div>
  );
}
