// Small-cell suppression (docs/needs-method.md, "Small-cell suppression"). A group's size is its number
// of completed responses — never a per-topic n.
export type HiddenReason = "primary" | "complementary" | "unreleased" | "not_updated";

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
  options: { withTotal?: boolean; hidden?: (key: string) => HiddenReason | null } = {},
): Map<string, HiddenReason | null> {
  const result = new Map<string, HiddenReason | null>();
  let hiddenTotal = 0;
  for (const g of groups) {
    // A group the release rule holds back (docs/confidentiality.md) counts as hidden here too.
    const reason = isBelowK(g.n, k) ? "primary" : (options.hidden?.(g.key) ?? null);
    result.set(g.key, reason);
    if (reason) hiddenTotal += g.n;
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

/**
 * Why a view shows nothing: its selection is not published (docs/confidentiality.md: it would let
 * someone single out fewer than k people in combination with other views, or no release holds it
 * yet), or it holds fewer than k completed responses (rule 3).
 */
export type ViewSuppression = "filter_below_k" | "not_released";

export function viewSuppression(n: number, k: number, published = true): ViewSuppression | null {
  if (!published) return "not_released";
  if (filterResultHidden(n, k)) return "filter_below_k";
  return null;
}
