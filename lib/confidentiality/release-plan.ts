// Which completed responses the next release adds to the published figures, and which cells'
// figures it brings up to date — so that, over every release so far, the respondents an analyst
// can tell apart form groups of at least k (docs/confidentiality.md, "The rule").
//
// Two respondents are told apart when some published figure counts one and not the other: a cell
// they are not both in, or a release that holds one and not the other (a date range cuts between
// releases). So the groups are the respondents of one release with the same membership in every
// cell updated in or after that release (plus: synthetic demo responses never share a group with
// real ones, and the survey's first breakdown always splits a release). When every such group holds
// k or more respondents, every figure any combination of views can yield — a sum, a difference, a
// before/after — is a sum over whole groups: it is about k people or more, or about nobody.
//
// A release is planned greedily: pending responses join in groups of at least k (per demo flag and
// first breakdown; the rest wait), then every cell, in a fixed priority order, is brought up to date
// if splitting the groups it touches leaves parts of 0 or at least k; a cell that cannot be keeps
// showing its figures as of its last update ("not yet updated"), or nothing if it never could.
import { cellLevel, cellsOf, maxCellLevel, TOTAL_CELL, type CellValue } from "./cells";

export interface ReleasePerson {
  id: string;
  demo: boolean;
  /** One value per dimension, aligned with PlanInput.dimensions. */
  values: readonly CellValue[];
  /** The release that published it; null while pending. */
  batch: number | null;
}

export interface PlanInput {
  k: number;
  /** The survey's dimensions in declaration order (the first one always splits a release). */
  dimensions: readonly string[];
  people: readonly ReleasePerson[];
  /** Published cells: key → the last release its figures include. */
  cells: ReadonlyMap<string, number>;
  /** The number the new release gets (last release + 1). */
  batch: number;
}

export interface ReleasePlan {
  batch: number;
  /** Pending responses the release publishes. */
  released: string[];
  /** Pending responses that keep waiting (their group has fewer than k). */
  waiting: number;
  /** Cells brought up to date by this release (new ones included). */
  updated: string[];
}

/** The sorted dimension names with, for each, its index in `dimensions` (for the values). */
function sortedDimensions(dimensions: readonly string[]) {
  const names = [...dimensions].sort();
  return { names, index: names.map((n) => dimensions.indexOf(n)) };
}

export function personCells(
  dimensions: readonly string[],
  person: Pick<ReleasePerson, "values">,
  maxLevel = maxCellLevel(dimensions.length),
): string[] {
  const { names, index } = sortedDimensions(dimensions);
  return cellsOf(
    names,
    index.map((i) => person.values[i] ?? null),
    maxLevel,
  );
}

/** The group key of a published response: release, demo flag, first breakdown, and up-to-date cells. */
export function groupKey(person: ReleasePerson, cells: ReadonlyMap<string, number>, own: readonly string[]): string {
  const batch = person.batch ?? 0;
  const live = own.filter((c) => c !== TOTAL_CELL && (cells.get(c) ?? 0) >= batch);
  return `${batch}|${person.demo ? 1 : 0}|${String(person.values[0] ?? "\u0000")}|${live.join("\n")}`;
}

/** The groups published responses form now, with their sizes (what the tests' adversary checks too). */
export function publishedGroups(input: Omit<PlanInput, "batch">): Map<string, number> {
  const sizes = new Map<string, number>();
  const maxLevel = cellLevelFor(input.dimensions, input.cells);
  for (const p of input.people) {
    if (p.batch === null) continue;
    const key = groupKey(p, input.cells, personCells(input.dimensions, p, maxLevel));
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return sizes;
}

/**
 * How many constraints the cells of a release may have: the survey's limit, or more if cells
 * published earlier (under another declaration) had more — their membership still tells people apart.
 */
export function cellLevelFor(dimensions: readonly string[], cells: ReadonlyMap<string, number>): number {
  let level = maxCellLevel(dimensions.length);
  for (const key of cells.keys()) level = Math.max(level, cellLevel(key));
  return Math.min(level, dimensions.length);
}

/** The next release, or null when no group of pending responses has reached k. */
export function planRelease(input: PlanInput): ReleasePlan | null {
  const { k, dimensions, cells, batch } = input;
  const maxLevel = cellLevelFor(dimensions, cells);

  // 1. Pending responses join in groups of at least k (per demo flag and first breakdown).
  const pendingGroups = new Map<string, ReleasePerson[]>();
  for (const p of input.people) {
    if (p.batch !== null) continue;
    const key = `${p.demo ? 1 : 0}|${String(p.values[0] ?? "\u0000")}`;
    pendingGroups.set(key, [...(pendingGroups.get(key) ?? []), p]);
  }
  const joining = [...pendingGroups.values()].filter((g) => g.length >= k).flat();
  const waiting = [...pendingGroups.values()].filter((g) => g.length < k).reduce((t, g) => t + g.length, 0);
  if (joining.length === 0) return null;

  // 2. Everyone published after this release, their cells and their current group.
  const people = [...input.people.filter((p) => p.batch !== null), ...joining.map((p) => ({ ...p, batch }))];
  const classOf = new Int32Array(people.length);
  const classSize: number[] = [];
  const classIds = new Map<string, number>();
  const members = new Map<string, number[]>();
  people.forEach((p, i) => {
    const own = personCells(dimensions, p, maxLevel);
    for (const c of own) {
      const list = members.get(c);
      if (list) list.push(i);
      else members.set(c, [i]);
    }
    // The new release's groups are split only by the demo flag and the first breakdown so far.
    const key = p.batch === batch ? `${batch}|${p.demo ? 1 : 0}|${String(p.values[0] ?? "\u0000")}` : groupKey(p, cells, own);
    let id = classIds.get(key);
    if (id === undefined) {
      id = classSize.length;
      classIds.set(key, id);
      classSize.push(0);
    }
    classOf[i] = id;
    classSize[id] = (classSize[id] ?? 0) + 1;
  });

  // 3. Cells in priority order: fewer constraints first; then by the declaration order of their
  //    dimensions; then larger first (so that, as in complementary suppression, the smallest wait).
  const rank = (key: string) => (key === TOTAL_CELL ? [] : key.split("&").map((piece) => dimensions.indexOf(piece.split("=")[0] as string)));
  const order = [...members.keys()]
    .filter((c) => (members.get(c)?.length ?? 0) >= k)
    .map((c) => ({ c, level: cellLevel(c), rank: rank(c).sort((a, b) => a - b), size: members.get(c)?.length ?? 0 }))
    .sort((a, b) => {
      if (a.level !== b.level) return a.level - b.level;
      for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return (a.rank[i] ?? 0) - (b.rank[i] ?? 0);
      return b.size - a.size || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0);
    });

  const updated: string[] = [];
  for (const { c } of order) {
    const since = cells.get(c) ?? 0;
    const inCell = (members.get(c) ?? []).filter((i) => (people[i]?.batch ?? 0) > since);
    const counts = new Map<number, number[]>();
    for (const i of inCell) {
      const id = classOf[i] as number;
      const list = counts.get(id);
      if (list) list.push(i);
      else counts.set(id, [i]);
    }
    let safe = true;
    for (const [id, list] of counts) {
      const size = classSize[id] ?? 0;
      if (list.length !== size && (list.length < k || size - list.length < k)) {
        safe = false;
        break;
      }
    }
    if (!safe) continue;
    updated.push(c);
    for (const [id, list] of counts) {
      if (list.length === classSize[id]) continue;
      const fresh = classSize.length;
      classSize.push(list.length);
      classSize[id] = (classSize[id] ?? 0) - list.length;
      for (const i of list) classOf[i] = fresh;
    }
  }
  return { batch, released: joining.map((p) => p.id), waiting, updated };
}
