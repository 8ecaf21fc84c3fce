// The training plan: the draft the data propose for the survey and filters (modules, audience,
// places, format and calendar), the coordinator's editor, what moved since the plan was saved,
// and the outputs (printable A4 page, .docx, CSV). Analysts read; admins edit and save.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { filterList, loadPlan, planDate, planLabels, type LoadedPlan } from "@/app/_server/training-plan";
import { messagesFor } from "@/i18n/messages";
import { ROUND_KEY, toSearchParams } from "@/lib/needs/filters";
import type { PlanChanges } from "@/lib/plan/plan-changes";
import { decimal, fill, type PlanLabels } from "@/lib/plan/plan-labels";
import { TOP_N } from "@/lib/plan/draft-plan";
import { loadView, type ViewProps } from "../needs/_components/load-view";
import { NeedsHeader } from "../needs/_components/needs-header";
import { PlanEditor, type EditorTopic } from "./_components/plan-editor";
import "../needs/needs.css";
import "./plan.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("plan");
  return { title: t("title") };
}

function editorTopics(p: LoadedPlan, labels: PlanLabels, mt: Record<string, string>): Record<string, EditorTopic> {
  const proposed = new Map(p.figures.draft.modules.map((m) => [m.topic, m]));
  return Object.fromEntries(
    p.figures.draft.topics.map((t) => {
      const m = proposed.get(t.topic);
      const reasons = [
        ...(t.nationalReasons.includes("quadrant") ? [mt.reasonQuadrant as string] : []),
        ...(t.nationalReasons.includes("top") ? [fill(mt.reasonTop as string, { top: TOP_N })] : []),
        ...(m?.scope === "specific" ? [mt.reasonGroup as string] : []),
      ];
      const topic: EditorTopic = {
        code: t.topic,
        title: labels.topic(t.topic),
        figures: t.figures && {
          mwds: decimal(t.figures.mwds, labels.locale),
          rank: t.figures.rank,
          quadrant: labels.quadrant(t.figures.quadrant),
          n: t.figures.n,
        },
        reasons,
        highFor: t.highFor.map((g) => labels.group(g.group)),
        scope:
          m?.scope === "specific" && m.group !== null ? fill(mt.scopeSpecific as string, { group: labels.group(m.group) }) : (mt.scopeCore as string),
        suggested: t.audience.suggested,
        respondents: t.audience.respondents,
      };
      return [t.topic, topic];
    }),
  );
}

function Changes({
  changes,
  labels,
  tc,
  t,
}: {
  changes: PlanChanges;
  labels: PlanLabels;
  tc: Record<string, string>;
  t: (q: string | null) => string;
}) {
  if (!changes.any) return <p data-testid="plan-changes">{tc.none}</p>;
  return (
    <ul data-testid="plan-changes">
      {changes.nBefore !== changes.nAfter && <li>{fill(tc.n!, { before: changes.nBefore ?? "–", after: changes.nAfter ?? "–" })}</li>}
      {changes.topics.map((c) => (
        <li key={c.topic} data-changed-topic={c.topic}>
          {c.before?.rank !== c.after?.rank &&
            fill(tc.topic!, { topic: `${c.topic} ${labels.topic(c.topic)}`, before: c.before?.rank ?? "–", after: c.after?.rank ?? "–" })}
          {c.before?.rank !== c.after?.rank && c.before?.quadrant !== c.after?.quadrant && " · "}
          {c.before?.quadrant !== c.after?.quadrant &&
            fill(tc.quadrant!, {
              topic: `${c.topic} ${labels.topic(c.topic)}`,
              before: t(c.before?.quadrant ?? null),
              after: t(c.after?.quadrant ?? null),
            })}
        </li>
      ))}
      {changes.modules.map((m) => (
        <li key={m.id} data-changed-module={m.id}>
          {fill(tc.module!, { module: m.id, before: m.before, after: m.after })}
        </li>
      ))}
      {changes.added.length > 0 && <li>{fill(tc.added!, { list: changes.added.join(", ") })}</li>}
      {changes.removed.length > 0 && <li>{fill(tc.removed!, { list: changes.removed.join(", ") })}</li>}
    </ul>
  );
}

export default async function PlanPage(props: ViewProps) {
  const v = await loadView(props, "plan");
  if (!v.filters) {
    return (
      <div className="needs plan">
        <NeedsHeader v={v} view="plan" />
      </div>
    );
  }
  const user = await requireUser("analyst");
  const p = await loadPlan(v.survey.slug, toSearchParams(v.query, v.context.spec));
  const messages = messagesFor(v.locale).plan;
  const labels = planLabels(p, v.locale);
  const slug = encodeURIComponent(p.survey.slug);
  const planQs = new URLSearchParams(p.query.filters).toString();
  const filters = filterList(p, v.locale);
  const newIds = p.plan.newProposals;
  const edits = p.saved
    ? {
        ...p.edits,
        modules: [
          ...p.edits.modules,
          ...newIds.map((id) => ({ id, topics: [id], title: null, accepted: false, places: null, months: null, notes: "" })),
        ],
      }
    : p.edits;
  const catalogueMonths = p.vocabulary.months.map((value) => ({ value, label: labels.month(value) }));
  // The header says the plan's round: a saved plan keeps the round it was drafted from.
  const planRound = p.rounds.find((r) => String(r.round) === p.query.filters[ROUND_KEY]) ?? v.round;
  return (
    <div className="needs plan">
      <NeedsHeader v={{ ...v, round: planRound }} view="plan" />
      <section className="needs-card">
        <h2>{messages.title}</h2>
        <p className="needs-note">{messages.intro}</p>
        <p data-testid="plan-filters">{filters.length ? fill(messages.filtersOfPlan, { list: filters.join(" · ") }) : messages.doc.noFilters}</p>
        <p data-testid="plan-saved">
          {p.saved
            ? fill(messages.saved, { version: p.saved.version, author: p.saved.author, date: planDate(v.locale, new Date(p.saved.createdAt)) })
            : messages.notSaved}
        </p>
        {user.role !== "admin" && <p className="needs-note">{messages.readOnly}</p>}
        <p className="plan-outputs">
          <Link href={`/admin/surveys/${slug}/plan/print${planQs ? `?${planQs}` : ""}`}>{messages.actions.print}</Link>
          <a href={`/api/surveys/${slug}/export/plan.docx?${new URLSearchParams({ ...p.query.filters, labels: v.locale })}`}>
            {messages.actions.docx}
          </a>
          <a href={`/api/surveys/${slug}/export/plan.csv?${new URLSearchParams({ ...p.query.filters, labels: v.locale })}`}>{messages.actions.csv}</a>
        </p>
      </section>
      {p.changes && (
        <section className="needs-card">
          <h2>{messages.changes.title}</h2>
          <Changes changes={p.changes} labels={labels} tc={messages.changes} t={labels.quadrant as (q: string | null) => string} />
        </section>
      )}
      <section className="needs-card">
        {p.figures.draft.suppressed ? (
          <p role="status">{fill(messages.suppressed, { k: p.context.k })}</p>
        ) : edits.modules.length === 0 ? (
          <p>{messages.noModules}</p>
        ) : (
          <PlanEditor
            slug={p.survey.slug}
            canEdit={user.role === "admin"}
            edits={edits}
            newIds={newIds}
            notProposed={p.plan.modules.filter((m) => !m.stillProposed).map((m) => m.id)}
            topics={editorTopics(p, labels, messages.module)}
            sites={p.vocabulary.sites.map((value) => ({ value, label: labels.site(value) }))}
            months={catalogueMonths}
            bestMonths={p.figures.logistics?.months?.best ?? []}
            filters={p.query.filters}
            texts={{
              actions: messages.actions,
              module: messages.module,
              notes: messages.notes,
              errors: { generic: messagesFor(v.locale).admin.errors.generic },
            }}
            k={p.context.k}
          />
        )}
      </section>
      {p.versions.length > 0 && (
        <section className="needs-card">
          <h2>{messages.versions}</h2>
          <ul data-testid="plan-versions">
            {p.versions.map((x) => (
              <li key={x.version}>
                v{x.version} · {x.author} · {planDate(v.locale, new Date(x.createdAt))}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
