// What one view may show under the release rule (docs/confidentiality.md): the releases its
// figures cover — up to the last update of its selection's cell, and, with a date range, only the
// releases published within it (dates cut between releases, never inside one) — and, per group of
// its breakdown, whether that group's cell is published and up to date.

export interface Release {
  batch: number;
  /** When it was published (ISO 8601 UTC). */
  releasedAt: string;
  responses: number;
  /** The submission times of the responses it published. */
  firstSubmittedAt: string;
  lastSubmittedAt: string;
}

export interface PublishedState {
  /** Published cells: key → the last release its figures include. */
  cells: ReadonlyMap<string, number>;
  /** Every release so far, in order. */
  releases: readonly Release[];
  /** Completed responses not yet in any release. */
  pending: number;
}

export type ViewRelease =
  | { published: false }
  | {
      published: true;
      /** The releases the figures cover: lo…hi (hi < lo: none in the date range). */
      lo: number;
      hi: number;
      /** The selection's last update (its figures as of that release). */
      upTo: Release;
    };

/** Why a group of a breakdown shows no figures although its selection is published. */
export type ReleaseHidden = "unreleased" | "not_updated";

export function viewRelease(state: PublishedState, selectionCell: string, range: { from?: string; toExclusive?: string } = {}): ViewRelease {
  const upTo = state.cells.get(selectionCell) ?? 0;
  const last = state.releases.find((r) => r.batch === upTo);
  if (upTo === 0 || !last) return { published: false };
  const inRange = state.releases.filter(
    (r) => r.batch <= upTo && (!range.from || r.releasedAt >= range.from) && (!range.toExclusive || r.releasedAt < range.toExclusive),
  );
  const lo = inRange[0]?.batch ?? 1;
  const hi = inRange.at(-1)?.batch ?? 0;
  return { published: true, lo, hi, upTo: last };
}

/** A group (its cell) in a view covering releases up to `hi`: shown (null), or why not. */
export function groupRelease(state: PublishedState, groupCell: string, hi: number): ReleaseHidden | null {
  const updated = state.cells.get(groupCell) ?? 0;
  if (updated === 0) return "unreleased";
  return updated < hi ? "not_updated" : null;
}
