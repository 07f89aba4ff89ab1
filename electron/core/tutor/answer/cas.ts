/**
 * The CAS layer (Cortex Compute Engine): parse LaTeX, decide symbolic equality, sample
 * numerically, and compute a "form key" that says whether two expressions are written the
 * same way up to term order and spacing. Every call is guarded; nothing here throws.
 */
import { ComputeEngine } from '@cortex-js/compute-engine';
import { mulberry32 } from '../../util/prng.js';

type Expr = NonNullable<ReturnType<ComputeEngine['parse']>>;
type MathJson = unknown;

let engine: ComputeEngine | null = null;
function ce(): ComputeEngine {
  engine ??= new ComputeEngine();
  return engine;
}

export interface ParsedMath {
  expr: Expr;
  /** Structure as typed (no simplification), used to compare forms. */
  formKey: string;
  variables: string[];
}

function hasError(json: MathJson): boolean {
  if (Array.isArray(json)) return json[0] === 'Error' || json.some(hasError);
  return false;
}

/** Term order, Subtract vs Add-Negate, implicit vs explicit products and brackets do not change form. */
function formOf(json: MathJson): MathJson {
  if (!Array.isArray(json)) return json;
  let [head, ...args] = json as [MathJson, ...MathJson[]];
  args = args.map(formOf);
  if (head === 'Delimiter' && args.length === 1) return args[0];
  if (head === 'InvisibleOperator') head = 'Multiply';
  if (head === 'Negate' && args.length === 1 && typeof args[0] === 'number') return -args[0];
  // `-2\sqrt{3}` may read as Negate(2·√3) or (−2)·√3: one form.
  if (head === 'Negate' && args.length === 1 && Array.isArray(args[0]) && args[0][0] === 'Multiply') {
    const factors = (args[0] as MathJson[]).slice(1);
    const at = factors.findIndex((f) => typeof f === 'number');
    if (at >= 0) return formOf(['Multiply', ...factors.map((f, i) => (i === at ? -(f as number) : f))]);
  }
  if (head === 'Subtract' && args.length === 2) {
    const negated = typeof args[1] === 'number' ? -args[1] : ['Negate', args[1]];
    return formOf(['Add', args[0], negated]);
  }
  if (head === 'Add' || head === 'Multiply') {
    const flat = args.flatMap((a) => (Array.isArray(a) && a[0] === head ? a.slice(1) : [a]));
    const keyed = flat.map((a) => [JSON.stringify(a), a] as const).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    return [head, ...keyed.map(([, a]) => a)];
  }
  return [head, ...args];
}

export function parseMath(latex: string): ParsedMath | null {
  try {
    const engineRef = ce();
    const expr = engineRef.parse(latex);
    if (!expr.isValid || hasError(expr.json)) return null;
    const raw = engineRef.parse(latex, { form: 'raw' });
    const variables = [...new Set(expr.unknowns ?? [])].filter((v) => typeof v === 'string');
    return { expr, formKey: JSON.stringify(formOf(raw.json)), variables };
  } catch {
    return null;
  }
}

/** Structural or simplification-based equality; null when the CAS cannot tell. */
export function symbolicallyEqual(a: ParsedMath, b: ParsedMath): boolean | null {
  try {
    if (a.expr.isSame(b.expr)) return true;
    const eq = a.expr.isEqual?.(b.expr);
    if (eq === true) return true;
    if (JSON.stringify(a.expr.json).length + JSON.stringify(b.expr.json).length > 600) return null;
    const diff = a.expr.sub(b.expr).simplify();
    if (diff.is(0)) return true;
    return null;
  } catch {
    return null;
  }
}

function valueAt(expr: Expr, assignment: Record<string, number>): { re: number; im: number } | null {
  try {
    const engineRef = ce();
    const subs = Object.fromEntries(Object.entries(assignment).map(([k, v]) => [k, engineRef.number(v)]));
    const n = (Object.keys(subs).length ? expr.subs(subs) : expr).N();
    const re = Number(n.re);
    const im = Number(n.im ?? 0);
    if (!Number.isFinite(re) || !Number.isFinite(im)) return null;
    return { re, im };
  } catch {
    return null;
  }
}

const close = (x: number, y: number, rel: number) => Math.abs(x - y) <= rel * Math.max(1, Math.abs(x), Math.abs(y));

export interface NumericComparison {
  /** null: no point where both sides had a finite value. */
  equal: boolean | null;
  /** Every point agreed to 1e-3 (a rounded decimal of the right value). */
  nearlyEqual: boolean;
}

/** Evaluates both at the same random points (or once, for constants). Relative tolerance 1e-9. */
export function numericallyEqual(a: ParsedMath, b: ParsedMath, rel = 1e-9): NumericComparison {
  const vars = [...new Set([...a.variables, ...b.variables])].slice(0, 8);
  const random = mulberry32(0x5eed);
  const points = vars.length ? 6 : 1;
  let compared = 0;
  let nearly = true;
  for (let p = 0; p < points; p++) {
    const assignment = Object.fromEntries(vars.map((v) => [v, 0.35 + 2 * random()]));
    const va = valueAt(a.expr, assignment);
    const vb = valueAt(b.expr, assignment);
    if (!va || !vb) continue;
    compared++;
    if (!close(va.re, vb.re, rel) || !close(va.im, vb.im, rel)) {
      nearly &&= close(va.re, vb.re, 1e-3) && close(va.im, vb.im, 1e-3);
      return { equal: false, nearlyEqual: nearly };
    }
  }
  return compared ? { equal: true, nearlyEqual: true } : { equal: null, nearlyEqual: false };
}

/**
 * Runs `fn` in a fresh symbol scope: the engine remembers how a symbol was used (`f(x)` makes
 * `f` a function), and one answer must not change how the next one is read.
 */
export function withCasScope<T>(fn: () => T): T {
  let pushed = false;
  try {
    ce().pushScope();
    pushed = true;
  } catch {
    engine = null;
  }
  try {
    return fn();
  } finally {
    if (pushed) {
      try {
        ce().popScope();
      } catch {
        engine = null;
      }
    }
  }
}

/**
 * For equations written as `lhs - rhs`: the same equation up to a non-zero constant factor
 * (`2x + 2y = 2` is `x + y = 1`). Decided by sampling; null when nothing could be evaluated.
 */
export function proportional(a: ParsedMath, b: ParsedMath): boolean | null {
  const vars = [...new Set([...a.variables, ...b.variables])].slice(0, 8);
  const random = mulberry32(0xe9);
  let ratio: number | null = null;
  let compared = 0;
  for (let p = 0; p < 6; p++) {
    const assignment = Object.fromEntries(vars.map((v) => [v, 0.35 + 2 * random()]));
    const va = valueAt(a.expr, assignment);
    const vb = valueAt(b.expr, assignment);
    if (!va || !vb || va.im !== 0 || vb.im !== 0) continue;
    compared++;
    const aZero = Math.abs(va.re) < 1e-12;
    const bZero = Math.abs(vb.re) < 1e-12;
    if (aZero !== bZero) return false;
    if (aZero) continue;
    const r = va.re / vb.re;
    if (ratio === null) ratio = r;
    else if (!close(ratio, r, 1e-9)) return false;
  }
  return compared ? true : null;
}
