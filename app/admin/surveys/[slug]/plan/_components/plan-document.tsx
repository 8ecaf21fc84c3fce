// The training plan as a document (the printed A4 page): the accepted modules in order, each with
// the figures that justify it and its audience by group and place (bars in CSS), then format and
// calendar. The same content as the .docx (lib/plan/plan-docx.ts); only figures the plan shows.
import { TOP_N } from "@/lib/plan/draft-plan";
import type { Logistics, LogisticsQuestion } from "@/lib/plan/logistics";
import { decimal, fill, moduleTitle, percent, type PlanLabels } from "@/lib/plan/plan-labels";
import type { PlanModule, TrainingPlan } from "@/lib/plan/plan-edits";

type Texts = Record<string, string>;

function Bar({ share }: { share: number }) {
  const pct = Math.max(0, Math.min(100, Math.round(share * 100)));
  return (
    <span className="plan-bar" aria-hidden="true">
      <span style={{ width: `${pct}%` }} />
    </span>
  );
}

function ModuleSection({ m, index, labels, t, mt }: { m: PlanModule; index: number; labels: PlanLabels; t: Texts; mt: Texts }) {
  const loc = labels.locale;
  const highFor = [...new Set(m.topics.flatMap((x) => x.highFor.map((g) => labels.group(g.group))))];
  const total = m.audience.respondents;
  const withOfficials = m.audience.sites.some((s) => s.officials !== null);
  return (
    <section className="plan-module" data-module={m.id}>
      <h2>
        {fill(t.moduleN!, { n: index + 1 })}. {moduleTitle(m, labels)}
      </h2>
      <p className="plan-scope">
        {m.scope === "specific" && m.group !== null ? fill(mt.scopeSpecific!, { group: labels.group(m.group) }) : mt.scopeCore} ·{" "}
        {highFor.length ? fill(mt.highFor!, { list: highFor.join(", ") }) : fill(mt.highForNone!, { top: TOP_N })}
      </p>
      <table className="plan-table">
        <caption>{t.figures}</caption>
        <thead>
          <tr>
            {[t.topic, t.importance, t.competence, t.discrepancy, t.mwds, t.rank, t.quadrant, t.n].map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {m.topics.map((x) =>
            x.figures ? (
              <tr key={x.topic}>
                <th scope="row">
                  {x.topic} {labels.topic(x.topic)}
                </th>
                <td>{decimal(x.figures.meanImportance, loc)}</td>
                <td>{decimal(x.figures.meanCompetence, loc)}</td>
                <td>{decimal(x.figures.meanDiscrepancy, loc)}</td>
                <td>
                  <strong>{decimal(x.figures.mwds, loc)}</strong>
                </td>
                <td>{x.figures.rank ?? "–"}</td>
                <td>{labels.quadrant(x.figures.quadrant)}</td>
                <td>{x.figures.n}</td>
              </tr>
            ) : null,
          )}
        </tbody>
      </table>
      <div className="plan-audience">
        {m.audience.byGroup.length > 0 && (
          <table className="plan-table">
            <caption>{fill(t.audienceByGroup!, { dimension: labels.groupsTitle })}</caption>
            <thead>
              <tr>
                <th scope="col">{t.group}</th>
                <th scope="col">{t.respondentsCol}</th>
                <th scope="col">{t.bar}</th>
              </tr>
            </thead>
            <tbody>
              {m.audience.byGroup.map((g) => (
                <tr key={g.group ?? ""} data-audience-group={g.group ?? ""}>
                  <th scope="row">{labels.group(g.group)}</th>
                  <td>{g.respondents}</td>
                  <td>{total > 0 && <Bar share={g.respondents / total} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {labels.sitesTitle && m.audience.sites.length > 0 && (
          <table className="plan-table">
            <caption>{fill(t.audienceBySite!, { dimension: labels.sitesTitle })}</caption>
            <thead>
              <tr>
                <th scope="col">{t.site}</th>
                <th scope="col">{t.respondentsCol}</th>
                {withOfficials && <th scope="col">{t.officials}</th>}
                <th scope="col">{t.bar}</th>
              </tr>
            </thead>
            <tbody>
              {m.audience.sites.map((s) => (
                <tr key={s.site} data-audience-site={s.site}>
                  <th scope="row">
                    {labels.site(s.site)}
                    {m.audience.suggested.includes(s.site) && <em> ({mt.suggested})</em>}
                  </th>
                  <td>{s.respondents}</td>
                  {withOfficials && <td>{s.officials ?? "–"}</td>}
                  <td>{total > 0 && <Bar share={s.respondents / total} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {labels.sitesTitle && <p data-testid="module-places">{fill(t.places!, { list: m.places.map(labels.site).join(", ") || t.none! })}</p>}
      {m.months.length > 0 && <p>{fill(t.months!, { list: m.months.map(labels.month).join(", ") })}</p>}
      {m.notes.trim() && <p className="plan-notes">{fill(t.notes!, { text: m.notes.trim() })}</p>}
    </section>
  );
}

function ItemsTable({ q, t, labels, extra }: { q: LogisticsQuestion; t: Texts; labels: PlanLabels; extra?: (value: string) => string }) {
  return (
    <table className="plan-table">
      <caption>{q.title[labels.locale]}</caption>
      <thead>
        <tr>
          <th scope="col">{t.option}</th>
          <th scope="col">{t.count}</th>
          <th scope="col">{t.share}</th>
          {extra ? <th scope="col">{t.implication}</th> : <th scope="col">{t.bar}</th>}
        </tr>
      </thead>
      <tbody>
        {q.items
          .filter((i) => i.count !== null)
          .map((i) => (
            <tr key={i.value}>
              <th scope="row">{i.label[labels.locale]}</th>
              <td>{i.count}</td>
              <td>{percent(i.share, labels.locale)}</td>
              <td>{extra ? extra(i.value) : <Bar share={i.share ?? 0} />}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

function LogisticsSection({ l, labels, t }: { l: Logistics; labels: PlanLabels; t: Texts }) {
  const loc = labels.locale;
  const max = Math.max(0, (l.modality?.items.length ?? 1) - 1);
  return (
    <section className="plan-logistics" data-testid="plan-logistics">
      <h2>{t.logisticsTitle}</h2>
      {l.modality && (
        <table className="plan-table" data-testid="plan-modality">
          <caption>
            {l.modality.title[loc]} — {t.modality}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.option}</th>
              <th scope="col">{fill(t.borda!, { max })}</th>
              <th scope="col">{t.first}</th>
              <th scope="col">{t.bar}</th>
            </tr>
          </thead>
          <tbody>
            {l.modality.items.map((i) => (
              <tr key={i.value}>
                <th scope="row">{i.label[loc]}</th>
                <td>{decimal(i.borda, loc)}</td>
                <td>{percent(i.share, loc)}</td>
                <td>{i.borda !== null && max > 0 && <Bar share={i.borda / max} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {l.duration && <ItemsTable q={l.duration} t={t} labels={labels} />}
      {l.schedule && <ItemsTable q={l.schedule} t={t} labels={labels} />}
      {l.months && (
        <>
          <p>
            <strong>{fill(t.bestMonths!, { list: l.months.best.map(labels.month).join(", ") || t.none! })}</strong>
          </p>
          <ItemsTable q={l.months} t={t} labels={labels} />
        </>
      )}
      {l.obstacles && (
        <ItemsTable q={l.obstacles} t={t} labels={labels} extra={(v) => l.obstacles?.items.find((i) => i.value === v)?.implication?.[loc] ?? ""} />
      )}
    </section>
  );
}

export function PlanDocument(props: { plan: TrainingPlan; logistics: Logistics | null; labels: PlanLabels; t: Texts; mt: Texts; k: number }) {
  const { plan, logistics, labels, t, mt } = props;
  const modules = plan.modules.filter((m) => m.accepted && m.shown);
  return (
    <div className="plan-document">
      <p className="plan-method">{fill(t.method!, { top: TOP_N })}</p>
      <p className="plan-method">{fill(t.hiddenNote!, { k: props.k })}</p>
      {plan.notes.trim() && (
        <section>
          <h2>{t.generalNotes}</h2>
          <p className="plan-notes">{plan.notes.trim()}</p>
        </section>
      )}
      <h2 className="plan-modules-title">{t.modulesTitle}</h2>
      {modules.map((m, i) => (
        <ModuleSection key={m.id} m={m} index={i} labels={labels} t={t} mt={mt} />
      ))}
      {logistics && <LogisticsSection l={logistics} labels={labels} t={t} />}
    </div>
  );
}
