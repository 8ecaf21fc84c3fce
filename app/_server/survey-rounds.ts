// The rounds of a survey as the rounds page and its API show them (docs/rounds.md): each with its
// state today (Peru time, by the server clock) and its completed responses.
import type { Db } from "@/db/client";
import { countCompletedByRound } from "@/db/queries/count-completed-by-round";
import { listRounds } from "@/db/queries/survey-rounds";
import { roundState, type Round, type RoundState } from "@/lib/rounds/rounds";
import { peruTodayNow } from "@/lib/time/clock";

export interface RoundRow extends Round {
  state: RoundState;
  /** Completed responses of this round. */
  completed: number;
}

export async function roundRows(db: Db, slug: string, today = peruTodayNow()): Promise<RoundRow[]> {
  const completed = await countCompletedByRound(db, slug);
  return (await listRounds(db, slug)).map((r) => ({ ...r, state: roundState(r, today), completed: completed.get(r.round) ?? 0 }));
}
