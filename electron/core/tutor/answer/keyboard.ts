/**
 * Keyboard notation → LaTeX, for answers typed the way students type them: `sqrt(3)`, `sqrt3`,
 * `√3`, `5sqrt(2)/2`, `pi`, `C(10,4)` / `10C4` / `nCr(10,4)`, `+-`, `**`, `^(n+1)`, `2 1/2`,
 * `{1, 3}`, `x > 3` / `4/3 < x < 6` (intervals), `x < 3 or x > 5` (unions), `inf`, `30 degrees`,
 * `90 percent`, `3.2e5`, and the unicode signs `√ ∪ ∩ ∞ ≤ ≥ ≠ ± π × ÷`.
 *
 * `readAsTex` is what the answer field's "read as" preview shows; `keyboardToLatex` runs first
 * in normalizeAnswer. LaTeX passes through unchanged (commands keep their backslash, and only
 * bare words are rewritten). Every step is a single pass or a bounded loop over input that the
 * checker caps at 4,000 characters.
 */

/** Typed answers longer than this are not rewritten (the checker's own cap is 4,000). */
export const KEYBOARD_MAX_CHARS = 4_000;

const FUNCTION_WORDS = ['arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'ln', 'log', 'exp'];

/** Units written as plain words after a number (`30 degrees`, `5.4 cents`, `15 cm^2`). */
const PLAIN_UNIT =
  /(?:(?<=[\d})])\s*|(?<=[a-zA-Z.])\s+)(?:(?:square|sq\.?|cubic)\s*)?(?:degrees?|deg|radians?|units?|cm|mm|km|meters?|metres?|centimeters?|centimetres?|millimeters?|kilometers?|inches|inch|in|feet|foot|ft|yards?|yd|miles?|mph|hours?|hrs?|hr|minutes?|mins?|seconds?|secs?|days?|weeks?|years?|dollars?|cents?|pounds?|lbs?|ounces?|oz|grams?|kg|liters?|litres?|ml|cups?|gallons?|people|students?|ways?)(?:\s*\^\s*\{?[23]\}?|²|³)?\s*\.?$/i;
/** One-letter units only with a power (`8 m^3`): alone, `4 m` may be the variable m. */
const PLAIN_UNIT_LETTER = /(?<=\d)\s+[msg](?:\s*\^\s*\{?[23]\}?|²|³)\s*$/;

/** Index of the `)` matching the `(` at `open` (any bracket pair given), or -1. */
function matching(s: string, open: number, o = '(', c = ')'): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === o) depth++;
    else if (s[i] === c && --depth === 0) return i;
  }
  return -1;
}

/** `name(` … `)` → fn(inner); names not preceded by a backslash or a letter. */
function replaceCall(s: string, name: RegExp, fn: (inner: string, m: RegExpExecArray) => string | null): string {
  let out = '';
  let last = 0;
  const re = new RegExp(`(?<![\\\\a-zA-Z])(?:${name.source})\\s*\\(`, 'g');
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const open = m.index + m[0].length - 1;
    const close = matching(s, open);
    if (close < 0) break;
    const replaced = fn(s.slice(open + 1, close), m);
    if (replaced === null) continue;
    out += s.slice(last, m.index) + replaced;
    last = close + 1;
    re.lastIndex = close + 1;
  }
  return out + s.slice(last);
}

/** Splits at top-level commas (round, square and curly brackets balanced). */
function splitCommas(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/**
 * `a/b` → `\frac{a}{b}`: the numerator is the product run before the slash (digits, letters,
 * commands with their braces, bracketed groups), the denominator one factor after it.
 */
export function slashToFrac(s: string, depth = 0): string {
  if (!s.includes('/') || depth > 8) return s;
  let out = s;
  let guard = 0;
  for (let at = out.indexOf('/'); at >= 0 && guard < 64; at = out.indexOf('/', at + 1), guard++) {
    if (out[at + 1] === '/' || out[at - 1] === '/') return s;
    const start = factorRunStart(out, at);
    const end = factorEnd(out, at + 1);
    if (start === at || end === at + 1) continue;
    const num = unwrap(out.slice(start, at));
    const den = unwrap(out.slice(at + 1, end));
    const frac = `\\frac{${slashToFrac(num, depth + 1)}}{${slashToFrac(den, depth + 1)}}`;
    out = out.slice(0, start) + frac + out.slice(end);
    at = start + frac.length - 1;
  }
  return out;
}

const unwrap = (t: string) => {
  const x = t.trim();
  return x.startsWith('(') && matching(x, 0) === x.length - 1 ? x.slice(1, -1) : x;
};

/** Start of the run of factors ending just before `at` (stops at + - = , < > and open brackets). */
function factorRunStart(s: string, at: number): number {
  let i = at;
  while (i > 0) {
    const ch = s[i - 1] as string;
    if (ch === ' ') {
      i--;
    } else if (ch === ')' || ch === '}' || ch === ']') {
      // Back to the partner bracket.
      const open = ch === ')' ? '(' : ch === '}' ? '{' : '[';
      let depth = 0;
      let j = i - 1;
      for (; j >= 0; j--) {
        if (s[j] === ch) depth++;
        else if (s[j] === open && --depth === 0) break;
      }
      if (j < 0) return i;
      // `\begin{pmatrix} 1/2`: an environment's name is not a factor.
      if (/\\(?:begin|end)\s*$/.test(s.slice(Math.max(0, j - 8), j))) break;
      i = j;
    } else if (ch === '\\' && s[i - 2] === '\\') {
      break;
    } else if (/[0-9a-zA-Z.!^\\]/.test(ch) || ch === '*') {
      i--;
    } else {
      break;
    }
  }
  while (s[i] === ' ') i++;
  // A `\` that was part of `\\` or a command start is kept with its command.
  return i;
}

/** End of one factor starting at `from` (a number, a letter, a command with its arguments, a group), with a power. */
function factorEnd(s: string, from: number): number {
  let i = from;
  while (s[i] === ' ') i++;
  const ch = s[i];
  if (ch === undefined) return from;
  if (ch === '(') {
    const close = matching(s, i);
    if (close < 0) return from;
    i = close + 1;
  } else if (ch === '-' || ch === '+') {
    return from;
  } else if (/[0-9.]/.test(ch)) {
    while (i < s.length && /[0-9.]/.test(s[i] as string)) i++;
  } else if (/[a-zA-Z]/.test(ch)) {
    i++;
  } else if (ch === '\\') {
    i++;
    while (i < s.length && /[a-zA-Z]/.test(s[i] as string)) i++;
    if (s[i - 1] === 'q' && s.slice(from).trimStart().startsWith('\\sqrt') && s[i] === '[') i = matching(s, i, '[', ']') + 1;
    while (s[i] === '{') {
      const close = matching(s, i, '{', '}');
      if (close < 0) return from;
      i = close + 1;
    }
  } else {
    return from;
  }
  if (s[i] === '^') {
    if (s[i + 1] === '{') {
      const close = matching(s, i + 1, '{', '}');
      if (close > 0) i = close + 1;
    } else if (/[0-9a-zA-Z]/.test(s[i + 1] ?? '')) i += 2;
  }
  if (s[i] === '!') i++;
  return i;
}

/** `^(n+1)` → `^{n+1}`. */
function powerGroups(s: string): string {
  let out = '';
  let last = 0;
  const re = /\^\s*\(/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const open = m.index + m[0].length - 1;
    const close = matching(s, open);
    if (close < 0) break;
    out += `${s.slice(last, m.index)}^{${s.slice(open + 1, close)}}`;
    last = close + 1;
    re.lastIndex = close + 1;
  }
  return out + s.slice(last);
}

/** `2 1/2`, `-1 1/2`, `2\frac{1}{2}`, `2\frac12` as a whole answer → an improper fraction. */
function mixedNumber(text: string): string | null {
  if (text.length > 80) return null;
  const s = text.replace(/\s*\.\s*$/, '');
  const m =
    /^\s*(-?)\s*(\d+)\s+(\d+)\s*\/\s*(\d+)\s*$/.exec(s) ??
    /^\s*(-?)\s*(\d+)\s*\\[dt]?frac\s*\{\s*(\d+)\s*\}\s*\{\s*(\d+)\s*\}\s*$/.exec(s) ??
    /^\s*(-?)\s*(\d+)\s*\\[dt]?frac\s*(\d)(\d)\s*$/.exec(s);
  if (!m) return null;
  const whole = BigInt(m[2] as string);
  const num = BigInt(m[3] as string);
  const den = BigInt(m[4] as string);
  if (den === 0n || num >= den || whole === 0n) return null;
  return `${m[1] ? '-' : ''}\\frac{${whole * den + num}}{${den}}`;
}

/** One comparison in an inequality chain, as it reads after keyboard clean-up. */
type Rel = '<' | '>' | '\\le' | '\\ge';
const REL_SPLIT = /(\\le(?![a-zA-Z])|\\ge(?![a-zA-Z])|<|>)/;

/** `a < x < b`, `x \ge 3`, `5 > x` → an interval; null when it is not one inequality in one variable. */
function inequalityToInterval(s: string): string | null {
  const parts = s.split(REL_SPLIT).map((p) => p.trim());
  if (parts.length !== 3 && parts.length !== 5) return null;
  const values = parts.filter((_, i) => i % 2 === 0);
  const rels = parts.filter((_, i) => i % 2 === 1) as Rel[];
  const isVar = (t: string) => /^[a-zA-Z]$/.test(t);
  const varAt = values.findIndex(isVar);
  if (varAt < 0 || values.some((v, i) => i !== varAt && (v === '' || new RegExp(`(?<![\\\\a-zA-Z])${values[varAt]}(?![a-zA-Z])`).test(v)))) return null;
  const less = (r: Rel) => r === '<' || r === '\\le';
  const strict = (r: Rel) => r === '<' || r === '>';
  let lower: [string, boolean] = ['-\\infty', true];
  let upper: [string, boolean] = ['\\infty', true];
  if (values.length === 3) {
    if (varAt !== 1 || less(rels[0] as Rel) !== less(rels[1] as Rel)) return null;
    const [lo, hi] = less(rels[0] as Rel) ? [0, 2] : [2, 0];
    const [loRel, hiRel] = less(rels[0] as Rel) ? [rels[0], rels[1]] : [rels[1], rels[0]];
    lower = [values[lo] as string, strict(loRel as Rel)];
    upper = [values[hi] as string, strict(hiRel as Rel)];
  } else {
    const rel = rels[0] as Rel;
    const bound = values[varAt === 0 ? 1 : 0] as string;
    // `x < a` and `a > x` put a above x.
    const above = varAt === 0 ? less(rel) : !less(rel);
    if (above) upper = [bound, strict(rel)];
    else lower = [bound, strict(rel)];
  }
  return `${lower[1] ? '(' : '['}${lower[0]}, ${upper[0]}${upper[1] ? ')' : ']'}`;
}

/** Typed notation → LaTeX. LaTeX input comes back as it was, apart from unicode signs. */
export function keyboardToLatex(input: string): string {
  if (typeof input !== 'string') return '';
  // Longer text is no typed answer (the checker refuses it as too long): left as it is, which
  // also keeps this linear whatever it is given.
  if (input.length > KEYBOARD_MAX_CHARS) return input;
  // One space at most between tokens: every `\s*` below then matches at most one character,
  // so no pattern here can backtrack over a long run of spaces.
  let s = input
    .replace(/\s+/g, ' ')
    .replace(/[−–—]/g, '-')
    .replace(/∪/g, '\\cup ')
    .replace(/∩/g, '\\cap ')
    .replace(/≠/g, '\\ne ')
    .replace(/±/g, '\\pm ')
    .replace(/∓/g, '\\mp ')
    .replace(/÷/g, '/')
    .replace(/²/g, '^2')
    .replace(/³/g, '^3')
    .replace(/√/g, 'sqrt')
    .replace(/∛/g, 'cbrt')
    .replace(/≤/g, '\\le ')
    .replace(/≥/g, '\\ge ')
    .replace(/∞/g, '\\infty ')
    .replace(/π/g, '\\pi ')
    .replace(/\\(le|ge)(?:qslant|qq|q)(?![a-zA-Z])/g, '\\$1');
  const mixed = mixedNumber(s);
  if (mixed) return mixed;
  s = s
    // `+-` and `+/-` are ±; `+ -1` with a space is plus a negative number.
    .replace(/\+-|\+\s?\/\s?-/g, '\\pm ')
    .replace(/\*\*/g, '^')
    .replace(/<=|=</g, '\\le ')
    .replace(/>=|=>/g, '\\ge ')
    .replace(/!=/g, '\\ne ')
    .replace(/\bpercent\b/gi, '%')
    .replace(/^(\s*-?\d+(?:\.\d+)?)[eE]([+-]?\d+)\s*$/, '$1\\times10^{$2}');
  // Plain-text units after the value (LaTeX \text{…} units are stripped in normalize.ts).
  if (!/\\(?:text|mbox|mathrm)/.test(s)) s = s.replace(PLAIN_UNIT, '').replace(PLAIN_UNIT_LETTER, '');
  // Words: pi, infinity, functions, choose.
  s = s
    .replace(/(?<![\\a-zA-Z])pi(?![a-zA-Z])/g, '\\pi ')
    .replace(/(?<![\\a-zA-Z])(?:infinity|inf|oo)(?![a-zA-Z])/gi, '\\infty ')
    .replace(new RegExp(`(?<![\\\\a-zA-Z])(${FUNCTION_WORDS.join('|')})(?=\\s*[(0-9\\\\ ])`, 'g'), '\\$1 ');
  s = replaceCall(s, /sqrt/, (inner) => `\\sqrt{${inner}}`);
  s = replaceCall(s, /cbrt/, (inner) => `\\sqrt[3]{${inner}}`);
  s = s.replace(/(?<![\\a-zA-Z])sqrt\s*(\d+(?:\.\d+)?|[a-zA-Z](?![a-zA-Z])|\\pi)/g, '\\sqrt{$1}');
  s = replaceCall(s, /nCr|binom|choose|C/, (inner) => {
    const args = splitCommas(inner);
    return args.length === 2 ? `\\binom{${(args[0] as string).trim()}}{${(args[1] as string).trim()}}` : null;
  });
  s = s.replace(/(?<![\\a-zA-Z\d])(\d+)\s*(?:C|nCr|choose)\s*(\d+)(?![\d])/g, '\\binom{$1}{$2}');
  // Powers: `^(n+1)` → `^{n+1}`, `^10` → `^{10}`, `^-2` → `^{-2}`.
  s = powerGroups(s);
  s = s.replace(/\^\s*(-?\d{2,}|-\d|-[a-zA-Z])/g, '^{$1}');
  s = s.replace(/\*/g, '\\cdot ');
  // "and" between values is a list; "or" joins inequalities (a union) or values (a list).
  const or = s.split(/\s+(?:or|\\text\{\s*or\s*\})\s+|\s*\\(?:lor|vee)\s*/);
  if (or.length > 1 && or.every((p) => REL_SPLIT.test(p))) {
    const intervals = or.map((p) => inequalityToInterval(p));
    if (intervals.every((i) => i !== null)) return intervals.join(' \\cup ');
  }
  s = s.replace(/\s+(?:and|or|\\text\{\s*(?:and|or)\s*\})\s+/g, ', ');
  const interval = REL_SPLIT.test(s) && !/[=,]/.test(s) ? inequalityToInterval(s) : null;
  if (interval) s = interval;
  // Unions typed with a capital U between intervals.
  s = s.replace(/([)\]])\s*U\s*([([])/g, '$1 \\cup $2');
  // `{1, 3}` as a set (LaTeX would need `\{1, 3\}`).
  const t = s.trim();
  if (t.startsWith('{') && matching(t, 0, '{', '}') === t.length - 1 && splitCommas(t.slice(1, -1)).length > 1) s = `\\{${t.slice(1, -1)}\\}`;
  return slashToFrac(s);
}

/** What to tell the learner the app read: the typed answer as TeX, and whether it is readable maths. */
export interface ReadAs {
  tex: string;
  readable: boolean;
}

/** Problems a reader can see in typed maths before any parsing: `((3`, `3+`, `x^^2`, `1//2`. */
export function malformed(s: string): boolean {
  const t = s.replace(/\\[{}]/g, '').replace(/\\\\/g, '').replace(/\s+/g, '');
  let round = 0;
  let curly = 0;
  for (const ch of t) {
    if (ch === '(' || ch === '[') round++;
    else if (ch === ')' || ch === ']') round--;
    else if (ch === '{') curly++;
    else if (ch === '}') curly--;
    if (curly < 0) return true;
  }
  if (round !== 0 || curly !== 0) return true;
  if (/\^\^|\/\/|\+\+|\^$|[+\-*/=,]$|^[*/^=,]|\(,|,\)/.test(t)) return true;
  return false;
}

/** Letter runs that are not commands, units or known words: `hello`, `idk`, `onehalf`. */
export function unknownWords(s: string): string[] {
  const words =
    s
      .replace(/\\(?:begin|end|operatorname|mathrm|text|textbf|mbox)\s*\{[^{}]*\}/g, ' ')
      .replace(/\\[a-zA-Z]+/g, ' ')
      .match(/[a-zA-Z]{3,}/g) ?? [];
  return words.filter((w) => !FUNCTION_WORDS.includes(w.toLowerCase()));
}

/** The "read as" preview of a typed answer (for the answer field). */
export function readAsTex(input: string): ReadAs {
  const tex = keyboardToLatex(typeof input === 'string' ? input.slice(0, 4_000) : '').trim();
  return { tex, readable: tex.length > 0 && !malformed(tex) && unknownWords(tex).length === 0 };
}
