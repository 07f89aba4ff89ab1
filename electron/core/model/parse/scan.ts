/**
 * Small linear scanners for model text. Model output is unbounded and hostile-by-accident
 * (a model that loops can send a million spaces), so the parsers here never run a regex with
 * adjacent or nested quantifiers over it: such a regex backtracks quadratically on long runs
 * of whitespace. Every helper below looks at each character a bounded number of times.
 * test/unit/core/navigator/linear-parse.test.ts guards this for every exported parser.
 */

/** The characters `\s` matches in a JavaScript regex. */
export function isSpace(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 128) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A line terminator as the regex `$`/`.` see it (`\n`, `\r`, U+2028, U+2029). */
export function isLineTerminator(ch: string | undefined): boolean {
  return ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029';
}

/** Index of the first non-space character at or after `from` (or text.length). */
export function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text[i])) i++;
  return i;
}

/** Index of the line terminator that ends the line containing `from` (or text.length). */
export function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isLineTerminator(text[i])) i++;
  return i;
}

/** Removes every `<tag>…</tag>` block (lazy, like `/<t>[\s\S]*?<\/t>/g`) in one pass; `open`/`close` are global regexes. */
export function removeBlocks(text: string, open: RegExp, close: RegExp, onInner?: (inner: string) => void, replacement = ''): string {
  let out = '';
  let pos = 0;
  for (;;) {
    open.lastIndex = pos;
    const o = open.exec(text);
    if (!o) break;
    close.lastIndex = o.index + o[0].length;
    const c = close.exec(text);
    // No closing tag after this opening one: no later opening tag has one either.
    if (!c) break;
    onInner?.(text.slice(o.index + o[0].length, c.index));
    out += text.slice(pos, o.index) + replacement;
    pos = c.index + c[0].length;
  }
  return out + text.slice(pos);
}

/** `s` without leading and trailing runs of `ch` (like `s.replace(/^ch+|ch+$/g, '')`, but linear). */
export function trimChar(s: string, ch: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === ch) start++;
  while (end > start && s[end - 1] === ch) end--;
  return s.slice(start, end);
}
