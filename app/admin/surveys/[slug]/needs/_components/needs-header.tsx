// The needs views' header: survey title, the demo data warning, k, the views' navigation and the
// filter form (a plain GET form, so every view is a shareable URL and works without JavaScript).
// Also the question summary's, for every survey: without needs declaration, no needs tabs and
// only the period as filter.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { UNIT_BREAKDOWN } from "@/lib/needs/declaration";
import { filterKeys, ROUND_KEY, toSearchParams } from "@/lib/needs/filters";
import { DemoDataBanner } from "@/app/admin/_components/demo-data-banner";
import { viewPath, type LoadedView, type NeedsView } from "./load-view";
import { ReleaseNote } from "./release-note";

const VIEWS: readonly NeedsView[] = ["ranking", "summary", "open", "report", "plan"];

export async function NeedsHeader({ v, view, keep = {} }: { v: LoadedView; view: NeedsView; keep?: Record<string, string> }) {
  const t = await getTranslations("needs");
  const ts = await getTranslations("summary");
  const tr = await getTranslations("rounds");
  // A survey without needs declaration has only its question summary, filtered by period.
  const views = v.survey.needs ? VIEWS : [];
  const api = view === "summary" ? "summary" : view === "plan" ? "plan" : "needs";
  const spec = v.context.spec;
  const qs = toSearchParams(v.query, spec).toString();
  const suffix = qs ? `?${qs}` : "";
  const path = viewPath(v.survey.slug, view);
  const byParam = toSearchParams(v.query, spec).get("by");
  const active = filterKeys(spec)
    .filter((key) => key !== ROUND_KEY && v.query.filters[key] !== undefined)
    .map((key) => {
      const value = v.query.filters[key] as string;
      const shown = key === "from" || key === "to" ? value : v.groupLabel(key, key === UNIT_BREAKDOWN ? String(v.filters?.unitId ?? value) : value);
      return `${v.dimensionLabel(key)}: ${shown}`;
    });
  const questionBreakdowns = v.survey.needs?.breakdowns.filter((b) => b.kind === "question") ?? [];
  const hasUnit = spec.dimensions.some((d) => d.name === UNIT_BREAKDOWN);
  return (
    <header className="needs-header">
      <p className="needs-kicker">{v.survey.title[v.locale]}</p>
      <h1>{v.survey.needs ? t("title") : ts("title")}</h1>
      <DemoDataBanner demo={v.demo} figures="needs" />
      <p className="round-shown" data-testid="round-shown" data-round={v.round.round}>
        <strong>{tr("showing", { name: v.round.name })}</strong>
      </p>
      <p className="needs-k">
        <strong>{t("k.badge", { k: v.k })}</strong> — {t("k.explain", { k: v.k })}
      </p>
      {v.release && <ReleaseNote release={v.release} k={v.k} locale={v.locale} dated={Boolean(v.query.filters.from || v.query.filters.to)} />}
      <nav aria-label={t("nav.label")} className="needs-nav no-print">
        {views.map((x) => (
          <Link key={x} href={`${viewPath(v.survey.slug, x)}${suffix}`} aria-current={x === view ? "page" : undefined}>
            {t(`nav.${x}`)}
          </Link>
        ))}
        {v.survey.needs && v.rounds.length > 1 && <Link href={`/admin/surveys/${encodeURIComponent(v.survey.slug)}/compare`}>{tr("compare")}</Link>}
        <a href={`/api/surveys/${encodeURIComponent(v.survey.slug)}/${api}${suffix}`}>{t("nav.api")}</a>
      </nav>
      <form method="get" action={path} className="needs-filters no-print">
        <fieldset>
          <legend>{t("filters.legend")}</legend>
          {view === "summary" || view === "plan"
            ? // The summary has no breakdown; the other views' grouping survives a filter change.
              byParam && <input type="hidden" name="by" value={byParam} />
            : v.query.by !== null && (
                <label>
                  {t("filters.by")}
                  <select name="by" defaultValue={v.query.by}>
                    {spec.dimensions.map((d) => (
                      <option key={d.name} value={d.name}>
                        {v.dimensionLabel(d.name)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
          {questionBreakdowns.map((b) => (
            <label key={b.name}>
              {v.dimensionLabel(b.name)}
              <select name={b.name} defaultValue={v.query.filters[b.name] ?? ""}>
                <option value="">{t("filters.all")}</option>
                {b.choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label[v.locale]}
                  </option>
                ))}
              </select>
            </label>
          ))}
          {hasUnit && (
            <label>
              {t("filters.unit")}
              <select name={UNIT_BREAKDOWN} defaultValue={v.query.filters[UNIT_BREAKDOWN] ?? ""}>
                <option value="">{t("filters.all")}</option>
                {v.units.map((u) => (
                  <option key={u.id} value={u.code}>
                    {u.code} – {u.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {v.rounds.length > 1 && (
            <label>
              {tr("label")}
              <select name={ROUND_KEY} defaultValue={String(v.round.round)}>
                {v.rounds.map((r) => (
                  <option key={r.round} value={String(r.round)}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t("filters.from")}
            <input type="date" name="from" defaultValue={v.query.filters.from ?? ""} />
          </label>
          <label>
            {t("filters.to")}
            <input type="date" name="to" defaultValue={v.query.filters.to ?? ""} />
          </label>
          {Object.entries(keep).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="needs-filter-actions">
            <button type="submit">{t("filters.apply")}</button>
            <Link className="button secondary" href={path}>
              {t("filters.clear")}
            </Link>
          </div>
          <p className="needs-note">{t("filters.datesNote")}</p>
        </fieldset>
      </form>
      <p className="needs-active">{active.length ? t("filters.active", { list: active.join(" · ") }) : t("filters.none")}</p>
      {v.error && (
        <p role="alert" className="needs-alert">
          {v.error}
        </p>
      )}
    </header>
  );
}
