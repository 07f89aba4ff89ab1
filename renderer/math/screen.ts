/**
 * Refuses TeX that could inject HTML, links, styles or ids into the page. The TeX input is
 * configured without the 'html' and 'unicode' packages and wrapped in MathJax's safe
 * handler too; this screen is the first, explicit line: a forbidden macro never reaches
 * MathJax, and the learner sees a marked error instead.
 */
const FORBIDDEN_MACROS = [
  'href',
  'html',
  'class',
  'cssId',
  'style',
  'data',
  'unicode',
  'require',
  'url',
  'bbox',
  'enclose',
  'tooltip',
  'texttip',
  'mathtip',
  'toggle',
  'csname',
  'def',
  'newcommand',
  'renewcommand',
  'let',
] as const;

// A macro name ends at the first non-letter: `\hrefx` is a different macro, `\href{` is not.
const FORBIDDEN_PATTERN = new RegExp(`\\\\(${FORBIDDEN_MACROS.join('|')})(?![A-Za-z])`);

export interface ScreenVerdict {
  ok: boolean;
  /** The offending macro, e.g. `\href`, when refused. */
  macro?: string;
}

export function screenTex(tex: string): ScreenVerdict {
  const match = FORBIDDEN_PATTERN.exec(tex);
  return match ? { ok: false, macro: `\\${match[1]}` } : { ok: true };
}
