// An independent reference implementation of what GET /api/surveys/{slug}/needs must answer, for
// tests: it reads a survey's needs declaration as plain JSON and computes the figures from the
// answers themselves, one respondent at a time, with exact rational arithmetic — following
// docs/needs-method.md and docs/needs-declaration.md, and docs/api.md "Needs figures" for the shape. It
// deliberately imports nothing from lib/needs or db: a test comparing the two would prove nothing
// if they shared code. Floats appear only at the very end, when a rational becomes a JSON number.
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

export type ExpectedGroup =
  | ({ group: string | null; suppressed: null } & ExpectedFigures)
  | { group: string | null; suppressed: "primary" | "complementary" };

export interface ExpectedNeeds {
  k: number;
  by: string;
  n: number | null;
  suppressed: "filter_below_k" | "filter_protects_group" | null;
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

const itemValue = (item: unknown): string =>
  String(item && typeof item === "object" ? (item as Json).value : item);

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
 * Suppression rules 1 and 2 for one breakdown shown with a total: groups of 1 … k−1 are hidden,
 * then the smallest shown groups (ties by code) until the hidden ones number 0 or at least k.
 */
export function hiddenGroups(sizes: ReadonlyMap<string | null, number>, k: number): Map<string | null, "primary" | "complementary"> {
  const hidden = new Map<string | null, "primary" | "complementary">();
  let hiddenPeople = 0;
  for (const [group, n] of sizes) {
    if (n >= 1 && n < k) {
      hidden.set(group, "primary");
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

/** What GET /api/surveys/{slug}/needs must answer (the documented fields, numbers unrounded). */
export function expectedNeeds(survey: OracleSurvey, envK: number, responses: readonly OracleResponse[], query: OracleQuery = {}): ExpectedNeeds {
  const decl = survey.declaration;
  const k = effectiveK(survey, envK);
  const by = query.by ?? decl.breakdowns[0];
  if (!by || !decl.breakdowns.includes(by)) throw new Error(`oracle: "${String(by)}" is not a breakdown`);
  const filters = query.filters ?? {};
  for (const key of Object.keys(filters)) {
    if (key !== "from" && key !== "to" && !decl.breakdowns.includes(key)) throw new Error(`oracle: unknown filter ${key}`);
  }
  const completed = responses.filter((r) => r.complete);
  const matches = (r: OracleResponse, skip?: string) =>
    Object.entries(filters).every(([key, value]) => {
      if (key === skip) return true;
      if (key === "from") return r.day >= value;
      if (key === "to") return r.day <= value;
      return groupOf(r, key) === value;
    });
  const selection = completed.filter((r) => matches(r));
  const suppressedView = (suppressed: "filter_below_k" | "filter_protects_group"): ExpectedNeeds => ({ k, by, n: null, suppressed, total: null, groups: [] });

  // Rule 3: a selection below k shows nothing but that fact.
  if (selection.length < k) return suppressedView("filter_below_k");
  // Rule 4: a filter picking one value of a breakdown shows nothing when the breakdown of that
  // dimension, under the other filters, hides that value.
  for (const b of decl.breakdowns) {
    const value = filters[b];
    if (value === undefined) continue;
    const others = completed.filter((r) => matches(r, b));
    if (hiddenGroups(sizesBy(others, b), k).has(value)) return suppressedView("filter_protects_group");
  }

  const sizes = sizesBy(selection, by);
  const hidden = hiddenGroups(sizes, k);
  const order = survey.choices[by] ?? [];
  const position = (g: string | null) => {
    if (by === "unit") return g === null ? -1 : Number(g);
    const i = g === null ? -1 : order.indexOf(g);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i; // choice order; no answer (null) after them
  };
  const keys = [...sizes.keys()].sort((a, b) => position(a) - position(b) || codePoint(a, b));
  const groups = keys.map((group): ExpectedGroup => {
    const reason = hidden.get(group);
    if (reason) return { group, suppressed: reason };
    return { group, suppressed: null, ...figuresOf(survey, selection.filter((r) => groupOf(r, by) === group)) };
  });
  return { k, by, n: selection.length, suppressed: null, total: figuresOf(survey, selection), groups };
}
