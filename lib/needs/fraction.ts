// Exact rational arithmetic (BigInt) so that ties and "exactly on the line" are decided exactly,
// not at the mercy of floating-point rounding (e.g. 4.2 × 1.2 vs 126/25).
export interface Fraction {
  num: bigint;
  /** Always > 0. */
  den: bigint;
}

export function fraction(num: number | bigint, den: number | bigint = 1): Fraction {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError("fraction with a zero denominator");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  return { num: n, den: d };
}

export function add(a: Fraction, b: Fraction): Fraction {
  return { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
}

export function divideByInt(a: Fraction, k: number): Fraction {
  return fraction(a.num, a.den * BigInt(k));
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The nearest double (numerator and denominator stay exact for realistic survey sizes). */
export function toNumber(a: Fraction): number {
  return Number(a.num) / Number(a.den);
}
