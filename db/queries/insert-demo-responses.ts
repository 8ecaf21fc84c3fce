// Clearly labelled synthetic responses (is_demo = 1, "[DEMO]" texts) to any survey, stored as
// saveResponse stores a new response (the same rows: response, need ratings, breakdown slots,
// round) but in bulk, a few hundred rows per statement, in one transaction; deterministic for a
// seed. Used by `npm run demo` and benchmarks. The answers come from lib/demo (driven by the
// survey's definition and declaration).
import { newResumeCode } from "@/lib/codes/random-code";
import { createDemoGenerator } from "@/lib/demo/demo-responses";
import { seededRng } from "@/lib/demo/rng";
import { breakdownValues } from "@/lib/needs/breakdown-values";
import { extractNeedRatings } from "@/lib/responses/need-ratings";
import { validateResponseData } from "@/lib/responses/response-validation";
import { canonicalJson } from "@/lib/surveys/canonical-json";
import { peruToday } from "@/lib/time/lima-time";
import { type Db, tablesOf } from "../client";
import { transaction } from "../dialect";
import type { NeedRatingInsert, ResponseRow } from "../schema";
import { listActiveUnitRegions } from "./list-demo-units";
import { roundOfSave, type SaveResponseInput } from "./save-response";
import { dimensionColumns, ensureDimensionSlots } from "./survey-dimensions";
import { listRounds } from "./survey-rounds";
import { ensureSurveyVersion } from "./surveys";

/** Rows per INSERT: a few hundred, well within both engines' limits on bound parameters. */
const CHUNK = 400;

export interface DemoInsertOptions {
  /** How many responses to store; with `completeOnly`, how many completed ones. */
  count: number;
  seed: number;
  /** Share of respondents who stopped after a page before the last (stored as partial). */
  partialShare: number;
  completeOnly?: boolean;
  /** Submissions are spread over this many days before `now`. */
  daysBack?: number;
  now?: number;
  /** Validate every n-th response with the API's validator (1 = all, 0 = none). */
  validateEvery?: number;
  /** The survey round they join (default: the round open on each one's date). */
  round?: number;
}

function hex(rng: () => number, len: number): string {
  let s = "";
  for (let i = 0; i < len; i++) s += Math.floor(rng() * 16).toString(16);
  return s;
}

export async function insertDemoResponses(
  db: Db,
  survey: SaveResponseInput["survey"],
  options: DemoInsertOptions,
): Promise<{ complete: number; partial: number }> {
  const units = await listActiveUnitRegions(db);
  const unitIds = new Map(units.map((u) => [u.linkCode, u.id]));
  const now = options.now ?? Date.now();
  const needs = survey.needs;
  // What saveResponse does before its transaction, once for all.
  await ensureSurveyVersion(db, survey);
  const slots = await ensureDimensionSlots(db, survey.slug, [...breakdownValues(needs, {}).keys()]);
  const rounds = await listRounds(db, survey.slug);
  return transaction(db, async (tx) => {
    const { needRatings, responses } = tablesOf(tx);
    // Drawn in here: PostgreSQL may run the transaction again, which then draws the same responses.
    const rng = seededRng(options.seed);
    const generator = createDemoGenerator(survey, { units, daysBack: options.daysBack, now: options.now });
    let complete = 0;
    let partial = 0;
    let rows: ResponseRow[] = [];
    let ratings: NeedRatingInsert[] = [];
    const flush = async () => {
      if (rows.length) await tx.insert(responses).values(rows);
      for (let i = 0; i < ratings.length; i += CHUNK) await tx.insert(needRatings).values(ratings.slice(i, i + CHUNK));
      rows = [];
      ratings = [];
    };
    for (let i = 0; (options.completeOnly ? complete : i) < options.count; i++) {
      const isPartial = rng() < options.partialShare;
      const demo = generator.next(rng, { partial: isPartial });
      const data = demo.data;
      if (options.validateEvery && i % options.validateEvery === 0) {
        const check = validateResponseData(survey.definition, data, { complete: !isPartial, locale: demo.locale });
        if (!check.ok) throw new Error(`demo response ${i} is invalid: ${JSON.stringify(check.issues)}`);
      }
      // The row saveResponse stores for a new response.
      const id = `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;
      const at = new Date(now - demo.minutesAgo * 60_000).toISOString();
      const dims = dimensionColumns(slots, breakdownValues(needs, data));
      const row: ResponseRow = {
        id,
        surveySlug: survey.slug,
        surveyVersion: survey.version,
        unitId: demo.unit ? (unitIds.get(demo.unit.linkCode) ?? null) : null,
        status: isPartial ? "partial" : "complete",
        data: canonicalJson(data),
        locale: demo.locale,
        currentPage: 0,
        // 60 random bits: a collision among the stored codes fails the insert (run it again).
        resumeCode: newResumeCode(),
        isDemo: true,
        startedAt: at,
        updatedAt: at,
        submittedAt: isPartial ? null : at,
        round: roundOfSave(rounds, undefined, { round: options.round }, peruToday(new Date(at))),
        ...dims,
        releaseBatch: null,
      };
      rows.push(row);
      if (!isPartial && needs) {
        for (const rating of extractNeedRatings(needs, data)) {
          ratings.push({ ...rating, ...dims, responseId: id, surveySlug: survey.slug, unitId: row.unitId, submittedAt: at, round: row.round });
        }
      }
      if (isPartial) partial++;
      else complete++;
      if (rows.length === CHUNK) await flush();
    }
    await flush();
    return { complete, partial };
  });
}
