// Stores a validated respondent submission: a partial save or a completion, idempotently.
// A completion writes the response and its need ratings in one transaction.
import { eq } from "drizzle-orm";
import { canonicalJson } from "@/lib/canonical-json";
import { AppError, conflict } from "@/lib/http/app-error";
import { extractGroupingFields, extractNeedRatings } from "@/lib/need-ratings";
import { newResumeCode } from "@/lib/random-code";
import type { Db } from "../client";
import { needRatings, responses } from "../schema";
import { ensureSurveyVersion, type SurveyRef } from "./surveys";

export interface SaveResponseInput {
  id: string;
  survey: SurveyRef & { needs?: { question: string; topics: { code: string }[] } };
  unitId: number | null;
  locale: "es" | "en";
  data: Record<string, unknown>;
  complete: boolean;
  page?: number;
  isDemo?: boolean;
  /** For demo data and tests: the moment of the save (default now). */
  at?: string;
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

export function saveResponse(db: Db, input: SaveResponseInput): SavedResponse {
  ensureSurveyVersion(db, input.survey);
  const at = input.at ?? new Date().toISOString();
  const dataText = canonicalJson(input.data);
  return db.transaction(
    (tx) => {
      const existing = tx.select().from(responses).where(eq(responses.id, input.id)).get();
      if (existing) {
        if (existing.surveySlug !== input.survey.slug) {
          throw conflict("response_survey_mismatch", "This response id belongs to another survey.");
        }
        if (input.unitId !== null && existing.unitId !== null && existing.unitId !== input.unitId) {
          throw conflict("response_unit_mismatch", "This response was started from another unit's link.");
        }
        if (existing.status === "complete") {
          // A retried submission of the same answers gets the same answer; anything else is refused.
          if (input.complete && existing.data === dataText) return toResult(existing);
          throw conflict("response_already_submitted", "This response was already submitted and cannot be changed.");
        }
      }
      const row = {
        surveyVersion: input.survey.version,
        unitId: existing?.unitId ?? input.unitId,
        status: input.complete ? ("complete" as const) : ("partial" as const),
        data: dataText,
        locale: input.locale,
        currentPage: input.page ?? existing?.currentPage ?? 0,
        updatedAt: at,
        submittedAt: input.complete ? at : null,
      };
      let saved: typeof responses.$inferSelect;
      if (existing) {
        saved = tx.update(responses).set(row).where(eq(responses.id, input.id)).returning().get();
      } else {
        saved = insertWithFreshResumeCode(tx as unknown as Db, {
          ...row,
          id: input.id,
          surveySlug: input.survey.slug,
          isDemo: input.isDemo ?? false,
          startedAt: at,
        });
      }
      if (input.complete && input.survey.needs) {
        const matrix = input.data[input.survey.needs.question];
        const topics = input.survey.needs.topics.map((t) => t.code);
        const group = extractGroupingFields(input.data);
        const rows = extractNeedRatings(topics, matrix).map((r) => ({
          ...r,
          ...group,
          responseId: input.id,
          surveySlug: input.survey.slug,
          unitId: saved.unitId,
          submittedAt: at,
        }));
        if (rows.length > 0) tx.insert(needRatings).values(rows).run();
      }
      return toResult(saved);
    },
    { behavior: "immediate" },
  );
}

function insertWithFreshResumeCode(db: Db, row: Omit<typeof responses.$inferInsert, "resumeCode">) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return db.insert(responses).values({ ...row, resumeCode: newResumeCode() }).returning().get();
    } catch (err) {
      if (!String((err as Error).message).includes("resume_code")) throw err;
    }
  }
  throw new AppError(503, "resume_code_exhausted", "Could not allocate a resume code; please retry.");
}
