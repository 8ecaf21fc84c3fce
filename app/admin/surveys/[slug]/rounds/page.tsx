// /admin/surveys/[slug]/rounds – the survey's rounds (docs/rounds.md): each one's dates, its state
// today and its completed responses (analysts and admins); admins also open a new round and rename
// a round or change its dates.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { type RoundRow, roundRows } from "@/app/_server/survey-rounds";
import { getDb } from "@/db/client";
import { getSurvey } from "@/surveys/registry";
import { TableWrap } from "../../../table-wrap";
import { RoundForm } from "./round-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rounds"))("list") };
}

type Props = { params: Promise<{ slug: string }> };

const BADGE: Record<RoundRow["state"], string> = { open: "ok", upcoming: "warn", closed: "off" };

export default async function RoundsPage({ params }: Props) {
  const { slug } = await params;
  const user = await requireUser("analyst", `/admin/surveys/${slug}/rounds`);
  const survey = await getSurvey(slug);
  if (!survey) notFound();
  const t = await getTranslations("rounds");
  const locale = await pageLocale();
  const rounds = await roundRows(await getDb(), slug);
  const isAdmin = user.role === "admin";
  // The dates are calendar days: formatted as such (UTC), never shifted by a time zone.
  const dayFormat = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "es-PE", { dateStyle: "medium", timeZone: "UTC" });
  const day = (d: string | null) => (d ? dayFormat.format(new Date(`${d}T00:00:00Z`)) : t("noBound"));
  const stateText = (r: RoundRow) => (r.state === "upcoming" ? t("upcoming", { date: day(r.opensOn) }) : t(r.state));
  // The admin layout hands client components the "admin" messages only; the forms need "rounds" too.
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={{ admin: messages.admin, rounds: messages.rounds }}>
      <div>
        <p>
          <Link href={isAdmin ? "/admin/surveys" : "/admin"}>{t("back")}</Link>
        </p>
        <h1>{t("title", { survey: survey.title[locale] })}</h1>
        <p className="lead">{t("intro")}</p>
        <h2 id="rounds-title">{t("list")}</h2>
        <TableWrap label={t("list")}>
          <table className="data" aria-labelledby="rounds-title" data-testid="rounds-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("number")}
                </th>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("opensOn")}</th>
                <th scope="col">{t("closesOn")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col" className="num">
                  {t("responses")}
                </th>
                {isAdmin && <th scope="col">{t("actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.round} data-round={r.round} data-state={r.state}>
                  <td className="num">{r.round}</td>
                  <td>{r.name}</td>
                  <td className="nowrap">{day(r.opensOn)}</td>
                  <td className="nowrap">{day(r.closesOn)}</td>
                  <td>
                    <span className={`badge ${BADGE[r.state]}`}>{stateText(r)}</span>
                  </td>
                  <td className="num">{r.completed}</td>
                  {isAdmin && (
                    <td>
                      <details>
                        <summary>{t("editRound", { round: r.round })}</summary>
                        <RoundForm slug={slug} mode="edit" round={{ round: r.round, name: r.name, opensOn: r.opensOn, closesOn: r.closesOn }} />
                      </details>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {isAdmin && (
          <section className="card" aria-labelledby="new-round-title">
            <h2 id="new-round-title">{t("newRound")}</h2>
            <p className="muted small-text">{t("newRoundHelp")}</p>
            <RoundForm slug={slug} mode="create" />
          </section>
        )}
      </div>
    </NextIntlClientProvider>
  );
}
