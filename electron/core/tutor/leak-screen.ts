/**
 * Screens a streamed tutor message before it reaches the learner. Text is released word by
 * word, only up to a boundary: a space outside every formula and box, so a value is always
 * judged whole ("0.10" + "71", a `\boxed{` split across deltas, a formula still open). Each
 * release screens the new text (and the window before it, for phrases that straddle two
 * windows) with the same detector as every other text, so the work per character is bounded
 * and the whole stream is screened in linear time. Once a leak is seen, the stream shows the
 * held-back note and stops; the stored text is the redacted whole.
 */
import { HELD_BACK } from '../../../shared/tutor.js';
import { findLeaks } from './screen/detect.js';
import { openerAt } from './screen/scan.js';
import { type ScreenContext, screenText } from './leak.js';

/** Look-ahead needed to recognise an opener such as `\begin{equation*}`. */
const OPENER_LOOKAHEAD = 32;
/** Text held without a boundary before the live stream gives up until the end (a formula never closed). */
const MAX_PENDING_CHARS = 8_000;
/** Context kept before the current window (phrasing look-back), and how much may pile up before a trim. */
const LOOKBACK_KEEP = 256;
const TRIM_CHARS = 1_024;
/** Signs that join the words around a space into one expression. */
const OPERATORS = '+-−*/=^×·÷<>±≈';
const OPERATOR_CODES = new Set([...OPERATORS].map((c) => c.charCodeAt(0)));

type Mode = { kind: 'text' } | { kind: 'formula'; closer: string } | { kind: 'box'; depth: number };

export class LeakScreen {
  /** The text not yet screened away, from absolute offset `base` (older text is dropped). */
  private buf = '';
  private base = 0;
  /** Released pieces (what the learner has been shown), and their total length. */
  private readonly released: string[] = [];
  private emitted = 0;
  /** Start of the previous screened window (windows overlap by one, for split phrases). */
  private windowStart = 0;
  private scanPos = 0;
  private boundary = 0;
  /** Where the current run of spaces began (-1: not in one). */
  private lastWordEnd = -1;
  private mode: Mode = { kind: 'text' };
  private leaked = false;
  /** Too much text without a boundary (a formula never closed): the rest waits for the end. */
  private stalled = false;

  constructor(private readonly ctx: ScreenContext) {}

  /** Add a streamed piece; returns the text now safe to show (may be empty). */
  push(piece: string): string {
    if (this.ctx.isLastStep) return this.keep(piece);
    if (this.leaked || this.stalled) return '';
    this.buf += piece;
    this.scan();
    if (this.boundary <= this.emitted) {
      if (this.base + this.buf.length - this.emitted > MAX_PENDING_CHARS) this.stalled = true;
      return '';
    }
    const spans = findLeaks(this.buf, { reference: this.ctx.reference, from: this.windowStart - this.base, to: this.boundary - this.base });
    this.windowStart = this.emitted;
    if (spans.length) {
      this.leaked = true;
      const first = this.base + Math.min(...spans.map((s) => s.start));
      return first > this.emitted ? this.release(first) + HELD_BACK : HELD_BACK;
    }
    const out = this.release(this.boundary);
    this.trim();
    return out;
  }

  /** What the learner has been shown so far (safe to store as a partial). */
  get shown(): string {
    if (this.released.length > 1) this.released.splice(0, this.released.length, this.released.join(''));
    return this.released[0] ?? '';
  }

  /** Length of `shown`, without building it. */
  get shownLength(): number {
    return this.emitted;
  }

  /** `shown` from offset `from` on, built from the pieces after it only. */
  shownSince(from: number): string {
    let at = this.emitted;
    let k = this.released.length;
    while (k > 0 && at > from) at -= this.released[--k]!.length;
    const out = this.released.slice(k).join('');
    return at < from ? out.slice(from - at) : out;
  }

  /** The whole answer: the text to store (redacted if needed) and what is left to stream. */
  finish(finalText: string): { text: string; heldBack: boolean; tail: string } {
    const report = screenText(finalText, this.ctx);
    if (report.leaked) return { text: report.redacted, heldBack: true, tail: '' };
    // The stream may have stopped on a doubt that the whole text clears: the rest goes out now.
    return { text: finalText, heldBack: false, tail: finalText.slice(this.emitted) };
  }

  private keep(piece: string): string {
    if (piece) {
      this.released.push(piece);
      this.emitted += piece.length;
    }
    return piece;
  }

  /** Drop text that no later window can look back at, so the buffer stays small. */
  private trim(): void {
    const keepFrom = Math.min(this.windowStart, this.scanPos) - LOOKBACK_KEEP;
    if (keepFrom - this.base > TRIM_CHARS) {
      this.buf = this.buf.slice(keepFrom - this.base);
      this.base = keepFrom;
    }
  }

  private release(end: number): string {
    return this.keep(this.buf.slice(this.emitted - this.base, end - this.base));
  }

  /** Advance the formula tracker; remember the last space outside formulas and boxes. */
  private scan(): void {
    const text = this.buf;
    const base = this.base;
    let i = this.scanPos - base;
    while (i < text.length) {
      const mode = this.mode;
      const code = text.charCodeAt(i);
      // Plain text between formulas: the common case, decided on the character code alone.
      if (mode.kind === 'text' && code !== 36 && code !== 92) {
        if (code === 32 || code === 10 || code === 9) {
          if (this.lastWordEnd < 0) this.lastWordEnd = base + i;
        } else {
          if (this.lastWordEnd >= 0 && !OPERATOR_CODES.has(code) && !OPERATOR_CODES.has(text.charCodeAt(this.lastWordEnd - base - 1))) this.boundary = base + i;
          this.lastWordEnd = -1;
        }
        i++;
        continue;
      }
      const c = text[i]!;
      // An escape split across deltas: wait for the escaped character.
      if (c === '\\' && i + 1 >= text.length) break;
      if (mode.kind === 'text') {
        if (c === '$' || c === '\\') {
          if (text.length - i < OPENER_LOOKAHEAD && !(c === '$' && i + 1 < text.length)) break;
          if (c === '\\' && text[i + 1] === '$') {
            i += 2;
            continue;
          }
          const open = openerAt(text, i);
          if (open) {
            this.lastWordEnd = -1;
            this.mode = open.box ? { kind: 'box', depth: 1 } : { kind: 'formula', closer: open.closer };
            i = open.contentStart;
            continue;
          }
          i += c === '\\' ? 2 : 1;
          continue;
        }
        if (c === ' ' || c === '\n' || c === '\t') {
          if (this.lastWordEnd < 0) this.lastWordEnd = base + i;
        } else {
          // A space is a boundary only between words: "2^{n+2} - 5" is one value.
          if (this.lastWordEnd >= 0 && !OPERATORS.includes(c) && !OPERATORS.includes(text[this.lastWordEnd - base - 1] ?? '')) this.boundary = base + i;
          this.lastWordEnd = -1;
        }
        i++;
      } else if (mode.kind === 'formula') {
        if (c === '\\' && mode.closer[0] !== '\\') {
          i += 2;
          continue;
        }
        if (text.length - i < mode.closer.length) break;
        if (text.startsWith(mode.closer, i)) {
          this.mode = { kind: 'text' };
          i += mode.closer.length;
          continue;
        }
        i += c === '\\' ? 2 : 1;
      } else {
        if (c === '\\') i += 2;
        else {
          if (c === '{') mode.depth++;
          else if (c === '}' && --mode.depth === 0) this.mode = { kind: 'text' };
          i++;
        }
      }
    }
    this.scanPos = base + Math.min(i, text.length);
  }

}
