// Open answers under the URL's filters, as plain text (React text nodes, never HTML), paginated,
// and only when the selection has at least k completed responses.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { countOpenAnswers, listOpenAnswers } from "@/db/queries/open-answers";
import { selectionTerms } from "@/db/queries/question-summary";
import { toSearchParams } from "@/lib/needs/filters";
import { loadView, type ViewProps } from "../_components/load-view";
import { NeedsHeader } from "../_components/needs-header";
import { gateView } from "../_components/view-gate";
import "../needs.css";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 20;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("needs");
  return { title: `${t("open.title")} · ${t("title")}` };
}

export default async function NeedsOpenAnswersPage(props: ViewProps) {
  const v = await loadView(props, "open", ["question", "q", "page"]);
  const t = await getTranslations("needs");
  // The declaration's open questions (by default every text and comment question).
  const open = v.survey.needs?.openQuestions ?? [];
  const question = open.find((q) => q.name === v.extra.question)?.name ?? open[0]?.name ?? "";
  const titleOf = (name: string) => open.find((q) => q.name === name)?.title[v.locale] ?? name;
  const search = (v.extra.q ?? "").slice(0, 200);
  const keep: Record<string, string> = { question };
  const gate = await gateView(v, "open", keep);
  if (gate.page) return gate.page;
  const { n, filters } = gate;
  const db = await getDb();
  const slug = v.survey.slug;
  const where = selectionTerms(db, v.needsSurvey.slots, filters);
  const names = open.map((q) => q.name);
  const counts = await countOpenAnswers(db, slug, where, names);
  const requested = Math.max(1, Math.floor(Number(v.extra.page ?? "1")) || 1);
  const first = await listOpenAnswers(db, slug, where, { question, search, limit: PAGE_SIZE, offset: (requested - 1) * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
  const page = Math.min(requested, pages);
  const answers =
    page === requested ? first : await listOpenAnswers(db, slug, where, { question, search, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const href = (extra: Record<string, string | number | undefined>) => {
    const qs = toSearchParams(v.query, v.context.spec, { question, q: search || undefined, ...extra }).toString();
    return `${v.basePath}/open?${qs}`;
  };
  return (
    <div className="needs">
      <NeedsHeader v={v} view="open" keep={keep} />
      <p className="needs-total">{t("n", { n })}</p>
      <section className="needs-card" aria-labelledby="open-title">
        <h2 id="open-title">{t("open.title")}</h2>
        <p className="needs-note">{t("open.intro", { k: v.k })}</p>
        <nav className="open-tabs" aria-label={t("open.question")}>
          {names.map((q) => (
            <Link key={q} href={href({ question: q, q: undefined })} aria-current={q === question ? "page" : undefined}>
              {titleOf(q)} ({counts[q] ?? 0})
            </Link>
          ))}
        </nav>
        <form method="get" action={`${v.basePath}/open`} className="open-search">
          {[...toSearchParams(v.query, v.context.spec, { question }).entries()].map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <label>
            {t("open.search")}
            <input type="search" name="q" defaultValue={search} maxLength={200} />
          </label>
          <button type="submit">{t("open.searchButton")}</button>
        </form>
        <h3>{titleOf(question)}</h3>
        <p>{t("open.count", { n: answers.total })}</p>
        {answers.items.length === 0 ? (
          <p>{t("open.empty")}</p>
        ) : (
          <ol className="open-answers" start={(page - 1) * PAGE_SIZE + 1} data-testid="open-answers">
            {answers.items.map((text, i) => (
              <li key={i}>
                <p className="open-answer">{text}</p>
              </li>
            ))}
          </ol>
        )}
        {pages > 1 && (
          <nav className="pager" aria-label={t("open.page", { page, pages })}>
            {page > 1 && <Link href={href({ page: page - 1 })}>{t("open.previous")}</Link>}
            <span>{t("open.page", { page, pages })}</span>
            {page < pages && <Link href={href({ page: page + 1 })}>{t("open.next")}</Link>}
          </nav>
        )}
      </section>
    </div>
  );
}
