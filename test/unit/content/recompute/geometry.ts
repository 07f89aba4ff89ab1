/**
 * Independent recomputations for the core "geometry" part (Prealgebra, Geometry, Precalculus,
 * basic Calculus): one entry per worked example and per practice problem. Answers are rebuilt
 * by brute force, coordinates, exact rationals, numeric root finding with dual numbers, or
 * numeric integration, never by repeating the pack's own derivation, so a wrong answer in the
 * content fails the content test.
 */
import { add, dist, intersect, scale, shoelace, sub, triangleFromSides, type P } from '../plane.js';

// ---------------------------------------------------------------------------------------
// Small exact rationals (the numbers here are tiny, so plain integers do not overflow).

const igcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : igcd(b, a % b));

class Frac {
  readonly n: number;
  readonly d: number;
  constructor(n: number, d = 1) {
    if (d === 0) throw new Error('division by zero');
    const g = igcd(n, d) || 1;
    const s = d < 0 ? -1 : 1;
    this.n = (s * n) / g;
    this.d = (s * d) / g;
  }
  add(o: Frac): Frac {
    return new Frac(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Frac): Frac {
    return new Frac(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Frac): Frac {
    return new Frac(this.n * o.n, this.d * o.d);
  }
  div(o: Frac): Frac {
    return new Frac(this.n * o.d, this.d * o.n);
  }
  tex(): string {
    if (this.d === 1) return String(this.n);
    return `${this.n < 0 ? '-' : ''}\\frac{${Math.abs(this.n)}}{${this.d}}`;
  }
}
const fr = (n: number, d = 1) => new Frac(n, d);

// ---------------------------------------------------------------------------------------
// Search, formatting and numeric helpers.

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k);

function only<T>(xs: T[]): T {
  if (xs.length !== 1) throw new Error(`expected exactly one solution, found ${xs.length}`);
  return xs[0] as T;
}

/** Float noise (1e-15) removed so that the text form stays a plain decimal. */
const clean = (x: number): number => (Math.abs(x) < 1e-12 ? 0 : Number(x.toPrecision(13)));
const tuple = (...xs: number[]) => `(${xs.map(clean).join(', ')})`;
const complexTex = (re: number, im: number) => {
  const [r, i] = [clean(re), clean(im)];
  return `${r}${i < 0 ? '-' : '+'}${Math.abs(i)}i`;
};
/** `c1 x + c2 y + ... = rhs` with float noise removed; zero terms dropped. */
function linearEquation(coeffs: number[], vars: string[], rhs: number): string {
  const terms = coeffs
    .map((c, i) => [clean(c), vars[i] ?? '?'] as const)
    .filter(([c]) => c !== 0)
    .map(([c, v], i) => `${c < 0 ? '-' : i === 0 ? '' : '+'}${Math.abs(c)}${v}`);
  return `${terms.join('')}=${clean(rhs)}`;
}

const deg = (rad: number) => (rad * 180) / Math.PI;
const rad = (d: number) => (d * Math.PI) / 180;

/** Bisection for a sign change of f on [lo, hi]. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let [a, b] = [lo, hi];
  let fa = f(a);
  if (fa === 0) return a;
  if (Math.sign(fa) === Math.sign(f(b))) throw new Error(`no sign change on [${lo}, ${hi}]`);
  for (let k = 0; k < 200; k++) {
    const m = (a + b) / 2;
    const fm = f(m);
    if (fm === 0) return m;
    if (Math.sign(fm) === Math.sign(fa)) [a, fa] = [m, fm];
    else b = m;
  }
  return (a + b) / 2;
}

/** Composite Simpson rule; exact for cubics, and accurate for the smooth integrands used here. */
function simpson(f: (x: number) => number, a: number, b: number, n = 2000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let k = 1; k < n; k++) s += (k % 2 ? 4 : 2) * f(a + k * h);
  return (s * h) / 3;
}

/** The fraction with denominator at most maxDen nearest to x, if it is within tol. */
function identifyRational(x: number, maxDen = 1000, tol = 1e-7): string {
  for (let d = 1; d <= maxDen; d++) {
    const n = Math.round(x * d);
    if (Math.abs(n / d - x) < tol) return fr(n, d).tex();
  }
  throw new Error(`${x} is not a simple fraction`);
}

// ---------------------------------------------------------------------------------------
// Dual numbers: exact first derivatives by automatic differentiation, so critical points and
// tangent roots are found to full precision without using the pack's derivative rules.

interface Dual {
  v: number;
  d: number;
}
const dc = (v: number): Dual => ({ v, d: 0 });
const dx = (v: number): Dual => ({ v, d: 1 });
const dAdd = (...xs: Dual[]): Dual => xs.reduce((s, x) => ({ v: s.v + x.v, d: s.d + x.d }), dc(0));
const dSub = (a: Dual, b: Dual): Dual => ({ v: a.v - b.v, d: a.d - b.d });
const dMul = (...xs: Dual[]): Dual => xs.reduce((p, x) => ({ v: p.v * x.v, d: p.d * x.v + p.v * x.d }), dc(1));
const dDiv = (a: Dual, b: Dual): Dual => ({ v: a.v / b.v, d: (a.d * b.v - a.v * b.d) / (b.v * b.v) });
const dPow = (a: Dual, n: number): Dual => ({ v: a.v ** n, d: n * a.v ** (n - 1) * a.d });
const dSin = (a: Dual): Dual => ({ v: Math.sin(a.v), d: Math.cos(a.v) * a.d });
const dCos = (a: Dual): Dual => ({ v: Math.cos(a.v), d: -Math.sin(a.v) * a.d });
const dSqrt = (a: Dual): Dual => ({ v: Math.sqrt(a.v), d: a.d / (2 * Math.sqrt(a.v)) });
const dScale = (k: number, a: Dual): Dual => ({ v: k * a.v, d: k * a.d });

type DualFn = (x: Dual) => Dual;
const value = (f: DualFn, x: number) => f(dc(x)).v;
const slope = (f: DualFn, x: number) => f(dx(x)).d;

/** Points of [a, b) where f' changes sign, found on a grid and refined by bisection. */
function criticalPoints(f: DualFn, a: number, b: number, n = 4000): number[] {
  const h = (b - a) / n;
  const out: number[] = [];
  for (let k = 1; k < n - 1; k++) {
    const [x0, x1] = [a + k * h, a + (k + 1) * h];
    const [s0, s1] = [slope(f, x0), slope(f, x1)];
    if (s0 === 0) out.push(x0);
    else if (Math.sign(s0) !== Math.sign(s1) && s1 !== 0) out.push(bisect((x) => slope(f, x), x0, x1));
  }
  return out;
}

/** The maximum of f on [a, b]: critical points and the two endpoints. */
function maxOn(f: DualFn, a: number, b: number): number {
  return Math.max(value(f, a), value(f, b), ...criticalPoints(f, a, b).map((x) => value(f, x)));
}

/** All zeros of f in [a, b): sign changes, plus touching zeros found where f' vanishes. */
function zeros(f: DualFn, a: number, b: number, n = 6000): number[] {
  const h = (b - a) / n;
  const found: number[] = [];
  for (let k = 0; k < n; k++) {
    const [x0, x1] = [a + k * h, a + (k + 1) * h];
    const [f0, f1] = [value(f, x0), value(f, x1)];
    if (f0 === 0) found.push(x0);
    else if (Math.sign(f0) !== Math.sign(f1) && f1 !== 0) found.push(bisect((x) => value(f, x), x0, x1));
  }
  for (const c of criticalPoints(f, a, b)) if (Math.abs(value(f, c)) < 1e-12) found.push(c);
  if (Math.abs(value(f, a)) < 1e-12) found.push(a);
  const roots = found.filter((x) => x < b - 1e-12).sort((x, y) => x - y);
  return roots.filter((x, i) => i === 0 || x - (roots[i - 1] as number) > 1e-7);
}

// ---------------------------------------------------------------------------------------
// Plane and space geometry.

type V3 = [number, number, number];
const lerp = (a: P, b: P, t: number): P => add(a, scale(t, sub(b, a)));
const unit = (a: P): P => scale(1 / Math.hypot(a[0], a[1]), a);
const onCircle = (degrees: number, r = 1): P => [r * Math.cos(rad(degrees)), r * Math.sin(rad(degrees))];
/** The angle AVB in degrees, measured from coordinates. */
function angleAt(a: P, v: P, b: P): number {
  const [u, w] = [sub(a, v), sub(b, v)];
  return deg(Math.abs(Math.atan2(u[0] * w[1] - u[1] * w[0], u[0] * w[0] + u[1] * w[1])));
}
/** Where the bisector of the angle at vertex v meets line ab. */
const bisectorFoot = (v: P, a: P, b: P): P => intersect(v, add(unit(sub(a, v)), unit(sub(b, v))), a, sub(b, a));
/** Incentre as the meeting point of two angle bisectors. */
const incentre = (a: P, b: P, c: P): P => intersect(a, add(unit(sub(b, a)), unit(sub(c, a))), b, add(unit(sub(a, b)), unit(sub(c, b))));
/** The two meeting points of circles (c1, r1) and (c2, r2). */
function circleMeet(c1: P, r1: number, c2: P, r2: number): [P, P] {
  const d = dist(c1, c2);
  const a = (r1 * r1 - r2 * r2 + d * d) / (2 * d);
  const h = Math.sqrt(r1 * r1 - a * a);
  const e = unit(sub(c2, c1));
  const m = add(c1, scale(a, e));
  return [add(m, scale(h, [-e[1], e[0]])), add(m, scale(-h, [-e[1], e[0]]))];
}
/** Strictly-inside and on-boundary lattice point counts of a lattice polygon, by brute force. */
function latticeCounts(poly: P[]): { inside: number; boundary: number } {
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  let inside = 0;
  let boundary = 0;
  for (let x = Math.min(...xs); x <= Math.max(...xs); x++) {
    for (let y = Math.min(...ys); y <= Math.max(...ys); y++) {
      let onEdge = false;
      let crossings = 0;
      poly.forEach((p, k) => {
        const q = poly[(k + 1) % poly.length] as P;
        const cross = (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
        const within = Math.min(p[0], q[0]) <= x && x <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= y && y <= Math.max(p[1], q[1]);
        if (cross === 0 && within) onEdge = true;
        if (p[1] > y !== q[1] > y && x < p[0] + ((y - p[1]) * (q[0] - p[0])) / (q[1] - p[1])) crossings++;
      });
      if (onEdge) boundary++;
      else if (crossings % 2 === 1) inside++;
    }
  }
  return { inside, boundary };
}

const dot3 = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const sub3 = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const norm3 = (a: V3) => Math.hypot(a[0], a[1], a[2]);
/** Heron's formula on the side lengths: an area route that never forms a cross product. */
function heron(a: number, b: number, c: number): number {
  const s = (a + b + c) / 2;
  return Math.sqrt(s * (s - a) * (s - b) * (s - c));
}

/** Solves M x = rhs by Gauss-Jordan elimination with partial pivoting. */
function solveLinear(m: number[][], rhs: number[]): number[] {
  const n = m.length;
  const a = m.map((row, i) => [...row, rhs[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const pr = a[col] as number[];
    const pv = pr[col] as number;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const k = (row[col] as number) / pv;
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - k * (pr[c] as number);
    }
  }
  return a.map((row, i) => (row[n] as number) / (row[i] as number));
}
/** Inverse as the columns solving M x = e_j. */
function inverse(m: number[][]): number[][] {
  const cols = m.map((_, j) => solveLinear(m, m.map((__, i) => (i === j ? 1 : 0))));
  return m.map((_, i) => cols.map((col) => col[i] as number));
}
/** Determinant by the Leibniz permutation sum (a route independent of cofactor expansion). */
function leibnizDet(m: number[][]): number {
  const n = m.length;
  const perms = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
  return perms(range(0, n - 1)).reduce((total, p) => {
    let inversions = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if ((p[i] as number) > (p[j] as number)) inversions++;
    const prod = p.reduce((acc, col, row) => acc * (m[row]?.[col] ?? NaN), 1);
    return total + (inversions % 2 ? -prod : prod);
  }, 0);
}
const pmatrix = (m: number[][]) => `\\begin{pmatrix} ${m.map((row) => row.map(clean).join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;

type C = [number, number];
const cMul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const cDiv = (a: C, b: C): C => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};
const cPow = (z: C, n: number): C => range(1, n).reduce<C>((acc) => cMul(acc, z), [1, 0]);

/** Perimeter of a closed curve by summing many chords. */
function curveLength(point: (t: number) => P, n = 200_000): number {
  let total = 0;
  for (let k = 0; k < n; k++) total += dist(point((2 * Math.PI * k) / n), point((2 * Math.PI * (k + 1)) / n));
  return total;
}
/** Area of a disk of radius r as an integral of chord lengths, substituted to stay smooth. */
const diskArea = (r: number) => simpson((t) => 2 * r * Math.cos(t) * r * Math.cos(t), -Math.PI / 2, Math.PI / 2);
/** Volume of a solid from its cross-section areas along an axis. */
const volumeBySlices = (area: (z: number) => number, a: number, b: number) => simpson(area, a, b);

// ---------------------------------------------------------------------------------------

export const recompute: Record<string, () => string | number> = {
  // Prealgebra
  'template:fraction-arithmetic#0': () => fr(2, 3).add(fr(3, 4)).sub(fr(5, 6)).tex(),
  'template:fraction-arithmetic#1': () => fr(3, 2).div(fr(3, 8)).mul(fr(2, 5)).tex(),
  'template:order-of-operations#0': () => 8 - 2 * 3 ** 2 + (12 / 4) * 2,
  'template:order-of-operations#1': () => (2 * (5 - (7 - 4) ** 2)) / 4 + 6,
  'template:mean-median-mode#0': () => {
    const data = [7, 3, 9, 3, 8, 12, 3, 11];
    const sorted = [...data].sort((a, b) => a - b);
    const mean = fr(data.reduce((s, x) => s + x, 0), data.length);
    const median = fr((sorted[3] as number) + (sorted[4] as number), 2);
    const counts = new Map<number, number>();
    for (const x of data) counts.set(x, (counts.get(x) ?? 0) + 1);
    const mode = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? NaN;
    return mean.add(median).add(fr(mode)).tex();
  },
  'template:mean-as-total#0': () => only(range(0, 100).filter((s) => [84, 84, 84, 84, 84, s].reduce((a, b) => a + b, 0) === 86 * 6)),
  'template:mean-as-total#1': () => only(range(-100, 200).filter((x) => (9 * 19 + x) / 10 === 20)),
  'template:unit-conversion-factors#0': () => (54 * 1000) / (60 * 60),
  'template:unit-conversion-factors#1': () => 2 * 3 * (1 * 3) * (1.5 * 3),
  'template:simple-interest#0': () => {
    let balance = 2400;
    for (let year = 0; year < 4; year++) balance += (2400 * 35) / 1000;
    return balance;
  },
  'template:simple-interest#1': () => only(range(1, 300).filter((tenths) => 1500 * tenths * 3 === 180 * 1000)) / 10,
  'template:working-backwards#0': () => only(range(1, 1000).filter((s) => ((s / 2 - 6) * 2) / 3 === 14)),
  'template:working-backwards#1': () => only(range(-100, 100).filter((x) => (3 * x - 7) / 2 === 13)),
  'template:counting-with-organized-lists#0': () => {
    let ways = 0;
    for (const d of range(0, 2)) for (const n of range(0, 5)) for (const p of range(0, 25)) if (10 * d + 5 * n + p === 25) ways++;
    return ways;
  },
  'template:counting-with-organized-lists#1': () => range(100, 999).filter((n) => [...String(n)].reduce((s, c) => s + Number(c), 0) === 5).length,
  'template:perimeter-area-basic-shapes#0': () => shoelace([[0, 0], [16, 0], [13, 7], [3, 7]]),
  'template:perimeter-area-basic-shapes#1': () => 2 * 12 + curveLength((t) => onCircle(deg(t), 4)),
  'template:composite-figure-area#0': () => 8 * 8 - 4 * (diskArea(4) / 4),
  'template:parallel-lines-transversal-angles#0': () => {
    const x = only(range(-100, 100).filter((t) => 3 * t + 10 === 5 * t - 30));
    return 3 * x + 10;
  },
  'template:parallel-lines-transversal-angles#1': () => {
    const x = only(range(-100, 100).filter((t) => 2 * t + 15 + (4 * t - 15) === 180));
    return Math.max(2 * x + 15, 4 * x - 15);
  },

  // Geometry: angles and circles
  'template:angle-chasing-isosceles#0': () => {
    const [A, B, C]: [P, P, P] = [[0, 0], [1, 0], onCircle(40)];
    const D = lerp(A, C, bisect((t) => dist(B, lerp(A, C, t)) - dist(B, C), 0, 0.9));
    return angleAt(A, B, D);
  },
  'template:polygon-angle-sums#0': () =>
    only(range(3, 100).filter((n) => Math.abs(angleAt(onCircle(360 / n), onCircle(0), onCircle(-360 / n)) - 156) < 1e-9)),
  'template:inscribed-angle-theorem#0': () => {
    const [A, B]: [P, P] = [[-1, 0], [1, 0]];
    const C = onCircle(bisect((phi) => angleAt(onCircle(phi), A, B) - 28, 1, 179));
    return angleAt(A, B, C);
  },
  'template:inscribed-angle-theorem#1': () => {
    const [A, B, C, D] = [onCircle(0), onCircle(110), onCircle(190), onCircle(270)];
    if (Math.abs(angleAt(B, A, C) - 40) > 1e-9 || Math.abs(angleAt(A, D, B) - 55) > 1e-9) throw new Error('placement does not match the data');
    return angleAt(A, B, C);
  },
  'template:tangent-segments-and-radii#0': () => {
    const [O, Pt]: [P, P] = [[0, 0], [13, 0]];
    const tangentAt = bisect((phi) => {
      const T = onCircle(phi, 5);
      const [r, t] = [sub(T, O), sub(Pt, T)];
      return r[0] * t[0] + r[1] * t[1];
    }, 1, 89);
    const [A, B] = [onCircle(tangentAt, 5), onCircle(-tangentAt, 5)];
    return shoelace([Pt, A, O, B]);
  },
  'template:tangent-segments-and-radii#1': () => {
    const [A, B, C] = triangleFromSides(7, 8, 9);
    return incentre(A, B, C)[0]; // BC lies on the x-axis from B = origin, so BD is the x-coordinate
  },
  'template:chord-secant-tangent-angles#0': () => {
    const [A, C, D, B] = [onCircle(0), onCircle(40), onCircle(135), onCircle(265)];
    const Pt = intersect(A, sub(B, A), C, sub(D, C));
    if (dist(Pt, A) > dist(Pt, B) || dist(Pt, C) > dist(Pt, D)) throw new Error('A and C must be the near points');
    return angleAt(A, Pt, C);
  },
  'template:chord-secant-tangent-angles#1': () => {
    const [A, B, C, D] = [onCircle(0), onCircle(100), onCircle(200), onCircle(240)];
    return angleAt(A, intersect(A, sub(C, A), B, sub(D, B)), B);
  },
  'template:ptolemy-theorem#0': () => {
    // Equilateral triangle in the unit circle; P on arc BC where PB : PC = 3 : 5, then rescale.
    const [A, B, C] = [onCircle(90), onCircle(210), onCircle(330)];
    const phi = bisect((t) => 5 * dist(onCircle(t), B) - 3 * dist(onCircle(t), C), 211, 329);
    const Pt = onCircle(phi);
    return (dist(Pt, A) * 3) / dist(Pt, B);
  },

  // Geometry: triangle lengths
  'template:triangle-inequality#0': () => range(1, 100).filter((x) => 5 + 9 > x && 5 + x > 9 && 9 + x > 5).length,
  'template:triangle-inequality#1': () => {
    let count = 0;
    for (const a of range(1, 15)) for (const b of range(a, 15)) {
      const c = 15 - a - b;
      if (c >= b && a + b > c) count++;
    }
    return count;
  },
  'template:angle-bisector-theorem#0': () => {
    const [A, B, C] = triangleFromSides(6, 12, 10);
    return dist(B, bisectorFoot(A, B, C));
  },
  'template:angle-bisector-theorem#1': () => {
    const [A, B, C] = triangleFromSides(6, 12, 10);
    return dist(A, bisectorFoot(A, B, C));
  },
  'template:stewart-theorem#0': () => {
    const [A, B, C] = triangleFromSides(5, 8, 7);
    return dist(A, lerp(B, C, 3 / 8));
  },
  'template:median-length-formula#0': () => {
    const [A, B, C] = triangleFromSides(13, 14, 15);
    return dist(A, lerp(B, C, 0.5));
  },
  'template:median-length-formula#1': () => {
    const [A, B, C] = triangleFromSides(5, 7, 6); // AB = 5, BC = 7, diagonal AC = 6
    const D = sub(add(A, C), B);
    return dist(B, D);
  },
  'template:law-of-sines#0': () => {
    const [B, C]: [P, P] = [[0, 0], [10, 0]];
    const A = intersect(B, onCircle(60), C, onCircle(180 - 75));
    if (Math.abs(angleAt(B, A, C) - 45) > 1e-9) throw new Error('angle A should be 45');
    return dist(A, C);
  },
  'template:law-of-sines#1': () => {
    const [B, C]: [P, P] = [[0, 0], [12, 0]];
    const A = intersect(B, onCircle(70), C, onCircle(180 - 80)); // angle A = 30
    const O = intersect(lerp(B, C, 0.5), [0, 1], lerp(A, B, 0.5), [-(B[1] - A[1]), B[0] - A[0]]);
    return dist(O, A);
  },
  'template:law-of-cosines#0': () => dist([3, 0], onCircle(120, 5)),
  'template:law-of-cosines#1': () => {
    const [A, B, C] = triangleFromSides(7, 8, 13);
    return Math.max(angleAt(B, A, C), angleAt(A, B, C), angleAt(A, C, B));
  },
  'template:area-ratios-shared-height#0': () => {
    const [A, B, C]: [P, P, P] = [[0, 12], [0, 0], [10, 0]];
    const D = lerp(B, C, 2 / 5);
    return shoelace([B, D, lerp(A, D, 0.5)]);
  },
  'template:area-ratios-shared-height#1': () => {
    const [A, B, C]: [P, P, P] = [[0, 0], [2, 0], [1, 1]];
    return shoelace([A, lerp(A, B, 1 / 3), lerp(A, C, 3 / 4)]) / shoelace([A, B, C]);
  },

  // Geometry: coordinates
  'template:distance-midpoint-slope#0': () => {
    // The locus |PA| = |PB|: for x = 0 and x = 1 find the equidistant y, then the line through them.
    const [A, B]: [P, P] = [[-2, 3], [4, -5]];
    const yAt = (x: number) => bisect((y) => dist([x, y], A) - dist([x, y], B), -100, 100);
    const [y0, y1] = [yAt(0), yAt(1)];
    return `${clean(y1 - y0)}x${y0 < 0 ? '-' : '+'}${Math.abs(clean(y0))}`;
  },
  'template:distance-midpoint-slope#1': () => dist([1, 2], [7, 10]),
  'template:shoelace-formula#0': () => {
    const { inside, boundary } = latticeCounts([[1, 1], [5, 2], [6, 6], [2, 5]]);
    return inside + boundary / 2 - 1; // Pick's theorem: a route that never multiplies coordinates
  },
  'template:circles-in-coordinates#0': () => {
    const F = (x: number, y: number) => x * x + y * y - 6 * x + 4 * y - 12;
    const xs = zeros((x) => dc(F(x.v, 1)), -20, 20);
    return Math.max(...xs) - Math.min(...xs);
  },
  'template:circles-in-coordinates#1': () => {
    // Gradient of F(x, y) = x^2 + y^2 - 6x + 4y - 12 at (7, 1), by dual numbers in each variable.
    const F = (x: Dual, y: Dual) => dAdd(dMul(x, x), dMul(y, y), dScale(-6, x), dScale(4, y), dc(-12));
    const gx = F(dx(7), dc(1)).d;
    const gy = F(dc(7), dx(1)).d;
    return linearEquation([gx, gy], ['x', 'y'], gx * 7 + gy * 1);
  },
  'template:picks-theorem#0': () => latticeCounts([[0, 0], [10, 0], [0, 6]]).inside,
  'template:reflection-shortest-path#0': () => {
    const path = (x: Dual) => dAdd(dSqrt(dAdd(dPow(dSub(x, dc(1)), 2), dc(9))), dSqrt(dAdd(dPow(dSub(x, dc(7)), 2), dc(25))));
    return Math.min(...criticalPoints(path, -50, 50).map((x) => value(path, x)));
  },

  // Geometry: solids
  'template:prism-cylinder-volume-surface#0': () => 2 * diskArea(3) + curveLength((t) => onCircle(deg(t), 3)) * 8,
  'template:prism-cylinder-volume-surface#1': () => {
    const base: P[] = [[0, 0], [6, 0], [0, 8]];
    const perimeter = base.reduce((s, p, k) => s + dist(p, base[(k + 1) % 3] as P), 0);
    return 2 * shoelace(base) + perimeter * 10;
  },
  'template:cone-pyramid-volume-surface#0': () => {
    const h = Math.sqrt(13 * 13 - 5 * 5);
    return volumeBySlices((z) => diskArea((5 * z) / h), 0, h);
  },
  'template:cone-pyramid-volume-surface#1': () => {
    const h = Math.sqrt(13 * 13 - 5 * 5);
    return volumeBySlices((z) => ((10 * z) / h) ** 2, 0, h);
  },
  'template:sphere-volume-surface#0': () => {
    const r = bisect((x) => 4 * x * x - 144, 0, 100);
    return volumeBySlices((z) => Math.PI * (r * r - z * z), -r, r);
  },
  'template:sphere-volume-surface#1': () => volumeBySlices((z) => Math.PI * (1 - z * z), -1, 1) / volumeBySlices(() => Math.PI, -1, 1),
  'template:similar-solids-scaling#0': () => {
    // Cones of one shape (height = 2 radius): find both radii from the volumes, compare lateral areas.
    const vol = (r: number) => volumeBySlices((z) => Math.PI * (z / 2) ** 2, 0, 2 * r);
    const lateral = (r: number) => Math.PI * r * Math.hypot(r, 2 * r);
    const [r1, r2] = [bisect((r) => vol(r) - 27, 0.1, 10), bisect((r) => vol(r) - 64, 0.1, 10)];
    return (45 * lateral(r2)) / lateral(r1);
  },
  'template:similar-solids-scaling#1': () => identifyRational(volumeBySlices((z) => z * z, 4, 12) / volumeBySlices((z) => z * z, 0, 12)),
  'template:space-diagonal-3d-pythagoras#0': () => norm3(sub3([3, 4, 12], [0, 0, 0])),

  // Precalculus: trigonometry
  'template:unit-circle-exact-values#0': () => Math.sin((7 * Math.PI) / 6) * Math.cos((5 * Math.PI) / 3) + Math.tan((3 * Math.PI) / 4),
  'template:unit-circle-exact-values#1': () => Math.cos((-11 * Math.PI) / 4),
  'template:trig-sum-difference-formulas#0': () => Math.cos(rad(15)),
  'template:trig-sum-difference-formulas#1': () => Math.sin(Math.asin(3 / 5) + Math.acos(5 / 13)),
  'template:sum-to-product-formulas#0': () => (Math.sin(rad(80)) - Math.sin(rad(20))) / (Math.cos(rad(80)) + Math.cos(rad(20))),
  'template:sum-to-product-formulas#1': () => 2 * Math.sin(rad(75)) * Math.cos(rad(15)),
  'template:solving-trig-equations#0': () => {
    const f: DualFn = (x) => dAdd(dScale(2, dPow(dSin(x), 2)), dScale(-3, dSin(x)), dc(1));
    return zeros(f, 0, 2 * Math.PI).reduce((s, x) => s + x, 0);
  },
  'template:solving-trig-equations#1': () => zeros((x) => dSub(dCos(dScale(2, x)), dCos(x)), 0, 2 * Math.PI).length,
  'template:trigonometric-substitution#0': () => maxOn((x) => dAdd(x, dSqrt(dSub(dc(4), dMul(x, x)))), -2, 2),
  'template:trigonometric-substitution#1': () => maxOn((x) => dDiv(dScale(6, x), dAdd(dc(1), dScale(9, dMul(x, x)))), -100, 100),
  'template:auxiliary-angle-amplitude#0': () => maxOn((x) => dAdd(dScale(3, dSin(x)), dScale(4, dCos(x)), dc(2)), 0, 2 * Math.PI),
  'template:auxiliary-angle-amplitude#1': () =>
    zeros((x) => dAdd(dSin(x), dScale(Math.sqrt(3), dCos(x)), dc(-1)), 0, 2 * Math.PI).reduce((s, x) => s + x, 0),

  // Precalculus: vectors, lines and planes
  'template:law-of-cosines-vectors#0': () => {
    const a: P = [3, 0];
    return bisect((t) => dist(add(a, onCircle(t, 5)), [0, 0]) - 7, 0, 180);
  },
  'template:law-of-cosines-vectors#1': () => {
    const a: P = [2, 0];
    const b = onCircle(bisect((t) => dist(a, onCircle(t, 3)) - 4, 0, 180), 3);
    return dist(add(a, scale(2, b)), [0, 0]);
  },
  'template:dot-product-angle#0': () => {
    const [u, v]: [V3, V3] = [[1, 1, 0], [1, 0, 1]];
    const cross: V3 = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
    return deg(Math.atan2(norm3(cross), dot3(u, v)));
  },
  'template:dot-product-angle#1': () => {
    // Perpendicular exactly when |u + v|^2 = |u|^2 + |v|^2 (Pythagoras), solved for k.
    const gap = (k: number) => {
      const [u, v]: [V3, V3] = [[k, 2, -1], [3, k, 4]];
      const s: V3 = [u[0] + v[0], u[1] + v[1], u[2] + v[2]];
      return norm3(s) ** 2 - norm3(u) ** 2 - norm3(v) ** 2;
    };
    return identifyRational(bisect(gap, -10, 10));
  },
  'template:vector-projection#0': () => {
    const [u, v]: [P, P] = [[3, 4], [1, 2]];
    const t = only(criticalPoints((s) => dAdd(dPow(dSub(dc(u[0]), dScale(v[0], s)), 2), dPow(dSub(dc(u[1]), dScale(v[1], s)), 2)), -10, 10));
    return tuple(t * v[0], t * v[1]);
  },
  'template:vector-projection#1': () => {
    const [u, v]: [P, P] = [[3, 4], [1, 2]];
    const d = (s: Dual) => dSqrt(dAdd(dPow(dSub(dc(u[0]), dScale(v[0], s)), 2), dPow(dSub(dc(u[1]), dScale(v[1], s)), 2)));
    return value(d, only(criticalPoints(d, -10, 10)));
  },
  'template:cross-product-area#0': () => {
    const [A, B, C]: [V3, V3, V3] = [[1, 0, 0], [0, 2, 0], [0, 0, 3]];
    return heron(norm3(sub3(A, B)), norm3(sub3(B, C)), norm3(sub3(C, A)));
  },
  'template:cross-product-area#1': () => {
    const m = [[1, 2, 0], [0, 1, 3], [2, 0, 1]];
    // Volume = |det|, with the determinant taken as the product of pivots of an elimination.
    const a = m.map((r) => [...r]);
    let det = 1;
    for (let c = 0; c < 3; c++) {
      const pivotRow = a[c] as number[];
      det *= pivotRow[c] as number;
      for (let r = c + 1; r < 3; r++) {
        const row = a[r] as number[];
        const k = (row[c] as number) / (pivotRow[c] as number);
        for (let j = c; j < 3; j++) row[j] = (row[j] as number) - k * (pivotRow[j] as number);
      }
    }
    return Math.abs(det);
  },
  'template:lines-and-planes-3d#0': () => {
    const pts: V3[] = [[1, 0, 0], [0, 2, 0], [0, 0, 3]];
    const [a, b, c] = solveLinear(pts, [1, 1, 1]) as [number, number, number];
    return linearEquation([a, b, c], ['x', 'y', 'z'], 1);
  },
  'template:lines-and-planes-3d#1': () => {
    const at = (t: number): V3 => [1 + 2 * t, 2 - t, 3 + t];
    const t = bisect((s) => at(s).reduce((x, y) => x + y, 0) - 12, -100, 100);
    return tuple(...at(t));
  },
  'template:point-to-plane-distance#0': () => {
    // Least squares over the plane p0 + s e1 + t e2 (all on 2x - y + 2z = 10), then the distance.
    const [q, p0, e1, e2]: [V3, V3, V3, V3] = [[1, 2, 3], [5, 0, 0], [1, 2, 0], [0, 2, 1]];
    const w = sub3(q, p0);
    const [s, t] = solveLinear([[dot3(e1, e1), dot3(e1, e2)], [dot3(e1, e2), dot3(e2, e2)]], [dot3(e1, w), dot3(e2, w)]) as [number, number];
    const foot: V3 = [p0[0] + s * e1[0] + t * e2[0], p0[1] + s * e1[1] + t * e2[1], p0[2] + s * e1[2] + t * e2[2]];
    return norm3(sub3(q, foot));
  },

  // Precalculus: matrices
  'template:determinant-2x2-3x3#0': () => leibnizDet([[2, -1, 3], [0, 4, 1], [5, 2, -2]]),
  'template:determinant-2x2-3x3#1': () => bisect((k) => leibnizDet([[1, 2, k], [0, 1, 3], [2, 1, 1]]), -100, 100),
  'template:matrix-inverse-2x2-3x3#0': () => pmatrix(inverse([[3, 5], [1, 2]])),
  'template:matrix-inverse-2x2-3x3#1': () => inverse([[1, 0, 2], [0, 1, 0], [1, 0, 3]])[0]?.[2] ?? NaN,
  'template:rotation-matrix#0': () => {
    const z = cMul([2, 4], [Math.cos(rad(60)), Math.sin(rad(60))]);
    return tuple(z[0], z[1]);
  },
  'template:rotation-matrix#1': () => {
    const c: P = [2, 3];
    // The image is 90 degrees counterclockwise from the point about c: same distance, left turn.
    const [X, Y] = circleMeet(c, dist(c, [5, 1]), [5, 1], Math.SQRT2 * dist(c, [5, 1]));
    const left = (p: P) => (5 - c[0]) * (p[1] - c[1]) - (1 - c[1]) * (p[0] - c[0]) > 0;
    const img = left(X) ? X : Y;
    return tuple(img[0], img[1]);
  },

  // Precalculus: polar form and complex numbers
  'template:polar-coordinates-conversion#0': () => {
    const [x, y] = [-Math.sqrt(3), 1];
    const theta = (Math.atan2(y, x) + 2 * Math.PI) % (2 * Math.PI);
    return tuple(Math.hypot(x, y), theta);
  },
  'template:polar-coordinates-conversion#1': () => {
    // Fit x^2 + y^2 + Dx + Ey + F = 0 through three points of the curve r = 4 cos(theta).
    const pts = [0.3, 0.9, -0.5].map((t): P => [4 * Math.cos(t) * Math.cos(t), 4 * Math.cos(t) * Math.sin(t)]);
    const [D, E, F] = solveLinear(pts.map(([x, y]) => [x, y, 1]), pts.map(([x, y]) => -(x * x + y * y))) as [number, number, number];
    const rest = linearEquation([D, E, F], ['x', 'y', ''], 0);
    return `x^2+y^2${/^-/.test(rest) ? '' : '+'}${rest}`;
  },
  'template:complex-polar-form#0': () => {
    const z = cDiv(cPow([1, 1], 4), cPow([Math.sqrt(3), 1], 2));
    return complexTex(z[0], z[1]);
  },
  'template:de-moivre-theorem#0': () => {
    const z = cPow([1, Math.sqrt(3)], 10);
    return complexTex(z[0], z[1]);
  },
  'template:de-moivre-theorem#1': () => identifyRational(Math.cos(3 * Math.acos(1 / 3))),
  'template:complex-rotation-multiplication#0': () => {
    const [A, B]: [P, P] = [[1, 2], [4, 3]];
    const side = dist(A, B);
    const [X, Y] = circleMeet(B, side, A, side * Math.SQRT2);
    const leftOfAB = (p: P) => (B[0] - A[0]) * (p[1] - A[1]) - (B[1] - A[1]) * (p[0] - A[0]) > 0;
    const Cpt = leftOfAB(X) ? X : Y;
    return tuple(Cpt[0], Cpt[1]);
  },
  'template:complex-rotation-multiplication#1': () => {
    const [X, Y] = circleMeet([1, 1], 4, [5, 1], 4);
    const top = X[1] > Y[1] ? X : Y;
    return tuple(top[0], top[1]);
  },

  // Calculus
  'template:derivative-rules#0': () => slope((x) => dMul(dPow(x, 3), dPow(dSub(dScale(2, x), dc(1)), 4)), 1),
  'template:derivative-rules#1': () => slope((x) => dDiv(dAdd(dScale(3, x), dc(1)), dAdd(dMul(x, x), dc(1))), 1),
  'template:extrema-via-derivative#0': () => maxOn((x) => dAdd(dPow(x, 3), dScale(-6, dMul(x, x)), dScale(9, x), dc(1)), 0, 4),
  'template:extrema-via-derivative#1': () => maxOn((x) => dMul(x, dPow(dSub(dc(12), dScale(2, x)), 2)), 0, 6),
  'template:evaluating-limits#0': () => {
    const f = (x: number) => (x ** 3 - 8) / (x ** 2 - 4);
    const h = 1e-5;
    return identifyRational((f(2 + h) + f(2 - h)) / 2);
  },
  'template:evaluating-limits#1': () => {
    const f = (x: number) => (Math.sqrt(x + 9) - 3) / x;
    const h = 1e-5;
    return identifyRational((f(h) + f(-h)) / 2);
  },
  'template:definite-integral-area#0': () => simpson((x) => 3 * x * x - 2 * x + 1, 0, 2),
  'template:definite-integral-area#1': () => {
    const [a, b] = zeros((x) => dSub(dMul(x, x), dScale(2, x)), -10, 10) as [number, number];
    return identifyRational(simpson((x) => Math.abs(2 * x - x * x), a, b));
  },
  'template:tangent-line-to-curve#0': () => {
    const f: DualFn = (x) => dAdd(dPow(x, 3), dScale(-2, x), dc(1));
    const [y0, m] = [value(f, 2), slope(f, 2)];
    return `${clean(m)}x${y0 - 2 * m < 0 ? '-' : '+'}${Math.abs(clean(y0 - 2 * m))}`;
  },

  // Practice problems
  'problem:fraction-division-order': () => fr(3, 4).add(fr(2, 3).div(fr(8, 9))).sub(fr(1, 2)).tex(),
  'problem:deposit-from-balance-simple-interest': () => only(range(1, 10_000).filter((p) => p * 100 + p * 5 * 3 === 4600 * 100)),
  'problem:parallel-lines-same-side-angles': () => {
    const x = only(range(-100, 100).filter((t) => 4 * t + 12 + (2 * t + 18) === 180));
    return Math.max(4 * x + 12, 2 * x + 18);
  },
  'problem:fifty-cents-coin-list': () => {
    let ways = 0;
    for (const q of range(0, 2)) for (const d of range(0, 5)) for (const n of range(0, 10)) if (25 * q + 10 * d + 5 * n === 50) ways++;
    return ways;
  },
  'problem:cone-cup-partly-filled': () => (216 * volumeBySlices((z) => z * z, 0, 8)) / volumeBySlices((z) => z * z, 0, 12),
  'problem:incircle-tangent-length': () => {
    const [A, B, C] = triangleFromSides(10, 12, 14);
    return incentre(A, B, C)[0];
  },
  'problem:bisector-length-stewart': () => {
    const [A, B, C] = triangleFromSides(4, 5, 6);
    return dist(A, bisectorFoot(A, B, C));
  },
  'problem:lattice-quadrilateral-interior-points': () => latticeCounts([[0, 0], [8, 0], [6, 5], [1, 4]]).inside,
  'problem:cyclic-quadrilateral-diagonal-ptolemy': () => {
    // Find the circle on which chords 7, 24, 20, 15 close up, place the points, measure BD.
    const chords = [7, 24, 20, 15];
    const arc = (c: number, R: number) => 2 * deg(Math.asin(c / (2 * R)));
    const R = bisect((r) => chords.reduce((s, c) => s + arc(c, r), 0) - 360, 12.0001, 1000);
    const [A, B, , D] = chords.reduce<number[]>((angles, c) => [...angles, (angles[angles.length - 1] ?? 0) + arc(c, R)], [0]).map((t) => onCircle(t, R));
    if (!A || !B || !D) throw new Error('placement failed');
    return dist(B, D);
  },
  'problem:tan-75-exact': () => Math.tan(rad(75)),
  'problem:triangle-area-3d-cross-product': () => {
    const [A, B, C]: [V3, V3, V3] = [[1, 2, 0], [3, 0, 1], [0, 1, 2]];
    return heron(norm3(sub3(A, B)), norm3(sub3(B, C)), norm3(sub3(C, A)));
  },
  'problem:complex-quotient-power-de-moivre': () => {
    const z = cPow(cDiv([1, Math.sqrt(3)], [1, -1]), 8);
    return complexTex(z[0], z[1]);
  },
  'problem:trig-equation-sum-to-product': () =>
    zeros((x) => dSub(dAdd(dSin(x), dSin(dScale(3, x))), dCos(x)), 0, 2 * Math.PI).reduce((s, x) => s + x, 0),
  'problem:rectangle-under-parabola-max-area': () => maxOn((x) => dMul(dScale(2, x), dSub(dc(12), dMul(x, x))), 0, 2 * Math.sqrt(3)),
};
