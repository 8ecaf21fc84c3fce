// Everything a needs view starts with: the signed-in analyst, the survey, the parsed and resolved
// filters (a canonical URL without empty form fields), k, the labels of groups and how many demo
// responses the filtered figures include.
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/app/_server/auth";
import { pageLocale } from "@/app/_server/locale";
import { getDb } from "@/db/client";
import { countDemoResponses, type DemoCount } from "@/db/queries/count-demo-responses";
import { listUnitsForFilter, type ResolvedFilters } from "@/db/queries/needs";
import { needsSurveyOf, resolveView, type NeedsSurvey } from "@/db/queries/needs-report";
import { listRounds, resolveRound } from "@/db/queries/survey-rounds";
import type { Round } from "@/lib/rounds/rounds";
import type { Locale } from "@/i18n/locales";
import { AppError } from "@/lib/http/app-error";
import { UNIT_BREAKDOWN } from "@/lib/needs/declaration";
import { parseNeedsQuery, ROUND_KEY, toSearchParams, type NeedsQuery } from "@/lib/needs/filters";
import type { ReleaseSummary } from "@/lib/needs/needs-report";
import { needsContext, type NeedsContext } from "@/lib/needs/survey-context";
import { getSurvey, type SurveyEntry } from "@/surveys/registry";

export type NeedsView = "ranking" | "summary" | "open" | "report" | "plan";
export type SearchParams = Record<string, string | string[] | undefined>;
export interface ViewProps {
  params: Promise<{ slug: string }>;
  searchParams: Promise<SearchParams>;
}

export interface LoadedView {
  survey: SurveyEntry;
  context: NeedsContext;
  /** The survey's topics and breakdown storage (empty breakdowns without a needs declaration). */
  needsSurvey: NeedsSurvey;
  locale: Locale;
  k: number;
  basePath: string;
  query: NeedsQuery;
  /** Resolved filters over the published releases; null when the URL's filters are invalid (`error` says why). */
  filters: ResolvedFilters | null;
  /** Which releases the view covers (docs/confidentiality.md); null with invalid filters. */
  release: ReleaseSummary | null;
  error: string | null;
  extra: Record<string, string>;
  units: { id: number; code: string; name: string }[];
  /** A breakdown's name as shown (its question's title). */
  dimensionLabel: (dim: string) => string;
  groupLabel: (dim: string, key: string | null) => string;
  /** Synthetic responses (`npm run demo`) under the filters; zero when the filters are invalid. */
  demo: DemoCount;
  /** The survey's rounds, and the one the view shows (docs/rounds.md). */
  rounds: Round[];
  round: Round;
}

/** A view's path. The question summary is not a needs view of its own: every survey has one. */
export function viewPath(slug: string, view: NeedsView): string {
  const survey = `/admin/surveys/${encodeURIComponent(slug)}`;
  if (view === "summary") return `${survey}/summary`;
  if (view === "plan") return `${survey}/plan`;
  return view === "ranking" ? `${survey}/needs` : `${survey}/needs/${view}`;
}

export async function loadView(
  props: ViewProps,
  view: NeedsView,
  extraKeys: readonly string[] = [],
  options: { requireNeeds?: boolean } = {},
): Promise<LoadedView> {
  const { slug } = await props.params;
  const sp = await props.searchParams;
  const basePath = view === "plan" ? viewPath(slug, "plan") : `/admin/surveys/${encodeURIComponent(slug)}/needs`;
  const path = viewPath(slug, view);
  const raw = new URLSearchParams();
  for (const [key, v] of Object.entries(sp)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) raw.append(key, one);
  await requireUser("analyst", raw.size ? `${path}?${raw}` : path);
  const survey = await getSurvey(slug);
  if (!survey || (!survey.needs && options.requireNeeds !== false)) notFound();
  const context = needsContext(survey);
  const locale = await pageLocale();
  const t = await getTranslations("needs");
  const tr = await getTranslations("rounds");
  const db = await getDb();
  const needsSurvey: NeedsSurvey = survey.needs
    ? await needsSurveyOf(db, slug, survey.needs)
    : { slug, slots: new Map(), topics: [], breakdowns: [] };
  const extra: Record<string, string> = {};
  for (const key of extraKeys) {
    const v = sp[key];
    if (typeof v === "string" && v.trim() !== "") extra[key] = v.trim();
  }
  const parsed = parseNeedsQuery(sp, context.spec, { extraKeys });
  let query: NeedsQuery = { by: context.spec.dimensions[0]?.name ?? null, filters: {} };
  let filters: ResolvedFilters | null = null;
  let release: ReleaseSummary | null = null;
  let error: string | null = null;
  if (parsed.ok) {
    query = parsed.value;
    const canonical = toSearchParams(query, context.spec, extra).toString();
    // GET forms submit every field, empty ones too: keep shared URLs short and canonical.
    if ([...raw.values()].some((v) => v.trim() === "")) redirect(canonical ? `${path}?${canonical}` : path);
    try {
      ({ filters, release } = await resolveView(db, needsSurvey, query.filters, context.k));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      error = err.message;
    }
  } else {
    error = parsed.message;
  }
  const rounds = await listRounds(db, slug);
  const round = await resolveRound(db, slug, filters?.round);
  const units = await listUnitsForFilter(db);
  const unitCode = new Map(units.map((u) => [String(u.id), u.code]));
  const breakdowns = survey.needs?.breakdowns ?? [];
  const choiceLabel = new Map(breakdowns.map((b) => [b.name, new Map(b.choices.map((c) => [c.value, c.label[locale]]))]));
  const titles = new Map(breakdowns.map((b) => [b.name, b.kind === "unit" ? t("filters.unit") : b.title[locale]]));
  const groupLabel = (dim: string, key: string | null) => {
    if (key === null) return dim === UNIT_BREAKDOWN ? t("groups.noUnit") : t("groups.none");
    if (dim === UNIT_BREAKDOWN) return unitCode.get(key) ?? key;
    return choiceLabel.get(dim)?.get(key) ?? key;
  };
  return {
    survey,
    context,
    needsSurvey,
    locale,
    k: context.k,
    basePath,
    query,
    filters,
    release,
    error: error && t("invalidQuery", { message: error }),
    extra,
    units,
    dimensionLabel: (dim) => (dim === "from" || dim === "to" ? t(`filters.${dim}`) : dim === ROUND_KEY ? tr("label") : (titles.get(dim) ?? dim)),
    groupLabel,
    demo: filters ? await countDemoResponses(db, slug, needsSurvey.slots, filters) : { started: 0, completed: 0 },
    rounds,
    round,
  };
}
