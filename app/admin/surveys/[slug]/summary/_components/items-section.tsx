// A question whose answers are a list of categories — one choice, yes/no, a rating, multiple
// choice, a number's bins, a date's months: a bar per category with its figure, the same figures
// in a table, and who answered, the mean and the median where they apply.
import { getTranslations } from "next-intl/server";
import type { Stats } from "@/lib/summary/distribution";
import type { SummaryItem, SummarySection } from "@/lib/summary/question-summary";
import { ShareBarChart } from "../../needs/_components/bar-chart";
import { questionAnchor, type SummaryFormat } from "./summary-format";

type ItemsKind = Extract<SummarySection, { kind: "choice" | "multi" | "numeric" | "date" }>;

export async function ItemsSection({ s, f }: { s: ItemsKind; f: SummaryFormat }) {
  const t = await getTranslations("summary");
  const id = questionAnchor(s.key);
  const column = s.kind === "numeric" ? t("numeric.value") : s.kind === "date" ? t("date.period") : t("option");
  const answered = s.kind === "multi" ? undefined : s.answered;
  const stats: { stats: Stats | null; hidden: boolean } | null =
    s.kind === "choice" || s.kind === "numeric" ? { stats: s.stats, hidden: s.statsHidden } : null;
  const label = (i: SummaryItem) => i.label[f.locale];
  return (
    <section className="needs-card summary-question" aria-labelledby={id} data-question={s.key} data-kind={s.kind}>
      <h3 id={id}>{s.title[f.locale]}</h3>
      {s.kind === "multi" && <p className="needs-note">{t("multiNote")}</p>}
      <div aria-hidden="true">
        <ShareBarChart data={s.items.map((i) => ({ label: label(i), value: f.bar(i.share), text: f.figure(i) }))} />
      </div>
      <div className="table-scroll">
        <table className="data-table summary-table">
          <thead>
            <tr>
              <th scope="col">{column}</th>
              <th scope="col">{t("count")}</th>
              <th scope="col">{t("share")}</th>
            </tr>
          </thead>
          <tbody>
            {s.items.map((i) => (
              <tr key={i.value} data-value={i.value} data-hidden={i.hidden ?? undefined}>
                <th scope="row">{label(i)}</th>
                <td className="num">{i.count ?? f.hidden}</td>
                <td className="num">{i.share === null ? f.hidden : f.pct(i.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {answered !== undefined && answered !== null && <p className="summary-figure">{t("answered", { n: answered })}</p>}
      {stats?.stats && (
        <p className="summary-figure" data-testid="summary-stats">
          {t("stats", { mean: f.dec(stats.stats.mean), median: f.num(stats.stats.median) })}
        </p>
      )}
      {stats?.hidden && <p className="needs-note">{t("statsHidden", { k: f.k })}</p>}
    </section>
  );
}
