// The rounds of each survey (docs/rounds.md): listing them (with the implicit first round of a
// survey that has none stored), opening a new one and editing one. Which round a response joins
// and which one a view shows are pure rules (lib/rounds/rounds.ts).
import { and, eq, max } from "drizzle-orm";
import { implicitFirstRound, type Round } from "@/lib/rounds/rounds";
import type { Db } from "../client";
import { surveyRounds } from "../schema";
import { responseStatements } from "./response-statements";

/** The survey's rounds in order; a survey that never opened a second round has the implicit first one. */
export function listRounds(db: Db, slug: string): Round[] {
  // Read on every save, so prepared once (response-statements.ts).
  const rows = responseStatements(db).surveyRounds.all({ slug });
  return rows.length ? rows : [implicitFirstRound()];
}

export function findRound(db: Db, slug: string, round: number): Round | undefined {
  return listRounds(db, slug).find((r) => r.round === round);
}

export interface RoundInput {
  name: string;
  opensOn: string | null;
  closesOn: string | null;
}

/**
 * Opens the next round of a survey (the first one is stored too, under its implicit name, the first
 * time a second is opened). Returns the new round.
 */
export function createRound(db: Db, slug: string, input: RoundInput, createdBy: string): Round {
  return db.transaction(
    (tx) => {
      const last =
        tx
          .select({ n: max(surveyRounds.round) })
          .from(surveyRounds)
          .where(eq(surveyRounds.surveySlug, slug))
          .get()?.n ?? null;
      if (last === null) {
        const first = implicitFirstRound();
        tx.insert(surveyRounds)
          .values({ surveySlug: slug, ...first, createdBy })
          .run();
      }
      const round = (last ?? 1) + 1;
      tx.insert(surveyRounds)
        .values({ surveySlug: slug, round, name: input.name.trim(), opensOn: input.opensOn, closesOn: input.closesOn, createdBy })
        .run();
      return { round, name: input.name.trim(), opensOn: input.opensOn, closesOn: input.closesOn };
    },
    { behavior: "immediate" },
  );
}

/** Renames a round or changes its dates; false when there is no such round. */
export function updateRound(db: Db, slug: string, round: number, input: RoundInput, by: string): boolean {
  return db.transaction(
    (tx) => {
      const stored = tx.select({ round: surveyRounds.round }).from(surveyRounds).where(eq(surveyRounds.surveySlug, slug)).all();
      if (stored.length === 0) {
        if (round !== 1) return false;
        tx.insert(surveyRounds)
          .values({ surveySlug: slug, round: 1, name: input.name.trim(), opensOn: input.opensOn, closesOn: input.closesOn, createdBy: by })
          .run();
        return true;
      }
      if (!stored.some((r) => r.round === round)) return false;
      tx.update(surveyRounds)
        .set({ name: input.name.trim(), opensOn: input.opensOn, closesOn: input.closesOn })
        .where(and(eq(surveyRounds.surveySlug, slug), eq(surveyRounds.round, round)))
        .run();
      return true;
    },
    { behavior: "immediate" },
  );
}
