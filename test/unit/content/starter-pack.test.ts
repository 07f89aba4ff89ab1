/**
 * The built-in starter pack is content we wrote, so this test checks it as content: it must
 * pass the real import path, every formula must parse in MathJax, and every worked example's
 * numeric answer is recomputed here independently (brute force, coordinates, numerics) so a
 * wrong answer in the pack fails the build instead of misleading a student.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { STATE } from 'mathjax-full/js/core/MathItem.js';
import 'mathjax-full/js/input/tex/base/BaseConfiguration.js';
import 'mathjax-full/js/input/tex/ams/AmsConfiguration.js';
import { packSchema, type PackTemplateV1, type PackV1 } from '../../../shared/packs/schema.js';
import { AppFailure } from '../../../shared/result.js';
import { parsePackFile } from '../../../electron/core/packs/parse.js';
import { dist, intersect, shoelace, triangleFromSides, type P } from './plane.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const packPath = path.join(repoRoot, 'resources/packs/starter.json');
const rawText = fs.readFileSync(packPath, 'utf8');
const raw: unknown = JSON.parse(rawText);
const pack = raw as PackV1;

// ---------------------------------------------------------------------------------------
// Text helpers

interface FieldText {
  where: string;
  text: string;
}

/** Every human-readable string of a template, with a JSON-ish path for failure messages. */
function templateTexts(t: PackTemplateV1): FieldText[] {
  const at = (field: string) => `${t.id}.${field}`;
  const out: FieldText[] = [
    { where: at('name'), text: t.name },
    { where: at('description'), text: t.description },
    ...t.tags.map((text, i) => ({ where: at(`tags[${i}]`), text })),
    ...t.scope.map((text, i) => ({ where: at(`scope[${i}]`), text })),
    ...t.steps.map((text, i) => ({ where: at(`steps[${i}]`), text })),
  ];
  t.examples.forEach((e, i) => {
    out.push({ where: at(`examples[${i}].problem`), text: e.problem });
    e.solution.forEach((text, j) => out.push({ where: at(`examples[${i}].solution[${j}]`), text }));
    out.push({ where: at(`examples[${i}].answer`), text: e.answer });
  });
  return out;
}

const allTexts: FieldText[] = [
  { where: 'name', text: pack.name },
  { where: 'description', text: pack.description },
  ...pack.templates.flatMap(templateTexts),
];

interface MathSplit {
  math: { tex: string; display: boolean }[];
  prose: string;
  error?: string;
}

/** Split on `$…$` / `$$…$$`; reports an error when delimiters do not pair up. */
function splitMath(text: string): MathSplit {
  const math: MathSplit['math'] = [];
  let prose = '';
  let mode: 'text' | 'inline' | 'display' = 'text';
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && mode !== 'text') {
      current += text.slice(i, i + 2);
      i++;
      continue;
    }
    if (ch !== '$') {
      if (mode === 'text') prose += ch;
      else current += ch;
      continue;
    }
    const double = text[i + 1] === '$';
    if (double) i++;
    if (mode === 'text') {
      mode = double ? 'display' : 'inline';
      current = '';
    } else if ((mode === 'display') === double) {
      math.push({ tex: current, display: double });
      mode = 'text';
    } else {
      return { math, prose, error: `mismatched "$" and "$$" near character ${i}` };
    }
  }
  if (mode !== 'text') return { math, prose, error: `math opened with "${mode === 'inline' ? '$' : '$$'}" is never closed` };
  return { math, prose };
}

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
// base + ams only: a strict subset of what the renderer loads, so passing here means it renders there.
const texInput = new TeX({
  packages: ['base', 'ams'],
  formatError: (_jax: unknown, err: { message: string }) => {
    throw new Error(err.message);
  },
});
const texDocument = mathjax.document('', { InputJax: texInput });

/** The MathJax TeX parser's complaint about `tex`, or null when it parses. */
function texError(tex: string, display: boolean): string | null {
  try {
    texDocument.convert(tex, { display, end: STATE.CONVERT });
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

// ---------------------------------------------------------------------------------------
// A tiny evaluator for numeric answers: integers, decimals, \frac, \sqrt, + - \cdot,
// implicit products like 5\sqrt{2}, a trailing \%, and ordered pairs "(4, 2)".
// Returns null for anything else (symbolic answers), which the coverage check reports.

type Value = number | number[];

function evaluateAnswer(answer: string): Value | null {
  const m = /^\$([^$]+)\$$/.exec(answer.trim());
  if (!m?.[1]) return null;
  const tex = m[1].trim().replace(/\\%$/, '').trim();
  const tuple = /^\((.*,.*)\)$/.exec(tex);
  if (tuple?.[1]) {
    const parts = tuple[1].split(',').map((p) => evaluateScalar(p));
    return parts.every((p): p is number => p !== null) ? parts : null;
  }
  return evaluateScalar(tex);
}

function evaluateScalar(tex: string): number | null {
  const tokens: string[] = [];
  const re = /\s*(\\frac|\\sqrt|\\cdot|\d+(?:\.\d+)?|[{}()+-])/y;
  let pos = 0;
  while (pos < tex.length) {
    if (/^\s+$/.test(tex.slice(pos))) break;
    re.lastIndex = pos;
    const tok = re.exec(tex);
    if (!tok?.[1]) return null;
    tokens.push(tok[1]);
    pos = re.lastIndex;
  }
  let i = 0;
  const peek = () => tokens[i];
  const take = (want?: string): string => {
    const tok = tokens[i++];
    if (tok === undefined || (want !== undefined && tok !== want)) throw new Error(`expected ${want ?? 'a token'}`);
    return tok;
  };
  const startsFactor = (tok: string | undefined) =>
    tok !== undefined && (/^\d/.test(tok) || tok === '\\frac' || tok === '\\sqrt' || tok === '(' || tok === '{');
  const group = (): number => {
    take('{');
    const v = expr();
    take('}');
    return v;
  };
  const factor = (): number => {
    const tok = take();
    if (/^\d/.test(tok)) return Number(tok);
    if (tok === '\\frac') return group() / group();
    if (tok === '\\sqrt') return Math.sqrt(group());
    if (tok === '(') {
      const v = expr();
      take(')');
      return v;
    }
    if (tok === '{') {
      i--;
      return group();
    }
    throw new Error(`unexpected ${tok}`);
  };
  const unary = (): number => {
    if (peek() !== '-') return factor();
    take('-');
    return -unary();
  };
  const term = (): number => {
    let v = unary();
    for (;;) {
      if (peek() === '\\cdot') {
        take();
        v *= unary();
      } else if (startsFactor(peek())) v *= factor();
      else return v;
    }
  };
  const expr = (): number => {
    let v = term();
    while (peek() === '+' || peek() === '-') v = take() === '+' ? v + term() : v - term();
    return v;
  };
  try {
    const v = expr();
    return i === tokens.length && Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// Independent recomputation of the worked examples. Each entry solves the example's problem
// by a route other than the template's own method wherever that is cheap.

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k);
const gcdBrute = (a: number, b: number): number => Math.max(...range(1, Math.min(a, b)).filter((d) => a % d === 0 && b % d === 0));
const divisors = (n: number): number[] => range(1, n).filter((d) => n % d === 0);
const firstPositive = (ok: (n: number) => boolean): number => {
  for (let n = 1; n < 1e6; n++) if (ok(n)) return n;
  throw new Error('no solution below 10^6');
};

/** Minimum of f over a grid, for the inequality examples. */
function gridMin1(f: (x: number) => number, lo: number, hi: number, step: number): number {
  let best = Infinity;
  for (let x = lo; x <= hi; x += step) best = Math.min(best, f(x));
  return best;
}
function gridMin2(f: (x: number, y: number) => number, lo: number, hi: number, step: number): number {
  let best = Infinity;
  for (let x = lo; x <= hi; x += step) for (let y = lo; y <= hi; y += step) best = Math.min(best, f(x, y));
  return best;
}

type C = [number, number];
const cAdd = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
const cSub = (a: C, b: C): C => [a[0] - b[0], a[1] - b[1]];
const cMul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const cDiv = (a: C, b: C): C => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};
const realPart = (z: C): number => {
  if (Math.abs(z[1]) > 1e-9) throw new Error(`expected a real result, got imaginary part ${z[1]}`);
  return z[0];
};

/** All complex roots of a polynomial (coefficients highest degree first), Durand-Kerner. */
function polyRoots(coeffs: number[]): C[] {
  const lead = coeffs[0] ?? 1;
  const monic = coeffs.map((c) => c / lead);
  const evalAt = (z: C): C => monic.reduce<C>((acc, c) => cAdd(cMul(acc, z), [c, 0]), [0, 0]);
  let roots: C[] = range(0, monic.length - 2).map((k) => {
    let p: C = [1, 0];
    for (let j = 0; j < k; j++) p = cMul(p, [0.4, 0.9]);
    return p;
  });
  for (let iter = 0; iter < 500; iter++) {
    roots = roots.map((r, k) => {
      let denom: C = [1, 0];
      roots.forEach((s, j) => {
        if (j !== k) denom = cMul(denom, cSub(r, s));
      });
      return cSub(r, cDiv(evalAt(r), denom));
    });
  }
  return roots;
}

/** Distance from point p to the line through a and b. */
const distToLine = (p: P, a: P, b: P): number => (2 * shoelace([p, a, b])) / dist(a, b);

/** Circle x^2 + y^2 = R^2 and P = (p, 0): a point X on the circle with |PX| = d. */
function pointOnCircleAt(R: number, p: number, d: number): P {
  const x = (p * p + R * R - d * d) / (2 * p);
  return [x, Math.sqrt(R * R - x * x)];
}
/** The other point where the line through P and X (X on the circle) meets the circle. */
function otherIntersection(R: number, P: P, X: P): P {
  const u: P = [X[0] - P[0], X[1] - P[1]];
  // |P + t u|^2 = R^2, solved by the quadratic formula; t = 1 is X itself.
  const a = u[0] * u[0] + u[1] * u[1];
  const b = 2 * (P[0] * u[0] + P[1] * u[1]);
  const c = P[0] * P[0] + P[1] * P[1] - R * R;
  const root = Math.sqrt(b * b - 4 * a * c);
  const ts = [(-b + root) / (2 * a), (-b - root) / (2 * a)];
  const t = ts.reduce((best, x) => (Math.abs(x - 1) > Math.abs(best - 1) ? x : best));
  return [P[0] + t * u[0], P[1] + t * u[1]];
}

interface Recompute {
  expected: () => Value;
  /** Absolute tolerance; numeric searches need more than the default. */
  tol?: number;
}

/** Keyed `templateId#exampleNumber` (1-based). */
const RECOMPUTE: Record<string, Recompute> = {
  'percent-change#1': { expected: () => 80 * (1 + 25 / 100) * (1 - 20 / 100) },
  'percent-change#2': { expected: () => ((100 * 1.1 * 1.1 - 100) / 100) * 100 },
  'ratios-and-rates#1': {
    expected: () => range(0, 64).find((blue) => 5 * (64 - blue) === 3 * blue) ?? NaN,
  },
  'ratios-and-rates#2': { expected: () => (60 + 60) / (60 / 30 + 60 / 60) },
  'completing-the-square#1': { expected: () => gridMin1((x) => x * x - 6 * x + 14, -50, 50, 1e-3), tol: 1e-5 },
  'completing-the-square#2': {
    // Radius = half the widest horizontal chord; each chord from the quadratic in x.
    expected: () => {
      let widest = 0;
      for (let y = -50; y <= 50; y += 1e-3) {
        const disc = 16 - 4 * (y * y - 10 * y + 20);
        if (disc > 0) widest = Math.max(widest, Math.sqrt(disc));
      }
      return widest / 2;
    },
    tol: 1e-5,
  },
  'quadratic-formula-discriminant#1': {
    expected: () => {
      const f = (x: number) => 2 * x * x - 4 * x - 1;
      let [lo, hi] = [1, 10]; // f(1) < 0 < f(10), and the vertex is at x = 1
      for (let k = 0; k < 200; k++) {
        const mid = (lo + hi) / 2;
        if (f(mid) < 0) lo = mid;
        else hi = mid;
      }
      return lo;
    },
  },
  'quadratic-formula-discriminant#2': {
    expected: () => {
      // The k > 0 for which x^2 + kx + 9 touches zero: its minimum value 9 - k^2/4 is 0.
      const ks = range(1, 100).filter((k) => Math.abs(gridMin1((x) => x * x + k * x + 9, -60, 0, 0.5)) < 1e-12);
      expect(ks).toHaveLength(1);
      return ks[0] ?? NaN;
    },
  },
  'linear-systems-elimination#1': {
    expected: () => {
      const sols: number[][] = [];
      for (const x of range(-50, 50)) for (const y of range(-50, 50)) if (3 * x + 2 * y === 16 && 5 * x - 3 * y === 14) sols.push([x, y]);
      expect(sols).toHaveLength(1);
      return sols[0] ?? [];
    },
  },
  'linear-systems-elimination#2': {
    expected: () => {
      for (const a of range(-50, 50)) {
        const b = 10 - a;
        const c = 14 - b;
        if (c + a === 18) return a * b * c;
      }
      return NaN;
    },
  },
  'arithmetic-geometric-series#1': {
    expected: () => {
      let s = 0;
      for (let k = 7; k <= 99; k += 4) s += k;
      return s;
    },
  },
  'arithmetic-geometric-series#2': {
    expected: () => range(0, 200).reduce((s, k) => s + 6 * (-1 / 3) ** k, 0),
  },
  'last-digits-modular#1': { expected: () => Number(7n ** 2024n % 10n) },
  'last-digits-modular#2': { expected: () => Number((3n ** 2023n + 7n ** 2023n) % 10n) },
  'chinese-remainder-theorem#1': { expected: () => firstPositive((n) => n % 3 === 2 && n % 5 === 3 && n % 7 === 2) },
  'chinese-remainder-theorem#2': { expected: () => firstPositive((n) => n % 4 === 3 && n % 5 === 4 && n % 6 === 5) },
  'euclidean-algorithm-gcd#1': { expected: () => gcdBrute(1071, 462) },
  'euclidean-algorithm-gcd#2': { expected: () => Math.max(...range(1, 300).map((n) => gcdBrute(n + 7, 2 * n + 1))) },
  'divisor-counting#1': { expected: () => divisors(720).length },
  'divisor-counting#2': { expected: () => divisors(3600).filter((d) => Number.isInteger(Math.sqrt(d))).length },
  'complementary-counting#1': { expected: () => range(1000, 9999).filter((n) => String(n).includes('7')).length },
  'complementary-counting#2': {
    expected: () => {
      let hits = 0;
      for (const a of range(1, 6)) for (const b of range(1, 6)) for (const c of range(1, 6)) if ([a, b, c].includes(6)) hits++;
      return hits / 216;
    },
  },
  'stars-and-bars#1': {
    expected: () => range(0, 10).flatMap((a) => range(0, 10 - a)).length, // c = 10 - a - b is forced
  },
  'stars-and-bars#2': {
    expected: () => {
      let ways = 0;
      for (const a of range(2, 12)) for (const b of range(2, 12)) for (const c of range(2, 12)) {
        const d = 12 - a - b - c;
        if (d >= 2) ways++;
      }
      return ways;
    },
  },
  'inclusion-exclusion#1': {
    expected: () => {
      // One class consistent with the data: students 0-6 play both, 7-17 football only, 18-25 basketball only.
      const football = new Set(range(0, 17));
      const basketball = new Set([...range(0, 6), ...range(18, 25)]);
      expect([football.size, basketball.size, [...football].filter((s) => basketball.has(s)).length]).toEqual([18, 15, 7]);
      return range(0, 29).filter((s) => !football.has(s) && !basketball.has(s)).length;
    },
  },
  'inclusion-exclusion#2': { expected: () => range(1, 1000).filter((n) => n % 2 && n % 3 && n % 5).length },
  'probability-equally-likely#1': {
    expected: () => range(1, 6).flatMap((a) => range(1, 6).map((b) => a + b)).filter((s) => s === 8).length / 36,
  },
  'probability-equally-likely#2': {
    expected: () => {
      const bag = ['r', 'r', 'r', 'r', 'r', 'b', 'b', 'b'];
      let same = 0;
      let all = 0;
      bag.forEach((x, i) =>
        bag.forEach((y, j) => {
          if (i < j) {
            all++;
            if (x === y) same++;
          }
        }),
      );
      return same / all;
    },
  },
  'similar-triangles#1': {
    expected: () => {
      // A at the origin, AB = 10 along the x-axis, C chosen so that BC = 15.
      const A: P = [0, 0];
      const B: P = [10, 0];
      const C: P = [10 - 9, 12]; // |BC| = sqrt(81 + 144) = 15
      expect(dist(B, C)).toBeCloseTo(15, 12);
      const D: P = [4, 0];
      const E = intersect(D, [C[0] - B[0], C[1] - B[1]], A, C);
      return dist(D, E);
    },
  },
  'similar-triangles#2': {
    expected: () => {
      const A: P = [0, 0];
      const B: P = [5, 0];
      const C: P = [1, 20]; // area 50
      expect(shoelace([A, B, C])).toBeCloseTo(50, 12);
      const D: P = [2, 0]; // AD : DB = 2 : 3
      const E = intersect(D, [C[0] - B[0], C[1] - B[1]], A, C);
      return shoelace([D, B, C, E]);
    },
  },
  'pythagorean-special-right-triangles#1': { expected: () => Math.hypot(20, 21) },
  'pythagorean-special-right-triangles#2': {
    expected: () => shoelace(triangleFromSides(6, 6, 6)), // coordinates, not the 30-60-90 ratios
  },
  'triangle-area-heron#1': { expected: () => shoelace(triangleFromSides(13, 14, 15)) },
  'triangle-area-heron#2': {
    expected: () => {
      const [A, B, C] = triangleFromSides(13, 14, 15);
      return Math.min(distToLine(A, B, C), distToLine(B, C, A), distToLine(C, A, B));
    },
  },
  'power-of-a-point#1': {
    expected: () => {
      // A concrete circle (R = 7, P at distance 5 from the centre) where a chord through P
      // splits 6 + 4; then measure the chord through P that starts 3 from P.
      const R = 7;
      const Pt: P = [5, 0];
      const A = pointOnCircleAt(R, 5, 6);
      expect(dist(Pt, otherIntersection(R, Pt, A))).toBeCloseTo(4, 9);
      const Cp = pointOnCircleAt(R, 5, 3);
      return dist(Pt, otherIntersection(R, Pt, Cp));
    },
  },
  'power-of-a-point#2': {
    expected: () => {
      // R = 9 and |OP| = 15 give a tangent of length sqrt(225 - 81) = 12.
      const R = 9;
      const Pt: P = [15, 0];
      expect(Math.sqrt(15 * 15 - R * R)).toBeCloseTo(12, 12);
      const A = pointOnCircleAt(R, 15, 8);
      return dist(A, otherIntersection(R, Pt, A));
    },
  },
  'vietas-formulas#1': {
    expected: () => polyRoots([1, -5, 3]).reduce((s, r) => s + realPart(cMul(r, r)), 0),
  },
  'vietas-formulas#2': {
    expected: () => realPart(polyRoots([2, -3, 5, -7]).reduce<C>((s, r) => cAdd(s, cMul(r, r)), [0, 0])),
  },
  'am-gm-inequality#1': { expected: () => gridMin1((x) => x + 9 / x, 0.01, 20, 1e-4), tol: 1e-6 },
  'am-gm-inequality#2': { expected: () => gridMin1((x) => 2 * x + 1 / (x * x), 0.01, 20, 1e-4), tol: 1e-6 },
  'cauchy-schwarz-engel#1': {
    expected: () => gridMin2((x, y) => (x + y < 1 ? 1 / x + 4 / y + 9 / (1 - x - y) : Infinity), 0.001, 1, 0.001),
    tol: 1e-2,
  },
  'cauchy-schwarz-engel#2': {
    expected: () =>
      gridMin2((a, b) => {
        const c = 6 - a - b;
        return c > 0 ? (a * a) / b + (b * b) / c + (c * c) / a : Infinity;
      }, 0.005, 6, 0.005),
    tol: 1e-3,
  },
  'telescoping-sums#1': { expected: () => range(1, 99).reduce((s, k) => s + 1 / (k * (k + 1)), 0) },
  'telescoping-sums#2': { expected: () => range(1, 48).reduce((s, k) => s + 1 / (Math.sqrt(k) + Math.sqrt(k + 1)), 0) },
  'double-angle-identities#1': {
    expected: () => {
      const theta = Math.PI - Math.asin(3 / 5); // second quadrant
      return Math.sin(2 * theta);
    },
  },
  'double-angle-identities#2': { expected: () => Math.sin(Math.PI / 12) * Math.cos(Math.PI / 12) },
  'complex-modulus-roots-of-unity#1': {
    expected: () => {
      const z = cMul([3, 4], [1, -1]);
      return Math.hypot(z[0], z[1]);
    },
  },
  'complex-modulus-roots-of-unity#2': {
    expected: () => {
      const w: C = [Math.cos((2 * Math.PI) / 3), Math.sin((2 * Math.PI) / 3)];
      return realPart(cMul(cSub([1, 0], w), cSub([1, 0], cMul(w, w))));
    },
  },
};

function closeEnough(got: Value, want: Value, tol: number): boolean {
  if (typeof got === 'number' || typeof want === 'number') {
    return typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) <= tol;
  }
  return got.length === want.length && got.every((g, k) => Math.abs(g - (want[k] ?? NaN)) <= tol);
}

const examples = pack.templates.flatMap((t) => t.examples.map((e, i) => ({ key: `${t.id}#${i + 1}`, template: t, example: e })));

// ---------------------------------------------------------------------------------------

describe('starter pack: format', () => {
  it('matches pack format v1 (zod schema)', () => {
    const parsed = packSchema.safeParse(raw);
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual([]);
  });

  it('passes the app import path (text safety, topics, ids) with no warnings', () => {
    try {
      const parsed = parsePackFile('starter.json', rawText);
      expect(parsed.sourceFormat).toBe('native');
      expect(parsed.warnings).toEqual([]);
      expect(parsed.pack.templates).toHaveLength(pack.templates.length);
    } catch (err) {
      if (err instanceof AppFailure) expect.fail(`${err.error.message}\n${JSON.stringify(err.error.details, null, 2)}`);
      throw err;
    }
  });

  it('has the agreed metadata', () => {
    expect({
      id: pack.id,
      version: pack.version,
      name: pack.name,
      language: pack.language,
      authors: pack.authors,
      license: pack.license,
    }).toEqual({
      id: 'starter',
      version: '1.0.0',
      name: 'Starter templates',
      language: 'en',
      authors: ['ReasonFlux Tutor contributors'],
      license: 'CC-BY-4.0',
    });
    expect(pack.templates).toHaveLength(24);
  });
});

describe('starter pack: structure', () => {
  it('has unique template ids and unique names', () => {
    const dup = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
    expect(dup(pack.templates.map((t) => t.id))).toEqual([]);
    expect(dup(pack.templates.map((t) => t.name.toLowerCase()))).toEqual([]);
  });

  it.each(pack.templates.map((t) => [t.id, t] as const))('%s has 2-5 tags, 2-4 scope items, 3-7 steps, 1-2 examples', (_id, t) => {
    expect(t.tags.length).toBeGreaterThanOrEqual(2);
    expect(t.tags.length).toBeLessThanOrEqual(5);
    expect(new Set(t.tags).size).toBe(t.tags.length);
    expect(t.scope.length).toBeGreaterThanOrEqual(2);
    expect(t.scope.length).toBeLessThanOrEqual(4);
    expect(t.steps.length).toBeGreaterThanOrEqual(3);
    expect(t.steps.length).toBeLessThanOrEqual(7);
    expect(t.examples.length).toBeGreaterThanOrEqual(1);
    expect(t.examples.length).toBeLessThanOrEqual(2);
    for (const e of t.examples) {
      expect(e.answer.trim()).not.toBe('');
      expect(e.solution.length).toBeGreaterThan(0);
    }
  });

  it('files every template under a listed chapter and section, and leaves no section empty', () => {
    const listed = new Set(pack.topics.flatMap((c) => c.sections.map((s) => `${c.chapter} / ${s}`)));
    const used = new Set(pack.templates.map((t) => `${t.chapter} / ${t.section}`));
    expect([...used].filter((u) => !listed.has(u))).toEqual([]);
    expect([...listed].filter((l) => !used.has(l))).toEqual([]);
  });

  it('covers the seven MATH subjects', () => {
    expect(pack.topics.map((c) => c.chapter).sort()).toEqual(
      ['Algebra', 'Counting & Probability', 'Geometry', 'Intermediate Algebra', 'Number Theory', 'Prealgebra', 'Precalculus'].sort(),
    );
  });

  it('tags exactly five templates "counting" (the e2e tag-filter test relies on it)', () => {
    expect(pack.templates.filter((t) => t.tags.includes('counting'))).toHaveLength(5);
  });
});

describe('starter pack: math text', () => {
  it('balances every $ and $$ in every string', () => {
    const bad = allTexts.flatMap(({ where, text }) => {
      const { error } = splitMath(text);
      return error ? [`${where}: ${error}`] : [];
    });
    expect(bad).toEqual([]);
  });

  it('keeps TeX inside math: no backslash commands, \\( or \\[ delimiters, or HTML in prose', () => {
    const bad = allTexts.flatMap(({ where, text }) => {
      const { prose } = splitMath(text);
      return /\\|<[a-z/!]/i.test(prose) ? [`${where}: ${prose}`] : [];
    });
    expect(bad).toEqual([]);
  });

  it('has no control characters (a single-backslash \\frac in JSON would become a form feed)', () => {
    // eslint-disable-next-line no-control-regex
    const bad = allTexts.filter(({ text }) => /[\u0000-\u001F\u007F]/.test(text)).map((f) => f.where);
    expect(bad).toEqual([]);
  });

  it('parses every formula with the MathJax TeX parser (base + ams)', () => {
    const bad = allTexts.flatMap(({ where, text }) =>
      splitMath(text).math.flatMap(({ tex, display }) => {
        const err = texError(tex, display);
        return err ? [`${where}: ${err} in "${tex}"`] : [];
      }),
    );
    expect(bad).toEqual([]);
  });

  it('writes every answer as one inline formula', () => {
    const bad = examples.filter(({ example }) => !/^\$[^$]+\$$/.test(example.answer)).map((e) => `${e.key}: ${e.example.answer}`);
    expect(bad).toEqual([]);
  });
});

describe('starter pack: worked answers are correct', () => {
  it('the answer evaluator reads the forms used in the pack', () => {
    expect(evaluateAnswer('$\\frac{2+\\sqrt{6}}{2}$')).toBeCloseTo(1 + Math.sqrt(6) / 2, 12);
    expect(evaluateAnswer('$-\\frac{11}{4}$')).toBe(-2.75);
    expect(evaluateAnswer('$9\\sqrt{3}$')).toBeCloseTo(9 * Math.sqrt(3), 12);
    expect(evaluateAnswer('$21\\%$')).toBe(21);
    expect(evaluateAnswer('$(4, 2)$')).toEqual([4, 2]);
    expect(evaluateAnswer('$x^2-1$')).toBeNull();
    expect(evaluateAnswer('40')).toBeNull();
  });

  it('recomputes at least 10 templates, and every recompute entry names a real example', () => {
    const keys = new Set(examples.map((e) => e.key));
    expect(Object.keys(RECOMPUTE).filter((k) => !keys.has(k))).toEqual([]);
    expect(new Set(Object.keys(RECOMPUTE).map((k) => k.split('#')[0])).size).toBeGreaterThanOrEqual(10);
  });

  it('has a recomputation for every example whose answer is a number, fraction or pair', () => {
    const missing = examples.filter((e) => evaluateAnswer(e.example.answer) !== null && !RECOMPUTE[e.key]).map((e) => e.key);
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(RECOMPUTE).sort())('%s', (key) => {
    const entry = RECOMPUTE[key];
    const found = examples.find((e) => e.key === key);
    if (!entry || !found) return expect.fail(`no example ${key}`);
    const got = evaluateAnswer(found.example.answer);
    expect(got, `answer "${found.example.answer}" should be numeric`).not.toBeNull();
    const want = entry.expected();
    const ok = got !== null && closeEnough(got, want, entry.tol ?? 1e-9);
    expect(ok, `${key}: pack says ${found.example.answer} (= ${JSON.stringify(got)}), recomputed ${JSON.stringify(want)}`).toBe(true);
  });
});
