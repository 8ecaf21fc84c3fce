// Survey rounds (docs/rounds.md): a baseline, a follow-up a year later… Every response belongs to
// exactly one round, fixed when it is first saved. Pure rules: which round a new response joins,
// whether a round still takes answers, and which round a view shows by default.
import { isCalendarDay } from "../time/lima-time";

export interface Round {
  round: number;
  name: string;
  /** First and last day (YYYY-MM-DD, Peru time) it accepts responses; null: no bound. */
  opensOn: string | null;
  closesOn: string | null;
}

/** A survey without stored rounds has this one: every response stored before rounds existed is in it. */
export function implicitFirstRound(locale: "es" | "en" = "es"): Round {
  return { round: 1, name: locale === "en" ? "Round 1" : "Ronda 1", opensOn: null, closesOn: null };
}

export function hasOpened(r: Round, today: string): boolean {
  return r.opensOn === null || r.opensOn <= today;
}

export function hasClosed(r: Round, today: string): boolean {
  return r.closesOn !== null && r.closesOn < today;
}

/**
 * The round a new response joins: the latest one that has opened (a round opened for a later date
 * takes answers from that day on). Null when none has opened yet.
 */
export function roundForNewResponse(rounds: readonly Round[], today: string): Round | null {
  const opened = rounds.filter((r) => hasOpened(r, today));
  return opened.reduce<Round | null>((best, r) => (best === null || r.round > best.round ? r : best), null);
}

/** Whether a response of round `r` may still be saved today (a response never moves to another round). */
export function acceptsAnswers(r: Round, today: string): boolean {
  return hasOpened(r, today) && !hasClosed(r, today);
}

/** Whether a new response could be saved today (some round has opened and has not closed). */
export function acceptingNewResponses(rounds: readonly Round[], today: string): boolean {
  const r = roundForNewResponse(rounds, today);
  return r !== null && acceptsAnswers(r, today);
}

/** The round views show when none is asked for: the latest that has opened, else the first. */
export function defaultViewRound(rounds: readonly Round[], today: string): Round {
  const sorted = [...rounds].sort((a, b) => a.round - b.round);
  return roundForNewResponse(sorted, today) ?? (sorted[0] as Round);
}

export type RoundState = "open" | "upcoming" | "closed";

export function roundState(r: Round, today: string): RoundState {
  if (!hasOpened(r, today)) return "upcoming";
  return hasClosed(r, today) ? "closed" : "open";
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

export const ROUND_NAME_MAX = 80;

/** A round's fields as an admin gives them; the problems found, in English (the API's language). */
export function roundProblems(input: { name: string; opensOn: string | null; closesOn: string | null }): string[] {
  const problems: string[] = [];
  if (!input.name.trim()) problems.push("name: give the round a name, e.g. “2026 seguimiento”");
  if (input.name.length > ROUND_NAME_MAX) problems.push(`name: at most ${ROUND_NAME_MAX} characters`);
  for (const key of ["opensOn", "closesOn"] as const) {
    const v = input[key];
    if (v !== null && !isCalendarDay(v)) problems.push(`${key}: must be a date YYYY-MM-DD`);
  }
  if (input.opensOn && input.closesOn && input.closesOn < input.opensOn) problems.push("closesOn: must not be before opensOn");
  return problems;
}
