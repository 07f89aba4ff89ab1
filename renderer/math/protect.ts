/**
 * Before model text goes through Markdown, everything Markdown must not touch is taken out and
 * replaced by a placeholder: each formula (found by the math splitter, split.ts, so `\(`, `\[`,
 * `$…$` and `$$…$$` mean exactly what they mean everywhere else) and each marker the core puts
 * in model text (HELD_BACK, TRUNCATED). A placeholder is two private-use characters around a
 * number; Markdown sees it as an ordinary word, so it can sit in a list item, a table cell or
 * an emphasis, and the renderer puts the formula or the note back in its place. Characters the
 * text already had in that range are replaced, so a model cannot forge a placeholder.
 * One pass over the text: linear.
 */
import { HELD_BACK, TRUNCATED } from '../../shared/tutor.js';
import { splitMath } from './split.js';

export type Slot =
  | { kind: 'math'; tex: string; display: boolean; source: string }
  | { kind: 'marker'; marker: typeof HELD_BACK | typeof TRUNCATED };

export interface Protected {
  /** The text with every formula and marker replaced by a placeholder. */
  src: string;
  slots: Slot[];
}

const OPEN = '\uE000';
const CLOSE = '\uE001';
const SENTINELS = /[\uE000\uE001]/g;
const MARKERS = /\[\[held-back\]\]|\[\[truncated\]\]/g;
/** A placeholder anywhere in a string (the number is the slot's index, base 36). */
export const PLACEHOLDER = /\uE000([0-9a-z]+)\uE001/g;

const placeholder = (index: number) => `${OPEN}${index.toString(36)}${CLOSE}`;

export function protectMath(text: string): Protected {
  const slots: Slot[] = [];
  let src = '';
  const add = (slot: Slot) => {
    src += placeholder(slots.length);
    slots.push(slot);
  };
  for (const segment of splitMath(text)) {
    if (segment.kind === 'math') {
      // A held-back value inside a formula: the note, never the marker typeset as maths.
      if (segment.tex.includes(HELD_BACK)) add({ kind: 'marker', marker: HELD_BACK });
      else add({ kind: 'math', tex: segment.tex, display: segment.display, source: segment.source });
      continue;
    }
    const plain = segment.text.replace(SENTINELS, '\uFFFD');
    let last = 0;
    for (const match of plain.matchAll(MARKERS)) {
      src += plain.slice(last, match.index);
      add({ kind: 'marker', marker: match[0] === HELD_BACK ? HELD_BACK : TRUNCATED });
      last = match.index + match[0].length;
    }
    src += plain.slice(last);
  }
  return { src, slots };
}

/** A string cut at its placeholders: text pieces and the slots between them, in order. */
export function splitPlaceholders(text: string, slots: readonly Slot[]): (string | Slot)[] {
  if (!text.includes(OPEN)) return [text];
  const pieces: (string | Slot)[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const slot = slots[parseInt(match[1]!, 36)];
    if (!slot) continue; // not one of ours (cannot happen: forged ones were replaced)
    if (match.index > last) pieces.push(text.slice(last, match.index));
    pieces.push(slot);
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}

/** The text with every placeholder put back as it was written (for code, shown verbatim). */
export function restoreSource(text: string, slots: readonly Slot[]): string {
  if (!text.includes(OPEN)) return text;
  return text.replace(PLACEHOLDER, (whole, index: string) => {
    const slot = slots[parseInt(index, 36)];
    if (!slot) return whole;
    return slot.kind === 'math' ? slot.source : slot.marker;
  });
}
