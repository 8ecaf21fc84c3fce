// The ranking of one group as a plain table, sorted by rank (for the printable report).
import { getTranslations } from "next-intl/server";
import type { GroupFigures } from "@/lib/needs/needs-report";

export async function RankingStatic({
  figures,
  topics,
  locale,
  caption,
}: {
  figures: GroupFigures;
  topics: { code: string; title: string }[];
  locale: string;
  caption: string;
}) {
  const t = await getTranslations("needs");
  const dec = new Intl.NumberFormat(locale === "en" ? "en" : "es-PE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const f = (v: number | null) => (v === null ? "–" : dec.format(v));
  const title = new Map(topics.map((tp) => [tp.code, tp.title]));
  const rows = [...figures.topics].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  return (
    <table className="report-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("ranking.short.rank")}</th>
          <th scope="col">{t("ranking.topic")}</th>
          <th scope="col">{t("ranking.short.n")}</th>
          <th scope="col" title={t("ranking.meanImportance")}>
            {t("ranking.short.meanImportance")}
          </th>
          <th scope="col" title={t("ranking.meanCompetence")}>
            {t("ranking.short.meanCompetence")}
          </th>
          <th scope="col" title={t("ranking.meanDiscrepancy")}>
            {t("ranking.short.meanDiscrepancy")}
          </th>
          <th scope="col">{t("ranking.short.mwds")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.topic}>
            <td className="num">{s.rank ?? "–"}</td>
            <th scope="row" className="topic-cell">
              <span className="topic-code">{s.topic}</span> {title.get(s.topic) ?? s.topic}
            </th>
            <td className="num">{s.n}</td>
            <td className="num">{f(s.meanImportance)}</td>
            <td className="num">{f(s.meanCompetence)}</td>
            <td className="num">{f(s.meanDiscrepancy)}</td>
            <td className="num strong">{f(s.mwds)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
