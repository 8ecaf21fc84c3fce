// The releases of a survey's aggregate figures (docs/confidentiality.md): reading the published
// state for the views, and publishing the completed responses that can join a release. The rule
// itself is pure (lib/confidentiality/release-plan.ts); this file loads its input and stores its
// result, in one immediate transaction so that two requests never release the same responses.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { UNIT_BREAKDOWN } from "@/lib/needs/declaration";
import { nowIso } from "@/lib/time/clock";
import type { CellValue } from "@/lib/confidentiality/cells";
import { cellLevelFor, groupKey, personCells, planRelease, type ReleasePerson } from "@/lib/confidentiality/release-plan";
import type { PublishedState, Release } from "@/lib/confidentiality/view-release";
import { type Db, tablesOf } from "../client";
import { all, get, indexedBy, int, rowSetFingerprint, transaction } from "../dialect";
import { dimColumn, type DimensionSlots } from "./survey-dimensions";

/** What the release needs to know of a survey: its slug, its dimensions in declaration order, their slots. */
export interface ReleaseSurvey {
  slug: string;
  slots: DimensionSlots;
  breakdowns: readonly { name: string }[];
}

export async function countPending(db: Db, slug: string, round: number): Promise<number> {
  return (await pendingSummary(db, slug, round)).n;
}

/** How many completed responses wait, and a fingerprint of which (it changes whenever they do). */
async function pendingSummary(db: Db, slug: string, round: number): Promise<{ n: number; fingerprint: string }> {
  const { responses } = tablesOf(db);
  // The partial index holds only the waiting responses; without statistics the planner would
  // walk all of the survey's completed ones instead.
  const row = await get<{ n: number; first: string | null; last: string | null; ids: number | null }>(
    db,
    sql`select ${int(sql`count(*)`)} as n, min(submitted_at) as ${sql.identifier("first")}, max(submitted_at) as ${sql.identifier("last")},
          ${rowSetFingerprint(db, responses)} as ids
        from ${responses} ${indexedBy(db, "responses_pending_release_idx")}
        where ${responses.surveySlug} = ${slug} and status = 'complete' and release_batch is null and ${responses.round} = ${round}`,
  );
  return { n: row?.n ?? 0, fingerprint: `${row?.n ?? 0}|${row?.first ?? ""}|${row?.last ?? ""}|${row?.ids ?? 0}` };
}

async function lastBatch(db: Db, slug: string): Promise<number> {
  const { releaseBatches } = tablesOf(db);
  const row = await get<{ b: number | null }>(
    db,
    sql`select max(${releaseBatches.batch}) as b from ${releaseBatches} where ${releaseBatches.surveySlug} = ${slug}`,
  );
  return row?.b ?? 0;
}

/** The round's published cells: key → the last release their figures include. */
async function readCells(db: Db, slug: string, round: number): Promise<Map<string, number>> {
  const { releaseCells } = tablesOf(db);
  const rows = await db
    .select({ key: releaseCells.cellKey, updated: releaseCells.updatedBatch })
    .from(releaseCells)
    .where(and(eq(releaseCells.surveySlug, slug), eq(releaseCells.round, round)));
  return new Map(rows.map((c) => [c.key, c.updated]));
}

const stateCache = new WeakMap<Db, Map<string, { batch: number; cells: Map<string, number>; releases: Release[] }>>();

/**
 * A round's published cells and releases (cached per connection until the survey's next release)
 * and its pending count. Releases are numbered per survey; each belongs to one round.
 */
export async function readPublishedState(db: Db, slug: string, round: number): Promise<PublishedState> {
  const { releaseBatches } = tablesOf(db);
  let perDb = stateCache.get(db);
  if (!perDb) stateCache.set(db, (perDb = new Map()));
  const batch = await lastBatch(db, slug);
  const key = `${slug}\u0000${round}`;
  let cached = perDb.get(key);
  if (!cached || cached.batch !== batch) {
    const cells = await readCells(db, slug, round);
    const releases = await db
      .select({
        batch: releaseBatches.batch,
        releasedAt: releaseBatches.releasedAt,
        responses: releaseBatches.responses,
        firstSubmittedAt: releaseBatches.firstSubmittedAt,
        lastSubmittedAt: releaseBatches.lastSubmittedAt,
      })
      .from(releaseBatches)
      .where(and(eq(releaseBatches.surveySlug, slug), eq(releaseBatches.round, round)))
      .orderBy(releaseBatches.batch);
    cached = { batch, cells, releases };
    perDb.set(key, cached);
  }
  return { cells: cached.cells, releases: cached.releases, pending: await countPending(db, slug, round) };
}

async function loadPeople(db: Db, survey: ReleaseSurvey, round: number): Promise<(ReleasePerson & { submittedAt: string })[]> {
  const { responses } = tablesOf(db);
  const columns = survey.breakdowns.map(({ name }) => {
    if (name === UNIT_BREAKDOWN) return sql`cast(${responses.unitId} as text)`;
    const slot = survey.slots.get(name);
    return slot === undefined ? sql`null` : dimColumn(responses, slot);
  });
  const rows = await all<Record<string, unknown>>(
    db,
    sql`
    select ${responses.id} as id, ${responses.isDemo} as demo, ${responses.releaseBatch} as batch,
           ${responses.submittedAt} as submitted_at
           ${
             columns.length
               ? sql`, ${sql.join(
                   columns.map((c, i) => sql`${c} as ${sql.raw(`d${i}`)}`),
                   sql`, `,
                 )}`
               : sql``
           }
    from ${responses}
    where ${responses.surveySlug} = ${survey.slug} and ${responses.status} = 'complete' and ${responses.round} = ${round}`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    demo: Number(r.demo) === 1,
    batch: r.batch === null ? null : Number(r.batch),
    submittedAt: String(r.submitted_at),
    values: survey.breakdowns.map((_, i) => (r[`d${i}`] ?? null) as CellValue),
  }));
}

/** Each published response of a round → its group of indistinguishable respondents (release-plan.ts). */
export async function publishedGroupKeys(db: Db, survey: ReleaseSurvey, round: number): Promise<Map<string, string>> {
  const dimensions = survey.breakdowns.map((b) => b.name);
  const cells = await readCells(db, survey.slug, round);
  const level = cellLevelFor(dimensions, cells);
  const out = new Map<string, string>();
  for (const p of await loadPeople(db, survey, round)) {
    if (p.batch !== null) out.set(p.id, groupKey(p, cells, personCells(dimensions, p, level)));
  }
  return out;
}

/** Who rated which topic (counted: both ratings, not "not applicable"), among a round's published responses. */
export async function listPublishedRaters(db: Db, slug: string, round: number): Promise<{ responseId: string; topic: string }[]> {
  const { needRatings } = tablesOf(db);
  return all<{ responseId: string; topic: string }>(
    db,
    sql`
    select ${needRatings.responseId} as "responseId", ${needRatings.topic} as topic from ${needRatings}
    where ${needRatings.surveySlug} = ${slug} and ${needRatings.round} = ${round} and ${needRatings.releaseBatch} is not null
      and ${eq(needRatings.notApplicable, false)} and ${needRatings.importance} is not null and ${needRatings.competence} is not null`,
  );
}

/** The waiting responses last seen without a release, per survey: no need to plan again until they change. */
const unchanged = new WeakMap<Db, Map<string, string>>();

/**
 * Publishes what can be published now in one round of the survey: a new release when some group of
 * its pending completed responses has reached k. Rounds hold disjoint respondents, so each is
 * released on its own (its own cells; the release numbers are the survey's). Returns the release's
 * number, or null when nothing changed.
 */
export async function releasePending(db: Db, survey: ReleaseSurvey, k: number, round: number): Promise<number | null> {
  let perDb = unchanged.get(db);
  if (!perDb) unchanged.set(db, (perDb = new Map()));
  const pending = await pendingSummary(db, survey.slug, round);
  if (pending.n < k) return null;
  const memo = `${survey.slug}\u0000${round}`;
  const last = await lastBatch(db, survey.slug);
  const fingerprint = `${pending.fingerprint}|${last}|${k}|${survey.breakdowns.map((b) => b.name).join(",")}`;
  if (perDb.get(memo) === fingerprint) return null;
  // Plan with plain reads, outside any transaction: they never block the respondents' saves, and
  // planning takes seconds at 100,000 responses. The reads are not one snapshot, but only a
  // release changes the cells or a response's release, and one committed after `last` was read
  // makes the write below drop this plan …
  const batch = last + 1;
  const cells = await readCells(db, survey.slug, round);
  const people = await loadPeople(db, survey, round);
  const plan = planRelease({ k, dimensions: survey.breakdowns.map((b) => b.name), people, cells, batch });
  if (!plan) {
    perDb.set(memo, fingerprint);
    return null;
  }
  const released = new Set(plan.released);
  const times = people
    .filter((p) => released.has(p.id))
    .map((p) => p.submittedAt)
    .sort();
  // … then store it in one short write transaction, unless another request released meanwhile
  // (its plan was made on the same state; this one is dropped and the next read plans again).
  return transaction(db, async (tx) => {
    const { needRatings, releaseBatches, releaseCells, responses } = tablesOf(tx);
    if ((await lastBatch(tx, survey.slug)) + 1 !== plan.batch) return null;
    const batch = plan.batch;
    await tx.insert(releaseBatches).values({
      surveySlug: survey.slug,
      batch,
      round,
      releasedAt: nowIso(),
      responses: plan.released.length,
      firstSubmittedAt: times[0] ?? "",
      lastSubmittedAt: times.at(-1) ?? "",
    });
    for (let i = 0; i < plan.released.length; i += 500) {
      const ids = plan.released.slice(i, i + 500);
      await tx
        .update(responses)
        .set({ releaseBatch: batch })
        .where(and(inArray(responses.id, ids), isNull(responses.releaseBatch)));
      await tx.update(needRatings).set({ releaseBatch: batch }).where(inArray(needRatings.responseId, ids));
    }
    for (let i = 0; i < plan.updated.length; i += 500) {
      const chunk = plan.updated.slice(i, i + 500);
      await tx
        .insert(releaseCells)
        .values(chunk.map((cellKey) => ({ surveySlug: survey.slug, round, cellKey, firstBatch: batch, updatedBatch: batch })))
        .onConflictDoUpdate({ target: [releaseCells.surveySlug, releaseCells.round, releaseCells.cellKey], set: { updatedBatch: batch } });
    }
    return batch;
  });
}
