// The training plan, printable (A4): title, the plan's filters and date, then the document the
// ministry circulates (accepted modules with their figures, format and calendar).
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { filterList, planDate } from "@/app/_server/training-plan";
import { fill } from "@/lib/plan/plan-labels";
import { PrintButton } from "../../needs/_components/print-button";
import { loadPlanPage, type PlanPageProps } from "../_components/load-plan-page";
import { PlanDocument } from "../_components/plan-document";
import "../../needs/needs.css";
import "../plan.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("plan");
  return { title: t("title") };
}

export default async function PlanPrintPage(props: PlanPageProps) {
  const page = await loadPlanPage(props, "plan/print");
  if (!page.ok) {
    return (
      <div className="plan plan-print">
        <p role="alert">{page.error}</p>
      </div>
    );
  }
  const { p, locale, labels, messages } = page;
  const t = messages.doc;
  const slug = encodeURIComponent(p.survey.slug);
  const qs = page.search.toString();
  const filters = filterList(p, locale);
  return (
    <div className="plan plan-print">
      <div className="plan-toolbar no-print">
        <PrintButton label={messages.actions.print} />
        <Link href={`/admin/surveys/${slug}/plan${qs ? `?${qs}` : ""}`}>{messages.title}</Link>
        <a href={`/api/surveys/${slug}/export/plan.docx?${new URLSearchParams({ ...Object.fromEntries(page.search), labels: locale })}`}>
          {messages.actions.docx}
        </a>
      </div>
      <header className="plan-doc-header">
        <h1>
          {t.title} – {p.survey.title[locale]}
        </h1>
        <p>{fill(t.generated!, { date: planDate(locale), k: p.context.k })}</p>
        <p>{filters.length ? fill(t.filters!, { list: filters.join(" · ") }) : t.noFilters}</p>
        {p.figures.draft.n !== null && <p>{fill(t.respondents!, { n: p.figures.draft.n })}</p>}
        {p.saved && (
          <p>{fill(messages.saved, { version: p.saved.version, author: p.saved.author, date: planDate(locale, new Date(p.saved.createdAt)) })}</p>
        )}
        {p.demoResponses > 0 && (
          <p className="report-demo-mark" data-testid="report-demo-mark">
            {fill(t.demo!, { n: p.demoResponses })}
          </p>
        )}
      </header>
      {p.figures.draft.suppressed ? (
        <p role="status">{fill(messages.suppressed, { k: p.context.k })}</p>
      ) : (
        <PlanDocument plan={p.plan} logistics={p.figures.logistics} labels={labels} t={t} mt={messages.module} k={p.context.k} />
      )}
    </div>
  );
}
