/**
 * The TeX the app will typeset: an ALLOWLIST of macros and environments, shared by the pack
 * validator (electron/core/packs/text-rules.ts refuses a pack text using anything else, with
 * its JSON path) and the renderer (renderer/math/tex-to-svg.ts shows a formula using anything
 * else as plain text, never typeset).
 *
 * Why an allowlist: MathJax has many ways to put links, ids, classes, styles or raw HTML into
 * the page (`\mmlToken{mi}[href=…]`, `\href`, `\class`, `\cssId`, `\style`, `\html`, `\data`,
 * `\unicode` with a font, `\require` loading any of them, `\bbox[style]`, `\enclose`, `\toggle`,
 * `\label` making an id…) and more may come with a MathJax update. A list of what is refused
 * misses the next one; a list of what is allowed cannot.
 *
 * Where the list comes from: every macro and environment the built-in packs use
 * (resources/packs/*.json, checked by test/unit/security/tex-allowlist.test.ts) plus standard
 * school and olympiad maths notation. Every name here is defined by the TeX packages the
 * renderer loads (checked by test/unit/renderer/math/tex-allowlist-mathjax.test.ts), and none
 * of them can create a link, id, class, style or HTML.
 *
 * Control symbols (`\,` `\{` `\\` `\$` `\%` …: a backslash and one non-letter) are always
 * allowed: MathJax defines none that makes markup.
 *
 * Imports nothing (shared/ is used by both sides); linear-time, no regular expressions.
 */

const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta',
  'iota', 'kappa', 'varkappa', 'lambda', 'mu', 'nu', 'xi', 'omicron', 'pi', 'varpi', 'rho', 'varrho',
  'sigma', 'varsigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
  'varGamma', 'varDelta', 'varTheta', 'varLambda', 'varXi', 'varPi', 'varSigma', 'varUpsilon',
  'varPhi', 'varPsi', 'varOmega',
];

const SYMBOLS = [
  // letters and constants
  'aleph', 'beth', 'hbar', 'hslash', 'ell', 'wp', 'Re', 'Im', 'imath', 'jmath', 'infty', 'partial',
  'nabla', 'emptyset', 'varnothing', 'complement', 'eth', 'mho', 'Finv', 'Game',
  // binary operators
  'pm', 'mp', 'times', 'div', 'cdot', 'ast', 'star', 'circ', 'bullet', 'oplus', 'ominus', 'otimes',
  'oslash', 'odot', 'cap', 'cup', 'sqcap', 'sqcup', 'uplus', 'setminus', 'smallsetminus', 'wedge',
  'vee', 'land', 'lor', 'dagger', 'ddagger', 'amalg', 'wr', 'diamond', 'bigtriangleup',
  'bigtriangledown', 'triangleleft', 'triangleright', 'ltimes', 'rtimes', 'dotplus', 'centerdot',
  'intercal', 'divideontimes', 'boxplus', 'boxminus', 'boxtimes', 'boxdot', 'bmod',
  // relations
  'le', 'leq', 'ge', 'geq', 'leqslant', 'geqslant', 'leqq', 'geqq', 'lt', 'gt', 'ne', 'neq', 'nless',
  'ngtr', 'nleq', 'ngeq', 'lneq', 'gneq', 'lneqq', 'gneqq', 'll', 'gg', 'lll', 'ggg', 'approx',
  'approxeq', 'sim', 'simeq', 'nsim', 'cong', 'ncong', 'equiv', 'doteq', 'doteqdot', 'propto',
  'varpropto', 'asymp', 'prec', 'succ', 'preceq', 'succeq', 'subset', 'supset', 'subseteq',
  'supseteq', 'subsetneq', 'supsetneq', 'nsubseteq', 'nsupseteq', 'sqsubset', 'sqsupset',
  'sqsubseteq', 'sqsupseteq', 'in', 'ni', 'notin', 'owns', 'mid', 'nmid', 'parallel', 'nparallel',
  'perp', 'models', 'vdash', 'dashv', 'vDash', 'Vdash', 'smile', 'frown', 'bowtie', 'therefore',
  'because', 'triangleq', 'lessgtr', 'gtrless', 'lesssim', 'gtrsim',
  // arrows
  'to', 'gets', 'rightarrow', 'leftarrow', 'Rightarrow', 'Leftarrow', 'leftrightarrow',
  'Leftrightarrow', 'longrightarrow', 'longleftarrow', 'Longrightarrow', 'Longleftarrow',
  'longleftrightarrow', 'Longleftrightarrow', 'iff', 'implies', 'impliedby', 'mapsto', 'longmapsto',
  'uparrow', 'downarrow', 'updownarrow', 'Uparrow', 'Downarrow', 'Updownarrow', 'nearrow',
  'searrow', 'swarrow', 'nwarrow', 'hookrightarrow', 'hookleftarrow', 'rightharpoonup',
  'rightharpoondown', 'leftharpoonup', 'leftharpoondown', 'rightleftharpoons', 'leftrightharpoons',
  'rightrightarrows', 'leftleftarrows', 'nrightarrow', 'nleftarrow', 'nRightarrow', 'nLeftarrow',
  'nleftrightarrow', 'nLeftrightarrow', 'circlearrowleft', 'circlearrowright', 'curvearrowleft',
  'curvearrowright', 'leadsto', 'xrightarrow', 'xleftarrow',
  // logic and sets
  'forall', 'exists', 'nexists', 'neg', 'lnot', 'top', 'bot',
  // geometry and misc
  'angle', 'measuredangle', 'sphericalangle', 'triangle', 'vartriangle', 'square', 'Box', 'blacksquare',
  'lozenge', 'blacklozenge', 'bigstar', 'blacktriangle', 'triangledown', 'prime', 'backprime', 'degree',
  'surd', 'checkmark', 'clubsuit', 'diamondsuit', 'heartsuit', 'spadesuit', 'flat', 'natural', 'sharp',
  'bigcirc', 'colon', 'cdotp', 'ldotp', 'vert', 'Vert', 'backslash',
  // dots
  'dots', 'ldots', 'cdots', 'vdots', 'ddots', 'dotsc', 'dotsb', 'dotsm', 'dotsi', 'dotso',
];

const BIG_OPERATORS = [
  'sum', 'prod', 'coprod', 'int', 'iint', 'iiint', 'oint', 'smallint', 'bigcup', 'bigcap',
  'bigsqcup', 'bigvee', 'bigwedge', 'bigoplus', 'bigotimes', 'bigodot', 'biguplus',
  'lim', 'limsup', 'liminf', 'varlimsup', 'varliminf', 'sup', 'inf', 'max', 'min', 'arg', 'det',
  'dim', 'ker', 'gcd', 'hom', 'deg', 'Pr', 'exp', 'log', 'ln', 'lg',
  'sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh',
  'coth', 'operatorname', 'limits', 'nolimits', 'pmod', 'pod', 'mod',
];

const DELIMITERS = [
  'left', 'right', 'middle', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl',
  'biggr', 'Biggl', 'Biggr', 'bigm', 'Bigm', 'biggm', 'Biggm', 'langle', 'rangle', 'lfloor',
  'rfloor', 'lceil', 'rceil', 'lvert', 'rvert', 'lVert', 'rVert', 'lbrace', 'rbrace', 'lbrack',
  'rbrack', 'ulcorner', 'urcorner', 'llcorner', 'lrcorner', 'lgroup', 'rgroup',
];

const STRUCTURE = [
  // fractions, roots, binomials
  'frac', 'dfrac', 'tfrac', 'cfrac', 'binom', 'dbinom', 'tbinom', 'choose', 'over', 'atop', 'sqrt',
  // accents and over/under decorations
  'hat', 'widehat', 'bar', 'overline', 'underline', 'vec', 'overrightarrow', 'overleftarrow',
  'overleftrightarrow', 'underrightarrow', 'underleftarrow', 'tilde', 'widetilde', 'dot', 'ddot',
  'dddot', 'acute', 'grave', 'breve', 'check', 'mathring', 'overbrace', 'underbrace', 'overset',
  'underset', 'stackrel', 'substack', 'overparen', 'underparen',
  // boxes and strike-outs (drawn as lines, no attributes from the text)
  'boxed', 'fbox', 'cancel', 'bcancel', 'xcancel', 'cancelto', 'not',
  // fonts and styles
  'mathbb', 'mathbf', 'mathrm', 'mathit', 'mathsf', 'mathtt', 'mathcal', 'mathscr', 'mathfrak',
  'mathnormal', 'boldsymbol', 'displaystyle', 'textstyle', 'scriptstyle', 'scriptscriptstyle',
  'mathop', 'mathbin', 'mathrel', 'mathord', 'mathopen', 'mathclose', 'mathpunct', 'mathinner',
  // text inside math
  'text', 'textrm', 'textbf', 'textit', 'textsf', 'texttt', 'textnormal', 'mbox',
  // spacing (fixed amounts only: \hspace, \kern, \mskip, \Rule, \Space take any length)
  'quad', 'qquad', 'enspace', 'thinspace', 'negthinspace', 'negmedspace',
  'negthickspace', 'phantom', 'vphantom', 'hphantom', 'smash', 'mathstrut', 'strut',
  // arrays and environments
  'begin', 'end', 'hline', 'hdashline', 'cr', 'displaylines',
  // braket package
  'bra', 'ket', 'braket', 'Bra', 'Ket', 'Braket', 'set', 'Set',
  // gensymb and textcomp
  'celsius', 'ohm', 'micro', 'perthousand', 'textdegree',
];

/** Macro names (without the backslash) the app will typeset or accept in a pack. */
export const TEX_MACRO_ALLOWLIST: ReadonlySet<string> = new Set([...GREEK, ...SYMBOLS, ...BIG_OPERATORS, ...DELIMITERS, ...STRUCTURE]);

/** `\begin{…}` environments the app will typeset or accept in a pack. */
export const TEX_ENVIRONMENT_ALLOWLIST: ReadonlySet<string> = new Set([
  'matrix', 'pmatrix', 'bmatrix', 'Bmatrix', 'vmatrix', 'Vmatrix', 'smallmatrix', 'cases',
  'aligned', 'align', 'align*', 'alignat', 'alignat*', 'alignedat', 'gathered', 'gather', 'gather*',
  'split', 'array', 'subarray', 'multline', 'multline*', 'numcases', 'subnumcases',
]);

/**
 * Size limits for one formula. Over them the renderer does not typeset it (MathJax works in one
 * uninterruptible call, so a formula's size bounds how long it blocks the page) and shows a
 * collapsed "formula too long" control with the source. The built-in packs' longest formula
 * is 172 characters with braces 3 deep.
 */
export const TEX_LIMITS = {
  maxFormulaChars: 1500,
  /** Groups (`{…}`), `\left…\right` and `\begin…\end` open at once. */
  maxNesting: 24,
} as const;

export interface TexRefusal {
  /** What is refused, as written: `\href`, `\begin{equation}`. */
  command: string;
  /** Where it starts in the text (0-based UTF-16 index). */
  index: number;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
/** Longest environment name read (the longest allowed one is 11 characters). */
const MAX_ENV_NAME = 40;

/**
 * The first macro or environment in `text` that is not on the allowlist, or null. Reads the
 * text the way MathJax tokenises it: a backslash and a run of ASCII letters is a macro; a
 * backslash and any other character is a control symbol (so `\\href` is a line break and the
 * letters "href"). `\begin`/`\end` must name an allowed environment in braces. One pass,
 * linear in the text.
 */
export function findDisallowedTex(text: string): TexRefusal | null {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) !== 92 /* \ */) continue;
    let j = i + 1;
    if (j >= n) break;
    if (!isLetter(text.charCodeAt(j))) {
      i = j; // a control symbol: skip the escaped character
      continue;
    }
    while (j < n && isLetter(text.charCodeAt(j))) j++;
    const name = text.slice(i + 1, j);
    if (!TEX_MACRO_ALLOWLIST.has(name)) return { command: `\\${name}`, index: i };
    if (name === 'begin' || name === 'end') {
      let k = j;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) !== 123 /* { */) return { command: `\\${name}`, index: i };
      // Look for the closing brace within MAX_ENV_NAME characters only: `\begin{` repeated
      // without one must not make each occurrence scan to the end of the text.
      let close = -1;
      for (let m = k + 1; m < n && m <= k + 1 + MAX_ENV_NAME; m++) {
        if (text.charCodeAt(m) === 125 /* } */) {
          close = m;
          break;
        }
      }
      const env = close === -1 ? null : text.slice(k + 1, close);
      if (env === null || !TEX_ENVIRONMENT_ALLOWLIST.has(env)) {
        return { command: `\\${name}{${env ?? text.slice(k + 1, k + 1 + MAX_ENV_NAME)}}`, index: i };
      }
      j = close + 1;
    }
    i = j - 1;
  }
  return null;
}

export type TexSizeVerdict = { ok: true } | { ok: false; limit: 'length'; chars: number } | { ok: false; limit: 'nesting'; depth: number };

/**
 * Whether one formula (the TeX between its delimiters) is within TEX_LIMITS. Counts nesting
 * the way MathJax recurses: `{`, `\left` and `\begin` open, `}`, `\right` and `\end` close;
 * escaped braces `\{ \}` do not count. Stops at the first excess; linear.
 */
export function checkTexSize(tex: string): TexSizeVerdict {
  if (tex.length > TEX_LIMITS.maxFormulaChars) return { ok: false, limit: 'length', chars: tex.length };
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex.charCodeAt(i);
    let delta = 0;
    if (c === 123 /* { */) delta = 1;
    else if (c === 125 /* } */) delta = -1;
    else if (c === 92 /* \ */) {
      const next = tex.charCodeAt(i + 1);
      if (!isLetter(next)) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < tex.length && isLetter(tex.charCodeAt(j))) j++;
      const name = tex.slice(i + 1, j);
      if (name === 'left' || name === 'begin') delta = 1;
      else if (name === 'right' || name === 'end') delta = -1;
      i = j - 1;
    }
    depth = Math.max(0, depth + delta);
    if (depth > TEX_LIMITS.maxNesting) return { ok: false, limit: 'nesting', depth };
  }
  return { ok: true };
}
