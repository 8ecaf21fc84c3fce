// The comparison view's query (docs/rounds.md): `from` and `to` are round numbers (not dates, as in
// the other views), plus the breakdown `by` and the survey's breakdown filters. Defaults: the last
// two rounds that have opened. Dates are not a filter here: each round is compared whole.
import { parseNeedsQuery, ROUND_KEY, searchParamsOf, type FilterSpec, type NeedsQuery, type ParseResult, type SearchInput } from "./filters";

export interface CompareQuery extends NeedsQuery {
  from: number;
  to: number;
}

const ROUND = /^[1-9]\d{0,3}$/;

/** `rounds`: the survey's round numbers; `latest`: the round views show by default (the last opened). */
export function parseCompareQuery(input: SearchInput, spec: FilterSpec, rounds: readonly number[], latest: number): ParseResult<CompareQuery> {
  const params = searchParamsOf(input);
  const pick = (key: "from" | "to"): number | string | undefined => {
    const values = params.getAll(key).filter((v) => v.trim() !== "");
    params.delete(key);
    if (values.length > 1) return `Give "${key}" at most once.`;
    const v = values[0]?.trim();
    if (v === undefined) return undefined;
    if (!ROUND.test(v) || !rounds.includes(Number(v))) return `${key}: must be one of the survey's rounds (${rounds.join(", ")})`;
    return Number(v);
  };
  const from = pick("from");
  const to = pick("to");
  if (typeof from === "string") return { ok: false, message: from };
  if (typeof to === "string") return { ok: false, message: to };
  if (params.has(ROUND_KEY)) return { ok: false, message: `Use "from" and "to" for the rounds to compare, not "${ROUND_KEY}".` };
  const rest = parseNeedsQuery(params, spec);
  if (!rest.ok) return rest;
  const earlier = [...rounds].filter((r) => r < latest).sort((a, b) => b - a)[0];
  const toRound = to ?? latest;
  const fromRound = from ?? (toRound === latest ? earlier : [...rounds].filter((r) => r < toRound).sort((a, b) => b - a)[0]);
  if (fromRound === undefined) {
    return {
      ok: false,
      message:
        rounds.length > 1
          ? "Only one of this survey's rounds has opened so far: give from and to to compare the others."
          : "This survey has only one round: open a follow-up round to compare.",
    };
  }
  if (fromRound === toRound) return { ok: false, message: "from and to must be two different rounds." };
  return { ok: true, value: { ...rest.value, from: fromRound, to: toRound } };
}
