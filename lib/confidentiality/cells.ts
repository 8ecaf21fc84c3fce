// The cells of a survey's data cube: every selection an analyst can make is a conjunction of
// "dimension = value" constraints (a filter, or a filter plus one group of a breakdown). A cell's
// key is canonical (dimensions sorted by name), so the same selection has one key whatever order
// the URL or the declaration gives. docs/confidentiality.md explains why cells are published one by one.

/** A dimension's value in a cell; null is "no answer" (or "no unit"), a value like any other. */
export type CellValue = string | null;
export type Constraints = Readonly<Record<string, CellValue>>;

/** The whole survey: the cell without constraints. */
export const TOTAL_CELL = "";

/** The most dimensions one published cell may constrain: as many as keep ≤ 64 cells per response. */
export function maxCellLevel(dimensionCount: number): number {
  let level = 0;
  let cells = 1;
  let choose = 1;
  while (level < Math.min(dimensionCount, 3)) {
    choose = (choose * (dimensionCount - level)) / (level + 1);
    if (cells + choose > 64) break;
    cells += choose;
    level += 1;
  }
  return level;
}

const part = (name: string, value: CellValue) => (value === null ? name : `${name}=${encodeURIComponent(value)}`);

/** "institucion=pnp&region=tacna"; a null value is written as the bare name. */
export function cellKey(constraints: Constraints): string {
  return Object.keys(constraints)
    .sort()
    .map((name) => part(name, constraints[name] ?? null))
    .join("&");
}

export function cellLevel(key: string): number {
  return key === TOTAL_CELL ? 0 : key.split("&").length;
}

/** The cell's constraints back from its key. */
export function parseCellKey(key: string): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  if (key === TOTAL_CELL) return out;
  for (const piece of key.split("&")) {
    const eq = piece.indexOf("=");
    if (eq === -1) out[piece] = null;
    else out[piece.slice(0, eq)] = decodeURIComponent(piece.slice(eq + 1));
  }
  return out;
}

/**
 * Every cell a response belongs to, up to `maxLevel` constraints: the subsets of its dimension
 * values. `names` must be sorted (cellKey's order); values are aligned with them.
 */
export function cellsOf(names: readonly string[], values: readonly CellValue[], maxLevel: number): string[] {
  const parts = names.map((n, i) => part(n, values[i] ?? null));
  const out: string[] = [TOTAL_CELL];
  const walk = (start: number, prefix: string, level: number) => {
    if (level === maxLevel) return;
    for (let i = start; i < parts.length; i++) {
      const key = prefix === "" ? (parts[i] as string) : `${prefix}&${parts[i]}`;
      out.push(key);
      walk(i + 1, key, level + 1);
    }
  };
  walk(0, "", 0);
  return out;
}
