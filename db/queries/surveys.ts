// Survey state (open/closed) and the versions each survey has been served with.
import type { Db } from "../client";
import { surveys, surveyVersions } from "../schema";
import { responseStatements } from "./response-statements";

export interface SurveyRef {
  slug: string;
  version: string;
  definition: object;
}

const known = new WeakMap<Db, Set<string>>();

/** Records the survey and this version of its definition (once per process and version). */
export function ensureSurveyVersion(db: Db, survey: SurveyRef): void {
  let seen = known.get(db);
  if (!seen) known.set(db, (seen = new Set()));
  const id = `${survey.slug}@${survey.version}`;
  if (seen.has(id)) return;
  db.transaction((tx) => {
    tx.insert(surveys).values({ slug: survey.slug }).onConflictDoNothing().run();
    tx.insert(surveyVersions)
      .values({ slug: survey.slug, version: survey.version, definition: JSON.stringify(survey.definition) })
      .onConflictDoNothing()
      .run();
  });
  seen.add(id);
}

export function getSurveyStatus(db: Db, slug: string): "open" | "closed" {
  // Read on every save, so prepared once (response-statements.ts).
  const row = responseStatements(db).surveyStatus.get({ slug });
  return row?.status ?? "open";
}

export function setSurveyStatus(db: Db, slug: string, status: "open" | "closed"): void {
  db.insert(surveys)
    .values({ slug, status })
    .onConflictDoUpdate({ target: surveys.slug, set: { status, updatedAt: new Date().toISOString() } })
    .run();
}

/** Status of every survey that has one recorded (absent = open). */
export function listSurveyStatuses(db: Db): Map<string, "open" | "closed"> {
  return new Map(
    db
      .select({ slug: surveys.slug, status: surveys.status })
      .from(surveys)
      .all()
      .map((r) => [r.slug, r.status]),
  );
}
