// Seeded randomness for demo data: one small PRNG and the few draws the generator needs. Same seed
// → same sequence, so a demo database or a benchmark's data set can be rebuilt exactly.
export type Rng = () => number;

/** mulberry32: a small, fast, seedable PRNG (same seed → same sequence). */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: a stable number for a string (to derive per-question or per-group seeds). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** An index drawn with probability proportional to `weights[i]`. */
export function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i] as number) < 0) return i;
  return weights.length - 1;
}

/**
 * `count` distinct indices, drawn one after another with probability proportional to the weights
 * of those left (with count = weights.length: a weighted shuffle, Plackett–Luce).
 */
export function weightedSample(rng: Rng, weights: readonly number[], count: number): number[] {
  const left = weights.map((w, i) => [i, w] as const);
  const out: number[] = [];
  while (out.length < count && left.length > 0) {
    const k = weightedIndex(
      rng,
      left.map(([, w]) => w),
    );
    out.push((left[k] as readonly [number, number])[0]);
    left.splice(k, 1);
  }
  return out;
}

/** A fixed permutation of 0…n-1 for a key: each question gets its own "popular" choices. */
export function ranksFor(key: string, n: number): number[] {
  const order = shuffle(
    seededRng(hashString(key)),
    Array.from({ length: n }, (_, i) => i),
  );
  const ranks = new Array<number>(n);
  order.forEach((position, rank) => (ranks[position] = rank));
  return ranks;
}
