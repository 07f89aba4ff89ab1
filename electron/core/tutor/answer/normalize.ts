/**
 * Text-level clean-up of a LaTeX answer so that typing differences ("\dfrac" vs "\frac",
 * "x = 3" vs "3", "90^\circ" vs "90", "1,000" vs "1000") do not count as different answers.
 * The result is a compact LaTeX string without spaces; it is compared as text first and then
 * handed to the CAS.
 */

import { KEYBOARD_MAX_CHARS, keyboardToLatex } from './keyboard.js';

/** Words inside \text{…} that are units or filler, not part of the value. */
const UNIT_WORDS =
  /^(?:degrees?|deg|radians?|rad|units?|square\s*units?|sq\.?\s*units?|cm|mm|km|m|meters?|metres?|centimeters?|inches|inch|in|feet|foot|ft|yards?|miles?|mph|hours?|hrs?|minutes?|mins?|seconds?|secs?|s|days?|weeks?|years?|dollars?|cents?|pounds?|lbs?|ounces?|oz|grams?|g|kg|liters?|litres?|ml|cups?|gallons?|people|students?|ways?|cubic\s*\w+|square\s*\w+|sq\s*\w+|percent|%)(?:\^?\{?[23]\}?)?$/i;

/**
 * The content of the last `\boxed{…}` (brace-balanced), or null when there is none. One pass
 * with a stack of open braces: calling matchingBrace per box would rescan to the end for every
 * unclosed `\boxed{` (quadratic on a reply that repeats it).
 */
export function lastBoxedContent(text: string): string | null {
  if (typeof text !== 'string') return null;
  const re = /\\(?:boxed|fbox)\s*\{/g;
  // The `{` of each box, in order; the scan below finds their partners.
  const boxOpens: number[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) boxOpens.push(m.index + m[0].length - 1);
  if (!boxOpens.length) return null;
  const closeOf = new Map<number, number>();
  const isBox = new Set(boxOpens);
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') stack.push(i);
    else if (ch === '}') {
      const open = stack.pop();
      if (open !== undefined && isBox.has(open)) closeOf.set(open, i);
    }
  }
  for (let k = boxOpens.length - 1; k >= 0; k--) {
    const open = boxOpens[k] as number;
    const close = closeOf.get(open);
    if (close !== undefined) return text.slice(open + 1, close);
  }
  return null;
}

/** Index of the `}` that closes the `{` at `open`, or -1. `\{` and `\}` are skipped. */
export function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Replaces `\cmd{arg}` (balanced) using `fn(arg)`. */
function replaceCommandArg(text: string, names: string, fn: (arg: string) => string): string {
  const re = new RegExp(`\\\\(?:${names})\\s*\\{`, 'g');
  let out = '';
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = matchingBrace(text, open);
    if (close < 0) break;
    out += text.slice(last, m.index) + fn(text.slice(open + 1, close));
    last = close + 1;
    re.lastIndex = close + 1;
  }
  return out + text.slice(last);
}

const UNICODE: [RegExp, string][] = [
  [/[−–—]/g, '-'],
  [/×/g, '\\times '],
  [/[·⋅]/g, '\\cdot '],
  [/π/g, '\\pi '],
  [/∞/g, '\\infty '],
  [/√/g, '\\sqrt'],
  [/≤/g, '\\le '],
  [/≥/g, '\\ge '],
  [/°/g, ''],
  [/\u00a0/g, ' '],
];

/** "x =", "a_n =", "f(x) =" in front of a single value. */
const VARIABLE_PREFIX = /^(?:[A-Z]{2,3}|[a-zA-Z](?:_\{?[a-zA-Z0-9]+\}?)?(?:\([a-zA-Z]\))?|\\[a-zA-Z]+)=(?=.)/;

/** "3 = x": a value, then a lone variable. */
const VARIABLE_SUFFIX = /^([^a-zA-Z=]+)=[a-zA-Z]$/;

/** "x \\in [-2,7]": membership of a single variable in the answer set. */
const MEMBERSHIP_PREFIX = /^[a-zA-Z]\\in(?![a-zA-Z])/;

export function stripVariablePrefix(s: string): string {
  if (MEMBERSHIP_PREFIX.test(s)) return s.replace(MEMBERSHIP_PREFIX, '');
  if ((s.match(/=/g) ?? []).length !== 1) return s;
  if (VARIABLE_PREFIX.test(s)) return s.replace(VARIABLE_PREFIX, '');
  const suffix = VARIABLE_SUFFIX.exec(s);
  return suffix ? (suffix[1] as string) : s;
}

/** Drops trailing full stops (`/[.。]+$/` is quadratic on a long run of dots). */
function trimTrailingStops(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === '.' || s[end - 1] === '。')) end--;
  return s.slice(0, end);
}

/** `keepEquation`: leave "y = …" whole, for comparing against an equation like "2x - y = 0". */
export function normalizeAnswer(input: string, opts: { keepEquation?: boolean } = {}): string {
  let s = typeof input === 'string' ? input : '';
  const boxed = lastBoxedContent(s);
  if (boxed !== null) s = boxed;
  s = s
    .replace(/\\\$/g, '')
    .replace(/\$/g, '')
    .replace(/\\\[|\\\]|\\\(|\\\)/g, '');
  // Typed notation (sqrt(3), pi, C(10,4), x > 3, 2 1/2, 30 degrees…) → LaTeX.
  s = keyboardToLatex(s);
  // Degrees inside a trigonometric function are an angle, not a unit: `\sin 60^\circ` is sin(π/3).
  if (s.length <= KEYBOARD_MAX_CHARS) {
    s = s.replace(
      /(\\(?:sin|cos|tan|cot|sec|csc))\s*(\(\s*)?(\d{1,6}(?:\.\d{1,6})?)\s*(?:°|\^\s*(?:\{\s*)?\\circ\s*\}?)\s*(\))?/g,
      (whole, fn: string, open: string | undefined, deg: string, close: string | undefined) =>
        Boolean(open) === Boolean(close) ? `${fn}(\\frac{${deg}\\pi}{180})` : whole,
    );
  }
  for (const [re, to] of UNICODE) s = s.replace(re, to);
  s = s
    .replace(/\\(?:left|right)\s*\.(?![0-9])/g, '')
    .replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg)(?![a-zA-Z])/g, '')
    .replace(/\\[dt]frac(?![a-zA-Z])/g, '\\frac')
    .replace(/\\displaystyle(?![a-zA-Z])/g, '')
    .replace(/\\(?:qquad|quad)(?![a-zA-Z])/g, '')
    // `\\\\` (a matrix row break) stays; `\\,` `\\!` `\\ ` (spacing) go.
    .replace(/\\\\|\\[!,;: ]/g, (m) => (m === '\\\\' ? m : ''))
    .replace(/~/g, '')
    // `^{\circ}`, `^\circ`: not `\^\s*\{?\s*\\circ`, whose two `\s*` backtrack quadratically.
    .replace(/\^\s*(?:\{\s*)?\\circ\s*\}?/g, '')
    .replace(/\\(?:circ|degree)(?![a-zA-Z])/g, '')
    .replace(/\\%|%/g, '')
    .replace(/\{,\}/g, '');
  // `15\mbox{ cm}^2`: the power belongs to the unit, not to the number.
  s = s.replace(/(\\(?:text|textrm|mathrm|mbox)\s*\{([^{}]*)\})\s*\^\s*(?:\{\s*[23]\s*\}|[23])/g, (whole, unit: string, word: string) =>
    UNIT_WORDS.test(word.trim()) ? unit : whole,
  );
  s = replaceCommandArg(s, 'text|textbf|textit|textrm|mathrm|mathbf|mbox|operatorname|textnormal', (arg) =>
    UNIT_WORDS.test(arg.trim()) ? '' : arg,
  );
  s = s
    .replace(/\\frac\s*(\d)\s*(\d)/g, '\\frac{$1}{$2}')
    .replace(/\\frac\s*\{([^{}]*)\}\s*(\d|[a-zA-Z])/g, '\\frac{$1}{$2}')
    .replace(/\\sqrt\s*(\d+|[a-zA-Z])/g, '\\sqrt{$1}')
    // `\pi r` must not become `\pir`: keep one space after a command that a letter follows.
    .replace(/(\\[a-zA-Z]+)\s+(?=[a-zA-Z])/g, '$1\uE000')
    .replace(/\s+/g, '')
    .replace(/\uE000/g, ' ')
    .replace(/\^\{(\w)\}/g, '^$1')
    .replace(/_\{(\w)\}/g, '_$1')
    .replace(/\\times(?![a-zA-Z])/g, '\\cdot')
    .replace(/\\le(?:q|qslant)(?![a-zA-Z])/g, '\\le')
    .replace(/\\ge(?:q|qslant)(?![a-zA-Z])/g, '\\ge');
  s = trimTrailingStops(s).replace(/^\+(?=.)/, '');
  if (/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  // Multiple choice: "(C)" and "C" are the same pick.
  const choice = /^\(([A-Ea-e])\)$/.exec(s);
  if (choice) s = (choice[1] ?? '').toUpperCase();
  return opts.keepEquation ? s : stripVariablePrefix(s);
}
