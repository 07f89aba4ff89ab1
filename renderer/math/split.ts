/**
 * Splits template text into plain-text and math segments. Recognised delimiters: `$…$`,
 * `$$…$$`, `\(…\)`, `\[…\]`. `\$` is a literal dollar. An opening delimiter without its
 * closing partner is kept as text, so a stray `$` in a price never swallows the paragraph.
 */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'math'; tex: string; display: boolean; source: string };

interface Opener {
  open: string;
  close: string;
  display: boolean;
}

const OPENERS: Opener[] = [
  { open: '$$', close: '$$', display: true },
  { open: '\\[', close: '\\]', display: true },
  { open: '\\(', close: '\\)', display: false },
  { open: '$', close: '$', display: false },
];

/** Index of `close` at or after `from`, skipping backslash-escaped characters; -1 if absent. */
function findClose(text: string, close: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (close.startsWith('\\')) {
      // `\)` / `\]`: match the pair itself; any other `\x` is TeX and is skipped whole.
      if (text.startsWith(close, i)) return i;
      if (ch === '\\') i++;
      continue;
    }
    if (ch === '\\') {
      i++; // `\$` inside math is a TeX dollar, not the closing delimiter
      continue;
    }
    if (text.startsWith(close, i)) return i;
  }
  return -1;
}

export function splitMath(text: string): Segment[] {
  const segments: Segment[] = [];
  // Per closing delimiter, the earliest start from which it was searched for and not found.
  // A later search from further on cannot find it either (every start follows a delimiter
  // character, never a backslash, so both searches read the same tokens from there), so it is
  // skipped: 100,000 unmatched `$` or `\(` cost one scan each kind, not one scan each.
  const missingFrom = new Map<string, number>();
  let buffer = '';
  const flushText = () => {
    if (buffer) segments.push({ kind: 'text', text: buffer });
    buffer = '';
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '$') {
      buffer += '$';
      i += 2;
      continue;
    }
    const opener = OPENERS.find((o) => text.startsWith(o.open, i));
    if (!opener) {
      buffer += ch;
      i++;
      continue;
    }
    const start = i + opener.open.length;
    const missing = missingFrom.get(opener.close);
    const end = missing !== undefined && start >= missing ? -1 : findClose(text, opener.close, start);
    if (end === -1 && (missing === undefined || start < missing)) missingFrom.set(opener.close, start);
    const tex = end === -1 ? '' : text.slice(start, end);
    if (end === -1 || tex.trim() === '') {
      // Unbalanced or empty: the delimiter is ordinary text.
      buffer += opener.open;
      i = start;
      continue;
    }
    flushText();
    const source = text.slice(i, end + opener.close.length);
    segments.push({ kind: 'math', tex: tex.trim(), display: opener.display, source });
    i = end + opener.close.length;
  }
  flushText();
  return segments;
}

/** True when the text holds at least one math segment (cheap check for callers). */
export const hasMath = (text: string): boolean => splitMath(text).some((s) => s.kind === 'math');
