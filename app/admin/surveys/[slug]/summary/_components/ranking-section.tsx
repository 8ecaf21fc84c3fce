// A ranking question: the share of those who ranked that put each option first (a bar each) and
// each option's mean position, as a chart and as a table.
import { getTranslations } from "next-intl/server";
import type { SummarySection } from "@/lib/summary/question-summary";
import { ShareBarChart } from "../../needs/_components/bar-chart";
import { questionAnchor, type SummaryFormat } from "./summary-format";

export async function RankingSection({ s, f }: { s: Extract<SummarySection, { kind: "ranking" }>; f: SummaryFormat }) {
  const t = await getTranslations("summary");
  const id = questionAnchor(s.key);
  return (
    <section className="needs-card summary-question" aria-labelledby={id} data-question={s.key} data-kind="ranking">
      <h3 id={id}>{s.title[f.locale]}</h3>
      <p className="needs-note">{t("ranking.intro")}</p>
      <div aria-hidden="true">
        <ShareBarChart colour="#1e6b35" data={s.items.map((i) => ({ label: i.label[f.locale], value: f.bar(i.share), text: f.figure(i) }))} />
      </div>
      <div className="table-scroll">
        <table className="data-table summary-table">
          <thead>
            <tr>
              <th scope="col">{t("option")}</th>
              <th scope="col">{t("ranking.first")}</th>
              <th scope="col">{t("ranking.meanRank")}</th>
            </tr>
          </thead>
          <tbody>
            {s.items.map((i) => (
              <tr key={i.value} data-value={i.value} data-hidden={i.hidden ?? undefined}>
                <th scope="row">{i.label[f.locale]}</th>
                <td className="num">{f.figure(i)}</td>
                <td className="num">{i.meanRank === null ? "–" : f.dec(i.meanRank)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {s.rankers !== null && <p className="summary-figure">{t("ranking.rankers", { n: s.rankers })}</p>}
      {s.noRanking && (
        <p className="summary-figure">
          {t("ranking.noRanking")}: {s.noRanking.count ?? f.hidden}
        </p>
      )}
      {s.meanRankHidden && <p className="needs-note">{t("ranking.meanRankHidden", { k: f.k })}</p>}
    </section>
  );
}
