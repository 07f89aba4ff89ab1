/** Turning one free-text step ("**Step 2: Substitute** — put b = a + k …") into a title and goal. */
import { TRAJECTORY_LIMITS } from '../../../../shared/trajectory.js';
import { isSpace } from './scan.js';

const MAX_DERIVED_TITLE = 100;
/**
 * A step's text is read only this far: its title and goal are clipped to maxFieldChars in the
 * end anyway (with a note), and a bounded input keeps each step's clean-up cheap.
 */
export const MAX_STEP_CHARS = 4 * TRAJECTORY_LIMITS.maxFieldChars;

/** Leading list marker: `-`, `*`, `•`, `1.`, `1)`, `(1)`, `Step 1:` is handled separately. */
export const LIST_MARKER = /^\s*(?:[-*•+]|\d{1,3}[.)]|\(\d{1,3}\))\s+/;

export const STEP_PREFIX = /^(?:step|stage|phase)\s*\d{1,3}\s*(?:[:.)\-–—]\s*)?/i;

function stripMarkdown(s: string): string {
  return s
    .replace(/^#{1,6}\s*/, '')
    .replace(/\*\*|__/g, '')
    .trim();
}

/** A short title from the start of a sentence, cut at a word boundary. */
export function deriveTitle(text: string): string {
  const flat = stripMarkdown(text.slice(0, MAX_STEP_CHARS)).replace(/\s+/g, ' ').trim();
  const firstClause = /^(.{8,}?)[.;:!?](?:\s|$)/.exec(flat)?.[1] ?? flat;
  if (firstClause.length <= MAX_DERIVED_TITLE) return firstClause.trim();
  const cut = firstClause.slice(0, MAX_DERIVED_TITLE);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).trim()}…`;
}

/**
 * "Title — goal", "Title: goal" or "Title\ngoal" with a title of 2 to 120 characters on the
 * first line: what `/^([^\n]{2,120}?)(?:\s+[—–]\s+|:\s+|\n)([\s\S]+)$/` matched (goal
 * trimmed), as a scanner: that regex re-scans a long run of spaces once per title length.
 */
export function splitTitle(text: string): { title: string; goal: string } | null {
  if (text[0] === '\n') return null;
  let runEnd = -1;
  for (let p = 2; p <= 120 && p <= text.length; p++) {
    if (text[p - 1] === '\n') return null;
    const ch = text[p];
    if (isSpace(ch)) {
      if (runEnd < p) {
        runEnd = p;
        while (isSpace(text[runEnd])) runEnd++;
      }
      const dash = text[runEnd];
      if ((dash === '—' || dash === '–') && isSpace(text[runEnd + 1]) && runEnd + 2 < text.length) {
        return { title: text.slice(0, p), goal: text.slice(runEnd + 1).trim() };
      }
    }
    if (ch === ':' && isSpace(text[p + 1]) && p + 2 < text.length) return { title: text.slice(0, p), goal: text.slice(p + 1).trim() };
    if (ch === '\n' && p + 1 < text.length) return { title: text.slice(0, p), goal: text.slice(p + 1).trim() };
  }
  return null;
}

export function splitStepText(raw: string): { title: string; goal: string } {
  let text = raw.slice(0, MAX_STEP_CHARS).replace(LIST_MARKER, '').replace(/^#{1,6}\s*/, '').trim();
  const bold = /^(?:\*\*|__)(.+?)(?:\*\*|__)\s*(?:[:.\-–—]+\s*)?([\s\S]*)$/.exec(text);
  if (bold) {
    const title = stripMarkdown((bold[1] ?? '').replace(STEP_PREFIX, '')).replace(/[:.]\s*$/, '');
    const rest = (bold[2] ?? '').trim();
    if (title) return { title, goal: rest || title };
  }
  if (STEP_PREFIX.test(text)) {
    text = text.replace(STEP_PREFIX, '');
    const titled = splitTitle(text);
    if (titled) return { title: stripMarkdown(titled.title), goal: titled.goal };
  }
  const plain = stripMarkdown(text);
  return { title: deriveTitle(plain), goal: plain };
}
