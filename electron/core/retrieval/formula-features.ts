/**
 * What a formula says about the method, in words: a degree-2 polynomial equation is a
 * quadratic, `\binom` is combinations, `\pmod` is modular arithmetic, `a_{n+1}` written in
 * terms of `a_n` is a recurrence. The words are searched beside the problem's own words, so a
 * problem stated mostly in symbols ("Solve $x^2+5x+6=0$") still finds its templates.
 *
 * Linear time: every rule is one regular expression without nested quantifiers, run over the
 * math text (capped at MAX_MATH_CHARS).
 */

const MAX_MATH_CHARS = 20_000;
/** Math inside $…$, $$…$$, \(…\) or \[…\]; an unclosed opener takes the rest of the text. */
const MATH = /\$\$([^$]*)\$\$|\$([^$]*)\$|\\\(([\s\S]*?)\\\)|\\\[([\s\S]*?)\\\]/g;

interface Rule {
  test: RegExp;
  words: string;
}

const RULES: readonly Rule[] = [
  { test: /\\binom|\\choose|\\dbinom|\\tbinom|\b[nN]?C[rk]?\(\s*\w+\s*,\s*\w+\s*\)/, words: 'combinations, binomial coefficient, choose' },
  { test: /\\pmod|\\bmod|\\mod\b|\\equiv|\\pod|\(\s*\\?(?:text\{)?mod\b/, words: 'modular arithmetic, congruence, remainder' },
  { test: /\\log|\\ln\b|\\lg\b/, words: 'logarithm' },
  { test: /\\(?:sin|cos|tan|cot|sec|csc)\b/, words: 'trigonometric' },
  { test: /\\sin\b/, words: 'sine' },
  { test: /\\cos\b/, words: 'cosine' },
  { test: /\\tan\b/, words: 'tangent' },
  { test: /\\(?:arcsin|arccos|arctan)\b/, words: 'inverse trigonometric' },
  { test: /\\sqrt/, words: 'square root, radical' },
  { test: /\\int\b|\\iint\b|\\oint\b/, words: 'integral' },
  { test: /\\lim\b/, words: 'limit' },
  { test: /\\sum\b/, words: 'sum, series' },
  { test: /\\prod\b/, words: 'product' },
  { test: /[a-zA-Z0-9)}]\s*!(?!=)/, words: 'factorial' },
  { test: /\\lfloor|\\rfloor|\\lceil|\\rceil/, words: 'floor, ceiling, integer part' },
  { test: /\\begin\{[pbBvV]?matrix\}/, words: 'matrix' },
  { test: /\\det\b|\\begin\{vmatrix\}/, words: 'determinant' },
  { test: /\\vec\b|\\overrightarrow|\\mathbf\{[a-z]\}/, words: 'vector' },
  { test: /\\cdot\s*\\mathbf|\\mathbf\{[a-z]\}\s*\\cdot/, words: 'dot product' },
  { test: /\\times\s*\\mathbf|\\mathbf\{[a-z]\}\s*\\times/, words: 'cross product' },
  { test: /\\angle|\^\s*\{?\\circ\}?|°/, words: 'angle' },
  { test: /\\triangle/, words: 'triangle' },
  { test: /\\%|%/, words: 'percent' },
  { test: /\\gcd\b|\\operatorname\{gcd\}|\\text\{gcd\}|\bgcd\(/, words: 'gcd, greatest common divisor' },
  { test: /\\operatorname\{lcm\}|\\text\{lcm\}|\\mathop\{\\text\{lcm\}\}|\blcm\[?\(/, words: 'lcm, least common multiple' },
  { test: /\\overline\{z\}|\\bar\{?z|\|z\||\\operatorname\{(?:Re|Im)\}|\\(?:Re|Im)\b|\bz\^/, words: 'complex numbers' },
  { test: /\\operatorname\{cis\}|\bcis\b|e\^\{i/, words: 'complex, polar form' },
  { test: /\\omega\^|\\zeta\^|\bz\^\{?\d+\}?\s*=\s*1\b/, words: 'roots of unity' },
  { test: /\|[^|]{1,40}\|/, words: 'absolute value' },
  { test: /\\(?:le|ge|leq|geq|lt|gt)\b|[<>]/, words: 'inequality' },
  { test: /\bf\s*\(\s*f\s*\(|\bf\s*\(\s*[a-z]\s*[+-]\s*[a-z]\s*\)|\bf\s*\(\s*[a-z]\s*[a-z]\s*\)/, words: 'functional equation' },
  { test: /\b[fg]\s*\(\s*[gf]\s*\(/, words: 'composition, composing functions' },
  { test: /\b[fg]\s*\^\s*\{\s*-1\s*\}/, words: 'inverse function' },
  { test: /\\frac\s*\{\s*[xX]\^2\s*\}\s*\{[^{}]*\}\s*\+\s*\\frac\s*\{\s*[yY]\^2/, words: 'ellipse' },
  { test: /\\frac\s*\{\s*[xX]\^2\s*\}\s*\{[^{}]*\}\s*-\s*\\frac\s*\{\s*[yY]\^2/, words: 'hyperbola, asymptotes' },
  { test: /\b\d+\s*\^\s*\{?\s*[a-z]\b|\be\^\{?[a-z]/, words: 'exponential, exponent' },
  { test: /\\pi\s*r\^2|\bpi\s*r\^2/, words: 'circle, area' },
];

/** a_{n+1}, a_{n-1}, a_{n+2}, f(n+1) beside a_n or f(n): a sequence given by a recurrence. */
const RECURRENCE = /\b([a-zA-Z])_\{\s*[nk]\s*[+-]\s*\d\s*\}|\b([a-zA-Z])\s*\(\s*[nk]\s*[+-]\s*1\s*\)\s*=/;
/** A variable's power: x^2, x^{3}, (x+1)^2 is counted as the base's power too. */
const POWER = /([a-zA-Z)])\s*\^\s*\{?\s*(\d+)\s*\}?/g;

/** Feature phrases read from the math in `text`, comma-separated per rule (empty when there is none). */
export function formulaFeatures(text: string): string[] {
  const math = mathOf(text);
  if (!math) return [];
  const words: string[] = [];
  for (const rule of RULES) if (rule.test.test(math)) words.push(rule.words);

  if (RECURRENCE.test(math)) words.push('recurrence, sequence, recursive');
  const degree = polynomialDegree(math);
  const hasEquation = /=/.test(math.replace(/\\(?:le|ge|ne)q?/g, ''));
  const twoSquares = /[xX]\s*\^\s*\{?\s*2/.test(math) && /[yY]\s*\^\s*\{?\s*2/.test(math);
  if (twoSquares && hasEquation) words.push('circle, conic');
  else if (degree === 2) words.push(hasEquation ? 'quadratic, factoring, roots, quadratic formula' : 'quadratic');
  else if (degree === 3) words.push(hasEquation ? 'cubic, polynomial, roots' : 'cubic, polynomial');
  else if (degree === 4 && evenPowersOnly(math)) words.push('polynomial, substitution, hidden quadratic');
  else if (degree >= 4) words.push('polynomial');
  return words;
}

/**
 * The math parts of a text, in TeX spelling. A text with no delimiters is read whole when it
 * looks like math (plain-text problems: "2x² - 3x - 2 > 0", "y=sin(2x+π/3)"), with Unicode
 * symbols and bare function names spelled as TeX so the same rules apply.
 */
function mathOf(text: string): string {
  const capped = text.length > MAX_MATH_CHARS ? text.slice(0, MAX_MATH_CHARS) : text;
  const parts: string[] = [];
  for (const m of capped.matchAll(MATH)) parts.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  const math = parts.length > 0 ? parts.join(' ; ') : capped;
  const tex = asTex(math);
  if (parts.length > 0) return tex;
  return /\\[a-zA-Z]+|\^|_\{|[a-z0-9)]\s*[=<>]|[=<>]\s*[a-z0-9(]/.test(tex) ? tex : '';
}

const SUPERSCRIPTS: Record<string, string> = { '²': '^2', '³': '^3', '⁴': '^4', '⁵': '^5', 'ⁿ': '^n' };
const SYMBOLS: Record<string, string> = { '√': '\\sqrt ', '∛': '\\sqrt[3] ', 'π': '\\pi ', '≤': '\\le ', '≥': '\\ge ', '≠': '\\ne ', '∫': '\\int ', '∑': '\\sum ', '∏': '\\prod ', '∠': '\\angle ', '△': '\\triangle ', '≡': '\\equiv ', '⌊': '\\lfloor ', '⌋': '\\rfloor ', '⌈': '\\lceil ', '⌉': '\\rceil ', 'θ': '\\theta ', 'α': '\\alpha ', 'β': '\\beta ', 'φ': '\\phi ', 'ω': '\\omega ' };
/** A bare function name in plain-text math: "sin(", "tanx", "cosαsinβ", "lnx", "xlnx" (never inside "tangent", "cosine", "basin"). */
const BARE_FUNCTION = /(?<![a-zA-Z\\])(x?)(arcsin|arccos|arctan|sin|cos|tan|cot|sec|csc|log|ln|lg)(?=[\s(^_\d]|x\b|[θαβγφ]|$)/g;

function asTex(math: string): string {
  return math
    .replace(BARE_FUNCTION, (_, x: string, name: string) => `${x} \\${name} `)
    .replace(/[²³⁴⁵ⁿ]/g, (c) => SUPERSCRIPTS[c]!)
    .replace(/[√∛π≤≥≠∫∑∏∠△≡⌊⌋⌈⌉θαβφω]/g, (c) => SYMBOLS[c]!);
}

/** Highest power of a single-letter variable (0 when there is none). */
function polynomialDegree(math: string): number {
  let degree = 0;
  for (const m of math.matchAll(POWER)) {
    const n = Number(m[2]);
    if (n > degree && n <= 12) degree = n;
  }
  return degree;
}

/** x^4 and x^2 but no odd power of the same letter: a quadratic in x^2. */
function evenPowersOnly(math: string): boolean {
  for (const m of math.matchAll(POWER)) if (Number(m[2]) % 2 === 1) return false;
  return !/[a-z]\s*[+\-=)]|[a-z]\s*$/.test(math.replace(/[a-zA-Z)]\s*\^\s*\{?\s*\d+\s*\}?/g, ' '));
}
