// /admin/surveys/[slug]/versions – every stored version of a survey (admins): where it came from,
// when it was stored and published, its responses; a preview of each, Publish for the others, and
// removing the survey while nobody has answered it and no file in surveys/ would bring it back.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { getDb } from "@/db/client";
import { listSurveyVersions } from "@/db/queries/survey-versions";
import { formatPeruDateTime } from "@/lib/time/lima-time";
import { getSurvey, getSurveyVersion, listSurveyFiles } from "@/surveys/registry";
import { summarizeSurvey } from "@/surveys/survey-summary";
import { TableWrap } from "../../../table-wrap";
import { PublishButton } from "../../_components/publish-button";
import { SummaryView } from "../../_components/summary-view";
import { RemoveSurveyButton } from "./remove-survey-button";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.manage"))("versionsLink") };
}

type Props = { params: Promise<{ slug: string }> };

export default async function VersionsPage({ params }: Props) {
  const { slug } = await params;
  await requireUser("admin", `/admin/surveys/${slug}/versions`);
  const versions = await listSurveyVersions(await getDb(), slug);
  if (versions.length === 0) notFound();
  const t = await getTranslations("admin.manage");
  const locale = await pageLocale();
  const shown = (await getSurvey(slug)) ?? (await getSurveyVersion(slug, versions[0]!.version));
  const title = shown?.title[locale] ?? slug;
  const file = (await listSurveyFiles()).find((f) => f.slug === slug);
  const responses = versions.reduce((n, v) => n + v.responses, 0);
  return (
    <div>
      <p>
        <Link href="/admin/surveys">{t("back")}</Link>
      </p>
      <h1>{t("versions.title", { survey: title })}</h1>
      <p className="lead">{t("versions.intro")}</p>
      <TableWrap label={t("versionsLink")}>
        <table className="data" data-testid="versions-table">
          <thead>
            <tr>
              <th scope="col">{t("versions.version")}</th>
              <th scope="col">{t("versions.origin")}</th>
              <th scope="col">{t("versions.stored")}</th>
              <th scope="col">{t("versions.publishedAt")}</th>
              <th scope="col" className="num">
                {t("versions.responses")}
              </th>
              <th scope="col">{t("versions.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} data-version={v.version}>
                <td>
                  <span className="mono">{v.version}</span> {v.isPublished && <span className="badge ok">{t("versions.current")}</span>}
                </td>
                <td>{v.origin === "file" ? t("versions.file") : t("versions.upload", { who: v.uploadedBy ?? "—" })}</td>
                <td className="nowrap">{formatPeruDateTime(v.firstSeenAt, locale)}</td>
                <td className="nowrap">{v.publishedAt ? formatPeruDateTime(v.publishedAt, locale) : t("versions.never")}</td>
                <td className="num">{v.responses > 0 ? t("versions.completedOf", { completed: v.completed, responses: v.responses }) : 0}</td>
                <td>
                  <span className="actions tight">
                    <Link className="button small secondary" href={`/admin/surveys/${slug}/versions/${v.version}/preview`}>
                      {t("versions.preview")}
                    </Link>
                    {!v.isPublished && <PublishButton slug={slug} version={v.version} />}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {shown && (
        <section className="card" aria-labelledby="summary-title">
          <h2 id="summary-title">
            {t("versions.version")} {shown.version}
          </h2>
          <SummaryView summary={summarizeSurvey(shown)} />
        </section>
      )}
      <section className="card" aria-labelledby="remove-title">
        <h2 id="remove-title">{t("versions.remove.title")}</h2>
        {responses > 0 ? (
          <p>{t("versions.remove.hasResponses", { count: responses })}</p>
        ) : file ? (
          <p>{t("versions.remove.hasFile", { file: file.file })}</p>
        ) : (
          <>
            <p>{t("versions.remove.allowed")}</p>
            <RemoveSurveyButton slug={slug} title={title} />
          </>
        )}
      </section>
    </div>
  );
}
