// The versions of each survey and which one is published: imported from the survey files,
// uploaded by admins as drafts, published, listed with their response counts, removed.
// surveys/registry.ts reads the published ones; every write here is one transaction.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { responses, surveys, surveyVersions } from "../schema";

export interface VersionInput {
  slug: string;
  version: string;
  definition: object;
}

/** slug → published version, for every survey that has one. Read by the registry every few seconds. */
export function listPublishedVersions(db: Db): Map<string, string> {
  const rows = db
    .select({ slug: surveys.slug, version: surveys.publishedVersion })
    .from(surveys)
    .where(sql`${surveys.publishedVersion} is not null`)
    .all();
  return new Map(rows.map((r) => [r.slug, r.version as string]));
}

/** The stored definition of one version (JSON text), if there is one. */
export function findVersionDefinition(db: Db, slug: string, version: string): string | undefined {
  return db
    .select({ definition: surveyVersions.definition })
    .from(surveyVersions)
    .where(and(eq(surveyVersions.slug, slug), eq(surveyVersions.version, version)))
    .get()?.definition;
}

/**
 * Registers the current content of a survey's file. When it differs from what was last imported
 * from that file, the version is stored (if new) and published: the operator changed the file.
 * An unchanged file does nothing, so it never overrides a version published later from an upload.
 * Returns the version it replaced when it published, or undefined when nothing changed.
 */
export function importFileVersion(db: Db, input: VersionInput): { previous: string | null } | undefined {
  // The usual case (nothing changed) without taking the write lock.
  const current = db.select({ fileVersion: surveys.fileVersion }).from(surveys).where(eq(surveys.slug, input.slug)).get();
  if (current?.fileVersion === input.version) return undefined;
  return db.transaction(
    (tx) => {
      const row = tx
        .select({ fileVersion: surveys.fileVersion, published: surveys.publishedVersion })
        .from(surveys)
        .where(eq(surveys.slug, input.slug))
        .get();
      if (row?.fileVersion === input.version) return undefined;
      const at = new Date().toISOString();
      if (!row) tx.insert(surveys).values({ slug: input.slug }).run();
      // Versions recorded before versions could be uploaded were all served from the file: they
      // count as published when they were first answered.
      tx.update(surveyVersions)
        .set({ publishedAt: sql`${surveyVersions.firstSeenAt}` })
        .where(and(eq(surveyVersions.slug, input.slug), eq(surveyVersions.origin, "file"), isNull(surveyVersions.publishedAt)))
        .run();
      tx.insert(surveyVersions)
        .values({ slug: input.slug, version: input.version, definition: JSON.stringify(input.definition), origin: "file", firstSeenAt: at })
        .onConflictDoNothing()
        .run();
      tx.update(surveyVersions)
        .set({ publishedAt: at })
        .where(and(eq(surveyVersions.slug, input.slug), eq(surveyVersions.version, input.version)))
        .run();
      tx.update(surveys)
        .set({ publishedVersion: input.version, fileVersion: input.version, updatedAt: at })
        .where(eq(surveys.slug, input.slug))
        .run();
      return { previous: row?.published ?? null };
    },
    { behavior: "immediate" },
  );
}

/**
 * Stores an uploaded definition as an unpublished version. Uploading the same content again
 * changes nothing. A new slug creates the survey, which respondents see only once published.
 */
export function storeDraftVersion(
  db: Db,
  input: VersionInput & { uploadedBy: string },
): { isNew: boolean; surveyCreated: boolean; published: boolean } {
  return db.transaction(
    (tx) => {
      const survey = tx.select({ published: surveys.publishedVersion }).from(surveys).where(eq(surveys.slug, input.slug)).get();
      if (!survey) tx.insert(surveys).values({ slug: input.slug }).run();
      const inserted = tx
        .insert(surveyVersions)
        .values({
          slug: input.slug,
          version: input.version,
          definition: JSON.stringify(input.definition),
          origin: "upload",
          uploadedBy: input.uploadedBy,
          firstSeenAt: new Date().toISOString(),
        })
        .onConflictDoNothing()
        .run();
      return { isNew: inserted.changes === 1, surveyCreated: !survey, published: survey?.published === input.version };
    },
    { behavior: "immediate" },
  );
}

/** Makes a stored version the one respondents get. Returns the version it replaced, or undefined if there is no such version. */
export function publishVersion(db: Db, slug: string, version: string): { previous: string | null } | undefined {
  return db.transaction(
    (tx) => {
      const exists = tx
        .select({ v: surveyVersions.version })
        .from(surveyVersions)
        .where(and(eq(surveyVersions.slug, slug), eq(surveyVersions.version, version)))
        .get();
      if (!exists) return undefined;
      const previous = tx.select({ v: surveys.publishedVersion }).from(surveys).where(eq(surveys.slug, slug)).get()?.v ?? null;
      if (previous === version) return { previous };
      const at = new Date().toISOString();
      tx.update(surveyVersions)
        .set({ publishedAt: at })
        .where(and(eq(surveyVersions.slug, slug), eq(surveyVersions.version, version)))
        .run();
      tx.update(surveys).set({ publishedVersion: version, updatedAt: at }).where(eq(surveys.slug, slug)).run();
      return { previous };
    },
    { behavior: "immediate" },
  );
}

export interface VersionRow {
  version: string;
  origin: "file" | "upload";
  uploadedBy: string | null;
  firstSeenAt: string;
  publishedAt: string | null;
  isPublished: boolean;
  responses: number;
  completed: number;
}

/** A survey's versions, newest first, with how many responses each one holds. */
export function listSurveyVersions(db: Db, slug: string): VersionRow[] {
  const published = db.select({ v: surveys.publishedVersion }).from(surveys).where(eq(surveys.slug, slug)).get()?.v ?? null;
  const counts = new Map(
    db
      .all<{ version: string; n: number; completed: number }>(
        sql`select survey_version as version, count(*) as n, coalesce(sum(status = 'complete'), 0) as completed
            from responses where survey_slug = ${slug} group by survey_version`,
      )
      .map((r) => [r.version, r]),
  );
  return db
    .select({
      version: surveyVersions.version,
      origin: surveyVersions.origin,
      uploadedBy: surveyVersions.uploadedBy,
      firstSeenAt: surveyVersions.firstSeenAt,
      publishedAt: surveyVersions.publishedAt,
    })
    .from(surveyVersions)
    .where(eq(surveyVersions.slug, slug))
    .orderBy(sql`${surveyVersions.firstSeenAt} desc`, surveyVersions.version)
    .all()
    .map((r) => ({
      ...r,
      isPublished: r.version === published,
      responses: counts.get(r.version)?.n ?? 0,
      completed: counts.get(r.version)?.completed ?? 0,
    }));
}

export interface ManagedSurveyRow {
  slug: string;
  status: "open" | "closed";
  publishedVersion: string | null;
  versions: number;
  responses: number;
}

/** Every survey the database knows, published or not. */
export function listManagedSurveys(db: Db): ManagedSurveyRow[] {
  return db.all<ManagedSurveyRow>(sql`
    select s.slug, s.status, s.published_version as publishedVersion,
      (select count(*) from survey_versions v where v.slug = s.slug) as versions,
      (select count(*) from responses r where r.survey_slug = s.slug) as responses
    from surveys s order by s.slug`);
}

/**
 * Removes a survey with all its versions, unless it has responses (then nothing changes and the
 * count is returned); undefined when there is no such survey.
 */
export function removeSurvey(db: Db, slug: string): { removed: true; versions: number } | { removed: false; responses: number } | undefined {
  return db.transaction(
    (tx) => {
      if (!tx.select({ slug: surveys.slug }).from(surveys).where(eq(surveys.slug, slug)).get()) return undefined;
      const n = tx.select({ n: sql<number>`count(*)` }).from(responses).where(eq(responses.surveySlug, slug)).get()?.n ?? 0;
      if (n > 0) return { removed: false as const, responses: n };
      const versions = tx.delete(surveyVersions).where(eq(surveyVersions.slug, slug)).run().changes;
      tx.delete(surveys).where(eq(surveys.slug, slug)).run();
      return { removed: true as const, versions };
    },
    { behavior: "immediate" },
  );
}
