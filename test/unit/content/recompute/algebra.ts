/**
 * Independent recomputations for the core "algebra" part (Algebra and Intermediate Algebra):
 * one entry per worked example and per practice problem. Each answer is rebuilt here by brute
 * force, exact rational arithmetic, numeric root finding or simulation rather than by repeating
 * the pack's own derivation, so a wrong answer in the content fails the content test.
 */
import { Q } from '../rational.js';

// ---------------------------------------------------------------------------------------
// Exact rationals (BigInt) so that fractions are compared exactly, never as rounded floats.

const q = (n: number, d = 1) => new Q(BigInt(n), BigInt(d));

/** The root of a function known to be linear, found from its values at 0 and 1 only. */
function linearRoot(f: (x: Q) => Q): Q {
  const f0 = f(q(0));
  const f1 = f(q(1));
  return f0.mul(-1).div(f1.sub(f0));
}

/** `y = mx + b` in TeX from exact slope and intercept. */
function lineTex(m: Q, b: Q): string {
  const slope = m.eq(1) ? 'x' : m.eq(-1) ? '-x' : `${m.tex()}x`;
  if (b.isZero()) return `y = ${slope}`;
  return b.n < 0n ? `y = ${slope} - ${b.mul(-1).tex()}` : `y = ${slope} + ${b.tex()}`;
}

/** A value rounded so that float noise does not show, as text. */
function clean(x: number): string {
  const r = Math.abs(x) < 1e-12 ? 0 : Number(x.toPrecision(12));
  return String(r);
}

const pointsTex = (pts: [number, number][]) => pts.map(([x, y]) => `(${clean(x)}, ${clean(y)})`).join(', ');

/** Integers in [lo, hi] satisfying a predicate. */
function searchInts(lo: number, hi: number, ok: (x: number) => boolean): number[] {
  const out: number[] = [];
  for (let x = lo; x <= hi; x++) if (ok(x)) out.push(x);
  return out;
}

function only<T>(xs: T[]): T {
  if (xs.length !== 1) throw new Error(`expected exactly one solution, found ${xs.length}`);
  return xs[0] as T;
}

/** A polynomial (coefficients from the highest power down) as TeX, e.g. `6x^2 + 7x - 3`. */
function polyTex(coeffs: (number | Q)[], v = 'x'): string {
  const deg = coeffs.length - 1;
  let out = '';
  coeffs.forEach((raw, i) => {
    const c = Q.of(raw);
    if (c.isZero()) return;
    const p = deg - i;
    const neg = c.n < 0n;
    const abs = neg ? c.mul(-1) : c;
    const num = p > 0 && abs.eq(1) ? '' : abs.tex();
    const pow = p === 0 ? '' : p === 1 ? v : `${v}^{${p}}`;
    const term = `${num}${pow}`;
    out += out === '' ? (neg ? `-${term}` : term) : neg ? ` - ${term}` : ` + ${term}`;
  });
  return out === '' ? '0' : out;
}

/** Product of polynomials given as coefficient lists (highest power first). */
function polyMul(a: number[], b: number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j] = (out[i + j] ?? 0) + x * y)));
  return out;
}

function polyEval(coeffs: number[], x: number): number {
  return coeffs.reduce((acc, c) => acc * x + c, 0);
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** `(px + q)` as TeX. */
const linTex = (p: number, c: number) => `(${polyTex([p, c])})`;

/** Integer factorisation of ax^2 + bx + c as (px + q)(rx + s), found by search. */
function factorQuadratic(a: number, b: number, c: number): string {
  for (let p = 1; p <= Math.abs(a); p++)
    for (let r = 1; r <= Math.abs(a); r++)
      for (let qq = -50; qq <= 50; qq++)
        for (let s = -50; s <= 50; s++)
          if (same(polyMul([p, qq], [r, s]), [a, b, c])) return linTex(p, qq) + linTex(r, s);
  throw new Error('no integer factorisation');
}

/** n = k^2 m with m square-free: [k, m]. */
function splitSquare(n: number): [number, number] {
  let k = 1;
  let m = n;
  for (let f = 2; f * f <= m; f++) while (m % (f * f) === 0) [k, m] = [k * f, m / (f * f)];
  return [k, m];
}

/** Rationals k/den in [lo, hi] satisfying a predicate (exact arithmetic). */
function searchRationals(lo: number, hi: number, den: number, ok: (x: Q) => boolean): Q[] {
  const out: Q[] = [];
  for (let k = lo * den; k <= hi * den; k++) {
    const x = q(k, den);
    if (ok(x)) out.push(x);
  }
  return out;
}

const absQ = (x: Q) => (x.n < 0n ? x.mul(-1) : x);
const cmpQ = (a: Q, b: Q) => Math.sign(Number(a.sub(b).n));
const listTex = (xs: Q[]) => xs.map((x) => x.tex()).join(', ');

/**
 * Interval notation for {x : ok(x)} found by scanning a grid whose step divides every
 * boundary point; a boundary point is included when ok holds there.
 */
function scanIntervals(ok: (x: number) => boolean, lo: number, hi: number, step: number): string {
  const xs: number[] = [];
  for (let i = 0; lo + i * step <= hi; i++) xs.push(lo + i * step);
  const pieces: string[] = [];
  let i = 0;
  while (i < xs.length) {
    if (!ok(xs[i] as number)) {
      i++;
      continue;
    }
    const start = i;
    while (i + 1 < xs.length && ok(xs[i + 1] as number)) i++;
    const a = xs[start] as number;
    const b = xs[i] as number;
    const left = start === 0 ? '(-\\infty' : ok(a - step / 2) ? `(${clean(a - step)}` : `[${clean(a)}`;
    const right = i === xs.length - 1 ? '\\infty)' : ok(b + step / 2) ? `${clean(b + step)})` : `${clean(b)}]`;
    pieces.push(`${left}, ${right}`);
    i++;
  }
  return pieces.join(' \\cup ');
}

/** A root of a continuous function with a sign change on [lo, hi]. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  if (Math.sign(f(a)) === Math.sign(f(b))) throw new Error('no sign change');
  for (let k = 0; k < 200; k++) {
    const m = (a + b) / 2;
    if (Math.sign(f(m)) === Math.sign(f(a))) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

/** Exact polynomial division (coefficients highest power first): quotient and remainder. */
function polyDivide(num: (Q | number)[], den: (Q | number)[]): { quot: Q[]; rem: Q[] } {
  const rem = num.map((c) => Q.of(c));
  const d = den.map((c) => Q.of(c));
  while (d.length > 1 && (d[0] as Q).isZero()) d.shift();
  const lead = d[0] as Q;
  const quot: Q[] = [];
  while (rem.length >= d.length) {
    const factor = (rem[0] as Q).div(lead);
    quot.push(factor);
    d.forEach((c, i) => (rem[i] = (rem[i] as Q).sub(c.mul(factor))));
    rem.shift();
  }
  while (rem.length > 1 && (rem[0] as Q).isZero()) rem.shift();
  return { quot: quot.length ? quot : [q(0)], rem: rem.length ? rem : [q(0)] };
}

const isZeroPoly = (p: Q[]) => p.every((c) => c.isZero());

function polyGcd(a: Q[], b: Q[]): Q[] {
  let [x, y] = [a, b];
  while (!isZeroPoly(y)) [x, y] = [y, polyDivide(x, y).rem];
  return x.map((c) => c.div(x[0] as Q));
}

const derivative = (p: Q[]) => p.slice(0, -1).map((c, i) => c.mul(p.length - 1 - i));

/** Distinct real roots: make the polynomial square-free, then bisect every sign change. */
function realRoots(coeffs: number[], lo = -100, hi = 100): number[] {
  const p = coeffs.map((c) => q(c));
  const squareFree = polyDivide(p, polyGcd(p, derivative(p))).quot.map((c) => c.toNumber());
  const f = (x: number) => polyEval(squareFree, x);
  const roots: number[] = [];
  const steps = 200_000;
  for (let i = 0; i < steps; i++) {
    const a = lo + ((hi - lo) * i) / steps;
    const b = lo + ((hi - lo) * (i + 1)) / steps;
    if (f(a) === 0) roots.push(a);
    else if (Math.sign(f(a)) !== Math.sign(f(b)) && f(b) !== 0) roots.push(bisect(f, a, b));
  }
  return roots;
}

type C = [number, number];
const cmul = ([a, b]: C, [c, d]: C): C => [a * c - b * d, a * d + b * c];
const csub = ([a, b]: C, [c, d]: C): C => [a - c, b - d];
const cdiv = ([a, b]: C, [c, d]: C): C => {
  const den = c * c + d * d;
  return [(a * c + b * d) / den, (b * c - a * d) / den];
};

/** All complex roots of a square-free polynomial (Durand-Kerner iteration). */
function complexRoots(coeffs: number[]): C[] {
  const lead = coeffs[0] as number;
  const monic = coeffs.map((c) => c / lead);
  const n = monic.length - 1;
  let z: C[] = Array.from({ length: n }, (_, k): C => [0.4 * Math.cos(k + 0.9) + 0.1, 0.9 * Math.sin(k + 0.9)]);
  const at = (x: C): C => monic.reduce<C>((acc, c) => [cmul(acc, x)[0] + c, cmul(acc, x)[1]], [0, 0]);
  for (let it = 0; it < 2000; it++) {
    z = z.map((zi, i) => {
      let den: C = [1, 0];
      z.forEach((zj, j) => {
        if (j !== i) den = cmul(den, csub(zi, zj));
      });
      return csub(zi, cdiv(at(zi), den));
    });
  }
  return z;
}

/** Coefficients (highest first) of the monic polynomial with the given complex roots, rounded. */
function fromRoots(roots: C[]): number[] {
  let p: C[] = [[1, 0]];
  for (const r of roots) {
    const next: C[] = [...p, [0, 0]];
    p.forEach((c, i) => (next[i + 1] = csub(next[i + 1] as C, cmul(c, r))));
    p = next;
  }
  return p.map(([re, im]) => {
    if (Math.abs(im) > 1e-6) throw new Error('complex coefficient');
    return Number(clean(re));
  });
}

const complexTex = ([re, im]: C): string => {
  const r = clean(re);
  if (Math.abs(im) < 1e-9) return r;
  const i = clean(Math.abs(im));
  return `${r === '0' ? '' : r}${im < 0 ? '-' : r === '0' ? '' : '+'}${i}i`;
};

/** Minimum of f over a grid on the simplex a + b + c = total (a, b, c at least lo). */
function simplexMin(f: (a: number, b: number, c: number) => number, total: number, steps: number, lo = 0): number {
  let best = Infinity;
  for (let i = 0; i <= steps; i++)
    for (let j = 0; i + j <= steps; j++) {
      const a = (total * i) / steps;
      const b = (total * j) / steps;
      const c = total - a - b;
      if (a < lo || b < lo || c < lo) continue;
      best = Math.min(best, f(a, b, c));
    }
  return best;
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

const dot = (a: number[], b: number[]) => a.reduce((acc, x, i) => acc + x * (b[i] as number), 0);

/** Solves a square linear system exactly (Gauss-Jordan over rationals). */
function solveLinearQ(matrix: Q[][], rhs: Q[]): Q[] {
  const m = matrix.map((row, i) => [...row, rhs[i] as Q]);
  const n = m.length;
  for (let col = 0; col < n; col++) {
    const pivot = m.findIndex((row, r) => r >= col && !(row[col] as Q).isZero());
    if (pivot < 0) throw new Error('singular system');
    [m[col], m[pivot]] = [m[pivot] as Q[], m[col] as Q[]];
    const prow = m[col] as Q[];
    const pv = prow[col] as Q;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] as Q[];
      const factor = (row[col] as Q).div(pv);
      for (let c = col; c <= n; c++) row[c] = (row[c] as Q).sub((prow[c] as Q).mul(factor));
    }
  }
  return m.map((row, i) => (row[n] as Q).div(row[i] as Q));
}

/** Quadratics ax^2 + bx + c (small integer coefficients) satisfying an identity at sample points. */
function searchQuadraticSolutions(holds: (f: (x: number) => number) => boolean): string[] {
  const found: string[] = [];
  for (let a = -3; a <= 3; a++)
    for (let b = -5; b <= 5; b++)
      for (let c = -5; c <= 5; c++) if (holds((x) => a * x * x + b * x + c)) found.push(polyTex([a, b, c]));
  return found;
}

const SAMPLES = [-2.5, -1, -0.3, 0, 0.7, 1, 2, 3.2];
const forAllPairs = (check: (x: number, y: number) => boolean) => SAMPLES.every((x) => SAMPLES.every((y) => check(x, y)));
const near = (a: number, b: number) => Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Floor of a rational. */
const floorQ = (x: Q): bigint => (x.n >= 0n ? x.n / x.d : -((-x.n + x.d - 1n) / x.d));

/** Midpoint rule on a smooth periodic integrand. */
function integratePeriodic(f: (t: number) => number, a: number, b: number, n = 4000): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += f(a + ((b - a) * (i + 0.5)) / n);
  return (sum * (b - a)) / n;
}

// ---------------------------------------------------------------------------------------

export const recompute: Record<string, () => string | number> = {
  'template:linear-equation-inverse-operations#0': () => only(searchInts(-1000, 1000, (x) => 3 * (x - 2) + 5 === 2 * x + 7)),
  'template:linear-equation-inverse-operations#1': () =>
    linearRoot((x) => x.div(3).add(x.div(4)).sub(14)).tex(),
  'template:word-problem-translation#0': () => only(searchInts(1, 120, (s) => 4 * s + 20 === 2 * (s + 20))),
  'template:word-problem-translation#1': () =>
    only(searchInts(-200, 200, (a) => Math.abs(a % 2) === 1 && a + (a + 2) + (a + 4) === 147)) + 4,
  'template:work-rate-problems#0': () => q(1).div(q(1, 6).add(q(1, 3))).tex(),
  'template:work-rate-problems#1': () => {
    // Simulate in 1-minute steps with exact rationals until the tank is full.
    let level = q(0);
    let minutes = 0;
    while (level.toNumber() < 1) {
      level = level.add(q(1, 4 * 60)).sub(q(1, 12 * 60));
      minutes++;
    }
    return minutes / 60;
  },
  'template:distance-rate-time#0': () => {
    const d = q(120);
    return d.mul(2).div(d.div(60).add(d.div(40))).tex();
  },
  'template:distance-rate-time#1': () => {
    // Positions over time in exact steps of a minute until they meet.
    let t = 0;
    while (70 * t + 80 * t < 300 * 60) t++;
    return t / 60;
  },
  'template:mixture-problems#0': () =>
    linearRoot((x) => q(2, 10).mul(10).add(q(6, 10).mul(x)).sub(q(3, 10).mul(x.add(10)))).tex(),
  'template:systems-substitution#0': () => {
    const sols: [number, number][] = [];
    for (let x = -50; x <= 50; x++) for (let y = -50; y <= 50; y++) if (y === 2 * x - 3 && 3 * x + 2 * y === 15) sols.push([x, y]);
    return pointsTex([only(sols)]);
  },
  'template:systems-substitution#1': () => {
    // Roots of x^2 - x - 2 from the quadratic formula, then the points on the parabola.
    const disc = Math.sqrt(1 + 8);
    return pointsTex([(1 + disc) / 2, (1 - disc) / 2].map((x) => [x, x * x]));
  },
  'template:systems-add-all-equations#0': () => {
    const sols: number[] = [];
    for (let x = -50; x <= 50; x++) {
      const y = 10 - x;
      const z = 14 - y;
      if (z + x === 12) sols.push(x * y * z);
    }
    return only(sols);
  },
  'template:systems-add-all-equations#1': () => {
    const x = Math.sqrt((6 * 10) / 15);
    const y = 6 / x;
    const z = 15 / y;
    return clean(x + y + z);
  },
  'template:slope-point-slope-form#0': () => {
    const m = q(11 - 2, 4 - 1);
    return lineTex(m, q(2).sub(m.mul(1)));
  },
  'template:slope-point-slope-form#1': () => {
    // Collinearity: the cross product of (B - A) and (P - A) vanishes.
    return only(searchInts(-100, 100, (k) => (3 - -1) * (k - 1) - (9 - 1) * (2 - -1) === 0));
  },
  'template:parallel-perpendicular-slopes#0': () => {
    // The normal vector (2, 3) of 2x + 3y = 6 is the direction of the perpendicular line.
    const m = q(3, 2);
    return lineTex(m, q(1).sub(m.mul(2)));
  },
  'template:parallel-perpendicular-slopes#1': () =>
    // Parallel lines have proportional normal vectors (a, 2) and (3, -1).
    only(searchInts(-50, 50, (a) => a * -1 - 2 * 3 === 0)),
  'template:line-intercepts-triangle-area#0': () => {
    const p = 24 / 3;
    const qy = 24 / 4;
    // Shoelace on (0,0), (p,0), (0,q).
    return Math.abs(0 * 0 - p * 0 + (p * qy - 0 * 0) + (0 * 0 - 0 * qy)) / 2;
  },
  'template:point-to-line-distance#0': () => footDistance(3, 4, -1, 1, 2),
  'template:point-to-line-distance#1': () => footDistance(5, -12, -9, 2, -1),
  'template:factoring-by-grouping#0': () =>
    listTex(searchInts(-30, 30, (x) => x ** 3 + 3 * x ** 2 - 4 * x - 12 === 0).map((x) => q(x))),
  'template:factoring-by-grouping#1': () => factorQuadratic(6, 7, -3),
  'template:sum-product-factoring#0': () => factorQuadratic(1, -5, -36),
  'template:sum-product-factoring#1': () =>
    searchInts(-200, 200, (k) => searchInts(-12, 12, (m) => m !== 0 && 12 % m === 0 && m + 12 / m === k).length > 0).length,
  'template:vertex-form-max-min#0': () => {
    let best = -Infinity;
    for (let i = -2000; i <= 2000; i++) best = Math.max(best, polyEval([-2, 12, -5], i / 100));
    return clean(best);
  },
  'template:vertex-form-max-min#1': () => {
    let best = 0;
    for (let i = 0; i <= 5000; i++) {
      const x = i / 100;
      best = Math.max(best, x * (100 - 2 * x));
    }
    return clean(best);
  },
  'template:special-factorizations#0': () => Number(2021n ** 2n - 2019n ** 2n),
  'template:special-factorizations#1': () => {
    for (let p = 1; p <= 8; p++)
      for (let c = -27; c <= 27; c++)
        for (let r = 1; r <= 8; r++)
          for (let s = -30; s <= 30; s++)
            for (let t = -30; t <= 30; t++)
              if (same(polyMul([p, c], [r, s, t]), [8, 0, 0, -27])) return `${linTex(p, c)}(${polyTex([r, s, t])})`;
    throw new Error('no factorisation');
  },
  'template:exponent-laws-common-base#0': () => only(searchInts(1, 50, (x) => 4n ** BigInt(x + 1) === 8n ** BigInt(x - 1))),
  'template:exponent-laws-common-base#1': () => new Q(2n ** 10n + 2n ** 8n, 2n ** 9n - 2n ** 7n).tex(),
  'template:rational-exponents-radicals#0': () => {
    // The positive rational r with r^3 = 27^{-2}, searched among 1/k.
    const k = only(searchInts(1, 100, (d) => BigInt(d) ** 3n === 27n ** 2n));
    return q(1, k).tex();
  },
  'template:rational-exponents-radicals#1': () => {
    const parts = [[72, 1], [50, 1], [18, -1]].map(([n, sign]) => {
      const [k, m] = splitSquare(n as number);
      return [k * (sign as number), m] as const;
    });
    if (!parts.every(([, m]) => m === 2)) throw new Error('unlike radicals');
    return `${parts.reduce((acc, [k]) => acc + k, 0)}\\sqrt{2}`;
  },
  'template:rationalising-denominators#0': () => clean(1 / (Math.sqrt(3) - Math.sqrt(2))),
  'template:rationalising-denominators#1': () => {
    let sum = 0;
    for (let k = 1; k <= 99; k++) sum += 1 / (Math.sqrt(k) + Math.sqrt(k + 1));
    return clean(sum);
  },
  'template:denesting-radicals#0': () => clean(Math.sqrt(7 + 4 * Math.sqrt(3))),
  'template:denesting-radicals#1': () => clean(Math.sqrt(11 - 6 * Math.sqrt(2))),
  'template:absolute-value-equation-cases#0': () =>
    listTex(searchRationals(-100, 100, 4, (x) => absQ(x.mul(2).sub(3)).eq(7))),
  'template:absolute-value-equation-cases#1': () =>
    listTex(searchRationals(-100, 100, 4, (x) => absQ(x.sub(1)).add(absQ(x.add(2))).eq(5))),
  'template:absolute-value-inequalities#0': () => {
    const sol = searchRationals(-20, 20, 6, (x) => cmpQ(absQ(x.mul(3).add(1)), q(8)) <= 0);
    return `[${sol[0]?.tex()}, ${sol[sol.length - 1]?.tex()}]`;
  },
  'template:absolute-value-inequalities#1': () => {
    // The complement of the solution set is one closed interval; its ends are excluded.
    const fails = searchRationals(-20, 20, 4, (x) => cmpQ(absQ(x.sub(2)), q(5)) <= 0);
    const holdsAt = (x: Q) => cmpQ(absQ(x.sub(2)), q(5)) > 0;
    const lo = fails[0] as Q;
    const hi = fails[fails.length - 1] as Q;
    if (!holdsAt(lo.sub(q(1, 1000))) || !holdsAt(hi.add(q(1, 1000)))) throw new Error('not a gap');
    return `(-\\infty, ${lo.tex()}) \\cup (${hi.tex()}, \\infty)`;
  },
  'template:function-composition#0': () => {
    const f = (x: number) => 2 * x + 1;
    const g = (x: number) => x * x - 3;
    return f(g(2)) + g(f(2));
  },
  'template:function-composition#1': () => {
    const f = (x: number) => 3 * x - 4;
    const fff = (x: number) => f(f(f(x)));
    // Linear, so its values at 0 and 1 give slope and intercept.
    return polyTex([fff(1) - fff(0), fff(0)]);
  },
  'template:inverse-function#0': () => {
    // A Möbius map (ax + b)/(cx + d) is inverted by the adjugate matrix [[d, -b], [-c, a]].
    const [a, b, c, d] = [2, 3, 1, -1];
    const f = (x: number) => (a * x + b) / (c * x + d);
    const inv = (x: number) => (d * x - b) / (-c * x + a);
    for (const x of [-3, 0.5, 4, 7]) if (Math.abs(f(inv(x)) - x) > 1e-9) throw new Error('not an inverse');
    return `\\frac{${polyTex([d, -b])}}{${polyTex([-c, a])}}`;
  },
  'template:inverse-function#1': () => clean(bisect((x) => x ** 3 + 2 - 29, -10, 10)),
  'template:function-domain#0': () =>
    scanIntervals((x) => x - 2 >= 0 && x - 5 !== 0 && Number.isFinite(Math.sqrt(x - 2) / (x - 5)), -10, 30, 0.25),
  'template:function-domain#1': () => scanIntervals((x) => !Number.isNaN(Math.sqrt(6 - x - x * x)), -10, 10, 0.25),
  'template:arithmetic-sequence-terms#0': () => {
    const found: number[] = [];
    for (let a1 = -100; a1 <= 100; a1++)
      for (let d = -20; d <= 20; d++) if (a1 + 4 * d === 17 && a1 + 11 * d === 45) found.push(a1 + 19 * d);
    return only(found);
  },
  'template:arithmetic-sequence-terms#1': () => {
    let count = 0;
    for (let t = 7; t <= 203; t += 11 - 7) count++;
    return count;
  },
  'template:arithmetic-symmetric-terms#0': () => {
    const largest = new Set<number>();
    for (let first = -100; first <= 100; first++)
      for (let d = 0; d <= 50; d++) {
        const [u, v, w] = [first, first + d, first + 2 * d];
        if (u + v + w === 27 && u * v * w === 648) largest.add(w);
      }
    return only([...largest]);
  },
  'template:arithmetic-symmetric-terms#1': () =>
    // Equal consecutive differences: (3x - (x + 1)) - ((4x + 2) - 3x) = 0.
    linearRoot((x) => x.mul(3).sub(x.add(1)).sub(x.mul(4).add(2).sub(x.mul(3)))).tex(),
  'template:remainder-theorem#0': () => polyTex(polyDivide([1, 0, -2, 0, 4, -7], [1, 2]).rem),
  'template:remainder-theorem#1': () => {
    // One concrete polynomial with P(1) = 3 and P(2) = 5: x^4 + ax + b, then real long division.
    const [a, b] = [-13, 15];
    const P = [1, 0, 0, a, b];
    if (polyEval(P, 1) !== 3 || polyEval(P, 2) !== 5) throw new Error('bad witness');
    return polyTex(polyDivide(P, polyMul([1, -1], [1, -2])).rem);
  },
  'template:factor-theorem-unknown-coefficients#0': () =>
    only(searchInts(-50, 50, (k) => isZeroPoly(polyDivide([1, k, 3, -10], [1, -2]).rem))),
  'template:factor-theorem-unknown-coefficients#1': () => {
    const found: string[] = [];
    for (let a = -30; a <= 30; a++)
      for (let b = -30; b <= 30; b++)
        if (isZeroPoly(polyDivide([1, a, b, 6], polyMul([1, -1], [1, 2])).rem)) found.push(`(${a}, ${b})`);
    return only(found);
  },
  'template:rational-root-theorem#0': () => realRoots([2, -3, -11, 6]).map(clean).join(', '),
  'template:rational-root-theorem#1': () => {
    const roots = new Map<string, Q>();
    for (let num = -40; num <= 40; num++)
      for (let den = 1; den <= 40; den++) {
        const x = q(num, den);
        if (x.mul(x).mul(x).mul(3).add(x.mul(x)).add(x).sub(2).isZero()) roots.set(x.tex(), x);
      }
    return listTex([...roots.values()]);
  },
  'template:synthetic-division#0': () => polyTex(polyDivide([1, -3, 0, 5, -2], [1, -2]).quot),
  'template:synthetic-division#1': () => polyTex(polyDivide([2, 0, -5, 7], [1, 3]).quot),
  'template:polynomial-long-division#0': () => {
    // Remainder of x^4 + 1 modulo x^2 + x + 1 by reducing with x^3 = 1 (x^3 - 1 is a multiple).
    const cube = [0, 0, 0];
    [1, 0, 0, 0, 1].forEach((c, i) => (cube[(4 - i) % 3] = (cube[(4 - i) % 3] as number) + c));
    // cube[k] is the coefficient of x^k in x^4 + 1 mod x^3 - 1; now reduce x^2 = -x - 1.
    const [c0, c1, c2] = cube as [number, number, number];
    return polyTex([c1 - c2, c0 - c2]);
  },
  'template:polynomial-long-division#1': () => polyTex(polyDivide([6, 5, -2, 1], [2, 1]).quot),
  'template:newtons-sums#0': () => {
    const sum = complexRoots([1, -3, 1, -2]).reduce<C>((acc, r) => {
      const cube = cmul(cmul(r, r), r);
      return [acc[0] + cube[0], acc[1] + cube[1]];
    }, [0, 0]);
    return complexTex(sum);
  },
  'template:newtons-sums#1': () => {
    const [a, b] = [(1 + Math.sqrt(5)) / 2, (1 - Math.sqrt(5)) / 2];
    return clean(a ** 5 + b ** 5);
  },
  'template:symmetric-functions-of-roots#0': () => {
    let sum: C = [0, 0];
    for (const r of complexRoots([1, -4, 5, -3])) {
      const inv = cdiv([1, 0], cmul(r, r));
      sum = [sum[0] + inv[0], sum[1] + inv[1]];
    }
    return complexTex(sum);
  },
  'template:symmetric-functions-of-roots#1': () => {
    let prod: C = [1, 0];
    for (const r of complexRoots([1, -2, 3, -4])) prod = cmul(prod, [1 + r[0], r[1]]);
    return complexTex(prod);
  },
  'template:transforming-polynomial-roots#0': () =>
    polyTex(fromRoots(complexRoots([1, 0, -2, 5]).map(([re, im]): C => [re + 1, im]))),
  'template:transforming-polynomial-roots#1': () =>
    polyTex(fromRoots(complexRoots([2, 0, -3, 1]).map((r) => cdiv([1, 0], r)))),
  'template:x-plus-reciprocal-substitution#0': () => {
    const x = bisect((t) => t + 1 / t - 3, 1, 10);
    return clean(x ** 3 + 1 / x ** 3);
  },
  'template:x-plus-reciprocal-substitution#1': () => realRoots([1, -5, 8, -5, 1]).map(clean).join(', '),
  'template:substitution-reduce-degree#0': () => realRoots([1, 0, -13, 0, 36]).map(clean).join(', '),
  'template:substitution-reduce-degree#1': () => {
    const lhs = polyMul(polyMul([1, 1], [1, 2]), polyMul([1, 3], [1, 4]));
    lhs[lhs.length - 1] = (lhs[lhs.length - 1] as number) - 120;
    return realRoots(lhs).map(clean).join(', ');
  },
  'template:symmetric-system-sum-product#0': () => {
    const x = bisect((t) => t * t + (5 - t) ** 2 - 13, 2.5, 10);
    return clean(x ** 3 + (5 - x) ** 3);
  },
  'template:symmetric-system-sum-product#1': () => {
    const x = bisect((t) => t * t + t * (5 - t) + (5 - t) ** 2 - 19, 2.5, 10);
    return clean(Math.abs(x - (5 - x)));
  },
  'template:logarithm-laws#0': () => clean(Math.log2(24) - Math.log2(3)),
  'template:logarithm-laws#1': () => {
    let prod = 1;
    for (let k = 2; k <= 63; k++) prod *= Math.log(k + 1) / Math.log(k);
    return clean(prod);
  },
  'template:logarithmic-equations#0': () =>
    realRoots([1, -2, -8])
      .filter((x) => x > 0 && x - 2 > 0 && Math.abs(Math.log2(x) + Math.log2(x - 2) - 3) < 1e-9)
      .map(clean)
      .join(', '),
  'template:logarithmic-equations#1': () =>
    searchInts(1, 10_000, (x) => {
      const u = Math.log(x) / Math.log(3);
      return Math.abs(u * u - 3 * u + 2) < 1e-9;
    }).join(', '),
  'template:exponential-equations#0': () =>
    searchRationals(-20, 20, 4, (x) => {
      const v = x.toNumber();
      return Math.abs(4 ** v - 6 * 2 ** v + 8) < 1e-9;
    })
      .map((x) => x.tex())
      .join(', '),
  'template:exponential-equations#1': () => clean(bisect((x) => 2 ** (x + 1) - 3 ** x, 0, 10)),
  'template:digits-via-logarithms#0': () => String(2n ** 100n).length,
  'template:digits-via-logarithms#1': () => Number(String(2n ** 100n)[0]),
  'template:power-mean-chain#0': () => clean(simplexMin((a, b, c) => a * a + b * b + c * c, 6, 600, 1e-9)),
  'template:power-mean-chain#1': () => {
    // Homogeneous of degree 0, so fix c = 1 and search a, b.
    let best = Infinity;
    for (let i = 1; i <= 400; i++)
      for (let j = 1; j <= 400; j++) {
        const [a, b] = [i / 100, j / 100];
        best = Math.min(best, (a + b + 1) * (1 / a + 1 / b + 1));
      }
    return clean(best);
  },
  'template:rearrangement-inequality#0': () => Math.max(...permutations([4, 5, 6]).map((p) => dot([1, 2, 3], p))),
  'template:rearrangement-inequality#1': () => Math.min(...permutations([2, 4, 6, 8]).map((p) => dot([1, 3, 5, 7], p))),
  'template:tangent-line-trick#0': () =>
    clean(simplexMin((a, b, c) => 1 / (1 + a * a) + 1 / (1 + b * b) + 1 / (1 + c * c), 3, 600, 1e-9)),
  'template:sos-identities#0': () => {
    const products = new Set<number>();
    for (let i = -80; i <= 80; i++)
      for (let j = -80; j <= 80; j++) {
        const [a, b] = [i / 4, j / 4];
        const c = 12 - a - b;
        if (Math.abs(a * a + b * b + c * c - a * b - b * c - c * a) < 1e-12) products.add(a * b * c);
      }
    return only([...products]);
  },
  'template:sos-identities#1': () => clean(realRoots([1, -6, 11, -6]).reduce((acc, r) => acc + r ** 3, 0)),
  'template:schur-inequality#0': () =>
    clean(simplexMin((a, b, c) => 2 * (a * a + b * b + c * c) + 3 * a * b * c, 3, 600)),
  'template:completing-squares-two-variables#0': () => {
    // The gradient vanishes where 2x + 2y = 0 and 2x + 4y - 6 = 0; the form is positive definite.
    const y = q(6, 2);
    const x = y.mul(-1);
    const f = (u: Q, v: Q) => u.mul(u).add(u.mul(v).mul(2)).add(v.mul(v).mul(2)).sub(v.mul(6)).add(10);
    return f(x, y).tex();
  },
  'template:completing-squares-two-variables#1': () => {
    let best = Infinity;
    for (let i = -400; i <= 400; i++)
      for (let j = -400; j <= 400; j++) {
        const [x, y] = [i / 50, j / 50];
        best = Math.min(best, x * x - 4 * x * y + 5 * y * y + 2 * x - 6 * y + 7);
      }
    return clean(best);
  },
  'template:functional-equation-special-values#0': () => {
    // The equation with x = n, y = 1 steps f from n to n + 1.
    let f = 1;
    for (let n = 1; n < 10; n++) f = f + 1 + n * 1;
    return f;
  },
  'template:functional-equation-special-values#1': () =>
    only(searchQuadraticSolutions((f) => forAllPairs((x, y) => near(f(x) * f(y) - f(x * y), x + y)))),
  'template:functional-equation-substitution-system#0': () => {
    // Unknowns f(5), f(-4): the equation at x = 5 and at x = -4.
    const [f5] = solveLinearQ([[q(1), q(2)], [q(2), q(1)]], [q(15), q(-12)]);
    return (f5 as Q).tex();
  },
  'template:functional-equation-substitution-system#1': () => {
    // Unknowns f(2), f(1/2): the equation at x = 2 and at x = 1/2.
    const [f2] = solveLinearQ([[q(1), q(2)], [q(2), q(1)]], [q(6), q(3, 2)]);
    return (f2 as Q).tex();
  },
  'template:functional-equation-bijectivity#0': () =>
    only(searchQuadraticSolutions((f) => forAllPairs((x, y) => near(f(2 * x + f(y)), x + y + f(x))))),
  'template:floor-equations-integer-part#0': () => {
    const sols = new Map<string, Q>();
    for (let den = 1; den <= 12; den++)
      for (let k = 1; k <= 20 * den; k++) {
        const x = q(k, den);
        if (x.mul(new Q(floorQ(x))).eq(70)) sols.set(x.tex(), x);
      }
    return listTex([...sols.values()]);
  },
  'template:floor-equations-integer-part#1': () =>
    listTex(searchRationals(-30, 30, 10, (x) => x.add(new Q(floorQ(x) * 2n)).eq(q(214, 10)))),
  'template:floor-sums-hermite#0': () => {
    let sum = 0;
    for (let k = 1; k <= 100; k++) {
      let r = 0;
      while ((r + 1) * (r + 1) <= k) r++;
      sum += r;
    }
    return sum;
  },
  'template:floor-sums-hermite#1': () => {
    const x = q(15, 2);
    return Number(floorQ(x) + floorQ(x.add(q(1, 3))) + floorQ(x.add(q(2, 3))));
  },
  'template:linear-recurrence-characteristic-equation#0': () => {
    const a = [2, 5];
    for (let n = 2; n <= 10; n++) a.push(5 * (a[n - 1] as number) - 6 * (a[n - 2] as number));
    return a[10] as number;
  },
  'template:linear-recurrence-characteristic-equation#1': () => {
    const a = [1, 4];
    for (let n = 2; n <= 10; n++) a.push(4 * (a[n - 1] as number) - 4 * (a[n - 2] as number));
    return a[10] as number;
  },
  'template:first-order-recurrence-fixed-point#0': () => {
    let a = 1;
    for (let n = 2; n <= 6; n++) a = 3 * a + 2;
    return a;
  },
  'template:first-order-recurrence-fixed-point#1': () => {
    // Play the Tower of Hanoi and count the moves.
    let moves = 0;
    const hanoi = (n: number, from: number, to: number, via: number): void => {
      if (n === 0) return;
      hanoi(n - 1, from, via, to);
      moves++;
      hanoi(n - 1, via, to, from);
    };
    hanoi(10, 1, 3, 2);
    return moves;
  },
  'template:generating-functions-sequences#0': () => {
    let ways = 0;
    for (let fives = 0; fives * 5 <= 10; fives++)
      for (let twos = 0; fives * 5 + twos * 2 <= 10; twos++) ways++;
    return ways;
  },
  'template:generating-functions-sequences#1': () => {
    const a = [1];
    for (let n = 1; n <= 15; n++) a.push(2 * (a[n - 1] as number) + 1);
    const fits: string[] = [];
    for (let A = -5; A <= 5; A++)
      for (let B = -5; B <= 5; B++) if (a.every((v, n) => v === A * 2 ** n + B)) fits.push(`${A}\\cdot 2^{n} + ${B}`);
    return only(fits);
  },
  'template:partial-fraction-decomposition#0': () => {
    const f = (x: Q) => x.mul(5).add(1).div(x.sub(1).mul(x.add(2)));
    const pts = [q(0), q(3)];
    const [A, B] = solveLinearQ(
      pts.map((x) => [q(1).div(x.sub(1)), q(1).div(x.add(2))]),
      pts.map(f),
    ) as [Q, Q];
    return `\\frac{${A.tex()}}{x - 1} + \\frac{${B.tex()}}{x + 2}`;
  },
  'template:partial-fraction-decomposition#1': () => {
    const f = (x: Q) => q(1).div(x.mul(x.add(1)).mul(x.add(2)));
    const pts = [q(1), q(2), q(3)];
    const [A, B, C] = solveLinearQ(
      pts.map((x) => [q(1).div(x), q(1).div(x.add(1)), q(1).div(x.add(2))]),
      pts.map(f),
    ) as [Q, Q, Q];
    return `\\frac{${A.tex()}}{x} + \\frac{${B.tex()}}{x + 1} + \\frac{${C.tex()}}{x + 2}`;
  },
  'template:partial-fractions-telescoping#0': () => {
    let sum = q(0);
    for (let k = 1; k <= 10; k++) sum = sum.add(q(1, k * (k + 1) * (k + 2)));
    return sum.tex();
  },
  'template:partial-fractions-telescoping#1': () => {
    // Partial sum plus the midpoint-integral estimate of the tail (error of order N^-3).
    const N = 100_000;
    let sum = 0;
    for (let k = N; k >= 2; k--) sum += 1 / (k * k - 1);
    const tail = 0.5 * Math.log((N + 1.5) / (N - 0.5));
    return clean(sum + tail);
  },
  'template:conjugate-root-theorem#0': () => polyTex(fromRoots([[2, 0], [1, 1], [1, -1]])),
  'template:conjugate-root-theorem#1': () => {
    const [r2, r3] = [Math.sqrt(2), Math.sqrt(3)];
    const p = fromRoots([[r2 + r3, 0], [r2 - r3, 0], [-r2 + r3, 0], [-r2 - r3, 0]]);
    if (Math.abs(polyEval(p, r2 + r3)) > 1e-9) throw new Error('not a root');
    return polyTex(p);
  },
  'template:complex-roots-real-polynomials#0': () => complexRoots([1, 2, 5]).map(complexTex).join(', '),
  'template:complex-roots-real-polynomials#1': () => complexRoots([1, 0, 0, -8]).map(complexTex).join(', '),
  'template:ellipse-standard-form#0': () => {
    // The co-vertex (0, 3) is at distance sum 2a = 10 from the foci (±c, 0), with a read from the x-intercept.
    const a = Math.sqrt(225 / 9);
    const b = Math.sqrt(225 / 25);
    const c = bisect((t) => 2 * Math.hypot(t, b) - 2 * a, 0, a);
    return clean(2 * c);
  },
  'template:ellipse-standard-form#1': () => {
    // Vertical chord length at x from the quadratic in y, integrated with x = m + R sin(t).
    const disc = (x: number) => 16 * 16 - 4 * 4 * (x * x - 6 * x + 21);
    const [x1, x2] = realRoots([-16, 96, 256 - 16 * 21]) as [number, number];
    if (Math.abs(disc(x1)) > 1e-6) throw new Error('bad ends');
    const [m, R] = [(x1 + x2) / 2, (x2 - x1) / 2];
    const chord = (x: number) => Math.sqrt(Math.max(0, disc(x))) / 4;
    return clean(integratePeriodic((t) => chord(m + R * Math.sin(t)) * R * Math.cos(t), -Math.PI / 2, Math.PI / 2));
  },
  'template:hyperbola-standard-form#0': () => {
    // A point of the curve has |d1 - d2| = 2a = 8; find c from that.
    const [x, y] = [8, 3 * Math.sqrt(64 / 16 - 1)];
    const c = bisect((t) => Math.hypot(x + t, y) - Math.hypot(x - t, y) - 8, 4.0001, 20);
    return clean(2 * c);
  },
  'template:hyperbola-standard-form#1': () => {
    // Points with |d1 - d2| = 6 to foci (0, ±5), then fit y^2/A - x^2/B = 1.
    const pointAt = (x: number): [number, number] => [
      x,
      bisect((y) => Math.hypot(x, y + 5) - Math.hypot(x, y - 5) - 6, 3, 100),
    ];
    const pts = [pointAt(2), pointAt(7)];
    const [invA, invB] = solveLinearQ(
      pts.map(([x, y]) => [new Q(BigInt(Math.round(y * y * 1e6)), 1_000_000n), new Q(BigInt(Math.round(-x * x * 1e6)), 1_000_000n)]),
      [q(1), q(1)],
    ).map((v) => v.toNumber()) as [number, number];
    return `\\frac{y^2}{${clean(1 / invA)}} - \\frac{x^2}{${clean(1 / invB)}} = 1`;
  },
  'template:parabola-focus-directrix#0': () => {
    // The point (4, 2) is equidistant from the focus (0, p) and the line y = -p.
    const p = bisect((t) => Math.hypot(4, 2 - t) - (2 + t), 0.01, 10);
    return `(0, ${clean(p)})`;
  },
  'template:parabola-focus-directrix#1': () => {
    const p = bisect((t) => Math.hypot(3 - t, 6) - (3 + t), 0.01, 10); // (3, 6) lies on y^2 = 12x
    return clean(Math.hypot(5 - p, Math.sqrt(60)));
  },

  // -------------------------------------------------------------------------------------
  // Practice problems

  'problem:concert-tickets-system': () => only(searchInts(0, 50, (a) => 12 * a + 7 * (50 - a) === 465)),
  'problem:perpendicular-line-intercept': () => {
    // The normal (1, 3) of x + 3y = 12 is the direction of the perpendicular line; walk to x = 0.
    const t = (0 - 2) / 1;
    return 5 + 3 * t;
  },
  'problem:absolute-value-inequality-casework': () =>
    scanIntervals((x) => Math.abs(2 * x - 5) < x + 1 - 1e-12, -20, 40, 1 / 6),
  'problem:theater-revenue-maximum': () => {
    let best = 0;
    for (let i = 0; i <= 3000; i++) {
      const x = i / 100;
      best = Math.max(best, (20 + x) * (300 - 10 * x));
    }
    return clean(best);
  },
  'problem:inverse-of-composition-value': () => {
    const g1 = 2 * 1 + 3;
    const x = linearRoot((t) => t.sub(1).sub(t.add(2).mul(g1)));
    if (!x.sub(1).div(x.add(2)).eq(g1)) throw new Error('not a preimage');
    return x.tex();
  },
  'problem:nested-radical-plus-reciprocal': () => {
    const r = Math.sqrt(7 + 4 * Math.sqrt(3));
    return clean(r + 1 / r);
  },
  'problem:arithmetic-sequence-below-200': () => {
    const [a1, d] = only(
      searchInts(-100, 100, (a) => searchInts(-20, 20, (dd) => a + 3 * dd === 23 && a + 9 * dd === 59).length === 1).map(
        (a) => [a, (23 - a) / 3] as const,
      ),
    );
    let count = 0;
    for (let term = a1; term < 200; term += d) count++;
    return count;
  },
  'problem:logs-with-bases-2-4-16': () =>
    only(searchInts(1, 100_000, (x) => Math.abs(Math.log(x) / Math.log(2) + Math.log(x) / Math.log(4) + Math.log(x) / Math.log(16) - 7) < 1e-9)),
  'problem:remainder-by-quadratic': () => {
    // A concrete P with those two remainders: x^3 - x - 1 (P(2) = 5, P(-1) = -1).
    const P = [1, 0, -1, -1];
    if (polyEval(P, 2) !== 5 || polyEval(P, -1) !== -1) throw new Error('bad witness');
    return polyTex(polyDivide(P, [1, -1, -2]).rem);
  },
  'problem:fifth-power-sum-of-roots': () => {
    let sum: C = [0, 0];
    for (const r of complexRoots([1, 0, -1, -1])) {
      const p5 = cmul(cmul(cmul(r, r), cmul(r, r)), r);
      sum = [sum[0] + p5[0], sum[1] + p5[1]];
    }
    return complexTex(sum);
  },
  'problem:palindromic-quartic-real-roots': () => clean(realRoots([1, 1, -4, 1, 1]).reduce((acc, r) => acc + r, 0)),
  'problem:recurrence-closed-form-term': () => {
    const a = [0, 1];
    for (let n = 2; n <= 10; n++) a.push(4 * (a[n - 1] as number) - 3 * (a[n - 2] as number));
    return a[10] as number;
  },
  'problem:infinite-telescoping-k-k-plus-3': () => {
    const N = 100_000;
    let sum = 0;
    for (let k = N; k >= 1; k--) sum += 1 / (k * (k + 3));
    const tail = Math.log((N + 3.5) / (N + 0.5)) / 3;
    return clean(sum + tail);
  },
  'problem:tangent-line-trick-reciprocal-sum': () =>
    clean(
      -simplexMin(
        (a, b, c) => -(1 / (a * a + b + c) + 1 / (b * b + c + a) + 1 / (c * c + a + b)),
        3,
        600,
        1e-9,
      ),
    ),
};

/** Distance from (x0, y0) to Ax + By + C = 0 via the foot of the perpendicular. */
function footDistance(A: number, B: number, C: number, x0: number, y0: number): string {
  const t = -(A * x0 + B * y0 + C) / (A * A + B * B);
  const fx = x0 + A * t;
  const fy = y0 + B * t;
  if (Math.abs(A * fx + B * fy + C) > 1e-9) throw new Error('foot not on line');
  return clean(Math.hypot(fx - x0, fy - y0));
}
