/**
 * Independent recomputations for the Number Theory and Counting & Probability part of the core
 * pack (resources/packs-src/core/discrete.json). Each entry recomputes an answer by brute force,
 * enumeration or exact simulation rather than by the formula the worked solution uses, so a wrong
 * answer in the content fails the content test.
 */
import { mulberry32 } from '../../../../electron/core/util/prng.js';
import { Q } from '../rational.js';

// ---------------------------------------------------------------------------------------
// Small exact-arithmetic helpers

const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));

const frac = (n: bigint | number, d: bigint | number = 1) => new Q(n, d).tex();

/** The simplest fraction within `tol` of a numeric estimate (smallest denominator first). */
function rationalize(x: number, maxDen: number, tol: number): string {
  for (let q = 1; q <= maxDen; q++) {
    const p = Math.round(x * q);
    if (Math.abs(p / q - x) < tol) return frac(p, q);
  }
  throw new Error(`no fraction with denominator at most ${maxDen} near ${x}`);
}

/** The only element of a list: a brute-force search that finds several answers is a content bug. */
function only<T>(xs: T[]): T {
  if (xs.length !== 1) throw new Error(`expected exactly one solution, found ${xs.length}: ${xs.join(', ')}`);
  return at(xs, 0);
}

/** Checked indexing: an out-of-range read is a bug in the recomputation, not a value. */
function at<T>(xs: readonly T[], i: number): T {
  if (i < 0 || i >= xs.length) throw new Error(`index ${i} out of range`);
  return xs[i] as T;
}

const divisors = (n: number) => Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);
const factorial = (n: number) => {
  let f = 1n;
  for (let k = 2n; k <= BigInt(n); k++) f *= k;
  return f;
};
const binom = (n: number, k: number) => {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
};
const isPrime = (n: number) => n > 1 && divisors(n).length === 2;
const isSquare = (n: number) => n >= 0 && Math.round(Math.sqrt(n)) ** 2 === n;
const trailingZeros = (s: string) => s.length - s.replace(/0+$/, '').length;
const valuation = (n: bigint, p: bigint) => {
  let v = 0;
  while (n % p === 0n) {
    n /= p;
    v++;
  }
  return v;
};

/** All permutations of 0..n-1 (Heap's algorithm), passed to `visit` as the same mutable array. */
function forEachPermutation(n: number, visit: (p: number[]) => void): void {
  const a = Array.from({ length: n }, (_, i) => i);
  const c = new Array<number>(n).fill(0);
  visit(a);
  let i = 0;
  while (i < n) {
    if (at(c, i) < i) {
      const j = i % 2 === 0 ? 0 : at(c, i);
      [a[j], a[i]] = [at(a, i), at(a, j)];
      visit(a);
      c[i] = at(c, i) + 1;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

/** Distinct arrangements of a word's letters, generated one by one (no formula). */
function distinctArrangements(word: string): string[] {
  const counts = new Map<string, number>();
  for (const ch of word) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const out: string[] = [];
  const build = (prefix: string) => {
    if (prefix.length === word.length) {
      out.push(prefix);
      return;
    }
    for (const [ch, k] of counts) {
      if (k === 0) continue;
      counts.set(ch, k - 1);
      build(prefix + ch);
      counts.set(ch, k);
    }
  };
  build('');
  return out;
}

/** Bit patterns of length n with exactly k ones (used as lattice paths or subsets). */
function masksWithOnes(n: number, k: number): number[] {
  const out: number[] = [];
  for (let m = 0; m < 1 << n; m++) if (popcount(m) === k) out.push(m);
  return out;
}
const popcount = (m: number) => {
  let c = 0;
  for (; m; m &= m - 1) c++;
  return c;
};

/** Repeatedly merge two random numbers of a board with `merge` until one is left. */
function mergeUntilOne(start: number[], merge: (a: number, b: number) => number, seed: number): number {
  const rand = mulberry32(seed);
  const board = [...start];
  while (board.length > 1) {
    const i = Math.floor(rand() * board.length);
    const a = at(board.splice(i, 1), 0);
    const j = Math.floor(rand() * board.length);
    const b = at(board.splice(j, 1), 0);
    board.push(merge(a, b));
  }
  return at(board, 0);
}

/** The same result for every seed, or an error. */
function sameForAllSeeds(run: (seed: number) => number): number {
  const results = new Set([1, 2, 3, 4, 5, 6, 7, 8].map(run));
  return only([...results]);
}

/** Polynomial coefficients (index = exponent + offset) of a product of identical factors. */
function powerOfPoly(factor: Map<number, bigint>, times: number): Map<number, bigint> {
  let acc = new Map<number, bigint>([[0, 1n]]);
  for (let t = 0; t < times; t++) {
    const next = new Map<number, bigint>();
    for (const [e1, c1] of acc) for (const [e2, c2] of factor) next.set(e1 + e2, (next.get(e1 + e2) ?? 0n) + c1 * c2);
    acc = next;
  }
  return acc;
}

/** The period of 1/n's decimal expansion and its digits, by long division. */
function longDivision(n: number, digits: number): { period: number; digits: number[] } {
  const seen = new Map<number, number>();
  const out: number[] = [];
  let r = 1;
  let period = 0;
  for (let i = 0; i < Math.max(digits, 4 * n); i++) {
    if (!period && seen.has(r)) period = i - (seen.get(r) ?? 0);
    if (!seen.has(r)) seen.set(r, i);
    r *= 10;
    out.push(Math.floor(r / n));
    r %= n;
  }
  return { period, digits: out };
}

/** Probability estimate on an N×N midpoint grid of the unit square. */
function gridProbability(n: number, event: (x: number, y: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (event((i + 0.5) / n, (j + 0.5) / n)) hits++;
  return hits / (n * n);
}

// ---------------------------------------------------------------------------------------
// Recomputations

export const recompute: Record<string, () => string | number> = {
  // ----- Number Theory: divisibility and digits
  'template:divisibility-rules-by-digits#0': () => {
    const sols: number[] = [];
    for (let a = 1; a <= 9; a++) for (let b = 0; b <= 9; b++) if ((10000 * a + 5170 + b) % 72 === 0) sols.push(a + b);
    return only(sols);
  },
  'template:digit-sum-mod-9#0': () => {
    let sum = 0n;
    for (let k = 1; k <= 9; k++) sum += BigInt('123456789'.slice(0, k));
    return Number(sum % 9n);
  },
  'template:alternating-digit-sum-mod-11#0': () =>
    only([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => Number(`3${d}5742`) % 11 === 0)),

  // ----- Number Theory: prime factorisations
  'template:sum-of-divisors-sigma#0': () => divisors(360).reduce((s, d) => s + d, 0),
  'template:sum-of-divisors-sigma#1': () => divisors(360).filter((d) => d % 2 === 1).reduce((s, d) => s + d, 0),
  'template:product-of-divisors#0': () => {
    const product = divisors(72).reduce((p, d) => p * BigInt(d), 1n);
    const a = valuation(product, 2n);
    const b = valuation(product, 3n);
    if (product !== 2n ** BigInt(a) * 3n ** BigInt(b)) throw new Error('other primes appear');
    return a + b;
  },
  'template:perfect-powers-from-exponents#0': () => {
    for (let k = 1; ; k++) {
      const n = 1350 * k;
      const r = Math.round(Math.cbrt(n));
      if (r ** 3 === n) return k;
    }
  },
  'template:perfect-powers-from-exponents#1': () => {
    const f = Number(factorial(10));
    let count = 0;
    for (let s = 1; s * s <= f; s++) if (f % (s * s) === 0) count++;
    return count;
  },
  'template:gcd-lcm-via-exponents#0': () => {
    const sols: number[] = [];
    for (let b = 1; b <= 5000; b++) if (gcd(72, b) === 12 && (72 * b) / gcd(72, b) === 360) sols.push(b);
    return only(sols);
  },
  'template:gcd-lcm-via-exponents#1': () => {
    let count = 0;
    for (let a = 1; a <= 72; a++) for (let b = 1; b <= 72; b++) if ((a * b) / gcd(a, b) === 72) count++;
    return count;
  },
  'template:gcd-of-expressions-in-n#0': () => {
    let best = 0;
    for (let n = 1; n <= 2000; n++) best = Math.max(best, gcd(n + 7, 2 * n + 1));
    return best;
  },

  // ----- Number Theory: linear Diophantine equations
  'template:bezout-identity#0': () => {
    let best = Infinity;
    for (let x = -60; x <= 60; x++) for (let y = -60; y <= 60; y++) {
      const v = 84 * x + 120 * y;
      if (v > 0) best = Math.min(best, v);
    }
    return best;
  },
  'template:bezout-identity#1': () => {
    const xs = Array.from({ length: 29 }, (_, x) => x).filter((x) => (1 - 17 * x) % 29 === 0);
    const x = only(xs);
    return `(${x}, ${(1 - 17 * x) / 29})`;
  },
  'template:linear-diophantine-general-solution#0': () => {
    let count = 0;
    for (let x = 1; x <= 100; x++) for (let y = 1; y <= 100; y++) if (3 * x + 5 * y === 100) count++;
    return count;
  },
  'template:linear-diophantine-general-solution#1': () => {
    let count = 0;
    for (let x = 0; x <= 100; x++) for (let y = 0; y <= 100; y++) if (7 * x + 4 * y === 100) count++;
    return count;
  },
  'template:frobenius-two-coins#0': () => {
    const reachable = (n: number) => {
      for (let x = 0; 5 * x <= n; x++) if ((n - 5 * x) % 8 === 0) return true;
      return false;
    };
    let largest = 0;
    for (let n = 1; n <= 300; n++) if (!reachable(n)) largest = n;
    return largest;
  },
  'template:frobenius-two-coins#1': () => {
    let count = 0;
    for (let n = 1; n <= 300; n++) {
      let ok = false;
      for (let x = 0; 5 * x <= n; x++) if ((n - 5 * x) % 8 === 0) ok = true;
      if (!ok) count++;
    }
    return count;
  },

  // ----- Number Theory: congruences
  'template:modular-inverse#0': () => only(Array.from({ length: 26 }, (_, x) => x).filter((x) => (7 * x) % 26 === 1)),
  'template:modular-inverse#1': () => only(Array.from({ length: 100 }, (_, x) => x).filter((x) => (11 * x) % 100 === 1)),
  'template:linear-congruence-solving#0': () =>
    Array.from({ length: 15 }, (_, x) => x)
      .filter((x) => (6 * x - 9) % 15 === 0)
      .reduce((s, x) => s + x, 0),
  'template:linear-congruence-solving#1': () => {
    for (let x = 1; ; x++) if ((35 * x - 14) % 91 === 0) return x;
  },
  'template:fermat-little-theorem#0': () => Number(3n ** 100n % 7n),
  'template:fermat-little-theorem#1': () => Number(2n ** 2024n % 13n),
  'template:euler-totient-function#0': () => Array.from({ length: 360 }, (_, i) => i + 1).filter((k) => gcd(k, 360) === 1).length,
  'template:euler-totient-function#1': () => Array.from({ length: 100 }, (_, i) => i + 1).filter((k) => gcd(k, 100) === 1).length,
  'template:euler-theorem-exponent-reduction#0': () => Number(2n ** 2024n % 45n),
  'template:euler-theorem-exponent-reduction#1': () => Number(4n ** 100n % 35n),
  'template:wilson-theorem#0': () => Number(factorial(15) % 17n),
  'template:wilson-theorem#1': () => Number((2n * factorial(26)) % 29n),
  'template:multiplicative-order#0': () => {
    for (let k = 1; ; k++) if (10n ** BigInt(k) % 13n === 1n) return k;
  },
  'template:multiplicative-order#1': () => {
    // The cycle of last two digits: the first repeat of 3^1 mod 100 in the sequence of powers.
    const first = 3 % 100;
    let v = first;
    for (let k = 1; ; k++) {
      v = (v * 3) % 100;
      if (v === first) return k;
    }
  },
  'template:repeating-decimal-period#0': () => longDivision(41, 10).period,
  'template:repeating-decimal-period#1': () => at(longDivision(7, 100).digits, 99),

  // ----- Number Theory: factorials
  'template:legendre-formula-factorial#0': () => valuation(factorial(100), 3n),
  'template:legendre-formula-factorial#1': () => {
    const f = factorial(30);
    let n = 0;
    while (f % 12n ** BigInt(n + 1) === 0n) n++;
    return n;
  },
  'template:trailing-zeros-factorial#0': () => trailingZeros(factorial(2024).toString()),
  'template:trailing-zeros-factorial#1': () => trailingZeros(factorial(20).toString(12)),

  // ----- Number Theory: bases
  'template:base-conversion#0': () => (2024).toString(7),
  'template:base-conversion#1': () => parseInt('1011011', 2),
  'template:unknown-base-equation#0': () => only(Array.from({ length: 97 }, (_, i) => i + 4).filter((b) => b * b + 3 * b + 2 === 56)),
  'template:unknown-base-equation#1': () =>
    only(Array.from({ length: 95 }, (_, i) => i + 6).filter((b) => 3 * (2 * b + 5) === b * b + b + 1)),

  // ----- Number Theory: parity and squares
  'template:parity-argument#0': () => {
    const products: number[] = [];
    for (let p = 2; p <= 45 - p; p++) if (isPrime(p) && isPrime(45 - p)) products.push(p * (45 - p));
    return only(products);
  },
  'template:parity-argument#1': () => {
    const totals = new Set<number>();
    for (let m = 0; m < 1 << 10; m++) {
      let s = 0;
      for (let k = 1; k <= 10; k++) s += m & (1 << (k - 1)) ? -k : k;
      totals.add(s);
    }
    return totals.size;
  },
  'template:squares-modulo-small-numbers#0': () => {
    let count = 0;
    for (let x = -45; x <= 45; x++) for (let y = -45; y <= 45; y++) if (x * x + y * y === 2023) count++;
    return count;
  },
  'template:squares-modulo-small-numbers#1': () => {
    let count = 0;
    for (let x = -45; x <= 45; x++)
      for (let y = -45; y <= 45; y++) {
        const rest = 2023 - x * x - y * y;
        if (rest >= 0 && isSquare(rest)) count += rest === 0 ? 1 : 2;
      }
    return count;
  },
  'template:difference-of-squares-factor-pairs#0': () => {
    let count = 0;
    for (let x = 1; x <= 100; x++) for (let y = 1; y < x; y++) if (x * x - y * y === 96) count++;
    return count;
  },
  'template:difference-of-squares-factor-pairs#1': () => {
    let count = 0;
    for (let n = 1; n <= 100; n++) {
      let ok = false;
      for (let x = 0; x <= 60 && !ok; x++) for (let y = 0; y <= x; y++) if (x * x - y * y === n) ok = true;
      if (ok) count++;
    }
    return count;
  },
  'template:pythagorean-triple-parametrisation#0': () => {
    let count = 0;
    for (let c = 1; c < 50; c++) for (let a = 1; a < c; a++) for (let b = a + 1; b < c; b++) if (a * a + b * b === c * c && gcd(a, b) === 1) count++;
    return count;
  },
  'template:pythagorean-triple-parametrisation#1': () => {
    let count = 0;
    for (let a = 1; a < 65; a++) for (let b = a + 1; b < 65; b++) if (a * a + b * b === 65 * 65) count++;
    return count;
  },

  // ----- Number Theory: floor sums
  'template:floor-sum-reciprocity#0': () => {
    let s = 0;
    for (let k = 1; k <= 12; k++) s += Math.floor((5 * k) / 13);
    return s;
  },
  'template:divisor-sum-by-floor-swap#0': () => {
    let s = 0;
    for (let m = 1; m <= 12; m++) s += divisors(m).length;
    return s;
  },

  // ----- Counting: arrangements and selections
  'template:multiplication-principle#0': () => {
    let count = 0;
    for (let n = 1000; n <= 9999; n++) if (n % 2 === 0 && new Set(String(n)).size === 4) count++;
    return count;
  },
  'template:arrangements-with-repeated-items#0': () => distinctArrangements('MISSISSIPPI').length,
  'template:arrangements-with-repeated-items#1': () => distinctArrangements('BANANA').filter((w) => !w.includes('NN')).length,
  'template:block-and-gap-methods#0': () => {
    // People 0-4 are boys, 5-7 girls.
    let count = 0;
    forEachPermutation(8, (p) => {
      for (let i = 0; i + 1 < 8; i++) if (at(p, i) >= 5 && at(p, i + 1) >= 5) return;
      count++;
    });
    return count;
  },
  'template:block-and-gap-methods#1': () => {
    let count = 0;
    forEachPermutation(7, (p) => {
      if (Math.abs(p.indexOf(0) - p.indexOf(1)) === 1) count++;
    });
    return count;
  },
  'template:committee-selection#0': () => {
    // People 0-6 are teachers, 7-12 students.
    const students = 0b1111110000000;
    return masksWithOnes(13, 5).filter((m) => popcount(m & students) === 2).length;
  },
  'template:committee-selection#1': () => masksWithOnes(10, 4).reduce((s, m) => s + popcount(m), 0),

  // ----- Counting: binomial coefficients
  'template:binomial-theorem-general-term#0': () => String(powerOfPoly(new Map([[1, 2n], [0, -3n]]), 8).get(5) ?? 0n),
  'template:binomial-theorem-general-term#1': () => String(powerOfPoly(new Map([[2, 1n], [-1, 1n]]), 9).get(0) ?? 0n),
  'template:binomial-coefficient-sums-by-substitution#0': () =>
    String([...powerOfPoly(new Map([[1, 3n], [0, -1n]]), 6).values()].reduce((s, c) => s + c, 0n)),
  'template:binomial-coefficient-sums-by-substitution#1': () =>
    String([...powerOfPoly(new Map([[0, 1n], [1, 2n]]), 7)].filter(([e]) => e % 2 === 0).reduce((s, [, c]) => s + c, 0n)),
  'template:pascal-identity#0': () => binom(10, 3) + 2 * binom(10, 4) + binom(10, 5),
  'template:hockey-stick-identity#0': () => {
    let s = 0;
    for (let k = 2; k <= 10; k++) s += (k * (k - 1)) / 2;
    return s;
  },
  'template:hockey-stick-identity#1': () => {
    let s = 0;
    for (let k = 1; k <= 20; k++) s += (k * (k + 1)) / 2;
    return s;
  },
  'template:casework-by-largest-part#0': () => {
    let count = 0;
    for (let a = 1; a <= 15; a++) for (let b = a; b <= 15; b++) {
      const c = 15 - a - b;
      if (c >= b && a + b > c) count++;
    }
    return count;
  },

  // ----- Counting: recursion and lattice paths
  'template:recursion-for-tilings#0': () => {
    // Backtracking over a 2×10 grid: always cover the first empty cell.
    const cols = 10;
    // Cell (row r, column c) is bit 2c + r of `filled`.
    let filled = 0;
    const bit = (r: number, c: number) => 1 << (2 * c + r);
    const count = (): number => {
      let cell = -1;
      for (let i = 0; i < 2 * cols && cell < 0; i++) if (!(filled & (1 << i))) cell = i;
      if (cell < 0) return 1;
      const r = cell % 2;
      const c = Math.floor(cell / 2);
      let total = 0;
      if (r === 0 && !(filled & bit(1, c))) {
        filled |= bit(0, c) | bit(1, c);
        total += count();
        filled &= ~(bit(0, c) | bit(1, c));
      }
      if (c + 1 < cols && !(filled & bit(r, c + 1))) {
        filled |= bit(r, c) | bit(r, c + 1);
        total += count();
        filled &= ~(bit(r, c) | bit(r, c + 1));
      }
      return total;
    };
    return count();
  },
  'template:recursion-for-tilings#1': () => {
    // A tiling is a set of cut points among 1..6 with no tile longer than 3.
    let count = 0;
    for (let m = 0; m < 1 << 6; m++) {
      const cuts = [0, ...[1, 2, 3, 4, 5, 6].filter((k) => m & (1 << (k - 1))), 7];
      if (cuts.every((c, i) => i === 0 || c - at(cuts, i - 1) <= 3)) count++;
    }
    return count;
  },
  'template:recursion-for-restricted-strings#0': () =>
    Array.from({ length: 1 << 10 }, (_, m) => m.toString(2).padStart(10, '0')).filter((s) => !s.includes('11')).length,
  'template:recursion-for-restricted-strings#1': () =>
    Array.from({ length: 3 ** 8 }, (_, m) => m.toString(3).padStart(8, '0')).filter((s) => !s.includes('00')).length,
  'template:lattice-paths-through-a-point#0': () =>
    masksWithOnes(10, 4).filter((m) => {
      let x = 0;
      let y = 0;
      for (let i = 0; i < 10; i++) {
        if (x === 2 && y === 3) return true;
        if (m & (1 << i)) y++;
        else x++;
      }
      return x === 2 && y === 3;
    }).length,
  'template:reflection-principle-catalan#0': () =>
    masksWithOnes(10, 5).filter((m) => {
      let x = 0;
      let y = 0;
      for (let i = 0; i < 10; i++) {
        if (m & (1 << i)) y++;
        else x++;
        if (y > x) return false;
      }
      return true;
    }).length,
  'template:reflection-principle-catalan#1': () =>
    Array.from({ length: 1 << 8 }, (_, m) => m).filter((m) => {
      let depth = 0;
      for (let i = 0; i < 8; i++) {
        depth += m & (1 << i) ? 1 : -1;
        if (depth < 0) return false;
      }
      return depth === 0;
    }).length,

  // ----- Counting: pigeonhole, invariants, bijections
  'template:pigeonhole-principle#0': () => {
    // The largest selection avoiding the property (greedy is optimal here), plus one.
    const chosen: number[] = [];
    for (let x = 1; x <= 100; x++) if (chosen.every((y) => (x - y) % 7 !== 0)) chosen.push(x);
    return chosen.length + 1;
  },
  'template:pigeonhole-principle#1': () => {
    const chosen: number[] = [];
    for (let x = 1; x <= 100; x++) if (chosen.every((y) => x + y !== 101)) chosen.push(x);
    return chosen.length + 1;
  },
  'template:generalised-pigeonhole#0': () => {
    let people = 0;
    for (let month = 0; month < 12; month++) people += 4; // worst case: 4 per month
    return people + 1;
  },
  'template:generalised-pigeonhole#1': () => {
    const suitSizes = [13, 13, 13, 13];
    return suitSizes.reduce((s, size) => s + Math.min(3, size), 0) + 1;
  },
  'template:invariant-method#0': () =>
    sameForAllSeeds((seed) => mergeUntilOne(Array.from({ length: 20 }, (_, i) => i + 1), (a, b) => a + b - 1, seed)),
  'template:invariant-method#1': () =>
    sameForAllSeeds((seed) => mergeUntilOne(Array.from({ length: 10 }, (_, i) => i + 1), (a, b) => Math.abs(a - b), seed) % 2),
  'template:monovariant-method#0': () =>
    sameForAllSeeds((seed) => {
      const rand = mulberry32(seed);
      const row = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
      let moves = 0;
      for (;;) {
        const options = row.slice(0, -1).map((_, i) => i).filter((i) => at(row, i) > at(row, i + 1));
        if (!options.length) return moves;
        const i = at(options, Math.floor(rand() * options.length));
        [row[i], row[i + 1]] = [at(row, i + 1), at(row, i)];
        moves++;
      }
    }),
  'template:bijection-counting#0': () => {
    let count = 0;
    for (let a = 1; a <= 20; a++) for (let b = a + 2; b <= 20; b++) for (let c = b + 2; c <= 20; c++) count++;
    return count;
  },

  // ----- Counting: circles, derangements, distributions
  'template:circular-arrangements#0': () => {
    // Canonical form of a seating up to rotation: rotate person 0 to the front.
    const seatings = new Set<string>();
    forEachPermutation(6, (p) => {
      const i = p.indexOf(0);
      const j = p.indexOf(1);
      if ((i - j + 6) % 6 !== 1 && (j - i + 6) % 6 !== 1) return;
      seatings.add([...p.slice(i), ...p.slice(0, i)].join(''));
    });
    return seatings.size;
  },
  'template:circular-arrangements#1': () => {
    const necklaces = new Set<string>();
    forEachPermutation(7, (p) => {
      const forms: string[] = [];
      for (const q of [p, [...p].reverse()]) for (let r = 0; r < 7; r++) forms.push([...q.slice(r), ...q.slice(0, r)].join(''));
      necklaces.add(at(forms.sort(), 0));
    });
    return necklaces.size;
  },
  'template:derangements#0': () => {
    let count = 0;
    forEachPermutation(5, (p) => {
      if (p.every((v, i) => v !== i)) count++;
    });
    return count;
  },
  'template:derangements#1': () => {
    let count = 0;
    forEachPermutation(6, (p) => {
      if (p.filter((v, i) => v === i).length === 2) count++;
    });
    return count;
  },
  'template:distributing-distinct-objects#0': () => {
    let count = 0;
    for (let m = 0; m < 3 ** 5; m++) if (new Set(m.toString(3).padStart(5, '0')).size === 3) count++;
    return count;
  },
  'template:distributing-distinct-objects#1': () => {
    let count = 0;
    for (let m = 0; m < 3 ** 6; m++) {
      const s = m.toString(3).padStart(6, '0');
      if (['0', '1', '2'].every((b) => s.split(b).length - 1 === 2)) count++;
    }
    return count;
  },

  // ----- Probability
  'template:expected-value-definition#0': () => {
    let e = new Q(0);
    for (let k = 1; k <= 6; k++) e = e.add(new Q(k * k, 6));
    return e.tex();
  },
  'template:linearity-of-expectation#0': () => {
    let total = 0;
    for (let m = 0; m < 1 << 12; m++) for (let i = 0; i < 11; i++) if (((m >> i) & 1) !== ((m >> (i + 1)) & 1)) total++;
    return frac(total, 1 << 12);
  },
  'template:linearity-of-expectation#1': () => {
    let total = 0;
    let perms = 0;
    forEachPermutation(8, (p) => {
      perms++;
      for (let i = 0; i < 7; i++) if (at(p, i) > at(p, i + 1)) total++;
    });
    return frac(total, perms);
  },
  'template:conditional-probability-restricted-space#0': () => {
    let given = 0;
    let both = 0;
    for (let a = 1; a <= 6; a++)
      for (let b = 1; b <= 6; b++)
        if (a + b === 8) {
          given++;
          if (a === 3 || b === 3) both++;
        }
    return frac(both, given);
  },
  'template:bayes-theorem#0': () => {
    const ill = new Q(1, 100);
    const well = new Q(99, 100);
    const positiveAndIll = ill.mul(new Q(9, 10));
    const positive = positiveAndIll.add(well.mul(new Q(5, 100)));
    return new Q(positiveAndIll.n * positive.d, positiveAndIll.d * positive.n).tex();
  },
  'template:geometric-probability-area#0': () =>
    rationalize(gridProbability(1200, (x, y) => Math.abs(x - y) < 1 / 3), 30, 2e-3),
  'template:geometric-probability-area#1': () =>
    rationalize(
      gridProbability(1200, (x, y) => {
        const [a, b] = x < y ? [x, y] : [y, x];
        return Math.max(a, b - a, 1 - b) < 0.5;
      }),
      30,
      2e-3,
    ),
  'template:independent-events-product#0': () => {
    const p = [new Q(1, 2), new Q(2, 3), new Q(3, 4)];
    let total = new Q(0);
    for (let m = 0; m < 8; m++) {
      if (popcount(m) !== 2) continue;
      let w = new Q(1);
      for (let i = 0; i < 3; i++) w = w.mul(m & (1 << i) ? at(p, i) : new Q(1).add(at(p, i).mul(new Q(-1))));
      total = total.add(w);
    }
    return total.tex();
  },
  'template:binomial-probability#0': () => {
    let total = new Q(0);
    for (let m = 0; m < 32; m++) if (popcount(m) === 2) total = total.add(new Q(2 ** (5 - 2), 3 ** 5));
    return total.tex();
  },
  'template:binomial-probability#1': () => {
    // Play the series game by game and stop at three wins.
    const win = (a: number, b: number): Q => {
      if (a === 3) return new Q(1);
      if (b === 3) return new Q(0);
      return new Q(2, 3).mul(win(a + 1, b)).add(new Q(1, 3).mul(win(a, b + 1)));
    };
    return win(0, 0).tex();
  },
  'template:states-recursion-probability#0': () => {
    // Every sequence of 16 flips: which pattern comes first (the rest has probability 2^-15).
    let hhFirst = 0;
    for (let m = 0; m < 1 << 16; m++) {
      for (let i = 1; i < 16; i++) {
        const prev = (m >> (i - 1)) & 1;
        const cur = (m >> i) & 1;
        if (cur === 1) {
          if (prev === 1) hhFirst++;
          break;
        }
      }
    }
    return rationalize(hhFirst / (1 << 16), 100, 1e-3);
  },
  'template:states-recursion-probability#1': () => {
    // Probability mass over fortunes 0..5, pushed forward many rounds.
    let mass = [0, 0, 1, 0, 0, 0];
    for (let step = 0; step < 2000; step++) {
      const next = [at(mass, 0), 0, 0, 0, 0, at(mass, 5)];
      for (let k = 1; k <= 4; k++) {
        next[k - 1] = at(next, k - 1) + at(mass, k) / 2;
        next[k + 1] = at(next, k + 1) + at(mass, k) / 2;
      }
      mass = next;
    }
    return rationalize(at(mass, 5), 100, 1e-9);
  },
  'template:expected-waiting-time-states#0': () => {
    // Distribution of the first time HH appears, over states "last flip H" / "not".
    let notH = 1;
    let lastH = 0;
    let expected = 0;
    for (let n = 1; n <= 400; n++) {
      const done = lastH / 2;
      expected += n * done;
      [notH, lastH] = [notH / 2 + lastH / 2, notH / 2];
    }
    return rationalize(expected, 100, 1e-9);
  },
  'template:expected-waiting-time-states#1': () => {
    // Distribution over the number of distinct faces seen (0..5), roll by roll; a roll that
    // shows the sixth face ends the wait.
    let dist = [1, 0, 0, 0, 0, 0];
    let expected = 0;
    for (let n = 1; n <= 3000; n++) {
      const next = new Array<number>(6).fill(0);
      for (let k = 0; k < 6; k++) {
        next[k] = at(next, k) + (at(dist, k) * k) / 6;
        if (k < 5) next[k + 1] = at(next, k + 1) + (at(dist, k) * (6 - k)) / 6;
      }
      expected += n * (at(dist, 5) / 6);
      dist = next;
    }
    return rationalize(expected, 100, 1e-9);
  },

  // ---------------------------------------------------------------------------------------
  // Practice problems
  'problem:digits-7a2b-divisible-by-36': () => {
    let best = 0;
    for (let a = 0; a <= 9; a++) for (let b = 0; b <= 9; b++) {
      const n = 7000 + 100 * a + 20 + b;
      if (n % 36 === 0) best = Math.max(best, n);
    }
    return best;
  },
  'problem:pens-and-notebooks-diophantine': () => {
    let count = 0;
    for (let x = 1; 7 * x < 200; x++) if ((200 - 7 * x) % 11 === 0 && 200 - 7 * x > 0) count++;
    return count;
  },
  'problem:sum-of-divisors-multiples-of-ten': () => divisors(600).filter((d) => d % 10 === 0).reduce((s, d) => s + d, 0),
  'problem:factorial-zeros-base-six': () => trailingZeros(factorial(100).toString(6)),
  'problem:seven-power-mod-180': () => Number(7n ** 2024n % 180n),
  'problem:gcd-n-squared-plus-one-n-plus-three': () => {
    let count = 0;
    for (let n = 1; n <= 1000; n++) if (gcd(n * n + 1, n + 3) > 1) count++;
    return count;
  },
  'problem:factorial-100-mod-103': () => Number(factorial(100) % 103n),
  'problem:right-triangles-with-leg-60': () => {
    let count = 0;
    for (let b = 1; b <= 2000; b++) if (isSquare(3600 + b * b)) count++;
    return count;
  },
  'problem:last-three-digits-of-two-power-2024': () => Number(2n ** 2024n % 1000n),
  'problem:arrangements-of-letter': () => distinctArrangements('LETTER').length,
  'problem:committee-with-senior-chair': () => {
    // People 0-8 are juniors, 9-14 seniors; each committee has 2 choices of chair.
    const seniors = 0b111111000000000;
    return masksWithOnes(15, 5).filter((m) => popcount(m & seniors) === 2).length * 2;
  },
  'problem:binary-strings-no-three-ones': () =>
    Array.from({ length: 1 << 10 }, (_, m) => m.toString(2).padStart(10, '0')).filter((s) => !s.includes('111')).length,
  'problem:coats-exactly-three-own': () => {
    let good = 0;
    let all = 0;
    forEachPermutation(7, (p) => {
      all++;
      if (p.filter((v, i) => v === i).length === 3) good++;
    });
    return frac(good, all);
  },
  'problem:ant-on-triangle-returns': () => {
    // Exact distribution over the three vertices, minute by minute.
    let dist = [new Q(1), new Q(0), new Q(0)];
    const half = new Q(1, 2);
    for (let t = 0; t < 6; t++) {
      const next = [new Q(0), new Q(0), new Q(0)];
      for (let v = 0; v < 3; v++) for (let w = 0; w < 3; w++) if (w !== v) next[w] = at(next, w).add(at(dist, v).mul(half));
      dist = next;
    }
    return at(dist, 0).tex();
  },
  'problem:expected-visible-people-in-line': () => {
    let visible = 0;
    let perms = 0;
    forEachPermutation(10, (p) => {
      perms++;
      let tallest = -1;
      for (const h of p)
        if (h > tallest) {
          tallest = h;
          visible++;
        }
    });
    return frac(visible, perms);
  },
  'problem:ballot-count-always-ahead': () => {
    const orders = masksWithOnes(10, 4); // a 1 bit is a vote for B
    const good = orders.filter((m) => {
      let lead = 0;
      for (let i = 0; i < 10; i++) {
        lead += m & (1 << i) ? -1 : 1;
        if (lead <= 0) return false;
      }
      return true;
    }).length;
    return frac(good, orders.length);
  },
};
