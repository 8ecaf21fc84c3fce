// What the comparison page, its API and its CSV share: the survey, its rounds, the parsed query
// (round numbers in from/to, docs/rounds.md) and the comparison itself.
import { getDb } from "@/db/client";
import { getRoundComparison } from "@/db/queries/needs-compare";
import { listRounds, resolveRound } from "@/db/queries/survey-rounds";
import type { CompareReport } from "@/lib/needs/compare-report";
import { parseCompareQuery, type CompareQuery } from "@/lib/needs/compare-query";
import type { SearchInput } from "@/lib/needs/filters";
import type { Round } from "@/lib/rounds/rounds";
import { surveyForApi, type ApiSurvey } from "./survey-for-api";

export interface LoadedComparison extends ApiSurvey {
  rounds: Round[];
  /** Null when the query is invalid (then `error` says why) or the survey has one round. */
  query: CompareQuery | null;
  report: CompareReport | null;
  error: string | null;
}

export async function loadComparison(slug: string, params: SearchInput): Promise<LoadedComparison> {
  const api = await surveyForApi(slug, { requireNeeds: true });
  const db = await getDb();
  const rounds = await listRounds(db, slug);
  const latest = (await resolveRound(db, slug, undefined)).round;
  const parsed = parseCompareQuery(
    params,
    api.context.spec,
    rounds.map((r) => r.round),
    latest,
  );
  if (!parsed.ok) return { ...api, rounds, query: null, report: null, error: parsed.message };
  return { ...api, rounds, query: parsed.value, report: await getRoundComparison(db, api.needsSurvey, parsed.value, api.context.k), error: null };
}
