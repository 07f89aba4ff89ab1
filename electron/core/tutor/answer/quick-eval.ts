/**
 * A small, bounded numeric reader for normalised LaTeX answers, with no CAS: numbers, + − × ÷,
 * powers, \frac, \sqrt, |x|, n!, π, e, the usual functions and single-letter variables. It is
 * the synchronous fast path of the answer checker (the leak screen calls it while a step
 * streams) and the fallback when the CAS worker runs over its time budget.
 *
 * Bounded by construction: inputs over QUICK_MAX_CHARS are refused, the tree has at most one
 * node per token, nesting is capped, and evaluation is float64 (an exponent tower becomes
 * Infinity in a few operations instead of a billion-digit integer). Anything it does not know
 * (sums, integrals, limits, complex numbers, \log with a base) makes it say "cannot tell".
 */
import { mulberry32 } from '../../util/prng.js';

export const QUICK_MAX_CHARS = 400;
const MAX_DEPTH = 40;

type Node =
  | { k: 'num'; v: number }
  | { k: 'var'; name: string }
  | { k: 'neg'; a: Node }
  | { k: 'bin'; op: '+' | '-' | '*' | '/'; a: Node; b: Node }
  | { k: 'pow'; a: Node; b: Node }
  | { k: 'fn'; name: string; a: Node }
  | { k: 'fact'; a: Node }
  | { k: 'root'; n: Node; a: Node };

class Unsupported extends Error {}

const FUNCTIONS: Record<string, (x: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  cot: (x) => 1 / Math.tan(x),
  sec: (x) => 1 / Math.cos(x),
  csc: (x) => 1 / Math.sin(x),
  arcsin: Math.asin,
  arccos: Math.acos,
  arctan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  ln: Math.log,
  exp: Math.exp,
  abs: Math.abs,
};

const MULTIPLY = new Set(['*', '\\cdot', '\\times']);
const DIVIDE = new Set(['/', '\\div']);

function tokenize(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    const ch = s[i] as string;
    if (ch === ' ' || ch === '\uE000') {
      i++;
    } else if (ch === '\\') {
      let j = i + 1;
      while (j < s.length && /[a-zA-Z]/.test(s[j] as string)) j++;
      if (j === i + 1) j++;
      out.push(s.slice(i, j));
      i = j;
    } else if ((ch >= '0' && ch <= '9') || ch === '.') {
      let j = i;
      while (j < s.length && /[0-9]/.test(s[j] as string)) j++;
      if (s[j] === '.' && /[0-9]/.test(s[j + 1] ?? '')) {
        j++;
        while (j < s.length && /[0-9]/.test(s[j] as string)) j++;
      } else if (j === i) {
        j++;
      }
      out.push(s.slice(i, j));
      i = j;
    } else {
      out.push(ch);
      i++;
    }
  }
  return out;
}

class Parser {
  pos = 0;
  constructor(private readonly t: string[]) {}

  peek(): string | undefined {
    return this.t[this.pos];
  }

  take(expected?: string): string {
    const tok = this.t[this.pos];
    if (tok === undefined || (expected !== undefined && tok !== expected)) throw new Unsupported();
    this.pos++;
    return tok;
  }

  whole(): Node {
    const node = this.expr(0);
    if (this.pos !== this.t.length) throw new Unsupported();
    return node;
  }

  expr(depth: number): Node {
    if (depth > MAX_DEPTH) throw new Unsupported();
    let node = this.term(depth);
    for (let tok = this.peek(); tok === '+' || tok === '-'; tok = this.peek()) {
      this.pos++;
      node = { k: 'bin', op: tok, a: node, b: this.term(depth) };
    }
    return node;
  }

  term(depth: number): Node {
    let node = this.unary(depth);
    for (;;) {
      const tok = this.peek();
      if (tok === undefined) return node;
      if (MULTIPLY.has(tok)) {
        this.pos++;
        node = { k: 'bin', op: '*', a: node, b: this.unary(depth) };
      } else if (DIVIDE.has(tok)) {
        this.pos++;
        node = { k: 'bin', op: '/', a: node, b: this.unary(depth) };
      } else if (this.startsPrimary(tok)) {
        node = { k: 'bin', op: '*', a: node, b: this.power(depth) };
      } else {
        return node;
      }
    }
  }

  startsPrimary(tok: string): boolean {
    if (/^[0-9.]/.test(tok) || /^[a-zA-Z]$/.test(tok) || tok === '(' || tok === '{') return true;
    if (!tok.startsWith('\\')) return false;
    const name = tok.slice(1);
    return name === 'frac' || name === 'sqrt' || name === 'pi' || name in FUNCTIONS;
  }

  unary(depth: number): Node {
    const tok = this.peek();
    if (tok === '-') {
      this.pos++;
      return { k: 'neg', a: this.unary(depth + 1) };
    }
    if (tok === '+') {
      this.pos++;
      return this.unary(depth + 1);
    }
    return this.power(depth);
  }

  power(depth: number): Node {
    let base = this.primary(depth + 1);
    while (this.peek() === '!') {
      this.pos++;
      base = { k: 'fact', a: base };
    }
    if (this.peek() !== '^') return base;
    this.pos++;
    return { k: 'pow', a: base, b: this.script(depth + 1) };
  }

  /** A superscript: a braced group or one token (`x^2`, `2^n`, `e^{...}`). */
  script(depth: number): Node {
    const tok = this.peek();
    if (tok === '{') return this.group(depth);
    if (tok === undefined) throw new Unsupported();
    if (/^[0-9]/.test(tok)) {
      // `x^23` is x² · 3 in TeX: only the first digit is the exponent.
      this.pos++;
      if (tok.length > 1) {
        this.t.splice(this.pos, 0, tok.slice(1));
        return { k: 'num', v: Number(tok[0]) };
      }
      return { k: 'num', v: Number(tok) };
    }
    if (tok === '-') throw new Unsupported();
    return this.primary(depth);
  }

  group(depth: number): Node {
    const open = this.take();
    const close = open === '{' ? '}' : open === '(' ? ')' : open === '[' ? ']' : '';
    if (!close) throw new Unsupported();
    const inner = this.expr(depth + 1);
    this.take(close);
    return inner;
  }

  primary(depth: number): Node {
    if (depth > MAX_DEPTH) throw new Unsupported();
    const tok = this.peek();
    if (tok === undefined) throw new Unsupported();
    if (/^[0-9.]/.test(tok)) {
      this.pos++;
      const v = Number(tok);
      if (!Number.isFinite(v)) throw new Unsupported();
      return { k: 'num', v };
    }
    if (tok === '(' || tok === '{' || tok === '[') return this.group(depth);
    if (tok === '|') {
      this.pos++;
      const inner = this.expr(depth + 1);
      this.take('|');
      return { k: 'fn', name: 'abs', a: inner };
    }
    if (/^[a-zA-Z]$/.test(tok)) {
      this.pos++;
      if (tok === 'i') throw new Unsupported();
      if (tok === 'e' && this.peek() !== '_') return { k: 'num', v: Math.E };
      let name = tok;
      if (this.peek() === '_') {
        this.pos++;
        const sub = this.take();
        if (sub === '{') {
          let depthInSub = 1;
          while (depthInSub > 0) {
            const next = this.take();
            if (next === '{') depthInSub++;
            else if (next === '}') depthInSub--;
            else name += next;
          }
        } else {
          name += `_${sub}`;
        }
      }
      return { k: 'var', name };
    }
    if (tok === '\\frac') {
      this.pos++;
      const a = this.group(depth);
      const b = this.group(depth);
      return { k: 'bin', op: '/', a, b };
    }
    if (tok === '\\sqrt') {
      this.pos++;
      let n: Node = { k: 'num', v: 2 };
      if (this.peek() === '[') {
        this.pos++;
        n = this.expr(depth + 1);
        this.take(']');
      }
      const a = this.peek() === '{' ? this.group(depth) : this.primary(depth + 1);
      return { k: 'root', n, a };
    }
    if (tok === '\\pi') {
      this.pos++;
      return { k: 'num', v: Math.PI };
    }
    const fn = tok.startsWith('\\') ? tok.slice(1) : '';
    if (fn && fn in FUNCTIONS && fn !== 'abs') {
      this.pos++;
      // `\sin^2 x` and friends are left to the CAS.
      if (this.peek() === '^' || this.peek() === '_') throw new Unsupported();
      const next = this.peek();
      const a = next === '(' || next === '{' ? this.group(depth) : this.power(depth + 1);
      return { k: 'fn', name: fn, a };
    }
    throw new Unsupported();
  }
}

function factorial(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 170) return NaN;
  let out = 1;
  for (let i = 2; i <= n; i++) out *= i;
  return out;
}

function evaluate(node: Node, at: Record<string, number>): number {
  switch (node.k) {
    case 'num':
      return node.v;
    case 'var':
      return at[node.name] ?? NaN;
    case 'neg':
      return -evaluate(node.a, at);
    case 'bin': {
      const a = evaluate(node.a, at);
      const b = evaluate(node.b, at);
      return node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : a / b;
    }
    case 'pow': {
      const a = evaluate(node.a, at);
      const b = evaluate(node.b, at);
      return a < 0 && !Number.isInteger(b) ? NaN : Math.pow(a, b);
    }
    case 'fn':
      return (FUNCTIONS[node.name] as (x: number) => number)(evaluate(node.a, at));
    case 'fact':
      return factorial(evaluate(node.a, at));
    case 'root': {
      const n = evaluate(node.n, at);
      const a = evaluate(node.a, at);
      if (n === 2) return Math.sqrt(a);
      if (a < 0 && Number.isInteger(n) && n % 2 === 1) return -Math.pow(-a, 1 / n);
      return a < 0 ? NaN : Math.pow(a, 1 / n);
    }
  }
}

function variablesOf(node: Node, out: Set<string>): Set<string> {
  if (node.k === 'var') out.add(node.name);
  else if (node.k === 'neg' || node.k === 'fn' || node.k === 'fact') variablesOf(node.a, out);
  else if (node.k === 'bin' || node.k === 'pow') {
    variablesOf(node.a, out);
    variablesOf(node.b, out);
  } else if (node.k === 'root') {
    variablesOf(node.n, out);
    variablesOf(node.a, out);
  }
  return out;
}

export interface QuickExpr {
  node: Node;
  variables: string[];
}

/** Reads a normalised answer; null when it is too long or uses anything this reader does not know. */
export function quickParse(normalized: string): QuickExpr | null {
  if (typeof normalized !== 'string' || !normalized || normalized.length > QUICK_MAX_CHARS) return null;
  try {
    const node = new Parser(tokenize(normalized)).whole();
    return { node, variables: [...variablesOf(node, new Set())].sort() };
  } catch (err) {
    if (err instanceof Unsupported || err instanceof RangeError) return null;
    throw err;
  }
}

/** The value with no variables (NaN when it has some, or is not a finite real number). */
export function quickValue(expr: QuickExpr): number {
  if (expr.variables.length) return NaN;
  const v = evaluate(expr.node, {});
  return Number.isFinite(v) ? v : NaN;
}

const close = (x: number, y: number, rel: number) => Math.abs(x - y) <= rel * Math.max(1, Math.abs(x), Math.abs(y));

function samplePoints(vars: string[], count: number, seed: number): Record<string, number>[] {
  const random = mulberry32(seed);
  const points: Record<string, number>[] = [];
  for (let p = 0; p < (vars.length ? count : 1); p++) points.push(Object.fromEntries(vars.map((v) => [v, 0.35 + 2 * random()])));
  return points;
}

/** Same value at the same sample points (relative 1e-9); null when no point had finite values on both sides. */
export function quickEqual(a: QuickExpr, b: QuickExpr, rel = 1e-9): { equal: boolean | null; nearlyEqual: boolean } {
  const vars = [...new Set([...a.variables, ...b.variables])].slice(0, 8);
  let compared = 0;
  for (const at of samplePoints(vars, 6, 0x5eed)) {
    const va = evaluate(a.node, at);
    const vb = evaluate(b.node, at);
    if (!Number.isFinite(va) || !Number.isFinite(vb)) continue;
    compared++;
    if (!close(va, vb, rel)) return { equal: false, nearlyEqual: close(va, vb, 1e-3) };
  }
  return compared ? { equal: true, nearlyEqual: true } : { equal: null, nearlyEqual: false };
}

/** Equal up to a non-zero constant factor (for `lhs − rhs` of two equations); null when undecided. */
export function quickProportional(a: QuickExpr, b: QuickExpr): boolean | null {
  const vars = [...new Set([...a.variables, ...b.variables])].slice(0, 8);
  let ratio: number | null = null;
  let compared = 0;
  for (const at of samplePoints(vars, 6, 0xe9)) {
    const va = evaluate(a.node, at);
    const vb = evaluate(b.node, at);
    if (!Number.isFinite(va) || !Number.isFinite(vb)) continue;
    compared++;
    const aZero = Math.abs(va) < 1e-12;
    const bZero = Math.abs(vb) < 1e-12;
    if (aZero !== bZero) return false;
    if (aZero) continue;
    const r = va / vb;
    if (ratio === null) ratio = r;
    else if (!close(ratio, r, 1e-9)) return false;
  }
  return compared ? true : null;
}

/**
 * Roughly how many decimal digits the exact value would need (a CAS works with exact
 * integers, so 9^{9^9} means 370 million digits). Variables count as small numbers; a power
 * of an expression with variables counts the exponent (expanding (x+1)^{5000} is the cost).
 */
export function quickDigits(expr: QuickExpr): number {
  const at = Object.fromEntries(expr.variables.map((v) => [v, 1.5]));
  const digits = (node: Node): number => {
    switch (node.k) {
      case 'num':
        return Math.log10(Math.max(1, Math.abs(node.v)));
      case 'var':
        return 1;
      case 'neg':
      case 'fn':
        return digits(node.a);
      case 'bin':
        return node.op === '*' || node.op === '/' ? digits(node.a) + digits(node.b) : Math.max(digits(node.a), digits(node.b)) + 1;
      case 'root':
        return digits(node.a);
      case 'fact': {
        const n = evaluate(node.a, at);
        return !Number.isFinite(n) ? Infinity : n > 1 ? n * Math.log10(n) : 1;
      }
      case 'pow': {
        const exponent = Math.abs(evaluate(node.b, at));
        if (!Number.isFinite(exponent)) return Infinity;
        const base = digits(node.a);
        const symbolic = variablesOf(node.a, new Set()).size > 0;
        return symbolic ? exponent * Math.max(1, base) : exponent * Math.max(base, Math.log10(Math.max(1, Math.abs(evaluate(node.a, at)))));
      }
    }
  };
  return digits(expr.node);
}
