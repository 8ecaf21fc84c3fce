// An adversary for the release rule (docs/confidentiality.md), for tests. Given every set of
// respondents whose figures an analyst has seen (each figure is a sum over such a set: n, Σ ratings),
// it tries what a determined analyst would: subtracting any two nested sets, and solving the whole
// linear system for one person's ratings. It shares no code with lib/confidentiality: it only gets
// the sets, as lists of respondent ids.

/** Respondents two seen sets tell apart, grouped: the finest partition the sets induce. */
export function distinguishableGroups(seen: readonly ReadonlySet<string>[], people: readonly string[]): string[][] {
  const signature = new Map<string, string[]>();
  for (const id of people) {
    const sig = seen.map((s) => (s.has(id) ? "1" : "0")).join("");
    signature.set(sig, [...(signature.get(sig) ?? []), id]);
  }
  return [...signature.values()];
}

/** Differences of nested seen sets that hold 1 … k−1 people (each is a figure about that few). */
export function smallDifferences(seen: readonly ReadonlySet<string>[], k: number): { outer: number; inner: number; people: string[] }[] {
  const found: { outer: number; inner: number; people: string[] }[] = [];
  for (let a = 0; a < seen.length; a++) {
    for (let b = 0; b < seen.length; b++) {
      const A = seen[a] as ReadonlySet<string>;
      const B = seen[b] as ReadonlySet<string>;
      if (a === b || B.size >= A.size) continue;
      if (![...B].every((x) => A.has(x))) continue;
      const diff = [...A].filter((x) => !B.has(x));
      if (diff.length > 0 && diff.length < k) found.push({ outer: a, inner: b, people: diff });
    }
  }
  return found;
}

const P = 2_147_483_647n; // 2^31 − 1: exact rank over GF(P) stands for the rank over the rationals

function inverse(a: bigint): bigint {
  let [r0, r1, s0, s1] = [P, ((a % P) + P) % P, 0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % P) + P) % P;
}

/**
 * The people whose own ratings the seen sums determine: person p is exposed when the indicator of
 * {p} lies in the span of the seen sets' indicators (then some combination of published figures is
 * exactly p's rating). Gaussian elimination over GF(P).
 */
export function exposedPeople(seen: readonly ReadonlySet<string>[], people: readonly string[]): string[] {
  const index = new Map(people.map((id, i) => [id, i]));
  const width = people.length;
  const basis: { pivot: number; row: bigint[] }[] = [];
  const reduce = (row: bigint[]) => {
    for (const b of basis) {
      const f = row[b.pivot] as bigint;
      if (f === 0n) continue;
      for (let j = 0; j < width; j++) row[j] = ((((row[j] as bigint) - f * (b.row[j] as bigint)) % P) + P) % P;
    }
    return row;
  };
  for (const s of seen) {
    const row = new Array<bigint>(width).fill(0n);
    for (const id of s) {
      const i = index.get(id);
      if (i !== undefined) row[i] = 1n;
    }
    reduce(row);
    const pivot = row.findIndex((x) => x !== 0n);
    if (pivot === -1) continue;
    const inv = inverse(row[pivot] as bigint);
    for (let j = 0; j < width; j++) row[j] = ((row[j] as bigint) * inv) % P;
    // Keep the basis fully reduced so that reduce() is one pass.
    for (const b of basis) {
      const f = b.row[pivot] as bigint;
      if (f === 0n) continue;
      for (let j = 0; j < width; j++) b.row[j] = ((((b.row[j] as bigint) - f * (row[j] as bigint)) % P) + P) % P;
    }
    basis.push({ pivot, row });
  }
  return people.filter((_, i) => {
    const unit = new Array<bigint>(width).fill(0n);
    unit[i] = 1n;
    return reduce(unit).every((x) => x === 0n);
  });
}
