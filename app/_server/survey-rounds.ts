// The rounds of a survey as the rounds page and its API show them (docs/rounds.md): each with its
// state today (Peru time, by the server clock) and its completed responses; and the one rule about
// a round's opening date that needs its neighbours: rounds open in their order.
import type { Db } from "@/db/client";
import { countCompletedByRound } from "@/db/queries/count-completed-by-round";
import { listRounds } from "@/db/queries/survey-rounds";
import { hasClosed, hasOpened, type Round } from "@/lib/rounds/rounds";
import { nowIso } from "@/lib/time/clock";
import { peruToday } from "@/lib/time/lima-time";

export type RoundState = "open" | "upcoming" | "closed";

export interface RoundRow extends Round {
  state: RoundState;
  /** Completed responses of this round. */
  completed: number;
}

/** Today in Peru by the server clock (SONDEO_CLOCK_FILE in tests). */
export function roundsToday(): string {
  return peruToday(new Date(nowIso()));
}

export function roundState(r: Round, today: string): RoundState {
  if (!hasOpened(r, today)) return "upcoming";
  return hasClosed(r, today) ? "closed" : "open";
}

export function roundRows(db: Db, slug: string, today = roundsToday()): RoundRow[] {
  const completed = countCompletedByRound(db, slug);
  return listRounds(db, slug).map((r) => ({ ...r, state: roundState(r, today), completed: completed.get(r.round) ?? 0 }));
}

/** Whether opening day `a` comes before `b`; null is "no bound": before any day. */
const opensBefore = (a: string | null, b: string | null) => b !== null && (a === null || a < b);

/**
 * Rounds open in their order: round `round` may not open before the one before it, nor after the
 * one after it (a new round is the last one). The problems found, in English like roundProblems.
 */
export function roundOrderProblems(rounds: readonly Round[], round: number, opensOn: string | null): string[] {
  const problems: string[] = [];
  const previous = rounds.filter((r) => r.round < round).at(-1);
  const next = rounds.find((r) => r.round > round);
  if (previous && opensBefore(opensOn, previous.opensOn)) {
    problems.push(`opensOn: must not be before the opening of round ${previous.round} (“${previous.name}”, ${previous.opensOn})`);
  }
  if (next && opensBefore(next.opensOn, opensOn)) {
    problems.push(`opensOn: must not be after the opening of round ${next.round} (“${next.name}”, ${next.opensOn ?? "no date"})`);
  }
  return problems;
}
