/**
 * Turns a search snippet into pieces to render: highlighted words (wrapped by the core in
 * HIGHLIGHT_START / HIGHLIGHT_END) become marked text; math stays math with the markers
 * stripped (TeX cannot carry them); a formula cut in half by the snippet's ellipsis is
 * dropped rather than shown as broken TeX or swallowing the following text.
 */
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../shared/domain.js';
import { splitMath } from './split.js';

export type SnippetPiece =
  | { kind: 'text'; text: string; marked: boolean }
  | { kind: 'math'; tex: string; display: boolean; source: string };

const ELLIPSES = ['…', '...'];
const MARKERS = new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_END}]`, 'g');

type Delimiter = { token: string; index: number };

/** Unescaped math delimiters in order (`$$` read as one token). */
function delimiters(text: string): Delimiter[] {
  const found: Delimiter[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '(' || next === ')' || next === '[' || next === ']') found.push({ token: `\\${next}`, index: i });
      i++;
      continue;
    }
    if (ch === '$') {
      const token = text[i + 1] === '$' ? '$$' : '$';
      found.push({ token, index: i });
      i += token.length - 1;
    }
  }
  return found;
}

function startsCut(text: string): boolean {
  return ELLIPSES.some((e) => text.startsWith(e));
}

function endsCut(text: string): boolean {
  return ELLIPSES.some((e) => text.endsWith(e));
}

/** Drops the tail of a formula whose beginning was cut off by a leading ellipsis. */
function dropCutHead(text: string): string {
  const all = delimiters(text);
  const first = all[0];
  if (!first) return text;
  let isCloser = first.token === '\\)' || first.token === '\\]';
  if (first.token === '$' || first.token === '$$') {
    // An odd number of same-kind dollars means the first one closes a formula we never saw.
    isCloser = all.filter((d) => d.token === first.token).length % 2 === 1;
  }
  return isCloser ? `…${text.slice(first.index + first.token.length)}` : text;
}

/** Drops the head of a formula whose end was cut off by a trailing ellipsis. */
function dropCutTail(text: string): string {
  const segments = splitMath(text);
  const last = segments[segments.length - 1];
  if (!last || last.kind !== 'text') return text;
  const opener = delimiters(last.text).find((d) => d.token !== '\\)' && d.token !== '\\]');
  if (!opener) return text;
  const keep = text.length - last.text.length + opener.index;
  return `${text.slice(0, keep)}…`;
}

export function snippetPieces(snippet: string): SnippetPiece[] {
  let text = snippet;
  if (startsCut(text)) text = dropCutHead(text);
  if (endsCut(text)) text = dropCutTail(text);

  const pieces: SnippetPiece[] = [];
  let marked = false;
  for (const segment of splitMath(text)) {
    if (segment.kind === 'math') {
      const tex = segment.tex.replace(MARKERS, '');
      if (tex.trim()) pieces.push({ kind: 'math', tex, display: false, source: segment.source.replace(MARKERS, '') });
      continue;
    }
    let run = '';
    for (const ch of segment.text) {
      if (ch === HIGHLIGHT_START || ch === HIGHLIGHT_END) {
        if (run) pieces.push({ kind: 'text', text: run, marked });
        run = '';
        marked = ch === HIGHLIGHT_START;
        continue;
      }
      run += ch;
    }
    if (run) pieces.push({ kind: 'text', text: run, marked });
  }
  return pieces;
}
