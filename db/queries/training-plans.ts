// Saved training plans: each save appends a version (edits, filters, figures snapshot, author);
// the latest version is the plan. Versions are never changed or deleted.
import { and, desc, eq, max } from "drizzle-orm";
import { nowIso } from "@/lib/time/clock";
import { type Db, tablesOf } from "../client";
import { first, transaction } from "../dialect";
import type { trainingPlanVersions } from "../schema";

export interface PlanVersionInput {
  slug: string;
  edits: unknown;
  query: unknown;
  snapshot: unknown;
  author: { id: number; email: string };
}

export interface PlanVersion {
  version: number;
  edits: unknown;
  query: unknown;
  snapshot: unknown;
  author: string;
  createdAt: string;
}

const toVersion = (row: typeof trainingPlanVersions.$inferSelect): PlanVersion => ({
  version: row.version,
  edits: JSON.parse(row.edits) as unknown,
  query: JSON.parse(row.query) as unknown,
  snapshot: JSON.parse(row.snapshot) as unknown,
  author: row.author,
  createdAt: row.createdAt,
});

/** Appends the next version (1, 2, …) of the survey's plan, in one transaction. */
export async function insertPlanVersion(db: Db, input: PlanVersionInput): Promise<PlanVersion> {
  const { trainingPlanVersions } = tablesOf(db);
  return transaction(db, async (tx) => {
    const last = await first(
      tx
        .select({ v: max(trainingPlanVersions.version) })
        .from(trainingPlanVersions)
        .where(eq(trainingPlanVersions.surveySlug, input.slug)),
    );
    const [row] = await tx
      .insert(trainingPlanVersions)
      .values({
        surveySlug: input.slug,
        version: (last?.v ?? 0) + 1,
        edits: JSON.stringify(input.edits),
        query: JSON.stringify(input.query),
        snapshot: JSON.stringify(input.snapshot),
        authorId: input.author.id,
        author: input.author.email,
        // The app's clock (lib/time/clock.ts), as for submissions and releases: the plan's round is
        // read from the day it was saved.
        createdAt: nowIso(),
      })
      .returning();
    return toVersion(row!);
  });
}

/** The survey's plan as last saved, or one given version; undefined when none. */
export async function getPlanVersion(db: Db, slug: string, version?: number): Promise<PlanVersion | undefined> {
  const { trainingPlanVersions } = tablesOf(db);
  const where =
    version === undefined
      ? eq(trainingPlanVersions.surveySlug, slug)
      : and(eq(trainingPlanVersions.surveySlug, slug), eq(trainingPlanVersions.version, version));
  const row = await first(db.select().from(trainingPlanVersions).where(where).orderBy(desc(trainingPlanVersions.version)).limit(1));
  return row && toVersion(row);
}

/** Every saved version, newest first (without their contents). */
export async function listPlanVersions(db: Db, slug: string): Promise<{ version: number; author: string; createdAt: string }[]> {
  const { trainingPlanVersions } = tablesOf(db);
  return db
    .select({ version: trainingPlanVersions.version, author: trainingPlanVersions.author, createdAt: trainingPlanVersions.createdAt })
    .from(trainingPlanVersions)
    .where(eq(trainingPlanVersions.surveySlug, slug))
    .orderBy(desc(trainingPlanVersions.version));
}
