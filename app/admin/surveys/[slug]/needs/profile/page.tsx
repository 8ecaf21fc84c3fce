// Profile and logistics of the respondents under the URL's filters: who they are, prior training,
// preferred formats, duration, schedule, months and obstacles — all with small-cell suppression.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listProfileCounts } from "@/db/queries/needs-profile";
import { buildProfile, MULTI_FIELDS, NO_ANSWER, PARTITION_FIELDS, RANKING_FIELD, type ProfileSection } from "@/lib/needs/profile";
import { questionChoices } from "@/lib/needs/survey-choices";
import { ShareBarChart, type BarDatum } from "../_components/bar-chart";
import { loadView, type ViewProps } from "../_components/load-view";
import { NeedsHeader } from "../_components/needs-header";
import { gateView } from "../_components/view-gate";
import "../needs.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("needs");
  return { title: `${t("profile.title")} · ${t("title")}` };
}

const BOOLEAN_FIELDS = new Set(["capacitacion_tim", "capacitacion_tdp"]);

export default async function NeedsProfilePage(props: ViewProps) {
  const v = await loadView(props, "profile");
  const t = await getTranslations("needs");
  const gate = gateView(v, "profile");
  if (gate.page) return gate.page;
  const { n, filters } = gate;
  const db = getDb();
  const slug = v.survey.slug;
  const fields = [...PARTITION_FIELDS, ...MULTI_FIELDS, RANKING_FIELD];
  const choiceLists = Object.fromEntries(
    fields.map((f) => [f, BOOLEAN_FIELDS.has(f) ? ["true", "false"] : questionChoices(v.survey.definition, f).map((c) => c.value)]),
  );
  const labelOf = new Map(
    fields.map((f) => [f, new Map(questionChoices(v.survey.definition, f).map((c) => [c.value, c.label[v.locale]]))]),
  );
  const label = (field: string, value: string) => {
    if (value === NO_ANSWER) return t("profile.noAnswer");
    if (BOOLEAN_FIELDS.has(field)) return value === "true" ? t("profile.yes") : t("profile.no");
    return labelOf.get(field)?.get(value) ?? value;
  };
  const profile = buildProfile(listProfileCounts(db, v.needsSurvey, filters), n, v.k, choiceLists);
  const pct = new Intl.NumberFormat(v.locale === "en" ? "en" : "es-PE", { style: "percent", maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(v.locale === "en" ? "en" : "es-PE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const hiddenText = t("suppressed.cell", { k: v.k });
  const section = (field: string) => profile.sections.find((s) => s.field === field) as ProfileSection;
  const bars = (s: ProfileSection): BarDatum[] =>
    s.items.map((i) => ({
      label: label(s.field, i.value),
      value: i.share === null ? null : Math.round(i.share * 1000) / 10,
      text: i.count === null ? hiddenText : `${pct.format(i.share ?? 0)} (${i.count})`,
    }));
  const chart = (field: string) => {
    const s = section(field);
    return (
      <section key={field} className="needs-card profile-chart" aria-labelledby={`h-${field}`}>
        <h3 id={`h-${field}`}>{t(`profile.fields.${field}`)}</h3>
        {s.kind === "multi" && <p className="needs-note">{t("profile.multiNote")}</p>}
        <ShareBarChart data={bars(s)} />
        <details>
          <summary>{t("profile.showData")}</summary>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t(`profile.fields.${field}`)}</th>
                <th scope="col">{t("profile.count")}</th>
                <th scope="col">{t("profile.share")}</th>
              </tr>
            </thead>
            <tbody>
              {s.items.map((i) => (
                <tr key={i.value}>
                  <th scope="row">{label(field, i.value)}</th>
                  <td className="num">{i.count ?? hiddenText}</td>
                  <td className="num">{i.share === null ? hiddenText : pct.format(i.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
    );
  };
  const rate = (field: string, text: string) => {
    const yes = section(field).items.find((i) => i.value === "true");
    return (
      <li key={field}>
        <span className="rate-value">{yes?.share == null ? hiddenText : pct.format(yes.share)}</span>
        {text}
      </li>
    );
  };
  const m = profile.modality;
  return (
    <div className="needs">
      <NeedsHeader v={v} view="profile" />
      <p className="needs-total">{t("n", { n })}</p>
      <h2>{t("profile.title")}</h2>
      <div className="needs-grid">{["institucion", "region", "cargo_categoria", "anios_institucion", "anios_casos"].map(chart)}</div>
      <h2>{t("profile.trainingRates")}</h2>
      <div className="needs-grid">
        <section className="needs-card">
          <ul className="rate-list" data-testid="training-rates">
            {rate("capacitacion_tim", t("profile.trainedTim"))}
            {rate("capacitacion_tdp", t("profile.trainedTdp"))}
          </ul>
        </section>
        {chart("capacitacion_tim_entidad")}
      </div>
      <h2>{t("profile.modality")}</h2>
      <section className="needs-card profile-chart">
        <p className="needs-note">{t("profile.modalityIntro")}</p>
        <ShareBarChart
          colour="#1e6b35"
          data={m.items.map((i) => ({
            label: label(RANKING_FIELD, i.value),
            value: i.firstShare === null ? null : Math.round(i.firstShare * 1000) / 10,
            text: i.firstCount === null ? hiddenText : `${pct.format(i.firstShare ?? 0)} (${i.firstCount})`,
          }))}
        />
        {m.meanRankHidden && <p className="needs-note">{t("profile.meanRankHidden", { k: v.k })}</p>}
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("profile.modality")}</th>
              <th scope="col">{t("profile.firstShare")}</th>
              <th scope="col">{t("profile.meanRank")}</th>
            </tr>
          </thead>
          <tbody>
            {m.items.map((i) => (
              <tr key={i.value}>
                <th scope="row">{label(RANKING_FIELD, i.value)}</th>
                <td className="num">{i.firstShare === null ? hiddenText : `${pct.format(i.firstShare)} (${i.firstCount})`}</td>
                <td className="num">{i.meanRank === null ? "–" : dec.format(i.meanRank)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="needs-grid">{["duracion", "horario", "meses_disponibles", "obstaculos"].map(chart)}</div>
    </div>
  );
}
