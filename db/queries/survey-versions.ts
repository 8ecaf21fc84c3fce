// The versions of each survey and which one is published: imported from the survey files,
// uploaded by admins as drafts, published, listed with their response counts, removed.
// surveys/registry.ts reads the published ones; every write here is one transaction.
import { and, eq, isNull, sql } from "drizzle-orm";
import { type Db, tablesOf } from "../client";
import { all, first, int, transaction } from "../dialect";

export interface VersionInput {
  slug: string;
  version: string;
  definition: object;
}

/** slug → published version, for every survey that has one. Read by the registry every few seconds. */
export async function listPublishedVersions(db: Db): Promise<Map<string, string>> {
  const { surveys } = tablesOf(db);
  const rows = await db
    .select({ slug: surveys.slug, version: surveys.publishedVersion })
    .from(surveys)
    .where(sql`${surveys.publishedVersion} is not null`);
  return new Map(rows.map((r) => [r.slug, r.version as string]));
}

/** The stored definition of one version (JSON text), if there is one. */
export async function findVersionDefinition(db: Db, slug: string, version: string): Promise<string | undefined> {
  const { surveyVersions } = tablesOf(db);
  const row = await first(
    db
      .select({ definition: surveyVersions.definition })
      .from(surveyVersions)
      .where(and(eq(surveyVersions.slug, slug), eq(surveyVersions.version, version))),
  );
  return row?.definition;
}

/**
 * Registers the current content of a survey's file. When it differs from what was last imported
 * from that file, the version is stored (if new) and published: the operator changed the file.
 * An unchanged file does nothing, so it never overrides a version published later from an upload.
 * Returns the version it replaced when it published, or undefined when nothing changed.
 */
export async function importFileVersion(db: Db, input: VersionInput): Promise<{ previous: string | null } | undefined> {
  const { surveys, surveyVersions } = tablesOf(db);
  // The usual case (nothing changed) without taking the write lock.
  const current = await first(db.select({ fileVersion: surveys.fileVersion }).from(surveys).where(eq(surveys.slug, input.slug)));
  if (current?.fileVersion === input.version) return undefined;
  return transaction(db, async (tx) => {
    const row = await first(
      tx.select({ fileVersion: surveys.fileVersion, published: surveys.publishedVersion }).from(surveys).where(eq(surveys.slug, input.slug)),
    );
    if (row?.fileVersion === input.version) return undefined;
    const at = new Date().toISOString();
    if (!row) await tx.insert(surveys).values({ slug: input.slug });
    // Versions recorded before versions could be uploaded were all served from the file: they
    // count as published when they were first answered.
    await tx
      .update(surveyVersions)
      .set({ publishedAt: sql`${surveyVersions.firstSeenAt}` })
      .where(and(eq(surveyVersions.slug, input.slug), eq(surveyVersions.origin, "file"), isNull(surveyVersions.publishedAt)));
    await tx
      .insert(surveyVersions)
      .values({ slug: input.slug, version: input.version, definition: JSON.stringify(input.definition), origin: "file", firstSeenAt: at })
      .onConflictDoNothing();
    await tx
      .update(surveyVersions)
      .set({ publishedAt: at })
      .where(and(eq(surveyVersions.slug, input.slug), eq(surveyVersions.version, input.version)));
    await tx.update(surveys).set({ publishedVersion: input.version, fileVersion: input.version, updatedAt: at }).where(eq(surveys.slug, input.slug));
    return { previous: row?.published ?? null };
  });
}

/**
 * Stores an uploaded definition as an unpublished version. Uploading the same content again
 * changes nothing. A new slug creates the survey, which respondents see only once published.
 */
export async function storeDraftVersion(
  db: Db,
  input: VersionInput & { uploadedBy: string },
): Promise<{ isNew: boolean; surveyCreated: boolean; published: boolean }> {
  const { surveys, surveyVersions } = tablesOf(db);
  return transaction(db, async (tx) => {
    const survey = await first(tx.select({ published: surveys.publishedVersion }).from(surveys).where(eq(surveys.slug, input.slug)));
    if (!survey) await tx.insert(surveys).values({ slug: input.slug });
    const inserted = await tx
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
      .returning({ version: surveyVersions.version });
    return { isNew: inserted.length === 1, surveyCreated: !survey, published: survey?.published === input.version };
  });
}

/** Makes a stored version the one respondents get. Returns the version it replaced, or undefined if there is no such version. */
export async function publishVersion(db: Db, slug: string, version: string): Promise<{ previous: string | null } | undefined> {
  const { surveys, surveyVersions } = tablesOf(db);
  return transaction(db, async (tx) => {
    const exists = await first(
      tx
        .select({ v: surveyVersions.version })
        .from(surveyVersions)
        .where(and(eq(surveyVersions.slug, slug), eq(surveyVersions.version, version))),
    );
    if (!exists) return undefined;
    const previous = (await first(tx.select({ v: surveys.publishedVersion }).from(surveys).where(eq(surveys.slug, slug))))?.v ?? null;
    if (previous === version) return { previous };
    const at = new Date().toISOString();
    await tx
      .update(surveyVersions)
      .set({ publishedAt: at })
      .where(and(eq(surveyVersions.slug, slug), eq(surveyVersions.version, version)));
    await tx.update(surveys).set({ publishedVersion: version, updatedAt: at }).where(eq(surveys.slug, slug));
    return { previous };
  });
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
export async function listSurveyVersions(db: Db, slug: string): Promise<VersionRow[]> {
  const { surveys, surveyVersions } = tablesOf(db);
  const published = (await first(db.select({ v: surveys.publishedVersion }).from(surveys).where(eq(surveys.slug, slug))))?.v ?? null;
  const counts = new Map(
    (
      await all<{ version: string; n: number; completed: number }>(
        db,
        sql`select survey_version as version, ${int(sql`count(*)`)} as n, ${int(sql`coalesce(sum(case when status = 'complete' then 1 else 0 end), 0)`)} as completed
            from responses where survey_slug = ${slug} group by survey_version`,
      )
    ).map((r) => [r.version, r]),
  );
  const rows = await db
    .select({
      version: surveyVersions.version,
      origin: surveyVersions.origin,
      uploadedBy: surveyVersions.uploadedBy,
      firstSeenAt: surveyVersions.firstSeenAt,
      publishedAt: surveyVersions.publishedAt,
    })
    .from(surveyVersions)
    .where(eq(surveyVersions.slug, slug))
    .orderBy(sql`${surveyVersions.firstSeenAt} desc`, surveyVersions.version);
  return rows.map((r) => ({
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
export async function listManagedSurveys(db: Db): Promise<ManagedSurveyRow[]> {
  return all<ManagedSurveyRow>(
    db,
    sql`
    select s.slug, s.status, s.published_version as "publishedVersion",
      ${int(sql`(select count(*) from survey_versions v where v.slug = s.slug)`)} as versions,
      ${int(sql`(select count(*) from responses r where r.survey_slug = s.slug)`)} as responses
    from surveys s order by s.slug`,
  );
}

/**
 * Removes a survey with all its versions, unless it has responses (then nothing changes and the
 * count is returned); undefined when there is no such survey.
 */
export async function removeSurvey(
  db: Db,
  slug: string,
): Promise<{ removed: true; versions: number } | { removed: false; responses: number } | undefined> {
  const { responses, surveys, surveyVersions } = tablesOf(db);
  return transaction(db, async (tx) => {
    if (!(await first(tx.select({ slug: surveys.slug }).from(surveys).where(eq(surveys.slug, slug))))) return undefined;
    const n =
      (
        await first(
          tx
            .select({ n: int(sql`count(*)`) })
            .from(responses)
            .where(eq(responses.surveySlug, slug)),
        )
      )?.n ?? 0;
    if (n > 0) return { removed: false as const, responses: n };
    const versions = (await tx.delete(surveyVersions).where(eq(surveyVersions.slug, slug)).returning({ version: surveyVersions.version })).length;
    await tx.delete(surveys).where(eq(surveys.slug, slug));
    return { removed: true as const, versions };
  });
}
