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

/** Removes everything up to and including the first delimiter (all of it if there is none). */
function dropHead(text: string): string {
  const first = delimiters(text)[0];
  return first ? `…${text.slice(first.index + first.token.length)}` : '…';
}

/** Removes everything from the last delimiter on (all of it if there is none). */
function dropTail(text: string): string {
  const all = delimiters(text);
  const last = all[all.length - 1];
  return last ? `${text.slice(0, last.index)}…` : '…';
}

// How wrong a reading looks: TeX left in text (a stray `$` or `\(` weighs most), and English
// words inside what would be rendered as math (a sign that the dollars paired up wrongly).
const TEX_SIGNS = /\\[A-Za-z]+|\\[()[\]]|[{}^_$]/g;
const TEXT_MACROS = /\\(?:text|mathrm|textbf|textit|operatorname|mbox)\s*\{[^{}]*\}/g;

function texInText(text: string): number {
  let score = 0;
  for (const [sign] of text.matchAll(TEX_SIGNS)) score += sign === '$' || /^\\[()[\]]$/.test(sign) ? 2 : 1;
  return score;
}

function wordsInMath(tex: string): number {
  const plain = tex.replace(TEXT_MACROS, '').replace(/\\[A-Za-z]+/g, '');
  return plain.match(/[A-Za-z]{3,}/g)?.length ?? 0;
}

function implausibility(text: string): number {
  return splitMath(text.replace(MARKERS, '')).reduce(
    (sum, s) => sum + (s.kind === 'text' ? texInText(s.text) : wordsInMath(s.tex)),
    0,
  );
}

/**
 * A snippet cut out of a longer field may start or end inside a formula, and then its
 * dollars pair up wrongly. Try the readings "keep", "drop the cut head", "drop the cut tail"
 * and both, and keep the one that looks least broken (each drop costs a little, so nothing
 * is dropped without evidence).
 */
function repairCutMath(snippet: string): string {
  const head = startsCut(snippet);
  const tail = endsCut(snippet);
  const candidates: { text: string; drops: number }[] = [{ text: snippet, drops: 0 }];
  if (head) candidates.push({ text: dropHead(snippet), drops: 1 });
  if (tail) candidates.push({ text: dropTail(snippet), drops: 1 });
  if (head && tail) candidates.push({ text: dropTail(dropHead(snippet)), drops: 2 });
  let best = candidates[0] as { text: string; drops: number };
  let bestScore = implausibility(best.text);
  for (const candidate of candidates.slice(1)) {
    const score = implausibility(candidate.text) + candidate.drops;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best.text;
}

export function snippetPieces(snippet: string): SnippetPiece[] {
  const text = repairCutMath(snippet);

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
