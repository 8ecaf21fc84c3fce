// Reading responses back for the respondent: resume on this device (by id) or another (by code).
import { eq } from "drizzle-orm";
import { type Db, tablesOf } from "../client";
import { first } from "../dialect";
import type { responses } from "../schema";

export interface ResumableResponse {
  id: string;
  survey: string;
  status: "partial" | "complete";
  unit: string | null;
  locale: "es" | "en";
  currentPage: number;
  resumeCode: string;
  updatedAt: string;
  submittedAt: string | null;
  /** Answers so far; only for partial responses (a submitted one is never read back). */
  data?: Record<string, unknown>;
}

function select(db: Db) {
  const { responses, units } = tablesOf(db);
  return db.select({ r: responses, unitLink: units.linkCode }).from(responses).leftJoin(units, eq(units.id, responses.unitId));
}

function toResumable(row: { r: typeof responses.$inferSelect; unitLink: string | null }): ResumableResponse {
  const { r } = row;
  const base: ResumableResponse = {
    id: r.id,
    survey: r.surveySlug,
    status: r.status,
    unit: row.unitLink,
    locale: r.locale,
    currentPage: r.currentPage,
    resumeCode: r.resumeCode,
    updatedAt: r.updatedAt,
    submittedAt: r.submittedAt,
  };
  if (r.status === "partial") base.data = JSON.parse(r.data) as Record<string, unknown>;
  return base;
}

export async function getResumableResponse(db: Db, id: string): Promise<ResumableResponse | undefined> {
  const { responses } = tablesOf(db);
  const row = await first(select(db).where(eq(responses.id, id)));
  return row ? toResumable(row) : undefined;
}

export async function findResponseByResumeCode(db: Db, code: string): Promise<ResumableResponse | undefined> {
  const { responses } = tablesOf(db);
  const row = await first(select(db).where(eq(responses.resumeCode, code)));
  return row ? toResumable(row) : undefined;
}
