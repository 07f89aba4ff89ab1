/**
 * Screens a streamed tutor message for a final-answer leak before it reaches the learner.
 * The last few characters are held until more arrive (a "\boxed{" may be split across
 * deltas), and once a leak is seen nothing more is streamed; the stored text is redacted.
 */
import { detectFinalAnswerLeak } from './leak.js';

/** Characters kept back from the live stream until the text after them is known. */
const TAIL_CHARS = 40;
/** Re-check at most once per this many new characters (the detector runs a CAS). */
const CHECK_EVERY_CHARS = 48;

export class LeakScreen {
  private full = '';
  private emitted = 0;
  private leaked = false;

  constructor(private readonly opts: { referenceAnswer?: string; isLastStep: boolean }) {}

  /** Add a streamed piece; returns the text now safe to show (may be empty). */
  push(piece: string): string {
    this.full += piece;
    if (this.opts.isLastStep) return this.release(this.full.length);
    if (this.leaked) return '';
    const safeEnd = this.full.length - TAIL_CHARS;
    if (safeEnd - this.emitted < CHECK_EVERY_CHARS) return '';
    if (detectFinalAnswerLeak(this.full, this.opts).leaked) {
      this.leaked = true;
      return '';
    }
    return this.release(safeEnd);
  }

  /** What the learner has been shown so far (safe to store as a partial). */
  get shown(): string {
    return this.full.slice(0, this.emitted);
  }

  /** The whole answer: the text to store (redacted if needed) and what is left to stream. */
  finish(finalText: string): { text: string; heldBack: boolean; tail: string } {
    const report = detectFinalAnswerLeak(finalText, this.opts);
    const heldBack = this.leaked || report.leaked;
    const text = report.leaked ? report.redacted : finalText;
    return { text, heldBack, tail: heldBack ? '' : finalText.slice(this.emitted) };
  }

  private release(end: number): string {
    const out = this.full.slice(this.emitted, end);
    this.emitted = end;
    return out;
  }
}
