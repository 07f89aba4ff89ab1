/**
 * Repairs text that went through one or more rounds of careless string escaping, as in the
 * ReasonFlux v1 library: literal `\n` for line breaks, `\\frac` for `\frac`, and TeX
 * backslashes eaten by JSON escapes (`\frac` parsed as form feed + "rac"). Knowing which
 * words are TeX commands is what tells `\neq` (keep) from `\nAnswer` (line break).
 */

/** TeX command names that could be confused with an escape (\n…, \t…, \r…, \b…, \f…). */
const TEX_WORDS = new Set(
  (
    'neq ne not notin nabla nu neg ni nmid nexists newline nleq ngeq nsubseteq nparallel natural ' +
    'times theta text textbf textit textrm textstyle tan tanh tau to top triangle triangleq tfrac therefore tilde ' +
    'right rightarrow Rightarrow rho rangle rbrace rfloor rceil rm ' +
    'beta bar boldsymbol begin bigcup bigcap binom bot because bmod big Big bigg ' +
    'frac forall frown ' +
    'alpha arccos arcsin arctan angle approx ast ' +
    'vec varphi vee vert varepsilon ' +
    'sqrt sum sin cos cot sec csc log ln lg lim left le leq ge geq gamma delta Delta pi mu lambda sigma ' +
    'omega Omega phi psi chi eta zeta kappa xi epsilon cdot cdots ldots dots in cap cup subset subseteq subsetneq ' +
    'supset supseteq emptyset varnothing infty pm mp div circ perp parallel equiv sim simeq cong propto ' +
    'overline overrightarrow overleftarrow underline hat widehat mathbf mathbb mathrm mathcal math ' +
    'end cases quad qquad prod int iint oint partial Leftrightarrow leftrightarrow Leftarrow leftarrow implies iff ' +
    'max min exp det dim ker deg gcd lfloor lceil langle lbrace mid land lor lnot displaystyle limits ' +
    'prime odot oplus otimes setminus complement exists sup inf arg hline'
  ).split(' '),
);

export const isTexWord = (word: string) => TEX_WORDS.has(word);

/** Characters repairEatenBackslashes acts on; most texts have none and skip its passes. */
// eslint-disable-next-line no-control-regex
const EATEN_ESCAPE = /[\f\u0008\u0007\v\t\r]/;

/** Control characters that are the remains of `\f`, `\b`, `\a`, `\v`, `\t`, `\r` escapes. */
function repairEatenBackslashes(text: string): string {
  if (!EATEN_ESCAPE.test(text)) return text;
  return (
    text
      .replace(/\f/g, '\\f')
      .replaceAll('\u0008', '\\b')
      .replaceAll('\u0007', '\\a')
      .replace(/\v/g, '\\v')
      // A tab or CR followed by the rest of a TeX word was `\t…`/`\r…` (\theta, \right).
      .replace(/([\t\r])([A-Za-z]+)/g, (m, ch: string, rest: string) => {
        const letter = ch === '\t' ? 't' : 'r';
        return isTexWord(letter + rest) ? `\\${letter}${rest}` : m;
      })
      .replace(/\r\n?/g, '\n')
  );
}

/** How many backslashes this text uses per real one: 2 when `\\frac` stands for `\frac`. */
function escapeFactor(text: string): number {
  let factor = Infinity;
  // `(?<!\\)`: a run is only tried from its first backslash; without it, a long run before a
  // non-letter was retried from every backslash in it (quadratic).
  for (const m of text.matchAll(/(?<!\\)(\\+)([A-Za-z]+)/g)) {
    if (isTexWord(m[2]!)) factor = Math.min(factor, m[1]!.length);
  }
  return Number.isFinite(factor) ? factor : 1;
}

/**
 * Undo over-escaping: a backslash run before a TeX word becomes one backslash; other runs
 * are divided by the text's escape factor (so `\\\\` row breaks become `\\`); a run before a
 * line end is dropped; `\n`/`\t` that are not TeX words become a line break / tab.
 */
function collapseEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  const factor = escapeFactor(text);
  return text.replace(/(\\+)([A-Za-z]*)(\n?)/g, (m, run: string, word: string, lf: string, at: number) => {
    if (word === '' && (lf || at + m.length === text.length)) return lf; // dangling at a line end
    const next = text[at + m.length];
    if (word === '' && (next === '(' || next === ')')) return '\\'; // `\\(` is an over-escaped `\(`
    if (word && isTexWord(word)) return `\\${word}${lf}`;
    if (word.startsWith('n')) return `\n${word.slice(1)}${lf}`;
    if (word.startsWith('t')) return `\t${word.slice(1)}${lf}`;
    if (word) return `\\${word}${lf}`; // an unknown command: keep it, single backslash
    return '\\'.repeat(Math.max(1, Math.round(run.length / factor))) + lf;
  });
}

/**
 * Close `\(` math the source left open: an opener without a closer on its line gets one at
 * the line end (the library often forgot it before a line break); stray closers go.
 */
function closeOpenParenMath(text: string): string {
  if (!text.includes('\\(') && !text.includes('\\)')) return text;
  const opens = text.match(/(?<!\\)\\\(/g)?.length ?? 0;
  const closes = text.match(/(?<!\\)\\\)/g)?.length ?? 0;
  if (opens === closes) return text;
  return text
    .split('\n')
    .map((line) => {
      let open = false;
      let out = line.replace(/(?<!\\)\\([()])/g, (_m, paren: string) => {
        if (paren === '(') {
          const prefix = open ? '\\)' : '';
          open = true;
          return `${prefix}\\(`;
        }
        if (!open) return ''; // a closer with nothing open
        open = false;
        return '\\)';
      });
      if (open) out = `${out.trimEnd()}\\)`;
      return out;
    })
    .join('\n');
}

/** Trim each line's trailing blanks, cap blank lines at one, trim the whole text. */
function tidyWhitespace(text: string): string {
  // Whole-text passes, each skipped when it has nothing to do (blanks at the very end go with trim).
  let out = text;
  if (out.includes(' \n') || out.includes('\t\n')) out = trimLineEnds(out);
  if (out.includes('\n\n\n')) out = out.replace(/\n{3,}/g, '\n\n');
  return out.trim();
}

/**
 * Spaces and tabs before each line break (and at the end) removed, as `/[ \t]+(?=\n|$)/g`
 * would, but in one pass: the regex retried a long blank run not followed by a line break
 * from every blank in it (200 KB of such runs: over a minute).
 */
export function trimLineEnds(text: string): string {
  let out = '';
  let copied = 0;
  for (let nl = text.indexOf('\n'); ; nl = text.indexOf('\n', nl + 1)) {
    const end = nl < 0 ? text.length : nl;
    let start = end;
    while (start > copied && (text.charCodeAt(start - 1) === 32 || text.charCodeAt(start - 1) === 9)) start--;
    if (start < end) {
      out += text.slice(copied, start);
      copied = end;
    }
    if (nl < 0) break;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Full repair of one ReasonFlux text value. Idempotent on clean text. */
export function repairEscapedText(raw: string): string {
  return tidyWhitespace(closeOpenParenMath(collapseEscapes(repairEatenBackslashes(raw))));
}

const DOLLAR_OUTSIDE_DISPLAY = /(?<![\\$])\$(?!\$)/g;

/**
 * Make `$` math pair up in repaired text: a line with an odd number of single `$` gets a
 * closing one at its end; if that still does not balance, every `$` is escaped so the text
 * shows as plain characters. `changed` tells the importer to warn.
 */
export function balanceDollarMath(text: string, isBalanced: (t: string) => boolean): { text: string; changed: boolean } {
  if (isBalanced(text)) return { text, changed: false };
  const closed = text
    .split('\n')
    .map((line) => ((line.match(DOLLAR_OUTSIDE_DISPLAY)?.length ?? 0) % 2 === 1 ? `${line.trimEnd()}$` : line))
    .join('\n');
  if (isBalanced(closed)) return { text: closed, changed: true };
  return { text: text.replace(/(?<!\\)\$/g, '\\$'), changed: true };
}
