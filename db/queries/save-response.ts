// Stores a validated respondent submission: a partial save or a completion, idempotently.
// A completion writes the response and its need ratings in one transaction. The statements are
// prepared once per connection (response-statements.ts; on PostgreSQL once per transaction): this
// runs on every save.
import { nowIso } from "@/lib/time/clock";
import { canonicalJson } from "@/lib/surveys/canonical-json";
import { AppError, conflict } from "@/lib/http/app-error";
import { extractNeedRatings } from "@/lib/responses/need-ratings";
import { breakdownValues } from "@/lib/needs/breakdown-values";
import type { NeedsDeclaration } from "@/lib/needs/declaration";
import { newResumeCode } from "@/lib/codes/random-code";
import type { Db } from "../client";
import { transaction } from "../dialect";
import type { responses } from "../schema";
import { responseStatements, type ResponseStatements } from "./response-statements";
import { dimensionColumns, ensureDimensionSlots } from "./survey-dimensions";
import { ensureSurveyVersion, type SurveyRef } from "./surveys";
import { listRounds } from "./survey-rounds";
import { acceptsAnswers, roundForNewResponse, type Round } from "@/lib/rounds/rounds";
import { peruToday } from "@/lib/time/lima-time";

export interface SaveResponseInput {
  id: string;
  survey: SurveyRef & { needs?: NeedsDeclaration };
  unitId: number | null;
  locale: "es" | "en";
  data: Record<string, unknown>;
  complete: boolean;
  page?: number;
  isDemo?: boolean;
  /** For demo data and tests: the moment of the save (default now). */
  at?: string;
  /**
   * For demo data and tests: the round a new response joins, whatever its dates (default: the
   * round open on the day of the save, lib/rounds/rounds.ts).
   */
  round?: number;
}

const roundClosed = (r: Round) =>
  conflict("survey_closed", `The round "${r.name}" of this survey no longer accepts answers (it closed on ${r.closesOn}).`);

/** The round a save goes to: the response's own, or for a new one the round open today; refused when closed. */
export function roundOfSave(
  rounds: readonly Round[],
  existingRound: number | undefined,
  input: Pick<SaveResponseInput, "round">,
  today: string,
): number {
  if (existingRound === undefined && input.round !== undefined) return input.round;
  if (existingRound !== undefined) {
    const own = rounds.find((r) => r.round === existingRound);
    if (own && !acceptsAnswers(own, today) && input.round === undefined) throw roundClosed(own);
    return existingRound;
  }
  const open = roundForNewResponse(rounds, today);
  if (!open) throw conflict("survey_closed", "This survey does not accept answers yet: its first round has not opened.");
  if (!acceptsAnswers(open, today)) throw roundClosed(open);
  return open.round;
}

export interface SavedResponse {
  id: string;
  survey: string;
  version: string;
  status: "partial" | "complete";
  resumeCode: string;
  submittedAt: string | null;
}

function toResult(row: typeof responses.$inferSelect): SavedResponse {
  return {
    id: row.id,
    survey: row.surveySlug,
    version: row.surveyVersion,
    status: row.status,
    resumeCode: row.resumeCode,
    submittedAt: row.submittedAt,
  };
}

export async function saveResponse(db: Db, input: SaveResponseInput): Promise<SavedResponse> {
  await ensureSurveyVersion(db, input.survey);
  const at = input.at ?? nowIso();
  const dataText = canonicalJson(input.data);
  const needs = input.survey.needs;
  const values = breakdownValues(needs, input.data);
  const dims = dimensionColumns(await ensureDimensionSlots(db, input.survey.slug, [...values.keys()]), values);
  const rounds = await listRounds(db, input.survey.slug);
  const today = peruToday(new Date(at));
  return transaction(
    db,
    async (tx) => {
      const statements = responseStatements(tx);
      const [existing] = await statements.findResponse.execute({ id: input.id });
      if (existing) {
        if (existing.surveySlug !== input.survey.slug) {
          throw conflict("response_survey_mismatch", "This response id belongs to another survey.");
        }
        if (input.unitId !== null && existing.unitId !== null && existing.unitId !== input.unitId) {
          throw conflict("response_unit_mismatch", "This response was started from another unit's link.");
        }
        if (existing.status === "complete") return answerCompleted(existing, input, dataText);
      }
      const round = roundOfSave(rounds, existing?.round, input, today);
      const row = {
        surveyVersion: input.survey.version,
        unitId: existing?.unitId ?? input.unitId,
        status: input.complete ? ("complete" as const) : ("partial" as const),
        data: dataText,
        locale: input.locale,
        currentPage: input.page ?? existing?.currentPage ?? 0,
        updatedAt: at,
        submittedAt: input.complete ? at : null,
        ...dims,
      };
      let saved: typeof responses.$inferSelect | undefined;
      if (existing) {
        [saved] = await statements.updateResponse.execute({ ...row, id: input.id });
        if (!saved) {
          // Completed by a concurrent save since it was read (PostgreSQL; SQLite runs saves one at a time).
          const [now] = await statements.findResponse.execute({ id: input.id });
          if (now?.status === "complete") return answerCompleted(now, input, dataText);
          throw new Error(`response ${input.id} vanished during its update`);
        }
      } else {
        saved = await insertWithFreshResumeCode(statements, {
          ...row,
          id: input.id,
          surveySlug: input.survey.slug,
          isDemo: input.isDemo ?? false,
          startedAt: at,
          round,
          releaseBatch: null,
        });
      }
      if (input.complete && needs) {
        for (const rating of extractNeedRatings(needs, input.data)) {
          await statements.insertNeedRating.execute({
            ...rating,
            ...dims,
            responseId: input.id,
            surveySlug: input.survey.slug,
            unitId: saved.unitId,
            submittedAt: at,
            round: saved.round,
          });
        }
      }
      return toResult(saved);
      // Read committed on PostgreSQL, with the guards above: a response's row is the only state a
      // save checks before it writes (its status, updated only while partial), and a second insert
      // of the same id fails on the primary key and is retried (then finds it). Serializable would
      // add conflicts between saves of different respondents (predicate locks on shared index pages).
    },
    { isolation: "read committed" },
  );
}

/** A save of a response already complete: a retried submission of the same answers gets the same answer; anything else is refused. */
function answerCompleted(row: typeof responses.$inferSelect, input: SaveResponseInput, dataText: string): SavedResponse {
  if (input.complete && row.data === dataText) return toResult(row);
  throw conflict("response_already_submitted", "This response was already submitted and cannot be changed.");
}

/** Inserts the new response with a fresh resume code, drawing another while the code is taken. */
async function insertWithFreshResumeCode(
  statements: ResponseStatements,
  row: Omit<typeof responses.$inferSelect, "resumeCode">,
): Promise<typeof responses.$inferSelect> {
  for (let attempt = 0; attempt < 5; attempt++) {
    // ON CONFLICT (resume_code) DO NOTHING (response-statements.ts): no row back when it is taken.
    const [saved] = await statements.insertResponse.execute({ ...row, resumeCode: newResumeCode() });
    if (saved) return saved;
  }
  throw new AppError(503, "resume_code_exhausted", "Could not allocate a resume code; please retry.");
}
