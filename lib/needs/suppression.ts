// Small-cell suppression (docs/needs-method.md, "Small-cell suppression"). A group's size is its number
// of completed responses — never a per-topic n.
export type HiddenReason = "primary" | "complementary";

export interface GroupSize {
  key: string;
  n: number;
}

/** Primary rule: a group of 1 … k−1 completed responses shows no figures (0 people: nothing to protect). */
export function isBelowK(n: number, k: number): boolean {
  return n > 0 && n < k;
}

/** Rule 3: a filter whose result has fewer than k completed responses shows nothing but that fact. */
export function filterResultHidden(n: number, k: number): boolean {
  return n < k;
}

/** Deterministic "smallest first" order: by size, then by key (code-point order). */
function smallestFirst(a: GroupSize, b: GroupSize): number {
  return a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Which groups of a breakdown are hidden, and why. With a total shown (the dashboard always shows
 * one, and the unfiltered figures are visible elsewhere) the hidden groups together must number 0
 * or at least k; otherwise the smallest shown groups are hidden too, smallest first.
 */
export function suppressBreakdown(
  groups: readonly GroupSize[],
  k: number,
  options: { withTotal?: boolean } = {},
): Map<string, HiddenReason | null> {
  const result = new Map<string, HiddenReason | null>();
  let hiddenTotal = 0;
  for (const g of groups) {
    const hidden = isBelowK(g.n, k);
    result.set(g.key, hidden ? "primary" : null);
    if (hidden) hiddenTotal += g.n;
  }
  if (options.withTotal === false) return result;
  const shown = groups.filter((g) => result.get(g.key) === null && g.n > 0).sort(smallestFirst);
  for (const g of shown) {
    if (hiddenTotal === 0 || hiddenTotal >= k) break;
    result.set(g.key, "complementary");
    hiddenTotal += g.n;
  }
  return result;
}

export interface CountCell {
  key: string;
  count: number;
}

export interface SuppressedCount {
  key: string;
  /** null when hidden. */
  count: number | null;
  hidden: HiddenReason | null;
}

/**
 * Category counts of a profile question within a group. A single-choice question partitions the
 * group (complementary rule applies: the group total is shown); a multiple-choice one does not,
 * so only the primary rule applies.
 */
export function suppressCounts(cells: readonly CountCell[], k: number, partition: boolean): SuppressedCount[] {
  const hidden = suppressBreakdown(
    cells.map((c) => ({ key: c.key, n: c.count })),
    k,
    { withTotal: partition },
  );
  return cells.map((c) => {
    const reason = hidden.get(c.key) ?? null;
    return { key: c.key, count: reason ? null : c.count, hidden: reason };
  });
}

/** The configured k must be an integer of at least 3 (lib/env.ts enforces it for the process). */
export function assertMinGroupSize(k: number): void {
  if (!Number.isInteger(k) || k < 3) throw new RangeError(`minimum group size must be an integer ≥ 3, got ${k}`);
}

export type ViewSuppression = "filter_below_k" | "filter_protects_group";

/**
 * Whether a filtered view may show anything. Rule 3: fewer than k completed responses shows only
 * that fact. And a filter that selects one group of a breakdown (e.g. ?ministry=X) would show
 * that group's figures while the breakdown's unfiltered figures are visible elsewhere: if the
 * breakdown hides the group (to protect a smaller one), the filtered view hides it too.
 */
export function viewSuppression(
  n: number,
  k: number,
  selections: readonly { value: string; breakdown: readonly GroupSize[] }[] = [],
): ViewSuppression | null {
  if (filterResultHidden(n, k)) return "filter_below_k";
  for (const s of selections) {
    if (suppressBreakdown(s.breakdown, k).get(s.value)) return "filter_protects_group";
  }
  return null;
}
