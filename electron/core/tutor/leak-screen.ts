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
/** Signs that join the words around a space into one expression. */
const OPERATORS = '+-−*/=^×·÷<>±≈';

type Mode = { kind: 'text' } | { kind: 'formula'; closer: string } | { kind: 'box'; depth: number };

export class LeakScreen {
  private full = '';
  private emitted = 0;
  /** Start of the previous screened window (windows overlap by one, for split phrases). */
  private windowStart = 0;
  private scanPos = 0;
  private boundary = 0;
  /** Where the current run of spaces began (-1: not in one). */
  private lastWordEnd = -1;
  private mode: Mode = { kind: 'text' };
  private leaked = false;

  constructor(private readonly ctx: ScreenContext) {}

  /** Add a streamed piece; returns the text now safe to show (may be empty). */
  push(piece: string): string {
    this.full += piece;
    if (this.ctx.isLastStep) return this.release(this.full.length);
    if (this.leaked) return '';
    this.scan();
    if (this.boundary <= this.emitted) return '';
    const spans = findLeaks(this.full, { reference: this.ctx.reference, from: this.windowStart, to: this.boundary });
    this.windowStart = this.emitted;
    if (spans.length) {
      this.leaked = true;
      const first = Math.min(...spans.map((s) => s.start));
      return first > this.emitted ? this.release(first) + HELD_BACK : HELD_BACK;
    }
    return this.release(this.boundary);
  }

  /** What the learner has been shown so far (safe to store as a partial). */
  get shown(): string {
    return this.full.slice(0, this.emitted);
  }

  /** True once a leak stopped the live stream. */
  get holding(): boolean {
    return this.leaked;
  }

  /** The whole answer: the text to store (redacted if needed), the original, and what is left to stream. */
  finish(finalText: string): { text: string; heldBack: boolean; tail: string } {
    const report = screenText(finalText, this.ctx);
    if (report.leaked) return { text: report.redacted, heldBack: true, tail: '' };
    // The stream may have stopped on a doubt that the whole text clears: the rest goes out now.
    return { text: finalText, heldBack: false, tail: finalText.slice(this.emitted) };
  }

  /** Advance the formula tracker; remember the last space outside formulas and boxes. */
  private scan(): void {
    const text = this.full;
    let i = this.scanPos;
    while (i < text.length) {
      const mode = this.mode;
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
          if (this.lastWordEnd < 0) this.lastWordEnd = i;
        } else {
          // A space is a boundary only between words: "2^{n+2} - 5" is one value.
          if (this.lastWordEnd >= 0 && !OPERATORS.includes(c) && !OPERATORS.includes(text[this.lastWordEnd - 1] ?? '')) this.boundary = i;
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
    this.scanPos = Math.min(i, text.length);
  }

  private release(end: number): string {
    const out = this.full.slice(this.emitted, end);
    this.emitted = end;
    return out;
  }
}
