// /admin/surveys – managing the surveys (admins): every survey the database holds, published or
// not, the survey files that could not be imported and why, and "New survey" (upload a JSON).
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { getDb } from "@/db/client";
import { listManagedSurveys, listSurveyVersions } from "@/db/queries/survey-versions";
import { getSurvey, getSurveyVersion, listSurveyFiles } from "@/surveys/registry";
import { TableWrap } from "../table-wrap";
import { ProblemList } from "./_components/problem-list";
import { SurveyUploadForm } from "./survey-upload-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.manage"))("title") };
}

export default async function ManageSurveysPage() {
  await requireUser("admin", "/admin/surveys");
  const t = await getTranslations("admin.manage");
  const ts = await getTranslations("admin.surveys");
  const tr = await getTranslations("rounds");
  const locale = await pageLocale();
  const db = await getDb();
  const files = await listSurveyFiles();
  const managed = await listManagedSurveys(db);
  const surveys = [];
  for (const s of managed) {
    const latest = s.publishedVersion ?? (await listSurveyVersions(db, s.slug))[0]?.version;
    const entry = (await getSurvey(s.slug)) ?? (latest ? await getSurveyVersion(s.slug, latest) : undefined);
    surveys.push({ ...s, title: entry?.title[locale] ?? s.slug });
  }
  const broken = files.filter((f) => f.problems);
  return (
    <div>
      <p>
        <Link href="/admin">{ts("title")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <h2 id="managed-title">{t("list.title")}</h2>
      {surveys.length === 0 ? (
        <p className="notice">{t("list.none")}</p>
      ) : (
        <TableWrap label={t("list.title")}>
          <table className="data" aria-labelledby="managed-title">
            <thead>
              <tr>
                <th scope="col">{t("list.survey")}</th>
                <th scope="col">{t("list.status")}</th>
                <th scope="col">{t("list.published")}</th>
                <th scope="col" className="num">
                  {t("list.versions")}
                </th>
                <th scope="col" className="num">
                  {t("list.responses")}
                </th>
              </tr>
            </thead>
            <tbody>
              {surveys.map((s) => (
                <tr key={s.slug}>
                  <td>
                    <Link href={`/admin/surveys/${s.slug}/versions`}>{s.title}</Link>
                    <br />
                    <span className="muted mono small-text">/s/{s.slug}</span>
                    {s.publishedVersion && (
                      <>
                        <br />
                        <Link className="small-text" href={`/admin/surveys/${s.slug}/rounds`}>
                          {tr("roundsLink")}
                        </Link>
                      </>
                    )}
                  </td>
                  <td>
                    <span className={`badge ${s.status === "open" ? "ok" : "off"}`}>{s.status === "open" ? ts("open") : ts("closed")}</span>
                  </td>
                  <td className="mono">{s.publishedVersion ?? <span className="badge warn">{t("list.notPublished")}</span>}</td>
                  <td className="num">{s.versions}</td>
                  <td className="num">{s.responses}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {broken.length > 0 && (
        <section className="card" aria-labelledby="broken-files-title">
          <h2 id="broken-files-title">{t("files.title")}</h2>
          <p className="muted small-text">{t("files.intro")}</p>
          {broken.map((f) => (
            <div key={f.file}>
              <p className="mono">surveys/{f.file}</p>
              <ProblemList problems={f.problems ?? []} />
            </div>
          ))}
        </section>
      )}
      <section className="card">
        <SurveyUploadForm />
      </section>
    </div>
  );
}
