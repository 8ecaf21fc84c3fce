// Second moments (sums of squares) of a topic's ratings are safe to publish only when every group of
// indistinguishable published respondents (release-plan.ts) holds 0 or at least k people who rated
// it: the release rule counts people, and a topic's raters within a group can be fewer ("no
// aplica"). With the means alone, such a subset's mean is a known, documented limit
// (docs/confidentiality.md); with its sums of squares too, two raters' mean and variance give each
// one's rating. The comparison of rounds (its Welch intervals) withholds intervals for such topics.

/** Topics that some group rated with 1 … k−1 of its people. */
export function topicsWithFewRaters(
  groupOf: ReadonlyMap<string, string>,
  raters: Iterable<{ responseId: string; topic: string }>,
  k: number,
): Set<string> {
  const counts = new Map<string, number>();
  for (const r of raters) {
    const group = groupOf.get(r.responseId);
    if (group === undefined) continue;
    const key = `${r.topic}\u0000${group}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const [key, n] of counts) if (n < k) out.add(key.slice(0, key.indexOf("\u0000")));
  return out;
}
