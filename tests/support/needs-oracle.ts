// An independent reference implementation of what GET /api/surveys/{slug}/needs must answer, for
// tests: it reads a survey's needs declaration as plain JSON and computes the figures from the
// answers themselves, one respondent at a time, with exact rational arithmetic — following
// docs/needs-method.md and docs/needs-declaration.md, and docs/api.md "Needs figures" for the shape. It
// deliberately imports nothing from lib/ or db/: a test comparing the two would prove nothing
// if they shared code. Floats appear only at the very end, when a rational becomes a JSON number.
// Confidentiality follows the release rule (docs/confidentiality.md): responses
// reach the figures only through releases, and a cell is shown only once published; the oracle
// replays the releases person by person (brute force, no incremental bookkeeping).
type Json = Record<string, unknown>;

export interface OracleDeclaration {
  matrix: string;
  importance: string;
  competence: string;
  notApplicable?: string;
  breakdowns: string[];
  minGroupSize?: number;
}

export interface OracleSurvey {
  slug: string;
  declaration: OracleDeclaration;
  /** Topic codes (the matrix's row values) in survey order. */
  topics: string[];
  /** Choice values, in survey order, of every question breakdown (booleans: "true", "false"). */
  choices: Record<string, string[]>;
}

export interface OracleResponse {
  answers: Json;
  /** Only completed responses count; a partial one must change nothing. */
  complete: boolean;
  /** The distribution unit's id, or null (no unit link). */
  unit: number | null;
  /** Submission day in Peru (UTC−5), YYYY-MM-DD. */
  day: string;
  /** A synthetic demo response (never in a group with real ones). */
  demo?: boolean;
  /**
   * How many aggregate reads (each attempts a release) came before this response was submitted;
   * default 0 (everything submitted, then read). The view predicted is the read after the last.
   */
  epoch?: number;
}

export interface OracleQuery {
  by?: string;
  /** Breakdown name → value (for "unit", the unit's id), plus from / to. */
  filters?: Record<string, string>;
}

export type Quadrant = "prioridad_alta" | "prioridad_secundaria" | "mantener" | "baja_prioridad";

export interface ExpectedTopic {
  topic: string;
  n: number;
  meanImportance: number | null;
  meanCompetence: number | null;
  meanDiscrepancy: number | null;
  mwds: number | null;
  rank: number | null;
  quadrant: Quadrant | null;
}

export interface ExpectedFigures {
  n: number;
  topics: ExpectedTopic[];
  locus: { importanceLine: number; discrepancyLine: number } | null;
}

export type HiddenReason = "primary" | "complementary" | "unreleased" | "not_updated";

export type ExpectedGroup = ({ group: string | null; suppressed: null } & ExpectedFigures) | { group: string | null; suppressed: HiddenReason };

/** The API's `release` field, without the times (the oracle knows days, not instants). */
export interface ExpectedRelease {
  asOf: { release: number } | null;
  covers: { fromRelease: number; toRelease: number } | null;
  pending: number;
}

export interface ExpectedNeeds {
  k: number;
  by: string;
  release: ExpectedRelease;
  n: number | null;
  suppressed: "filter_below_k" | "not_released" | null;
  total: ExpectedFigures | null;
  groups: ExpectedGroup[];
}

// --- Reading the definition (plain JSON walking) -------------------------------------------

function findElement(node: unknown, name: string): Json | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const hit = findElement(child, name);
      if (hit) return hit;
    }
    return undefined;
  }
  if (!node || typeof node !== "object") return undefined;
  const obj = node as Json;
  if (obj.name === name && typeof obj.type === "string" && obj.type !== "panel") return obj;
  for (const key of ["pages", "elements", "templateElements"]) {
    const hit = findElement(obj[key], name);
    if (hit) return hit;
  }
  return undefined;
}

const itemValue = (item: unknown): string => String(item && typeof item === "object" ? (item as Json).value : item);

/** The parts of a survey definition the oracle needs, read straight from its JSON. */
export function oracleSurvey(definition: Json): OracleSurvey {
  const declaration = definition.needsAssessment as OracleDeclaration | undefined;
  if (!declaration) throw new Error("the survey has no needsAssessment");
  const matrix = findElement(definition, declaration.matrix);
  if (!matrix) throw new Error(`no matrix ${declaration.matrix}`);
  const choices: Record<string, string[]> = {};
  for (const name of declaration.breakdowns) {
    if (name === "unit") continue;
    const question = findElement(definition, name);
    if (!question) throw new Error(`no breakdown question ${name}`);
    choices[name] = question.type === "boolean" ? ["true", "false"] : ((question.choices as unknown[]) ?? []).map(itemValue);
  }
  return {
    slug: String(definition.slug),
    declaration,
    topics: ((matrix.rows as unknown[]) ?? []).map(itemValue),
    choices,
  };
}

// --- Exact rationals --------------------------------------------------------------------------

interface Q {
  p: bigint;
  q: bigint; // > 0
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x || 1n;
};
const rat = (p: bigint | number, q: bigint | number = 1n): Q => {
  let num = BigInt(p);
  let den = BigInt(q);
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return { p: num / g, q: den / g };
};
const plus = (a: Q, b: Q) => rat(a.p * b.q + b.p * a.q, a.q * b.q);
const times = (a: Q, b: Q) => rat(a.p * b.p, a.q * b.q);
const over = (a: Q, k: number) => rat(a.p, a.q * BigInt(k));
const cmp = (a: Q, b: Q) => {
  const l = a.p * b.q;
  const r = b.p * a.q;
  return l < r ? -1 : l > r ? 1 : 0;
};
const sum = (values: Q[]) => values.reduce(plus, rat(0));
/** The nearest double: a reduced fraction of two exactly representable integers divides correctly rounded. */
const toFloat = (a: Q) => Number(a.p) / Number(a.q);

// --- The method -----------------------------------------------------------------------------

/** needs-method.md "Which responses count": both ratings, and not marked not applicable. */
function pairOf(response: OracleResponse, decl: OracleDeclaration, topic: string): { i: number; c: number } | null {
  const matrix = response.answers[decl.matrix];
  if (!matrix || typeof matrix !== "object") return null;
  const row = (matrix as Json)[topic];
  if (!row || typeof row !== "object") return null;
  const cells = row as Json;
  if (decl.notApplicable) {
    const na = cells[decl.notApplicable];
    if (na === true || (Array.isArray(na) && na.length > 0)) return null;
  }
  const i = cells[decl.importance];
  const c = cells[decl.competence];
  return Number.isInteger(i) && Number.isInteger(c) ? { i: i as number, c: c as number } : null;
}

function figuresOf(survey: OracleSurvey, people: readonly OracleResponse[]): ExpectedFigures {
  const decl = survey.declaration;
  const scored = survey.topics.map((topic, index) => {
    const pairs = people.map((r) => pairOf(r, decl, topic)).filter((x): x is { i: number; c: number } => x !== null);
    const n = pairs.length;
    if (n === 0) return { topic, index, n, stats: null };
    const meanI = over(sum(pairs.map((x) => rat(x.i))), n);
    const meanC = over(sum(pairs.map((x) => rat(x.c))), n);
    const meanD = over(sum(pairs.map((x) => rat(x.i - x.c))), n);
    // Borich's definition, respondent by respondent: WDS_ij = D_ij × Ī_j, MWDS_j = mean of WDS_ij.
    const mwds = over(sum(pairs.map((x) => times(rat(x.i - x.c), meanI))), n);
    return { topic, index, n, stats: { meanI, meanC, meanD, mwds } };
  });
  const rated = scored.filter((s) => s.stats !== null);
  const byNeed = [...rated].sort((a, b) => cmp(b.stats!.mwds, a.stats!.mwds) || a.index - b.index);
  const rankOf = new Map(byNeed.map((s, position) => [s.topic, position + 1]));
  let locus: ExpectedFigures["locus"] = null;
  let xLine: Q | null = null;
  let yLine: Q | null = null;
  if (rated.length > 0) {
    xLine = over(sum(rated.map((s) => s.stats!.meanI)), rated.length);
    yLine = over(sum(rated.map((s) => s.stats!.meanD)), rated.length);
    locus = { importanceLine: toFloat(xLine), discrepancyLine: toFloat(yLine) };
  }
  const topics = scored.map((s): ExpectedTopic => {
    if (!s.stats || !xLine || !yLine) {
      return { topic: s.topic, n: 0, meanImportance: null, meanCompetence: null, meanDiscrepancy: null, mwds: null, rank: null, quadrant: null };
    }
    // On a line → the higher side.
    const highI = cmp(s.stats.meanI, xLine) >= 0;
    const highD = cmp(s.stats.meanD, yLine) >= 0;
    const quadrant: Quadrant = highD ? (highI ? "prioridad_alta" : "prioridad_secundaria") : highI ? "mantener" : "baja_prioridad";
    return {
      topic: s.topic,
      n: s.n,
      meanImportance: toFloat(s.stats.meanI),
      meanCompetence: toFloat(s.stats.meanC),
      meanDiscrepancy: toFloat(s.stats.meanD),
      mwds: toFloat(s.stats.mwds),
      rank: rankOf.get(s.topic) ?? null,
      quadrant,
    };
  });
  return { n: people.length, topics, locus };
}

/** The group a response falls in for a breakdown: its answer as a string, or null. */
export function groupOf(response: OracleResponse, breakdown: string): string | null {
  if (breakdown === "unit") return response.unit === null ? null : String(response.unit);
  const v = response.answers[breakdown];
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : null;
}

const codePoint = (a: string | null, b: string | null) => {
  const x = a ?? "\u0000";
  const y = b ?? "\u0000";
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Suppression rules 1 and 2 for one breakdown shown with a total: groups of 1 … k−1 are hidden
 * ("primary"), so are those the release rule holds back (`held`), then the smallest shown groups
 * (ties by code) until the hidden ones number 0 or at least k.
 */
export function hiddenGroups(
  sizes: ReadonlyMap<string | null, number>,
  k: number,
  held: (group: string | null) => HiddenReason | null = () => null,
): Map<string | null, HiddenReason> {
  const hidden = new Map<string | null, HiddenReason>();
  let hiddenPeople = 0;
  for (const [group, n] of sizes) {
    const reason = n >= 1 && n < k ? "primary" : held(group);
    if (reason) {
      hidden.set(group, reason);
      hiddenPeople += n;
    }
  }
  const candidates = [...sizes].filter(([g, n]) => n > 0 && !hidden.has(g)).sort((a, b) => a[1] - b[1] || codePoint(a[0], b[0]));
  for (const [group, n] of candidates) {
    if (hiddenPeople === 0 || hiddenPeople >= k) break;
    hidden.set(group, "complementary");
    hiddenPeople += n;
  }
  return hidden;
}

function sizesBy(people: readonly OracleResponse[], breakdown: string): Map<string | null, number> {
  const sizes = new Map<string | null, number>();
  for (const r of people) {
    const g = groupOf(r, breakdown);
    sizes.set(g, (sizes.get(g) ?? 0) + 1);
  }
  return sizes;
}

/** The k that applies: the declaration's own, else the environment's. */
export function effectiveK(survey: OracleSurvey, envK: number): number {
  return survey.declaration.minGroupSize ?? envK;
}

// --- The release rule -------------------------------------------------------------------------
//
// A cell is a set of "breakdown = value" constraints (null, "no answer", is a value). A release
// first admits the pending completed responses whose (demo flag, first breakdown value) group has
// at least k of them; the others wait. Then it tries every cell of at most L constraints holding k
// or more published people, in priority order (fewer constraints; then the declaration positions
// of its breakdowns; then more people; then its canonical text, as the server writes it). Two
// published people are indistinguishable when they came in the same release, share the demo flag
// and first breakdown value, and agree on membership of every published cell whose figures cover
// their release. A cell is published (or brought up to date) by this release only if every such
// group lies wholly inside or outside it, or splits into two parts of at least k.

/** One constraint per breakdown position of the declaration. */
type Cell = ReadonlyMap<number, string | null>;

interface Person {
  response: OracleResponse;
  demo: boolean;
  values: (string | null)[];
  /** The release that published it (1, 2, …), or null while waiting. */
  batch: number | null;
}

export interface OracleRelease {
  batch: number;
  /** Its (Peru) day: that of the last completed response submitted before the read. */
  day: string;
  people: number;
}

export interface OracleReleaseState {
  releases: OracleRelease[];
  /** Published cells (by `cellId`) → the last release their figures include. */
  cells: Map<string, number>;
  people: Person[];
  pending: number;
}

/** The most constraints a cell may have: the largest L ≤ 3 with Σ_{j ≤ L} C(d, j) ≤ 64. */
export function cellLimit(dimensions: number): number {
  const choose = (n: number, r: number) => {
    let c = 1;
    for (let j = 0; j < r; j++) c = (c * (n - j)) / (j + 1);
    return c;
  };
  let best = 0;
  for (let level = 0; level <= Math.min(3, dimensions); level++) {
    let cells = 0;
    for (let j = 0; j <= level; j++) cells += choose(dimensions, j);
    if (cells <= 64) best = level;
  }
  return best;
}

const cellId = (cell: Cell) => JSON.stringify([...cell].sort((a, b) => a[0] - b[0]));

/** The server's canonical text of a cell (names sorted; `name=value`, URI-encoded; null: bare name); the last tie-break. */
function canonicalText(cell: Cell, dimensions: readonly string[]): string {
  return [...cell]
    .map(([d, v]) => [dimensions[d] as string, v] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([name, v]) => (v === null ? name : `${name}=${encodeURIComponent(v)}`))
    .join("&");
}

const inCell = (p: Person, cell: Cell) => [...cell].every(([d, v]) => p.values[d] === v);

/** Every subset of at most `limit` of the person's breakdown values. */
function cellsOfPerson(p: Person, limit: number): Cell[] {
  const out: Cell[] = [];
  const walk = (start: number, chosen: [number, string | null][]) => {
    out.push(new Map(chosen));
    if (chosen.length === limit) return;
    for (let d = start; d < p.values.length; d++) walk(d + 1, [...chosen, [d, p.values[d] ?? null]]);
  };
  walk(0, []);
  return out;
}

/** Which published people an analyst cannot tell apart: group label per person (null: not published). */
function indistinguishable(people: readonly Person[], cells: ReadonlyMap<string, number>, byId: ReadonlyMap<string, Cell>): (string | null)[] {
  return people.map((p) => {
    if (p.batch === null) return null;
    const batch = p.batch;
    const member = [...cells]
      .filter(([id, upTo]) => upTo >= batch && inCell(p, byId.get(id) as Cell))
      .map(([id]) => id)
      .sort();
    return JSON.stringify([batch, p.demo, p.values[0] ?? null, member]);
  });
}

function release(state: OracleReleaseState, dimensions: readonly string[], k: number, available: (p: Person) => boolean, day: string): void {
  const waiting = new Map<string, Person[]>();
  for (const p of state.people) {
    if (p.batch !== null || !available(p)) continue;
    const key = JSON.stringify([p.demo, p.values[0] ?? null]);
    waiting.set(key, [...(waiting.get(key) ?? []), p]);
  }
  const joining = [...waiting.values()].filter((g) => g.length >= k).flat();
  if (joining.length === 0) return;
  const batch = state.releases.length + 1;
  for (const p of joining) p.batch = batch;
  state.releases.push({ batch, day, people: joining.length });

  const published = state.people.filter((p) => p.batch !== null);
  const limit = cellLimit(dimensions.length);
  const byId = new Map<string, Cell>();
  for (const p of published) for (const c of cellsOfPerson(p, limit)) byId.set(cellId(c), c);
  const size = (c: Cell) => published.filter((p) => inCell(p, c)).length;
  const candidates = [...byId.values()]
    .map((cell) => ({ cell, n: size(cell), positions: [...cell.keys()].sort((a, b) => a - b), text: canonicalText(cell, dimensions) }))
    .filter((c) => c.n >= k)
    .sort((a, b) => {
      if (a.positions.length !== b.positions.length) return a.positions.length - b.positions.length;
      for (let i = 0; i < a.positions.length; i++)
        if (a.positions[i] !== b.positions[i]) return (a.positions[i] as number) - (b.positions[i] as number);
      return b.n - a.n || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
    });
  for (const { cell } of candidates) {
    const groups = indistinguishable(state.people, state.cells, byId);
    const total = new Map<string, number>();
    const inside = new Map<string, number>();
    state.people.forEach((p, i) => {
      const g = groups[i];
      if (g === null || g === undefined) return;
      total.set(g, (total.get(g) ?? 0) + 1);
      if (inCell(p, cell)) inside.set(g, (inside.get(g) ?? 0) + 1);
    });
    const safe = [...total].every(([g, n]) => {
      const part = inside.get(g) ?? 0;
      return part === 0 || part === n || (part >= k && n - part >= k);
    });
    if (safe) state.cells.set(cellId(cell), batch);
  }
}

const stateCache = new WeakMap<readonly OracleResponse[], Map<string, OracleReleaseState>>();

/** The releases the server has made after every read (memoized per response list). */
export function releaseState(survey: OracleSurvey, k: number, responses: readonly OracleResponse[]): OracleReleaseState {
  const dimensions = survey.declaration.breakdowns;
  // The list may grow between calls (a test submits more): its length is part of the key.
  const memoKey = `${k}|${dimensions.join(",")}|${responses.length}`;
  const cached = stateCache.get(responses)?.get(memoKey);
  if (cached) return cached;
  const people: Person[] = responses
    .filter((r) => r.complete)
    .map((r) => ({ response: r, demo: r.demo === true, values: dimensions.map((d) => groupOf(r, d)), batch: null }));
  const state: OracleReleaseState = { releases: [], cells: new Map(), people, pending: 0 };
  const reads = Math.max(0, ...people.map((p) => p.response.epoch ?? 0));
  for (let read = 0; read <= reads; read++) {
    const available = (p: Person) => (p.response.epoch ?? 0) <= read;
    const days = people
      .filter(available)
      .map((p) => p.response.day)
      .sort();
    release(state, dimensions, k, available, days.at(-1) ?? "");
  }
  state.pending = people.filter((p) => p.batch === null).length;
  const perList = stateCache.get(responses) ?? new Map<string, OracleReleaseState>();
  perList.set(memoKey, state);
  stateCache.set(responses, perList);
  return state;
}

/**
 * Each published response's group of respondents an analyst cannot tell apart (its label), after the
 * releases the server has made: what the comparison of rounds checks a topic's raters against.
 */
export function publishedGroups(survey: OracleSurvey, k: number, responses: readonly OracleResponse[]): Map<OracleResponse, string> {
  const state = releaseState(survey, k, responses);
  const limit = cellLimit(survey.declaration.breakdowns.length);
  const byId = new Map<string, Cell>();
  for (const p of state.people) if (p.batch !== null) for (const c of cellsOfPerson(p, limit)) byId.set(cellId(c), c);
  const labels = indistinguishable(state.people, state.cells, byId);
  const out = new Map<OracleResponse, string>();
  state.people.forEach((p, i) => {
    const label = labels[i];
    if (label !== null && label !== undefined) out.set(p.response, label);
  });
  return out;
}

/** What GET /api/surveys/{slug}/needs must answer (the documented fields, numbers unrounded). */
export function expectedNeeds(survey: OracleSurvey, envK: number, responses: readonly OracleResponse[], query: OracleQuery = {}): ExpectedNeeds {
  const decl = survey.declaration;
  const dimensions = decl.breakdowns;
  const k = effectiveK(survey, envK);
  const by = query.by ?? dimensions[0];
  if (!by || !dimensions.includes(by)) throw new Error(`oracle: "${String(by)}" is not a breakdown`);
  const filters = query.filters ?? {};
  for (const key of Object.keys(filters)) {
    if (key !== "from" && key !== "to" && !dimensions.includes(key)) throw new Error(`oracle: unknown filter ${key}`);
  }
  const state = releaseState(survey, k, responses);
  const selection: Cell = new Map(
    Object.entries(filters)
      .filter(([key]) => key !== "from" && key !== "to")
      .map(([key, value]) => [dimensions.indexOf(key), value]),
  );
  const upTo = state.cells.get(cellId(selection));
  if (upTo === undefined) {
    return { k, by, release: { asOf: null, covers: null, pending: state.pending }, n: null, suppressed: "not_released", total: null, groups: [] };
  }
  // Dates pick whole releases (by the day they were published), up to the selection's last update.
  const shown = state.releases.filter((r) => r.batch <= upTo && (!filters.from || r.day >= filters.from) && (!filters.to || r.day <= filters.to));
  const lo = shown[0]?.batch ?? 1;
  const hi = shown.at(-1)?.batch ?? 0;
  const release: ExpectedRelease = {
    asOf: { release: upTo },
    covers: shown.length > 0 ? { fromRelease: lo, toRelease: hi } : null,
    pending: state.pending,
  };
  const people = state.people.filter((p) => p.batch !== null && p.batch >= lo && p.batch <= hi && inCell(p, selection)).map((p) => p.response);
  if (people.length < k) return { k, by, release, n: null, suppressed: "filter_below_k", total: null, groups: [] };

  const position = dimensions.indexOf(by);
  const held = (group: string | null): HiddenReason | null => {
    const cell = new Map(selection).set(position, group);
    const updated = state.cells.get(cellId(cell));
    if (updated === undefined) return "unreleased";
    return updated < hi ? "not_updated" : null;
  };
  const sizes = sizesBy(people, by);
  const hidden = hiddenGroups(sizes, k, held);
  const order = survey.choices[by] ?? [];
  const place = (g: string | null) => {
    if (by === "unit") return g === null ? -1 : Number(g);
    const i = g === null ? -1 : order.indexOf(g);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i; // choice order; no answer (null) after them
  };
  const keys = [...sizes.keys()].sort((a, b) => place(a) - place(b) || codePoint(a, b));
  const groups = keys.map((group): ExpectedGroup => {
    const reason = hidden.get(group);
    if (reason) return { group, suppressed: reason };
    return {
      group,
      suppressed: null,
      ...figuresOf(
        survey,
        people.filter((r) => groupOf(r, by) === group),
      ),
    };
  });
  return { k, by, release, n: people.length, suppressed: null, total: figuresOf(survey, people), groups };
}
