// The rounds of each survey (docs/rounds.md): listing them (with the implicit first round of a
// survey that has none stored), opening a new one and editing one. Which round a response joins
// and which one a view shows are pure rules (lib/rounds/rounds.ts).
import { and, eq, max } from "drizzle-orm";
import { badRequest } from "@/lib/http/app-error";
import { defaultViewRound, implicitFirstRound, type Round } from "@/lib/rounds/rounds";
import { peruTodayNow } from "@/lib/time/clock";
import { type Db, tablesOf } from "../client";
import { first, transaction } from "../dialect";
import { responseStatements } from "./response-statements";

/** The survey's rounds in order; a survey that never opened a second round has the implicit first one. */
export async function listRounds(db: Db, slug: string): Promise<Round[]> {
  // Read on every save, so prepared once (response-statements.ts).
  const rows = await responseStatements(db).surveyRounds.execute({ slug });
  return rows.length ? rows : [implicitFirstRound()];
}

/**
 * The round a view shows: the one asked for (a `round` parameter, or a resolved filter's number), or
 * the default, the latest that has opened (lib/rounds/rounds.ts); an unknown round is a 400.
 */
export async function resolveRound(db: Db, slug: string, round: string | number | undefined): Promise<Round> {
  const rounds = await listRounds(db, slug);
  if (round === undefined) return defaultViewRound(rounds, peruTodayNow());
  const found = rounds.find((r) => r.round === Number(round));
  if (!found) throw badRequest("unknown_round", `This survey has no round ${round} (its rounds: ${rounds.map((r) => r.round).join(", ")}).`);
  return found;
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
export async function createRound(db: Db, slug: string, input: RoundInput, createdBy: string): Promise<Round> {
  const { surveyRounds } = tablesOf(db);
  return transaction(db, async (tx) => {
    const last =
      (
        await first(
          tx
            .select({ n: max(surveyRounds.round) })
            .from(surveyRounds)
            .where(eq(surveyRounds.surveySlug, slug)),
        )
      )?.n ?? null;
    if (last === null) {
      const firstRound = implicitFirstRound();
      await tx.insert(surveyRounds).values({ surveySlug: slug, ...firstRound, createdBy });
    }
    const round = (last ?? 1) + 1;
    await tx
      .insert(surveyRounds)
      .values({ surveySlug: slug, round, name: input.name.trim(), opensOn: input.opensOn, closesOn: input.closesOn, createdBy });
    return { round, name: input.name.trim(), opensOn: input.opensOn, closesOn: input.closesOn };
  });
}

/** Renames a round or changes its dates; false when there is no such round. */
export async function updateRound(db: Db, slug: string, round: number, input: RoundInput, by: string): Promise<boolean> {
  const { surveyRounds } = tablesOf(db);
  return transaction(db, async (tx) => {
    const stored = await tx.select({ round: surveyRounds.round }).from(surveyRounds).where(eq(surveyRounds.surveySlug, slug));
    if (stored.length === 0) {
      if (round !== 1) return false;
      await tx
        .insert(surveyRounds)
        .values({ surveySlug: slug, round: 1, name: input.name.trim(), opensOn: input.opensOn, closesOn: input.closesOn, createdBy: by });
      return true;
    }
    if (!stored.some((r) => r.round === round)) return false;
    await tx
      .update(surveyRounds)
      .set({ name: input.name.trim(), opensOn: input.opensOn, closesOn: input.closesOn })
      .where(and(eq(surveyRounds.surveySlug, slug), eq(surveyRounds.round, round)));
    return true;
  });
}
