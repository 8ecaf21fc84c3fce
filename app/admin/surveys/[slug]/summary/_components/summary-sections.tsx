// The whole summary: a contents list, then the survey's pages in order, each with its questions.
import { getTranslations } from "next-intl/server";
import type { QuestionSummary, SummarySection } from "@/lib/summary/question-summary";
import { ItemsSection } from "./items-section";
import { MatrixSection } from "./matrix-section";
import { RankingSection } from "./ranking-section";
import { questionAnchor, type SummaryFormat } from "./summary-format";
import { TextSection } from "./text-section";

interface Props {
  summary: QuestionSummary;
  f: SummaryFormat;
  /** Link to all answers of an open question, or null when the survey has no such page. */
  openAnswersHref: ((question: string) => string) | null;
}

async function Section({ s, f, openAnswersHref }: { s: SummarySection } & Omit<Props, "summary">) {
  const t = await getTranslations("summary");
  switch (s.kind) {
    case "choice":
    case "multi":
    case "numeric":
    case "date":
      return <ItemsSection s={s} f={f} />;
    case "ranking":
      return <RankingSection s={s} f={f} />;
    case "matrix":
    case "matrixdropdown":
      return <MatrixSection s={s} f={f} />;
    case "text":
      return <TextSection s={s} f={f} allHref={openAnswersHref ? openAnswersHref(s.name) : null} />;
    case "skipped":
      return (
        <section className="needs-card summary-question" aria-labelledby={questionAnchor(s.key)} data-question={s.key} data-kind="skipped">
          <h3 id={questionAnchor(s.key)}>{s.title[f.locale]}</h3>
          <p className="needs-note">{s.reason === "dynamic" ? t("skipped.dynamic") : t("skipped.unsupported", { type: s.type })}</p>
        </section>
      );
  }
}

export async function SummarySections({ summary, f, openAnswersHref }: Props) {
  const t = await getTranslations("summary");
  const pages = summary.pages
    .map((p) => ({ ...p, sections: summary.sections.filter((s) => s.page === p.name) }))
    .filter((p) => p.sections.length > 0);
  return (
    <>
      <nav className="needs-card summary-contents no-print" aria-labelledby="summary-contents">
        <h2 id="summary-contents">{t("contents")}</h2>
        <ol>
          {pages.map((p) => (
            <li key={p.name}>
              {p.title[f.locale]}
              <ol>
                {p.sections.map((s) => (
                  <li key={s.key}>
                    <a href={`#${questionAnchor(s.key)}`}>{s.title[f.locale]}</a>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      </nav>
      {pages.map((p) => (
        <section key={p.name} className="summary-page" aria-labelledby={questionAnchor(`page-${p.name}`)}>
          <h2 id={questionAnchor(`page-${p.name}`)}>{p.title[f.locale]}</h2>
          <div className="needs-grid">
            {p.sections.map((s) => (
              <Section key={s.key} s={s} f={f} openAnswersHref={openAnswersHref} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
