// Survey state (open/closed) and the versions each survey has been served with.
import { type Db, tablesOf } from "../client";
import { transaction } from "../dialect";
import { responseStatements } from "./response-statements";

export interface SurveyRef {
  slug: string;
  version: string;
  definition: object;
}

const known = new WeakMap<Db, Set<string>>();

/** Records the survey and this version of its definition (once per process and version). */
export async function ensureSurveyVersion(db: Db, survey: SurveyRef): Promise<void> {
  let seen = known.get(db);
  if (!seen) known.set(db, (seen = new Set()));
  const id = `${survey.slug}@${survey.version}`;
  if (seen.has(id)) return;
  const { surveys, surveyVersions } = tablesOf(db);
  await transaction(db, async (tx) => {
    await tx.insert(surveys).values({ slug: survey.slug }).onConflictDoNothing();
    await tx
      .insert(surveyVersions)
      .values({ slug: survey.slug, version: survey.version, definition: JSON.stringify(survey.definition) })
      .onConflictDoNothing();
  });
  seen.add(id);
}

export async function getSurveyStatus(db: Db, slug: string): Promise<"open" | "closed"> {
  // Read on every save, so prepared once (response-statements.ts).
  const [row] = await responseStatements(db).surveyStatus.execute({ slug });
  return row?.status ?? "open";
}

export async function setSurveyStatus(db: Db, slug: string, status: "open" | "closed"): Promise<void> {
  const { surveys } = tablesOf(db);
  await transaction(db, async (tx) => {
    await tx
      .insert(surveys)
      .values({ slug, status })
      .onConflictDoUpdate({ target: surveys.slug, set: { status, updatedAt: new Date().toISOString() } });
  });
}

/** Status of every survey that has one recorded (absent = open). */
export async function listSurveyStatuses(db: Db): Promise<Map<string, "open" | "closed">> {
  const { surveys } = tablesOf(db);
  const rows = await db.select({ slug: surveys.slug, status: surveys.status }).from(surveys);
  return new Map(rows.map((r) => [r.slug, r.status]));
}
