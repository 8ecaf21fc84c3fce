// /admin – the surveys: status (open/closed, admins can toggle), response counts, and the way to
// each survey's coverage, question summary and (when it declares a needs matrix) needs dashboards;
// a badge when the counts include demo responses. Admins also find the way to managing the surveys
// (upload, versions, publish) here.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { getDb } from "@/db/client";
import { countDemoResponses } from "@/db/queries/count-demo-responses";
import { countResponsesBySurvey } from "@/db/queries/coverage";
import { listSurveyStatuses } from "@/db/queries/surveys";
import { listSurveys } from "@/surveys/registry";
import { SurveyStatusToggle } from "./survey-status-toggle";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.surveys"))("title") };
}

export default async function AdminHomePage() {
  const user = await requireUser("analyst", "/admin");
  const t = await getTranslations("admin.surveys");
  const tDemo = await getTranslations("admin.demoData");
  const tManage = await getTranslations("admin.manage");
  const tRounds = await getTranslations("rounds");
  const locale = await pageLocale();
  const db = await getDb();
  const statuses = await listSurveyStatuses(db);
  const counts = await countResponsesBySurvey(db);
  const surveys = await listSurveys();
  const demoStarted = new Map(await Promise.all(surveys.map(async (s) => [s.slug, (await countDemoResponses(db, s.slug)).started] as const)));
  return (
    <div>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      {user.role === "admin" && (
        <p className="actions">
          <Link className="button secondary" href="/admin/surveys">
            {tManage("manageLink")}
          </Link>
        </p>
      )}
      {surveys.length === 0 && <p className="notice">{t("none")}</p>}
      {surveys.map((s) => {
        const status = statuses.get(s.slug) ?? "open";
        const c = counts.get(s.slug) ?? { started: 0, completed: 0 };
        const demo = demoStarted.get(s.slug) ?? 0;
        const headingId = `survey-${s.slug}`;
        return (
          <section key={s.slug} className="card" aria-labelledby={headingId}>
            <h2 id={headingId} style={{ marginTop: 0 }}>
              {s.title[locale]}
            </h2>
            <p>
              <span className={`badge ${status === "open" ? "ok" : "off"}`}>{status === "open" ? t("open") : t("closed")}</span>{" "}
              <span className="muted mono small-text">/s/{s.slug}</span>
              {demo > 0 && (
                <>
                  {" "}
                  <span className="badge warn" data-testid="demo-badge">
                    ⚠ {tDemo("badge", { count: demo })}
                  </span>
                </>
              )}
            </p>
            <dl className="stat-row">
              <div>
                <dt>{t("started")}</dt>
                <dd>{c.started}</dd>
              </div>
              <div>
                <dt>{t("completed")}</dt>
                <dd>{c.completed}</dd>
              </div>
            </dl>
            <div className="actions">
              <Link className="button" href={`/admin/surveys/${s.slug}/coverage`}>
                {t("coverage")}
              </Link>
              <Link className="button secondary" href={`/admin/surveys/${s.slug}/summary`}>
                {t("summary")}
              </Link>
              {s.needs && (
                <Link className="button secondary" href={`/admin/surveys/${s.slug}/needs`}>
                  {t("needs")}
                </Link>
              )}
              <Link className="button secondary" href={`/admin/surveys/${s.slug}/rounds`}>
                {tRounds("roundsLink")}
              </Link>
              {user.role === "admin" && (
                <Link className="button secondary" href={`/admin/surveys/${s.slug}/responses`}>
                  {t("responses")}
                </Link>
              )}
              {user.role === "admin" && (
                <Link className="button secondary" href={`/admin/surveys/${s.slug}/versions`}>
                  {tManage("versionsLink")}
                </Link>
              )}
              {user.role === "admin" && <SurveyStatusToggle slug={s.slug} title={s.title[locale]} status={status} />}
            </div>
          </section>
        );
      })}
      <p className="muted small-text">{t("closedNote")}</p>
    </div>
  );
}
