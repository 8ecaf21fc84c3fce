// Coverage of a survey by distribution unit: response rates, sorting, the reminder threshold
// and a gap-free daily timeline. Plain data in, plain data out (the counts come from SQL).

export interface CoverageCounts {
  started: number;
  completed: number;
  expected: number;
}

export interface UnitCoverage extends CoverageCounts {
  /** null for responses that came through the open link (no unit). */
  unitId: number | null;
  code: string | null;
  name: string | null;
  institution: string | null;
  region: string | null;
  active: boolean;
}

export interface GroupCoverage extends CoverageCounts {
  /** Institution or region of the units; null for responses without a unit. */
  key: string | null;
  units: number;
}

export interface DayCount {
  day: string;
  completed: number;
}

export const SORT_KEYS = ["code", "name", "institution", "region", "started", "completed", "expected", "rate"] as const;
export type CoverageSortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";

/** Completed responses as a percentage of those expected; null when none are expected. */
export function responseRate(c: Pick<CoverageCounts, "completed" | "expected">): number | null {
  return c.expected > 0 ? (100 * c.completed) / c.expected : null;
}

/** Whether a unit should get a reminder at threshold `below` (percent); units with no target never do. */
export function needsReminder(row: UnitCoverage, below: number | null): boolean {
  if (below === null || row.unitId === null || !row.active) return false;
  const rate = responseRate(row);
  return rate !== null && rate < below;
}

export interface CoverageView {
  sort: CoverageSortKey;
  dir: SortDir;
  below: number | null;
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Reads ?sort=&dir=&below= leniently: anything unexpected falls back to the default view. */
export function parseCoverageView(params: Record<string, string | string[] | undefined>): CoverageView {
  const sortParam = first(params.sort);
  const sort = (SORT_KEYS as readonly string[]).includes(sortParam ?? "") ? (sortParam as CoverageSortKey) : "rate";
  const dirParam = first(params.dir);
  // Default: lowest rate first, the units that need a reminder on top.
  const dir: SortDir = dirParam === "desc" ? "desc" : "asc";
  const belowParam = first(params.below)?.trim();
  const belowNum = belowParam ? Number(belowParam) : NaN;
  const below = Number.isFinite(belowNum) && belowNum > 0 && belowNum <= 1000 ? belowNum : null;
  return { sort, dir, below };
}

function sortValue(row: UnitCoverage, key: CoverageSortKey): string | number | null {
  return key === "rate" ? responseRate(row) : row[key];
}

/** Sorted copy; the "no unit" row stays last and missing values sort after present ones. */
export function sortCoverage(rows: readonly UnitCoverage[], sort: CoverageSortKey, dir: SortDir): UnitCoverage[] {
  const sign = dir === "asc" ? 1 : -1;
  const collator = new Intl.Collator("es", { sensitivity: "base", numeric: true });
  return [...rows].sort((a, b) => {
    if ((a.unitId === null) !== (b.unitId === null)) return a.unitId === null ? 1 : -1;
    const va = sortValue(a, sort);
    const vb = sortValue(b, sort);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else {
      const cmp = typeof va === "number" && typeof vb === "number" ? va - vb : collator.compare(String(va), String(vb));
      if (cmp !== 0) return sign * cmp;
    }
    return collator.compare(a.code ?? "", b.code ?? "");
  });
}

export interface CoverageTotal extends CoverageCounts {
  /** Responses through the general link (no unit): counted in started and completed, not in the rate. */
  withoutUnit: { started: number; completed: number };
  /**
   * Completed responses through the units' links as a percentage of the units' expected ones
   * (like with like: nobody is expected through the general link); null when none are expected.
   */
  rate: number | null;
}

/** Totals of a coverage table; `isUnit` tells the units' rows from the general link's. */
export function totalCoverage<T extends CoverageCounts>(rows: readonly T[], isUnit: (row: T) => boolean): CoverageTotal {
  let started = 0;
  let completed = 0;
  let expected = 0;
  const withoutUnit = { started: 0, completed: 0 };
  for (const r of rows) {
    started += r.started;
    completed += r.completed;
    if (isUnit(r)) expected += r.expected;
    else {
      withoutUnit.started += r.started;
      withoutUnit.completed += r.completed;
    }
  }
  return { started, completed, expected, withoutUnit, rate: responseRate({ completed: completed - withoutUnit.completed, expected }) };
}

/** The unit table's rows: a unit, or the general link's row (no unit). */
export const isUnitRow = (row: UnitCoverage): boolean => row.unitId !== null;
/** The group tables' rows: the units of an institution or region, or the general link's row. */
export const isUnitGroup = (row: GroupCoverage): boolean => row.key !== null;

function addDay(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Every day from the first completion to `until` (default the last one), zeros included, with a running total. */
export function fillTimeline(points: readonly DayCount[], until?: string): (DayCount & { cumulative: number })[] {
  const sorted = [...points].filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.day)).sort((a, b) => a.day.localeCompare(b.day));
  const firstDay = sorted[0]?.day;
  if (!firstDay) return [];
  const lastPoint = sorted[sorted.length - 1]?.day ?? firstDay;
  const last = until && until > lastPoint ? until : lastPoint;
  const byDay = new Map(sorted.map((p) => [p.day, p.completed]));
  const out: (DayCount & { cumulative: number })[] = [];
  let cumulative = 0;
  // Bounded: a survey runs for weeks, not decades; cap protects against a bad clock.
  for (let day = firstDay, i = 0; day <= last && i < 3660; day = addDay(day, 1), i++) {
    const completed = byDay.get(day) ?? 0;
    cumulative += completed;
    out.push({ day, completed, cumulative });
  }
  return out;
}

/** The query string of a coverage view ("?sort=rate&dir=asc&below=50"); defaults omitted. */
export function coverageSearch(view: CoverageView): string {
  const params = new URLSearchParams();
  if (view.sort !== "rate") params.set("sort", view.sort);
  if (view.dir !== "asc") params.set("dir", view.dir);
  if (view.below !== null) params.set("below", String(view.below));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** "42 %" / "42%"-style display with one decimal only when needed; "—" without a target. */
export function formatRate(rate: number | null, locale: "es" | "en"): string {
  if (rate === null) return "—";
  const n = new Intl.NumberFormat(locale === "en" ? "en-US" : "es-PE", { maximumFractionDigits: rate < 10 ? 1 : 0 }).format(rate);
  return locale === "en" ? `${n}%` : `${n} %`;
}
