// /admin/surveys/{slug}/compare?from=<round>&to=<round>&by=<breakdown> – before and after: per topic
// (everyone, then per group of the breakdown) Ī, C̄, D̄ and MWDS in each round, the change, Welch's
// 95 % interval and whether the change is more than noise; a dumbbell chart of MWDS; topics that left
// or entered the high-priority quadrant. Analysts and admins (docs/rounds.md).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { loadComparison } from "@/app/_server/round-comparison";
import { TableWrap } from "@/app/admin/table-wrap";
import { AppError } from "@/lib/http/app-error";
import type { TopicComparison } from "@/lib/needs/compare-report";
import { MEASURES, type MeasureChange } from "@/lib/needs/round-comparison";
import type { Round } from "@/lib/rounds/rounds";
import { DumbbellChart } from "./dumbbell-chart";
import "../needs/needs.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rounds"))("compare") };
}

function RoundSelect({ name, label, rounds, value }: { name: string; label: string; rounds: readonly Round[]; value: number | undefined }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={String(value ?? "")}>
        {rounds.map((r) => (
          <option key={r.round} value={r.round}>
            {r.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export default async function ComparePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const path = `/admin/surveys/${encodeURIComponent(slug)}/compare`;
  await requireUser("analyst", path);
  const sp = await searchParams;
  let loaded: Awaited<ReturnType<typeof loadComparison>>;
  try {
    loaded = await loadComparison(slug, sp);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
  const t = await getTranslations("rounds");
  const tn = await getTranslations("needs");
  const locale = await pageLocale();
  const { survey, report, query, rounds } = loaded;
  const titles = new Map(loaded.context.topics.map((x) => [x.code, x.title[locale]]));
  const breakdowns = survey.needs?.breakdowns ?? [];
  const byBreakdown = breakdowns.find((b) => b.name === query?.by);
  const groupLabel = (g: string | null) => (g === null ? tn("groups.none") : (byBreakdown?.choices.find((c) => c.value === g)?.label[locale] ?? g));
  const fmt = (v: number | null | undefined, digits = 2) =>
    v === null || v === undefined
      ? "—"
      : v.toLocaleString(locale === "en" ? "en-US" : "es-PE", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const verdictText = (m: MeasureChange) =>
    m.verdict === "up"
      ? t("verdictUp")
      : m.verdict === "down"
        ? t("verdictDown")
        : m.verdict === "no_change"
          ? t("verdictNoChange")
          : t("verdictNone");
  const qs = new URLSearchParams();
  if (query) {
    qs.set("from", String(query.from));
    qs.set("to", String(query.to));
    if (query.by) qs.set("by", query.by);
    for (const [k, v] of Object.entries(query.filters)) if (v) qs.set(k, v);
  }
  const topicTable = (topics: readonly TopicComparison[], caption: string, testId: string) => (
    <TableWrap label={caption}>
      <table className="data compare-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("topic")}</th>
            <th scope="col">n</th>
            <th scope="col">{t("measure")}</th>
            <th scope="col">{report?.from.name}</th>
            <th scope="col">{report?.to.name}</th>
            <th scope="col">{t("change")}</th>
            <th scope="col">{t("interval")}</th>
            <th scope="col">{t("verdict")}</th>
          </tr>
        </thead>
        <tbody>
          {topics.flatMap((x) =>
            x.measures === null
              ? [
                  <tr key={x.topic} data-topic={x.topic} data-suppressed={x.suppressed ?? ""}>
                    <th scope="row">
                      {x.topic} {titles.get(x.topic)}
                    </th>
                    <td className="nowrap">
                      {x.n.from} → {x.n.to}
                    </td>
                    <td colSpan={6}>{t("suppressed", { k: loaded.context.k })}</td>
                  </tr>,
                ]
              : MEASURES.map((m, i) => {
                  const c = (x.measures as Record<(typeof MEASURES)[number], MeasureChange>)[m];
                  return (
                    <tr
                      key={`${x.topic}-${m}`}
                      data-topic={x.topic}
                      data-measure={m}
                      data-verdict={c.verdict ?? ""}
                      data-withheld={x.intervalsWithheld ? "1" : undefined}
                    >
                      {i === 0 && (
                        <th scope="row" rowSpan={MEASURES.length}>
                          {x.topic} {titles.get(x.topic)}
                        </th>
                      )}
                      {i === 0 && (
                        <td rowSpan={MEASURES.length} className="nowrap">
                          {x.n.from} → {x.n.to}
                        </td>
                      )}
                      <td className="nowrap">{t(`measures.${m}`)}</td>
                      <td>{fmt(c.from)}</td>
                      <td>{fmt(c.to)}</td>
                      <td>{c.change !== null && c.change > 0 ? `+${fmt(c.change)}` : fmt(c.change)}</td>
                      <td className="nowrap">{c.interval ? `[${fmt(c.interval.lo)}; ${fmt(c.interval.hi)}]` : "—"}</td>
                      <td>{x.intervalsWithheld ? t("withheld", { k: loaded.context.k }) : verdictText(c)}</td>
                    </tr>
                  );
                }),
          )}
        </tbody>
      </table>
    </TableWrap>
  );
  const topicNames = (codes: readonly string[]) => (codes.length ? codes.map((c) => `${c} ${titles.get(c) ?? ""}`.trim()).join(" · ") : t("none"));
  return (
    <div className="needs">
      <p className="no-print">
        <Link href={`/admin/surveys/${encodeURIComponent(slug)}/needs`}>← {tn("title")}</Link>
      </p>
      <p className="needs-kicker">{survey.title[locale]}</p>
      <h1>{t("compareTitle", { survey: survey.title[locale] })}</h1>
      <p className="lead">{t("compareIntro")}</p>
      {rounds.length < 2 ? (
        <p className="notice" role="status" data-testid="compare-one-round">
          {t("needTwo")} <Link href={`/admin/surveys/${encodeURIComponent(slug)}/rounds`}>{t("roundsLink")}</Link>
        </p>
      ) : (
        <form method="get" action={path} className="needs-filters no-print">
          <fieldset>
            <legend>{t("compare")}</legend>
            <RoundSelect name="from" label={t("from")} rounds={rounds} value={query?.from} />
            <RoundSelect name="to" label={t("to")} rounds={rounds} value={query?.to} />
            <label>
              {t("by")}
              <select name="by" defaultValue={query?.by ?? ""}>
                {breakdowns.map((b) => (
                  <option key={b.name} value={b.name}>
                    {b.kind === "unit" ? tn("filters.unit") : b.title[locale]}
                  </option>
                ))}
              </select>
            </label>
            <div className="needs-filter-actions">
              <button type="submit">{t("apply")}</button>
            </div>
          </fieldset>
        </form>
      )}
      {loaded.error && rounds.length >= 2 && (
        <p role="alert" className="needs-alert">
          {tn("invalidQuery", { message: loaded.error })}
        </p>
      )}
      {report && query && (
        <>
          <p className="needs-note" data-testid="compare-rounds">
            <strong>
              {report.from.name} → {report.to.name}
            </strong>{" "}
            (n = {report.from.n ?? "—"} → {report.to.n ?? "—"})
          </p>
          <p className="needs-note" data-testid="compare-method">
            <strong>{t("method")}:</strong> {report.method[locale]}
          </p>
          {report.suppressed || !report.total ? (
            <p className="notice warn" role="status" data-testid="compare-suppressed">
              {t("suppressed", { k: report.k })}
            </p>
          ) : (
            <>
              <section className="needs-card" aria-labelledby="compare-chart-title">
                <h2 id="compare-chart-title">{t("chartTitle")}</h2>
                <p className="needs-note">{t("chartDesc")}</p>
                <DumbbellChart
                  data={report.total.topics.flatMap((x) =>
                    x.measures?.mwds.from != null && x.measures.mwds.to != null
                      ? [{ topic: x.topic, title: titles.get(x.topic) ?? x.topic, from: x.measures.mwds.from, to: x.measures.mwds.to }]
                      : [],
                  )}
                  fromLabel={report.from.name}
                  toLabel={report.to.name}
                  description={`${t("chartTitle")}. ${t("chartDesc")}`}
                />
              </section>
              {report.highPriority && (
                <section className="needs-card" aria-labelledby="compare-high-title" data-testid="compare-high">
                  <h2 id="compare-high-title">{tn("quadrant.prioridad_alta")}</h2>
                  <ul>
                    <li data-testid="compare-left">
                      <strong>{t("leftHigh")}:</strong> {topicNames(report.highPriority.left)}
                    </li>
                    <li data-testid="compare-entered">
                      <strong>{t("enteredHigh")}:</strong> {topicNames(report.highPriority.entered)}
                    </li>
                  </ul>
                </section>
              )}
              <section className="needs-card" aria-labelledby="compare-all-title">
                <h2 id="compare-all-title">{tn("groups.total")}</h2>
                {topicTable(report.total.topics, `${report.from.name} → ${report.to.name}`, "compare-total")}
              </section>
              {report.groups.map((g) => (
                <section className="needs-card" key={g.group ?? "\u0000"} data-testid="compare-group" data-group={g.group ?? ""}>
                  <h2>{groupLabel(g.group)}</h2>
                  {g.suppressed !== null ? (
                    <p className="muted">{t("suppressed", { k: report.k })}</p>
                  ) : (
                    topicTable(g.topics, `${groupLabel(g.group)}: ${report.from.name} → ${report.to.name}`, "compare-group-table")
                  )}
                </section>
              ))}
              <p className="no-print">
                <a className="button secondary" href={`/api/surveys/${encodeURIComponent(slug)}/export/compare.csv?${qs.toString()}`}>
                  {t("downloadCsv")}
                </a>
              </p>
            </>
          )}
        </>
      )}
    </div>
  );
}
