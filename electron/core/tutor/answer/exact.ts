/**
 * Exact arithmetic for the answers that are plain numbers: integers, decimals and fractions of
 * integers (`-\frac{35}{9}`, `\frac{-35}{9}`, `0.250`). Two such answers are compared with
 * BigInt, never with a float tolerance: `11111111110` is not `11111111100`. A decimal against
 * a fraction whose decimal does not end (`3.142857142857143` for 22/7) is the one inexact
 * case; the caller compares that one with a tolerance.
 */

export interface Rational {
  n: bigint;
  d: bigint;
  kind: 'integer' | 'decimal' | 'fraction';
  /** A fraction already in lowest terms with a denominator other than 1. */
  reduced: boolean;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x;
};

const INT = /^[+-]?\d{1,400}$/;
const DEC = /^([+-]?)(\d{0,400})\.(\d{1,400})$/;
const FRAC = /^(-?)\\frac\{(-?\d{1,400})\}\{(-?\d{1,400})\}$/;

/** The exact value of a normalised answer that is a plain number, else null. */
export function readRational(s: string): Rational | null {
  if (INT.test(s)) return { n: BigInt(s), d: 1n, kind: 'integer', reduced: true };
  const dec = DEC.exec(s);
  if (dec) {
    const digits = (dec[3] as string).length;
    const n = BigInt(`${dec[2] || '0'}${dec[3]}`) * (dec[1] === '-' ? -1n : 1n);
    return { n, d: 10n ** BigInt(digits), kind: 'decimal', reduced: true };
  }
  const frac = FRAC.exec(s);
  if (frac) {
    let n = BigInt(frac[2] as string);
    let d = BigInt(frac[3] as string);
    if (d === 0n) return null;
    if (frac[1] === '-') n = -n;
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    return { n, d, kind: 'fraction', reduced: d !== 1n && gcd(n, d) === 1n };
  }
  return null;
}

/** a = b exactly. */
export const rationalEqual = (a: Rational, b: Rational) => a.n * b.d === b.n * a.d;

/** Whether the fraction's decimal ends (its denominator, reduced, has only the factors 2 and 5). */
export function terminates(r: Rational): boolean {
  let d = r.d / gcd(r.n, r.d);
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

export const toNumber = (r: Rational) => Number(r.n) / Number(r.d);

/** Written the same way: the same kind, and fractions both in lowest terms (the sign may sit anywhere). */
export function sameRationalForm(a: Rational, b: Rational): boolean {
  // "40.00" for 40: trailing zeros, not another form.
  const whole = (r: Rational) => r.kind === 'integer' || (r.kind === 'decimal' && r.n % r.d === 0n);
  if (whole(a) && whole(b)) return true;
  if (a.kind !== b.kind) return false;
  return a.kind !== 'fraction' || (a.reduced && b.reduced);
}

/** `\frac{a}{b}` with integers whose greatest common divisor is above 1, or a denominator of 1. */
export function hasUnreducedFraction(s: string): boolean {
  const re = /\\frac\{(-?\d{1,60})\}\{(-?\d{1,60})\}/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const n = BigInt(m[1] as string);
    const d = BigInt(m[2] as string);
    if (d !== 0n && (gcd(n, d) > 1n || d === 1n || d === -1n)) return true;
  }
  return false;
}
