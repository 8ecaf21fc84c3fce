// /admin/surveys/{slug}/coverage – who has answered: started / completed / expected and response
// rate per unit (sortable, units under ?below=N % highlighted for reminders), totals by
// institution and region, completions per day, and a warning when they include demo responses.
// Counts only (analysts and admins).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { getDb } from "@/db/client";
import { countDemoResponses } from "@/db/queries/count-demo-responses";
import { listCompletionsByDay, listCoverageByGroup, listCoverageByUnit } from "@/db/queries/coverage";
import {
  fillTimeline,
  formatRate,
  isUnitRow,
  needsReminder,
  parseCoverageView,
  responseRate,
  sortCoverage,
  totalCoverage,
} from "@/lib/coverage/coverage";
import { peruToday } from "@/lib/time/lima-time";
import { getSurvey } from "@/surveys/registry";
import { DemoDataBanner } from "@/app/admin/_components/demo-data-banner";
import { TableWrap } from "@/app/admin/table-wrap";
import { RoundPicker } from "@/app/admin/_components/round-picker";
import { ROUND_KEY } from "@/lib/needs/filters";
import { listRounds, resolveRound } from "@/db/queries/survey-rounds";
import { RateChart, TimelineChart } from "./coverage-charts";
import { GroupCoverageTable, UnitCoverageTable } from "./coverage-tables";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.surveys"))("coverage") };
}

export default async function CoveragePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const basePath = `/admin/surveys/${encodeURIComponent(slug)}/coverage`;
  await requireUser("analyst", basePath);
  const survey = await getSurvey(slug);
  if (!survey) notFound();
  const search = await searchParams;
  const view = parseCoverageView(search);
  const t = await getTranslations("admin.coverage");
  const tRounds = await getTranslations("rounds");
  const locale = await pageLocale();
  const db = await getDb();
  const roundParam = typeof search[ROUND_KEY] === "string" ? search[ROUND_KEY] : undefined;
  const rounds = await listRounds(db, slug);
  const current = rounds.find((r) => String(r.round) === roundParam) ?? (await resolveRound(db, slug, undefined));
  const round = current.round;
  const demo = await countDemoResponses(db, slug, new Map(), { values: {}, round });
  const units = sortCoverage(await listCoverageByUnit(db, slug, round), view.sort, view.dir);
  const total = totalCoverage(units, isUnitRow);
  const reminders = units.filter((u) => needsReminder(u, view.below));
  const timeline = fillTimeline(await listCompletionsByDay(db, slug, round), peruToday());
  const chartData = units
    .filter((u) => u.unitId !== null && u.expected > 0)
    .map((u) => ({
      label: u.code ?? "",
      name: u.name ?? "",
      rate: responseRate(u) ?? 0,
      completed: u.completed,
      expected: u.expected,
      below: needsReminder(u, view.below),
    }));
  return (
    <div>
      <p className="no-print">
        <Link href="/admin">← {t("back")}</Link>
      </p>
      <h1>{t("title", { survey: survey.title[locale] })}</h1>
      <p className="lead">{t("intro")}</p>
      <RoundPicker rounds={rounds} current={current} basePath={basePath} search={search} />
      {roundParam !== undefined && String(current.round) !== roundParam && (
        <p role="alert" className="notice warn" data-testid="unknown-round">
          {tRounds("unknown", { round: roundParam, name: current.name })}
        </p>
      )}
      <DemoDataBanner demo={demo} figures="coverage" />
      <dl className="stat-row" data-testid="coverage-totals">
        <div>
          <dt>{t("started")}</dt>
          <dd>{total.started}</dd>
        </div>
        <div>
          <dt>{t("completed")}</dt>
          <dd>{total.completed}</dd>
        </div>
        <div>
          <dt>{t("expected")}</dt>
          <dd>{total.expected}</dd>
        </div>
        <div>
          <dt>{t("rate")}</dt>
          <dd>{formatRate(total.rate, locale)}</dd>
        </div>
      </dl>
      {total.withoutUnit.started > 0 && (
        <p className="muted small-text" data-testid="coverage-rate-note">
          {t("rateNote", {
            completed: total.withoutUnit.completed,
            inUnits: total.completed - total.withoutUnit.completed,
            expected: total.expected,
          })}
        </p>
      )}

      <form method="get" action={basePath} className="card no-print threshold-form">
        {view.sort !== "rate" && <input type="hidden" name="sort" value={view.sort} />}
        {view.dir !== "asc" && <input type="hidden" name="dir" value={view.dir} />}
        {roundParam && <input type="hidden" name={ROUND_KEY} value={roundParam} />}
        <div className="field">
          <label htmlFor="below">{t("threshold")}</label>
          <input id="below" name="below" type="number" min={1} max={100} step={1} inputMode="numeric" defaultValue={view.below ?? 50} />
        </div>
        <button type="submit">{t("apply")}</button>
        <a className="button secondary" href={`/api/admin/surveys/${encodeURIComponent(slug)}/coverage?format=csv&${ROUND_KEY}=${round}`}>
          {t("downloadCsv")}
        </a>
      </form>
      {view.below !== null && (
        <p className={`notice ${reminders.length > 0 ? "warn" : "ok"}`} role="status" data-testid="reminder-count">
          {t("belowCount", { count: reminders.length, below: view.below })}
        </p>
      )}

      <h2 id="by-unit">{t("byUnit")}</h2>
      <RateChart data={chartData} below={view.below} rateLabel={t("rate")} description={`${t("chartTitle")}. ${t("chartDesc")}`} />
      <UnitCoverageTable rows={units} view={view} basePath={basePath} locale={locale} />

      <div>
        <section aria-labelledby="by-institution">
          <h2 id="by-institution">{t("byInstitution")}</h2>
          <GroupCoverageTable
            rows={await listCoverageByGroup(db, slug, round, "institution")}
            by="institution"
            locale={locale}
            caption={t("byInstitution")}
          />
        </section>
        <section aria-labelledby="by-region">
          <h2 id="by-region">{t("byRegion")}</h2>
          <GroupCoverageTable rows={await listCoverageByGroup(db, slug, round, "region")} by="region" locale={locale} caption={t("byRegion")} />
        </section>
      </div>

      <section aria-labelledby="timeline">
        <h2 id="timeline">{t("timeline")}</h2>
        {timeline.length === 0 ? (
          <p className="muted">{t("noCompletions")}</p>
        ) : (
          <>
            <p className="muted small-text">{t("timelineDesc")}</p>
            <TimelineChart
              data={timeline}
              completedLabel={t("completed")}
              cumulativeLabel={t("cumulative")}
              description={`${t("timeline")}. ${t("timelineDesc")}`}
            />
            <details>
              <summary>{t("timeline")}</summary>
              <TableWrap label={t("timeline")}>
                <table className="data" data-testid="coverage-by-day">
                  <thead>
                    <tr>
                      <th scope="col">{t("day")}</th>
                      <th scope="col" className="num">
                        {t("completed")}
                      </th>
                      <th scope="col" className="num">
                        {t("cumulative")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {timeline.map((d) => (
                      <tr key={d.day}>
                        <td>{d.day}</td>
                        <td className="num">{d.completed}</td>
                        <td className="num">{d.cumulative}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </details>
          </>
        )}
      </section>
    </div>
  );
}
