/**
 * Independent recomputations for the core "algebra" part (Algebra and Intermediate Algebra):
 * one entry per worked example and per practice problem. Each answer is rebuilt here by brute
 * force, exact rational arithmetic, numeric root finding or simulation rather than by repeating
 * the pack's own derivation, so a wrong answer in the content fails the content test.
 */

// ---------------------------------------------------------------------------------------
// Exact rationals (BigInt) so that fractions are compared exactly, never as rounded floats.

class Q {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint | number, d: bigint | number = 1n) {
    let nn = BigInt(n);
    let dd = BigInt(d);
    if (dd === 0n) throw new Error('division by zero');
    if (dd < 0n) [nn, dd] = [-nn, -dd];
    const g = gcd(nn < 0n ? -nn : nn, dd);
    this.n = g === 0n ? 0n : nn / g;
    this.d = g === 0n ? 1n : dd / g;
  }
  static of(x: Q | number): Q {
    return x instanceof Q ? x : new Q(BigInt(x));
  }
  add(o: Q | number): Q {
    const b = Q.of(o);
    return new Q(this.n * b.d + b.n * this.d, this.d * b.d);
  }
  sub(o: Q | number): Q {
    const b = Q.of(o);
    return new Q(this.n * b.d - b.n * this.d, this.d * b.d);
  }
  mul(o: Q | number): Q {
    const b = Q.of(o);
    return new Q(this.n * b.n, this.d * b.d);
  }
  div(o: Q | number): Q {
    const b = Q.of(o);
    return new Q(this.n * b.d, this.d * b.n);
  }
  eq(o: Q | number): boolean {
    const b = Q.of(o);
    return this.n === b.n && this.d === b.d;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  toNumber(): number {
    return Number(this.n) / Number(this.d);
  }
  /** `7`, `-\frac{3}{2}`. */
  tex(): string {
    if (this.d === 1n) return String(this.n);
    const sign = this.n < 0n ? '-' : '';
    const a = this.n < 0n ? -this.n : this.n;
    return `${sign}\\frac{${a}}{${this.d}}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

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
  const r = Math.round(x * 1e9) / 1e9;
  return String(Object.is(r, -0) ? 0 : r);
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
};

/** Distance from (x0, y0) to Ax + By + C = 0 via the foot of the perpendicular. */
function footDistance(A: number, B: number, C: number, x0: number, y0: number): string {
  const t = -(A * x0 + B * y0 + C) / (A * A + B * B);
  const fx = x0 + A * t;
  const fy = y0 + B * t;
  if (Math.abs(A * fx + B * fy + C) > 1e-9) throw new Error('foot not on line');
  return clean(Math.hypot(fx - x0, fy - y0));
}
