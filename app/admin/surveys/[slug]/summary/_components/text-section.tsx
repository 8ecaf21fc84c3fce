// A text or comment question: how many answered and, for the open questions, the first answers as
// plain text (React text nodes, never HTML) with a link to all of them.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SummarySection } from "@/lib/summary/question-summary";
import { questionAnchor, type SummaryFormat } from "./summary-format";

interface Props {
  s: Extract<SummarySection, { kind: "text" }>;
  f: SummaryFormat;
  /** The open-answers page of this question, when the survey has one. */
  allHref: string | null;
}

export async function TextSection({ s, f, allHref }: Props) {
  const t = await getTranslations("summary");
  const id = questionAnchor(s.key);
  const answers = s.answers ?? [];
  return (
    <section className="needs-card summary-question" aria-labelledby={id} data-question={s.key} data-kind="text">
      <h3 id={id}>{s.title[f.locale]}</h3>
      <p className="summary-figure">{t("text.count", { n: s.answered })}</p>
      {!s.listable && <p className="needs-note">{t("text.notListed")}</p>}
      {s.listable && answers.length > 0 && (
        <>
          <p className="needs-note">{t("text.sample", { shown: answers.length, total: s.answered })}</p>
          <ol className="open-answers" data-testid="summary-answers">
            {answers.map((text, i) => (
              <li key={i}>
                <p className="open-answer">{text}</p>
              </li>
            ))}
          </ol>
          {s.answered > answers.length &&
            (allHref ? <Link href={allHref}>{t("text.all", { total: s.answered })}</Link> : <p className="needs-note">{t("text.exportOnly")}</p>)}
        </>
      )}
    </section>
  );
}
