// The releases of a survey's aggregate figures (docs/confidentiality.md): reading the published
// state for the views, and publishing the completed responses that can join a release. The rule
// itself is pure (lib/confidentiality/release-plan.ts); this file loads its input and stores its
// result, in one immediate transaction so that two requests never release the same responses.
import { and, eq, sql } from "drizzle-orm";
import { UNIT_BREAKDOWN } from "@/lib/needs/declaration";
import { nowIso } from "@/lib/time/clock";
import type { CellValue } from "@/lib/confidentiality/cells";
import { cellLevelFor, groupKey, personCells, planRelease, type ReleasePerson } from "@/lib/confidentiality/release-plan";
import type { PublishedState, Release } from "@/lib/confidentiality/view-release";
import type { Db } from "../client";
import { needRatings, releaseBatches, releaseCells, responses } from "../schema";
import { dimColumn, type DimensionSlots } from "./survey-dimensions";

/** What the release needs to know of a survey: its slug, its dimensions in declaration order, their slots. */
export interface ReleaseSurvey {
  slug: string;
  slots: DimensionSlots;
  breakdowns: readonly { name: string }[];
}

export function countPending(db: Db, slug: string, round: number): number {
  return pendingSummary(db, slug, round).n;
}

/** How many completed responses wait, and a fingerprint of which (it changes whenever they do). */
function pendingSummary(db: Db, slug: string, round: number): { n: number; fingerprint: string } {
  // The partial index holds only the waiting responses; without statistics the planner would
  // walk all of the survey's completed ones instead.
  const row = db.get<{ n: number; first: string | null; last: string | null; ids: number | null }>(
    sql`select count(*) as n, min(submitted_at) as first, max(submitted_at) as last, total(rowid) as ids
        from ${responses} indexed by responses_pending_release_idx
        where ${responses.surveySlug} = ${slug} and status = 'complete' and release_batch is null and ${responses.round} = ${round}`,
  );
  return { n: row?.n ?? 0, fingerprint: `${row?.n ?? 0}|${row?.first ?? ""}|${row?.last ?? ""}|${row?.ids ?? 0}` };
}

function lastBatch(db: Db, slug: string): number {
  return (
    db.get<{ b: number | null }>(sql`select max(${releaseBatches.batch}) as b from ${releaseBatches} where ${releaseBatches.surveySlug} = ${slug}`)
      ?.b ?? 0
  );
}

/** The round's published cells: key → the last release their figures include. */
function readCells(db: Db, slug: string, round: number): Map<string, number> {
  const rows = db
    .select({ key: releaseCells.cellKey, updated: releaseCells.updatedBatch })
    .from(releaseCells)
    .where(and(eq(releaseCells.surveySlug, slug), eq(releaseCells.round, round)))
    .all();
  return new Map(rows.map((c) => [c.key, c.updated]));
}

const stateCache = new WeakMap<Db, Map<string, { batch: number; cells: Map<string, number>; releases: Release[] }>>();

/**
 * A round's published cells and releases (cached per connection until the survey's next release)
 * and its pending count. Releases are numbered per survey; each belongs to one round.
 */
export function readPublishedState(db: Db, slug: string, round: number): PublishedState {
  let perDb = stateCache.get(db);
  if (!perDb) stateCache.set(db, (perDb = new Map()));
  const batch = lastBatch(db, slug);
  const key = `${slug}\u0000${round}`;
  let cached = perDb.get(key);
  if (!cached || cached.batch !== batch) {
    const cells = readCells(db, slug, round);
    const releases = db
      .select({
        batch: releaseBatches.batch,
        releasedAt: releaseBatches.releasedAt,
        responses: releaseBatches.responses,
        firstSubmittedAt: releaseBatches.firstSubmittedAt,
        lastSubmittedAt: releaseBatches.lastSubmittedAt,
      })
      .from(releaseBatches)
      .where(and(eq(releaseBatches.surveySlug, slug), eq(releaseBatches.round, round)))
      .orderBy(releaseBatches.batch)
      .all();
    cached = { batch, cells, releases };
    perDb.set(key, cached);
  }
  return { cells: cached.cells, releases: cached.releases, pending: countPending(db, slug, round) };
}

function loadPeople(db: Db, survey: ReleaseSurvey, round: number): (ReleasePerson & { submittedAt: string })[] {
  const columns = survey.breakdowns.map(({ name }) => {
    if (name === UNIT_BREAKDOWN) return sql`cast(${responses.unitId} as text)`;
    const slot = survey.slots.get(name);
    return slot === undefined ? sql`null` : dimColumn(responses, slot);
  });
  const rows = db.all<Record<string, unknown>>(sql`
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
    where ${responses.surveySlug} = ${survey.slug} and ${responses.status} = 'complete' and ${responses.round} = ${round}`);
  return rows.map((r) => ({
    id: String(r.id),
    demo: Number(r.demo) === 1,
    batch: r.batch === null ? null : Number(r.batch),
    submittedAt: String(r.submitted_at),
    values: survey.breakdowns.map((_, i) => (r[`d${i}`] ?? null) as CellValue),
  }));
}

/** Each published response of a round → its group of indistinguishable respondents (release-plan.ts). */
export function publishedGroupKeys(db: Db, survey: ReleaseSurvey, round: number): Map<string, string> {
  const dimensions = survey.breakdowns.map((b) => b.name);
  const cells = readCells(db, survey.slug, round);
  const level = cellLevelFor(dimensions, cells);
  const out = new Map<string, string>();
  for (const p of loadPeople(db, survey, round)) {
    if (p.batch !== null) out.set(p.id, groupKey(p, cells, personCells(dimensions, p, level)));
  }
  return out;
}

/** Who rated which topic (counted: both ratings, not "not applicable"), among a round's published responses. */
export function listPublishedRaters(db: Db, slug: string, round: number): { responseId: string; topic: string }[] {
  return db.all<{ responseId: string; topic: string }>(sql`
    select ${needRatings.responseId} as responseId, ${needRatings.topic} as topic from ${needRatings}
    where ${needRatings.surveySlug} = ${slug} and ${needRatings.round} = ${round} and ${needRatings.releaseBatch} is not null
      and ${needRatings.notApplicable} = 0 and ${needRatings.importance} is not null and ${needRatings.competence} is not null`);
}

/** The waiting responses last seen without a release, per survey: no need to plan again until they change. */
const unchanged = new WeakMap<Db, Map<string, string>>();

/**
 * Publishes what can be published now in one round of the survey: a new release when some group of
 * its pending completed responses has reached k. Rounds hold disjoint respondents, so each is
 * released on its own (its own cells; the release numbers are the survey's). Returns the release's
 * number, or null when nothing changed.
 */
export function releasePending(db: Db, survey: ReleaseSurvey, k: number, round: number): number | null {
  let perDb = unchanged.get(db);
  if (!perDb) unchanged.set(db, (perDb = new Map()));
  const pending = pendingSummary(db, survey.slug, round);
  if (pending.n < k) return null;
  const memo = `${survey.slug}\u0000${round}`;
  const fingerprint = `${pending.fingerprint}|${lastBatch(db, survey.slug)}|${k}|${survey.breakdowns.map((b) => b.name).join(",")}`;
  if (perDb.get(memo) === fingerprint) return null;
  // Plan on a read snapshot (a deferred transaction that only reads: it never blocks the
  // respondents' saves, and planning takes seconds at 100,000 responses) …
  const planned = db.transaction(
    (tx) => {
      const t = tx as unknown as Db;
      const batch = lastBatch(t, survey.slug) + 1;
      const cells = readCells(t, survey.slug, round);
      const people = loadPeople(t, survey, round);
      const plan = planRelease({ k, dimensions: survey.breakdowns.map((b) => b.name), people, cells, batch });
      if (!plan) return null;
      const released = new Set(plan.released);
      return {
        plan,
        times: people
          .filter((p) => released.has(p.id))
          .map((p) => p.submittedAt)
          .sort(),
      };
    },
    { behavior: "deferred" },
  );
  if (planned === null) {
    perDb.set(memo, fingerprint);
    return null;
  }
  // … then store it in one short write transaction, unless another request released meanwhile
  // (its plan was made on the same state; this one is dropped and the next read plans again).
  const { plan, times } = planned;
  return db.transaction(
    (tx) => {
      const t = tx as unknown as Db;
      if (lastBatch(t, survey.slug) + 1 !== plan.batch) return null;
      const batch = plan.batch;
      const ids = JSON.stringify(plan.released);
      t.insert(releaseBatches)
        .values({
          surveySlug: survey.slug,
          batch,
          round,
          releasedAt: nowIso(),
          responses: plan.released.length,
          firstSubmittedAt: times[0] ?? "",
          lastSubmittedAt: times.at(-1) ?? "",
        })
        .run();
      t.run(sql`update ${responses} set release_batch = ${batch} where id in (select value from json_each(${ids})) and release_batch is null`);
      t.run(sql`update ${needRatings} set release_batch = ${batch} where response_id in (select value from json_each(${ids}))`);
      for (let i = 0; i < plan.updated.length; i += 500) {
        const chunk = plan.updated.slice(i, i + 500);
        t.insert(releaseCells)
          .values(chunk.map((cellKey) => ({ surveySlug: survey.slug, round, cellKey, firstBatch: batch, updatedBatch: batch })))
          .onConflictDoUpdate({ target: [releaseCells.surveySlug, releaseCells.round, releaseCells.cellKey], set: { updatedBatch: batch } })
          .run();
      }
      return batch;
    },
    { behavior: "immediate" },
  );
}
