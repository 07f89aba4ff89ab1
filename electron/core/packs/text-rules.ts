/**
 * Rules for every text field of a pack. Text is shown in the app with `$…$` math rendered by
 * MathJax, so anything that could smuggle HTML, links, styles or macro bombs through the
 * renderer is refused here, at import time, with a rule id a teacher can look up.
 */
import { findDisallowedTex } from '../../../shared/tex-allowlist.js';

export interface TextProblem {
  rule: string;
  message: string;
}

// C0 controls except \t and \n, DEL, and C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/**
 * TeX commands refused in any text: links and raw HTML/CSS hooks (\href, \url, \html…,
 * \class, \cssId, \style, \data), extension loading (\require), font/glyph injection
 * (\unicode), file access (\input, \include, \includegraphics) and macro definitions
 * (\def, \newcommand, …) which can loop forever in the renderer.
 */
const UNSAFE_TEX =
  /\\(href|url|html[A-Za-z]*|class|cssId|style|data|require|unicode|input|include|includegraphics|def|gdef|edef|xdef|let|newcommand|renewcommand|providecommand|newenvironment|renewenvironment|DeclareMathOperator)(?![A-Za-z])/;

/** Tag names long enough that `<name` is never maths like `a<b` (`< base` is not a tag). */
const DANGEROUS_TAG =
  /<\/?(script|iframe|object|embed|style|link|meta|img|image|svg|math|form|base|frame|frameset|input|textarea|button|select|video|audio|source|template|noscript|applet|body|html|head|title|marquee|dialog|details)(?![A-Za-z0-9-])/i;
/** Short tags only in unmistakable HTML shapes: `<b>`, `</p>`, `<br/>`, `<a href=`. */
// One `\s` before `[^<>]*` (not `\s+`, which overlaps it and backtracks quadratically on long blanks).
const SHORT_TAG =
  /<(\/\s*)?(a|b|i|u|p|s|q|em|br|hr|div|span|sub|sup|font|strong|code|pre|table|tr|td|th|ul|ol|li|h[1-6]|center|small|big)\s*\/?>|<[a-z][a-z0-9]*\s[^<>]*\b(on[a-z]+|href|src|style|srcdoc|formaction)\s*=|<!--/i;
const JS_URL = /\bjavascript\s*:/i;
/**
 * Every rule needs one of these characters to fire (a control character, `\` for TeX and
 * `\(` math, `<` for HTML, `$` for math, `:` for "javascript:"). Most text has none, so one
 * scan clears it instead of six.
 */
// eslint-disable-next-line no-control-regex
const MAY_BREAK_A_RULE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uD800-\uDFFF\\<$:]/;

/** A UTF-16 surrogate without its partner: not a character, and SQLite would store it as U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where `$`/`$$` delimiters stop pairing up, or null when they balance. Ignores `\$`. */
export function findUnbalancedMath(text: string): string | null {
  let open: '$' | '$$' | null = null;
  const hasBackslash = text.includes('\\');
  if (hasBackslash || text.includes('$')) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 92 /* \ */) {
        i++; // skip the escaped character, so \$ and \\ are not delimiters
        continue;
      }
      if (ch !== 36 /* $ */) continue;
      const isDouble = text.charCodeAt(i + 1) === 36;
      if (open === null) {
        open = isDouble ? '$$' : '$';
        if (isDouble) i++;
      } else if (open === '$$') {
        if (isDouble) {
          open = null;
          i++;
        } else return 'has a single "$" inside "$$…$$" display math';
      } else {
        open = null; // `$a$$b$` is two inline formulas, so only one "$" closes
      }
    }
  }
  if (open) return `has an opening "${open}" with no closing "${open}" (write \\$ for a dollar sign)`;
  if (hasBackslash && /(?<!\\)\\[([]/.test(text) && !/(?<!\\)\\[)\]]/.test(text)) return 'has "\\(" or "\\[" math with no closing "\\)" or "\\]"';
  return null;
}

/** All rule violations in one text value; the caller adds the JSON path. */
export function checkText(text: string): TextProblem[] {
  const problems: TextProblem[] = [];
  if (!MAY_BREAK_A_RULE.test(text)) return problems;
  const control = CONTROL_CHAR.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    problems.push({
      rule: 'control_character',
      message: `contains the invisible control character U+${code} at character ${control.index + 1} (only line breaks and tabs are allowed)`,
    });
  }
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) {
    const code = surrogate[0].charCodeAt(0).toString(16).toUpperCase();
    problems.push({
      rule: 'lone_surrogate',
      message: `contains a broken character (the unpaired UTF-16 surrogate \\u${code}) at character ${surrogate.index + 1}; it cannot be stored or exported as it is (remove it, or fix the emoji or symbol it was part of)`,
    });
  }
  const tex = text.includes('\\') ? UNSAFE_TEX.exec(text) : null;
  if (tex) {
    problems.push({
      rule: 'unsafe_tex',
      message: `uses the TeX command \\${tex[1]}, which packs may not use (links, HTML, styles and macro definitions are refused)`,
    });
  }
  // Issue 10 (engineer D): the shared TeX allowlist, the same one the renderer applies.
  const offList = !tex && text.includes('\\') ? findDisallowedTex(text) : null;
  if (offList) {
    problems.push({
      rule: 'unsafe_tex',
      message: `uses the TeX command ${offList.command} at character ${offList.index + 1}, which is not on the list of TeX the app typesets (see docs/pack-format.md, "TeX allowed in packs")`,
    });
  }
  const tag = text.includes('<') ? (DANGEROUS_TAG.exec(text) ?? SHORT_TAG.exec(text)) : null;
  if (tag) {
    problems.push({
      rule: 'html_tag',
      message: `contains HTML ("${tag[0].slice(0, 40)}"); packs hold plain text and $…$ math only`,
    });
  } else if (text.includes(':') && JS_URL.test(text)) {
    problems.push({ rule: 'html_tag', message: 'contains a "javascript:" link; packs hold plain text and $…$ math only' });
  }
  const math = findUnbalancedMath(text);
  if (math) problems.push({ rule: 'unbalanced_math', message: math });
  return problems;
}

/**
 * `\(x\)` → `$x$` and `\[x\]` → `$$x$$`, so the app renders one delimiter style. Escaped
 * backslashes (`\\(`) are left alone. Idempotent. A scanner, linear in the text: the lazy
 * regex it replaces rescanned to the end of the text from every unclosed opener (`\[` × 200,000:
 * minutes), and it runs before any length limit could refuse the text.
 */
export function normalizeMathDelimiters(text: string): string {
  // One scan for the common case of no backslash at all, before looking for the two openers.
  if (!text.includes('\\') || (!text.includes('\\(') && !text.includes('\\['))) return text;
  return replaceDelimited(replaceDelimited(text, '[', ']', '$$'), '(', ')', '$');
}

/**
 * Every `\<open>inner\<close>` (neither backslash preceded by a backslash, shortest inner)
 * → `<mark>inner.trim()<mark>`, left to right, as `/(?<!\\)\\\[([\s\S]*?)(?<!\\)\\\]/g` would.
 * The search for a closer only moves forward, and once none is left the rest is copied.
 */
function replaceDelimited(text: string, open: string, close: string, mark: string): string {
  const opener = `\\${open}`;
  const closer = `\\${close}`;
  const validAt = (i: number) => i === 0 || text.charCodeAt(i - 1) !== 92; /* \ */
  const nextCloser = (from: number) => {
    for (let j = text.indexOf(closer, from); j >= 0; j = text.indexOf(closer, j + 1)) if (validAt(j)) return j;
    return -1;
  };
  let out = '';
  let copied = 0;
  let i = text.indexOf(opener);
  while (i >= 0) {
    if (!validAt(i)) {
      i = text.indexOf(opener, i + 1);
      continue;
    }
    const j = nextCloser(i + 2);
    if (j < 0) break; // no closer after this opener, so none after any later one either
    out += text.slice(copied, i) + mark + text.slice(i + 2, j).trim() + mark;
    copied = j + 2;
    i = text.indexOf(opener, copied);
  }
  return copied === 0 ? text : out + text.slice(copied);
}
