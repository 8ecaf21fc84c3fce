// The comparison of two rounds as the API, the page and the CSV show it: each round's needs report
// under the release rule (its own releases and cells, so comparing rounds reveals nothing either
// round's dashboard does not), plus the sums of squares of the same published responses for the
// intervals; the pure assembly is lib/needs/compare-report.ts.
import { buildComparison, type CompareReport } from "@/lib/needs/compare-report";
import type { CompareQuery } from "@/lib/needs/compare-query";
import { ROUND_KEY } from "@/lib/needs/filters";
import type { Db } from "../client";
import { listNeedMoments } from "./needs";
import { getNeedsReport, resolveView, type NeedsSurvey } from "./needs-report";
import { listRounds } from "./survey-rounds";
import { listPublishedRaters, publishedGroupKeys } from "./releases";
import { topicsWithFewRaters } from "@/lib/confidentiality/topic-raters";

export async function getRoundComparison(db: Db, survey: NeedsSurvey, query: CompareQuery, k: number): Promise<CompareReport> {
  const rounds = await listRounds(db, survey.slug);
  const side = async (round: number) => {
    const filters = { ...query.filters, [ROUND_KEY]: String(round) };
    const report = await getNeedsReport(db, survey, { by: query.by, filters }, k);
    const view = await resolveView(db, survey, filters, k);
    return {
      round,
      name: rounds.find((r) => r.round === round)?.name ?? String(round),
      report,
      moments: report.suppressed ? [] : await listNeedMoments(db, survey, query.by, view.filters),
      fewRaters: report.suppressed
        ? new Set<string>()
        : topicsWithFewRaters(await publishedGroupKeys(db, survey, round), await listPublishedRaters(db, survey.slug, round), k),
    };
  };
  const from = await side(query.from);
  const to = await side(query.to);
  return buildComparison({ k, by: query.by, topics: survey.topics, from, to });
}
