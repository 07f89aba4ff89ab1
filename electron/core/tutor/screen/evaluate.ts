/**
 * A small, bounded evaluator for the values that appear in tutor text: TeX (`\frac{3}{28}`,
 * `2^{n+2}-5`, `4\cdot 2^n-5`, `\sqrt[3]{2}`, `\binom{10}{4}`) and keyboard notation
 * (`sqrt(3)+2`, `3/28`, `2^(n+2)-5`). It compiles an expression to a function of its
 * single-letter variables, so that two forms can be compared by value at sample points.
 *
 * Used by the leak screen, which runs on every streamed piece: one left-to-right pass over
 * at most MAX_EXPR_CHARS characters, no regex, no CAS, no recursion deeper than MAX_DEPTH.
 * Anything it does not understand makes it return null ("cannot tell"), never throw.
 */

export const MAX_EXPR_CHARS = 160;
const MAX_DEPTH = 40;

type Env = Record<string, number>;
export type Compiled = (env: Env) => number;

export interface Expression {
  /** Evaluate at an assignment of the variables (NaN where undefined). */
  fn: Compiled;
  /** Variables used, sorted ("n", "a_n", …). */
  variables: string[];
  /** Values when the expression has a `\pm` (both branches); one value otherwise. */
  branches: Compiled[];
}

type Tok =
  | { k: 'num'; v: number }
  | { k: 'var'; name: string }
  | { k: 'const'; v: number }
  | { k: 'fn'; name: string }
  | { k: 'cmd'; name: string }
  | { k: 'op'; v: string }
  | { k: 'open'; v: string }
  | { k: 'close'; v: string };

const FUNCTIONS = new Set(['sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'ln', 'log', 'exp', 'arcsin', 'arccos', 'arctan']);
/** Commands that are only spacing or style: skipped. */
const IGNORED = new Set([
  'left', 'right', 'big', 'Big', 'bigl', 'bigr', 'Bigl', 'Bigr', 'bigg', 'Bigg', 'displaystyle', 'textstyle',
  'mathrm', 'mathbf', 'mathit', 'boldsymbol', 'quad', 'qquad', ',', ';', '!', ' ', ':', 'mathnormal',
]);
const CONSTANTS: Record<string, number> = { pi: Math.PI, infty: Infinity };
const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'theta', 'lambda', 'mu', 'phi', 'varphi', 'omega', 'sigma', 'tau', 'rho', 'epsilon', 'varepsilon']);

const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** Characters → tokens; `\text{…}` and units are dropped. Null on anything unknown. */
function tokenize(src: string): Tok[] | null {
  const out: Tok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '~' || c === '$') {
      i++;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      let j = i;
      let digits = '';
      while (j < n) {
        const d = src[j]!;
        if (isDigit(d) || d === '.') digits += d;
        // "1,000" and "1{,}000": thousands separators only when three digits follow.
        else if ((d === ',' || src.startsWith('{,}', j)) && /^\d{3}(?!\d)/.test(src.slice(j + (d === ',' ? 1 : 3), j + (d === ',' ? 5 : 7))) && digits.length > 0 && !digits.includes('.')) {
          j += d === ',' ? 0 : 2;
        } else break;
        j++;
      }
      const v = Number(digits);
      if (!Number.isFinite(v)) return null;
      out.push({ k: 'num', v });
      i = j;
      continue;
    }
    if (c === '\\') {
      let j = i + 1;
      while (j < n && isLetter(src[j]!)) j++;
      let name = src.slice(i + 1, j);
      if (!name) {
        name = src[i + 1] ?? '';
        j = i + 2;
      }
      i = j;
      if (IGNORED.has(name)) continue;
      if (name === 'text' || name === 'textbf' || name === 'textit' || name === 'mbox' || name === 'textrm' || name === 'operatorname') {
        // Skip the braced argument: units and words carry no value.
        if (src[i] === '{') {
          let depth = 0;
          for (; i < n; i++) {
            if (src[i] === '{') depth++;
            else if (src[i] === '}' && --depth === 0) break;
          }
          i++;
        }
        continue;
      }
      if (name === '{' || name === '}') continue;
      if (name === '%') {
        out.push({ k: 'op', v: '%' });
        continue;
      }
      if (name in CONSTANTS) out.push({ k: 'const', v: CONSTANTS[name]! });
      else if (GREEK.has(name)) out.push({ k: 'var', name: `\\${name}` });
      else if (FUNCTIONS.has(name)) out.push({ k: 'fn', name });
      else if (name === 'cdot' || name === 'times' || name === 'ast') out.push({ k: 'op', v: '*' });
      else if (name === 'div') out.push({ k: 'op', v: '/' });
      else if (name === 'pm') out.push({ k: 'op', v: '±' });
      else if (name === 'circ' || name === 'degree') continue;
      else if (['frac', 'dfrac', 'tfrac', 'sqrt', 'binom', 'dbinom', 'tbinom'].includes(name)) out.push({ k: 'cmd', name: name.replace(/^[dt](?=frac|binom)/, '') });
      else if (name === 'lfloor' || name === 'lceil') out.push({ k: 'open', v: name });
      else if (name === 'rfloor' || name === 'rceil') out.push({ k: 'close', v: name });
      else return null;
      continue;
    }
    if (isLetter(c)) {
      let j = i;
      while (j < n && isLetter(src[j]!)) j++;
      const word = src.slice(i, j);
      if (FUNCTIONS.has(word) || word === 'sqrt') {
        out.push(word === 'sqrt' ? { k: 'cmd', name: 'sqrt' } : { k: 'fn', name: word });
        i = j;
        continue;
      }
      if (word === 'pi') {
        out.push({ k: 'const', v: Math.PI });
        i = j;
        continue;
      }
      // Single letters multiply ("xy" = x·y); a subscript belongs to the letter before it.
      for (let t = i; t < j; t++) {
        let name = src[t]!;
        if (t === j - 1 && src[j] === '_') {
          const sub = readSubscript(src, j + 1);
          if (!sub) return null;
          name += `_${sub.text}`;
          j = sub.end;
        }
        out.push(name === 'e' ? { k: 'const', v: Math.E } : { k: 'var', name });
      }
      i = j;
      continue;
    }
    switch (c) {
      case '+': case '-': case '*': case '/': case '^': case '!': case '%':
        out.push({ k: 'op', v: c });
        break;
      case '−': case '–':
        out.push({ k: 'op', v: '-' });
        break;
      case '×': case '·': case '⋅':
        out.push({ k: 'op', v: '*' });
        break;
      case '÷':
        out.push({ k: 'op', v: '/' });
        break;
      case '±':
        out.push({ k: 'op', v: '±' });
        break;
      case '√':
        out.push({ k: 'cmd', name: 'sqrt' });
        break;
      case 'π':
        out.push({ k: 'const', v: Math.PI });
        break;
      case '°':
        break;
      case '(': case '[': case '{':
        out.push({ k: 'open', v: c });
        break;
      case ')': case ']': case '}':
        out.push({ k: 'close', v: c });
        break;
      default:
        return null;
    }
    i++;
  }
  return out;
}

function readSubscript(src: string, at: number): { text: string; end: number } | null {
  if (src[at] === '{') {
    const close = src.indexOf('}', at);
    if (close < 0 || close - at > 8) return null;
    return { text: src.slice(at + 1, close).replace(/\s+/g, ''), end: close + 1 };
  }
  const c = src[at] ?? '';
  return isDigit(c) || isLetter(c) ? { text: c, end: at + 1 } : null;
}

class Parser {
  private pos = 0;
  private depth = 0;
  readonly vars = new Set<string>();
  /** Sign chosen for each `±`, by the index of the branch being built. */
  pmCount = 0;

  constructor(
    private readonly toks: Tok[],
    private readonly pmSign: number,
  ) {}

  parse(): Compiled | null {
    const e = this.expr(0);
    return e && this.pos === this.toks.length ? e : null;
  }

  private peek(): Tok | undefined {
    return this.toks[this.pos];
  }

  private enter(): boolean {
    return ++this.depth <= MAX_DEPTH;
  }

  /** Binary operators by precedence: + - ± (1), * / (2), implicit product (2), ^ (4, right). */
  private expr(minPrec: number): Compiled | null {
    if (!this.enter()) return null;
    try {
      let left = this.unary();
      if (!left) return null;
      for (;;) {
        const t = this.peek();
        if (!t) return left;
        let prec: number;
        let op: string;
        if (t.k === 'op' && (t.v === '+' || t.v === '-' || t.v === '±')) [prec, op] = [1, t.v];
        else if (t.k === 'op' && (t.v === '*' || t.v === '/')) [prec, op] = [2, t.v];
        else if (t.k === 'num' || t.k === 'var' || t.k === 'const' || t.k === 'fn' || t.k === 'cmd' || (t.k === 'open' && t.v !== '{')) [prec, op] = [2, '*'];
        else if (t.k === 'open' && t.v === '{') [prec, op] = [2, '*'];
        else return left;
        if (prec < minPrec) return left;
        if (t.k === 'op') this.pos++;
        const right = this.expr(prec + 1);
        if (!right) return null;
        const l: Compiled = left;
        if (op === '+') left = (env) => l(env) + right(env);
        else if (op === '-') left = (env) => l(env) - right(env);
        else if (op === '±') {
          const s = this.pmSign;
          this.pmCount++;
          left = (env) => l(env) + s * right(env);
        } else if (op === '*') left = (env) => l(env) * right(env);
        else left = (env) => l(env) / right(env);
      }
    } finally {
      this.depth--;
    }
  }

  private unary(): Compiled | null {
    const t = this.peek();
    if (t?.k === 'op' && (t.v === '-' || t.v === '+' || t.v === '±')) {
      this.pos++;
      const inner = this.expr(2);
      if (!inner) return null;
      if (t.v === '+') return inner;
      if (t.v === '±') {
        this.pmCount++;
        const s = this.pmSign;
        return (env) => s * inner(env);
      }
      return (env) => -inner(env);
    }
    return this.power();
  }

  private power(): Compiled | null {
    let base = this.postfix(this.atom());
    if (!base) return null;
    const t = this.peek();
    if (t?.k === 'op' && t.v === '^') {
      this.pos++;
      // Exponent: a group, or a single token (`2^n`, `2^10` is 2^1·0 in TeX but 2^10 in typing).
      const exp = this.peek()?.k === 'op' && (this.peek() as { v: string }).v === '-' ? this.unary() : this.postfix(this.atom());
      if (!exp) return null;
      const b = base;
      base = (env) => Math.pow(b(env), exp(env));
    }
    return base;
  }

  private postfix(a: Compiled | null): Compiled | null {
    if (!a) return null;
    let out = a;
    for (;;) {
      const t = this.peek();
      if (t?.k === 'op' && t.v === '!') {
        this.pos++;
        const inner = out;
        out = (env) => factorial(inner(env));
      } else if (t?.k === 'op' && t.v === '%') {
        this.pos++;
        const inner = out;
        out = (env) => inner(env) / 100;
      } else return out;
    }
  }

  private group(): Compiled | null {
    const t = this.peek();
    if (t?.k !== 'open') return this.power();
    this.pos++;
    const inner = this.expr(0);
    if (!inner || this.peek()?.k !== 'close') return null;
    this.pos++;
    return inner;
  }

  private atom(): Compiled | null {
    if (!this.enter()) return null;
    try {
      const t = this.toks[this.pos++];
      if (!t) return null;
      switch (t.k) {
        case 'num':
          return () => t.v;
        case 'const':
          return () => t.v;
        case 'var':
          this.vars.add(t.name);
          return (env) => env[t.name] ?? NaN;
        case 'open': {
          const inner = this.expr(0);
          const close = this.toks[this.pos++];
          if (!inner || close?.k !== 'close') return null;
          if (t.v === 'lfloor') return (env) => Math.floor(inner(env));
          if (t.v === 'lceil') return (env) => Math.ceil(inner(env));
          return inner;
        }
        case 'fn': {
          const arg = this.peek()?.k === 'open' ? this.group() : this.power();
          if (!arg) return null;
          const f = FN_IMPL[t.name];
          return f ? (env) => f(arg(env)) : null;
        }
        case 'cmd': {
          if (t.name === 'sqrt') {
            let index: Compiled | null = null;
            if (this.peek()?.k === 'open' && (this.peek() as { v: string }).v === '[') index = this.group();
            const arg = this.group();
            if (!arg) return null;
            const k = index;
            return k ? (env) => Math.pow(arg(env), 1 / k(env)) : (env) => Math.sqrt(arg(env));
          }
          const a = this.group();
          const b = this.group();
          if (!a || !b) return null;
          if (t.name === 'frac') return (env) => a(env) / b(env);
          return (env) => binom(a(env), b(env));
        }
        default:
          return null;
      }
    } finally {
      this.depth--;
    }
  }
}

const FN_IMPL: Record<string, (x: number) => number> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, cot: (x) => 1 / Math.tan(x), sec: (x) => 1 / Math.cos(x), csc: (x) => 1 / Math.sin(x),
  ln: Math.log, log: Math.log10, exp: Math.exp, arcsin: Math.asin, arccos: Math.acos, arctan: Math.atan,
};

function factorial(x: number): number {
  if (!Number.isInteger(x) || x < 0 || x > 170) return NaN;
  let r = 1;
  for (let i = 2; i <= x; i++) r *= i;
  return r;
}

function binom(n: number, k: number): number {
  if (!Number.isInteger(n) || !Number.isInteger(k) || k < 0 || n < 0 || k > n || n > 1000) return NaN;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Compile an expression, or null when it is not one this evaluator can read. */
export function compileExpression(src: string): Expression | null {
  if (typeof src !== 'string' || !src.trim() || src.length > MAX_EXPR_CHARS) return null;
  const toks = tokenize(src);
  if (!toks || toks.length === 0) return null;
  const plus = new Parser(toks, 1);
  const fn = plus.parse();
  if (!fn) return null;
  const branches: Compiled[] = [fn];
  if (plus.pmCount > 0) {
    const minus = new Parser(toks, -1).parse();
    if (minus) branches.push(minus);
  }
  return { fn, variables: [...plus.vars].sort(), branches };
}

/** Sample assignments: awkward values so that different expressions rarely agree by chance. */
const SAMPLES = [0.7318, 1.4142, 2.2361, 3.1623];

export function sampleEnvs(variables: string[]): Env[] {
  if (!variables.length) return [{}];
  return SAMPLES.map((base, s) => Object.fromEntries(variables.map((v, i) => [v, base + 0.1379 * i + (s % 2 ? 0.05 * i : 0)])));
}

export function nearlyEqual(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b && !Number.isNaN(a);
  if (Number.isInteger(a) && Number.isInteger(b) && Math.abs(a) < 2 ** 52 && Math.abs(b) < 2 ** 52) return a === b;
  const scale = Math.max(1, Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= 1e-9 * scale;
}
