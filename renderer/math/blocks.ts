/**
 * Cuts model text into blocks that Markdown can parse one at a time, so a growing (streamed)
 * text re-parses only its last, unfinished block and every finished block is rendered once.
 * The same cuts are used for a finished text, so a worked step looks the same while it streams
 * and afterwards.
 *
 * A cut falls at the start of a line, never inside a code fence or an open display formula
 * (`$$…$$`, `\[…\]`):
 *  - after one or more blank lines, when the next line starts at the margin (an indented line
 *    continues a list item or a code block and stays with it);
 *  - in a block already longer than SOFT_BLOCK_CHARS, at a newline between two lines that are
 *    not table rows (no `|`), when the next line starts at the margin and is not a heading
 *    underline. A single paragraph of 40,000 characters is re-parsed in pieces, not whole.
 * A display formula still open after MAX_OPEN_DISPLAY_CHARS is a stray delimiter (a formula
 * that long would be refused as too long anyway) and stops blocking cuts.
 *
 * Incremental: `advanceBlocks` reads only complete lines it has not read yet (the last line
 * may still grow; a cut before it is decided once it is complete, or when the text is final).
 * Linear in the text overall.
 */
import { TEX_LIMITS } from '../../shared/tex-allowlist.js';

export const SOFT_BLOCK_CHARS = 3000;
export const MAX_OPEN_DISPLAY_CHARS = TEX_LIMITS.maxFormulaChars + 200;

export interface BlockCutter {
  /** The text read so far (a later text must start with it). */
  text: string;
  /** Finished blocks (never change again). */
  blocks: string[];
  /** Where the current, unfinished block starts. */
  blockStart: number;
  /** Where the next line to read starts. */
  lineStart: number;
  fence: { char: string; length: number } | null;
  /** Where an open display formula's delimiter is, and which closes it. */
  display: { at: number; close: '$$' | '\\]' } | null;
  /** An inline `$` is open (so a `$$` in it is not a display opener). */
  inline: boolean;
  previousBlank: boolean;
  previousHasPipe: boolean;
}

export function newBlockCutter(): BlockCutter {
  return { text: '', blocks: [], blockStart: 0, lineStart: 0, fence: null, display: null, inline: false, previousBlank: false, previousHasPipe: false };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const BLANK = /^[ \t]*$/;

const startsAtMargin = (line: string) => line.length > 0 && line[0] !== ' ' && line[0] !== '\t';

/** Reads one complete line starting at `start` (without its newline). */
function readLine(c: BlockCutter, line: string, start: number): void {
  if (c.display && start - c.display.at > MAX_OPEN_DISPLAY_CHARS) c.display = null;
  const blank = BLANK.test(line);
  if (!c.fence && !c.display && start > c.blockStart && !blank) {
    const afterBlank = c.previousBlank && startsAtMargin(line);
    const oversize =
      !c.previousBlank &&
      start - c.blockStart >= SOFT_BLOCK_CHARS &&
      !c.previousHasPipe &&
      !line.includes('|') &&
      startsAtMargin(line) &&
      !SETEXT_UNDERLINE.test(line);
    if (afterBlank || oversize) {
      c.blocks.push(c.text.slice(c.blockStart, start));
      c.blockStart = start;
      c.inline = false;
    }
  }
  if (blank) c.inline = false; // a paragraph ends here; a stray `$` does not reach past it
  c.previousBlank = blank;
  c.previousHasPipe = line.includes('|');

  if (c.fence) {
    const close = FENCE.exec(line);
    if (close && close[1]![0] === c.fence.char && close[1]!.length >= c.fence.length && BLANK.test(line.slice(close[0].length))) c.fence = null;
    return;
  }
  if (!c.display) {
    const open = FENCE.exec(line);
    if (open && !(open[1]![0] === '`' && line.slice(open[0].length).includes('`'))) {
      c.fence = { char: open[1]![0]!, length: open[1]!.length };
      return;
    }
  }
  scanMath(c, line, start);
}

/** Follows math delimiters through one line (the same reading as streaming always used). */
function scanMath(c: BlockCutter, line: string, start: number): void {
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\') {
      const next = line[i + 1];
      if (next === '[' && !c.inline && !c.display) c.display = { at: start + i, close: '\\]' };
      else if (next === ']' && c.display?.close === '\\]') c.display = null;
      i++;
    } else if (ch === '$') {
      if (line[i + 1] === '$') {
        if (c.display?.close === '$$') c.display = null;
        else if (!c.inline && !c.display) c.display = { at: start + i, close: '$$' };
        i++;
      } else if (!c.display) c.inline = !c.inline;
    }
  }
}

/**
 * Reads the lines of `text` not read yet. `text` must start with the text read before (a
 * stream only grows); otherwise the cutter starts over. `final`: the last line is complete.
 */
export function advanceBlocks(c: BlockCutter, text: string, final = false): BlockCutter {
  if (!text.startsWith(c.text)) c = newBlockCutter();
  c.text = text;
  for (;;) {
    const end = text.indexOf('\n', c.lineStart);
    if (end === -1) break;
    readLine(c, text.slice(c.lineStart, end), c.lineStart);
    c.lineStart = end + 1;
  }
  if (final && c.lineStart < text.length) {
    readLine(c, text.slice(c.lineStart), c.lineStart);
    c.lineStart = text.length;
  }
  return c;
}

/** The finished blocks and the current one (possibly empty at the very start). */
export function blocksOf(c: BlockCutter): { done: readonly string[]; tail: string } {
  return { done: c.blocks, tail: c.text.slice(c.blockStart) };
}

/**
 * Where a formula still open at the end of the text starts (on the last, unfinished line, or an
 * open display formula): while streaming, the text from there is held back so raw TeX never
 * flashes before its formula closes. -1 when nothing is open. Reads only the last line.
 */
export function openMathAt(c: BlockCutter): number {
  if (c.fence) return -1;
  if (c.display) return c.display.at;
  const line = c.text.slice(c.lineStart);
  let open = null as { at: number; close: string } | null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\') {
      const next = line[i + 1];
      if ((next === '(' || next === '[') && !open) open = { at: i, close: next === '(' ? '\\)' : '\\]' };
      else if ((next === ')' || next === ']') && open?.close === `\\${next}`) open = null;
      i++;
    } else if (ch === '$') {
      const delimiter = line[i + 1] === '$' ? '$$' : '$';
      if (open?.close === delimiter) open = null;
      else if (!open) open = { at: i, close: delimiter };
      i += delimiter.length - 1;
    }
  }
  return open ? c.lineStart + open.at : -1;
}

/** All blocks of a finished text. */
export function cutBlocks(text: string): string[] {
  const c = advanceBlocks(newBlockCutter(), text, true);
  const { done, tail } = blocksOf(c);
  return tail ? [...done, tail] : [...done];
}
