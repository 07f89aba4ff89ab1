/**
 * Separates what a reasoning model thinks from what it answers, while the reply streams, so
 * only answer text ever reaches the learner (no flash of thinking) and only answer text is
 * returned, parsed or stored.
 *
 * Recognised (see docs/models.md, "Reasoning models"):
 * - inline blocks: `<think>…</think>`, `<thinking>…</thinking>`, `<reasoning>…</reasoning>`,
 *   `<thought>…</thought>` (any case), `<|begin_of_thought|>…<|end_of_thought|>` (Sky-T1 /
 *   OpenThoughts style) and `[THINK]…[/THINK]` (Magistral, upper case only); anywhere in the
 *   reply, closed or left open at the end. Any closing tag ends any block (models mix them).
 * - a reply that starts inside a block because the server's chat template opened it (R1/QwQ
 *   templates end the prompt with `<think>`): everything before the first closing tag, when
 *   no opening tag came before it, is thinking.
 * - `<|begin_of_solution|>` / `<|end_of_solution|>` markers around the answer are dropped.
 * - separate reasoning fields (`delta.reasoning_content`, `delta.reasoning`): counted, never kept.
 *
 * The leading-close style cannot be told apart from a plain answer until the closing tag
 * arrives, so in "hold" mode the start of the reply is held back until a closing tag (it
 * was thinking), a leading opening tag (explicit block), a reasoning field (the server
 * separates thinking, so content is answer) or the end of the reply (it was all answer).
 *
 * Linear time: every character is looked at a bounded number of times (held text at most
 * twice); tags split across chunks are kept in a carry of at most the longest tag's length.
 */

type TagKind = 'open' | 'close' | 'drop';

interface Tag {
  text: string;
  kind: TagKind;
  /** Bracket tags only match in upper case: `[think]` in prose is not Magistral's token. */
  exactCase?: boolean;
}

const TAGS: readonly Tag[] = [
  { text: '<think>', kind: 'open' },
  { text: '<thinking>', kind: 'open' },
  { text: '<reasoning>', kind: 'open' },
  { text: '<thought>', kind: 'open' },
  { text: '<|begin_of_thought|>', kind: 'open' },
  { text: '[THINK]', kind: 'open', exactCase: true },
  { text: '</think>', kind: 'close' },
  { text: '</thinking>', kind: 'close' },
  { text: '</reasoning>', kind: 'close' },
  { text: '</thought>', kind: 'close' },
  { text: '<|end_of_thought|>', kind: 'close' },
  { text: '[/THINK]', kind: 'close', exactCase: true },
  { text: '<|begin_of_solution|>', kind: 'drop' },
  { text: '<|end_of_solution|>', kind: 'drop' },
];

/** Characters that can start a tag; everything else is skipped at one comparison each. */
const isTagStart = (c: number): boolean => c === 60 /* < */ || c === 91; /* [ */

const lowerAscii = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** The tag at `i`, 'partial' when `s` ends inside what may still become a tag, else null. */
function matchAt(s: string, i: number): Tag | 'partial' | null {
  let partial = false;
  for (const tag of TAGS) {
    const t = tag.text;
    const n = Math.min(t.length, s.length - i);
    let k = 0;
    for (; k < n; k++) {
      const a = s.charCodeAt(i + k);
      const b = t.charCodeAt(k);
      if (tag.exactCase ? a !== b : lowerAscii(a) !== lowerAscii(b)) break;
    }
    if (k === t.length) return tag;
    if (k === n) partial = true;
  }
  return partial ? 'partial' : null;
}

const isBlank = (s: string): boolean => s.trim() === '';

export type ThinkingStyle = 'tags' | 'leading-close' | 'field';

export interface ThinkingFilterOptions {
  /**
   * Hold the start of the reply back until it is known not to be thinking opened by the
   * chat template (see the file comment). Off only for endpoints known to answer plainly.
   */
  hold: boolean;
}

export class ThinkingFilter {
  private phase: 'hold' | 'answer' | 'think';
  /** Unresolved end of the last piece: may be the start of a tag. */
  private carry = '';
  /** Hold phase: raw text (tags included) that may turn out to be thinking. */
  private held: string[] = [];
  /** Some held text is not whitespace (so an opening tag is no longer "leading"). */
  private heldHasText = false;
  /** A tag was seen: a later stray closing tag is dropped, not taken as the template's. */
  private sawTag = false;
  /** Answer phase: leading whitespace not emitted yet (a tag may follow it). */
  private pendingWs = '';
  /** After a thinking block, whitespace before the answer is dropped. */
  private stripWs = false;
  private answerParts: string[] = [];
  private answerHasText = false;

  /** Characters of thinking seen (inline or in reasoning fields). */
  thinkingChars = 0;
  /** How thinking arrived (the first style seen), or null. */
  style: ThinkingStyle | null = null;
  /** The reply ended inside a thinking block. */
  unclosed = false;
  /** A closing tag came after answer text had been emitted: that text was thinking after all. */
  retracted = false;
  /** The reply ended while still held (no closing tag, no field): the held text was answer. */
  heldToEnd = false;
  private finished = false;

  constructor(opts: ThinkingFilterOptions) {
    this.phase = opts.hold ? 'hold' : 'answer';
  }

  /** The answer so far (what was emitted, minus anything retracted). */
  get answer(): string {
    return this.answerParts.join('');
  }

  /** A piece of `content`; returns the answer text that may be shown now. */
  push(piece: string): string {
    if (this.finished || !piece) return '';
    const s = this.carry + piece;
    this.carry = '';
    return this.scan(s);
  }

  /** A piece of a separate reasoning field: never shown; it also ends holding (content is answer). */
  pushReasoning(piece: string): string {
    if (this.finished || !piece) return '';
    this.thinkingChars += piece.length;
    this.style ??= 'field';
    if (this.phase !== 'hold') return '';
    return this.release();
  }

  /**
   * The reply ended. `heldIsThinking`: the endpoint is known to open thinking in its template
   * and the reply was cut, so held text without a closing tag is thinking, not answer.
   * Returns the last answer text to show.
   */
  finish(opts: { heldIsThinking?: boolean } = {}): string {
    if (this.finished) return '';
    let out = '';
    if (this.phase === 'hold') {
      if (opts.heldIsThinking) {
        const raw = this.held.join('') + this.carry;
        this.held = [];
        this.carry = '';
        this.thinkingChars += raw.length;
        this.style ??= 'leading-close';
        this.unclosed = true;
        this.phase = 'think';
      } else {
        this.heldToEnd = true;
        out += this.release();
      }
    }
    const rest = this.carry;
    this.carry = '';
    if (rest) {
      // An incomplete tag at the very end is ordinary text ("x < th" cut short) or thinking.
      if (this.phase === 'think') this.thinkingChars += rest.length;
      else out += this.answerText(rest);
    }
    if (this.phase === 'think') this.unclosed = true;
    else if (this.pendingWs && !this.answerHasText) {
      // A reply of only whitespace: give it back as it was; the caller reports it as empty.
      out += this.pendingWs;
      this.answerParts.push(this.pendingWs);
      this.pendingWs = '';
    }
    this.finished = true;
    return out;
  }

  /** Leave the hold phase: everything held is re-read as the start of an answer. */
  private release(): string {
    const raw = this.held.join('') + this.carry;
    this.held = [];
    this.heldHasText = false;
    this.carry = '';
    this.phase = 'answer';
    return raw ? this.scan(raw) : '';
  }

  private scan(s: string): string {
    let out = '';
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      if (!isTagStart(s.charCodeAt(i))) continue;
      const m = matchAt(s, i);
      if (m === null) continue;
      if (m === 'partial') {
        out += this.text(s.slice(start, i));
        this.carry = s.slice(i);
        return out;
      }
      const before = s.slice(start, i);
      start = i + m.text.length;
      if (this.phase === 'hold') {
        if (m.kind === 'close') {
          // The template opened the block: all that was held is thinking.
          const thought = this.held.join('') + before;
          this.held = [];
          this.sawTag = true;
          this.thinkingChars += thought.length;
          this.style ??= 'leading-close';
          this.enterAnswer();
        } else if (m.kind === 'open' && !this.heldHasText && isBlank(before)) {
          this.held = [];
          this.sawTag = true;
          this.style ??= 'tags';
          this.phase = 'think';
        } else {
          // Not decisive while holding: keep it raw; it is re-read if the hold is released.
          this.held.push(before, m.text);
          this.heldHasText = true;
        }
        continue;
      }
      out += this.text(before);
      if (m.kind === 'drop') continue;
      if (this.phase === 'think') {
        if (m.kind === 'close') this.enterAnswer();
        continue;
      }
      // Answer phase.
      const first = !this.sawTag;
      this.sawTag = true;
      if (m.kind === 'open') {
        this.style ??= 'tags';
        this.phase = 'think';
        this.pendingWs = '';
      } else if (!first) {
        // A stray closing tag after earlier blocks: dropped, the answer around it kept.
      } else if (this.answerHasText) {
        // A closing tag with no opening one, after text was shown: that text was thinking.
        this.thinkingChars += this.answer.length;
        this.answerParts = [];
        this.answerHasText = false;
        this.retracted = true;
        this.style ??= 'leading-close';
        this.enterAnswer();
      } else {
        // A bare close before any answer: the template opened an (empty or blank) block.
        this.style ??= 'leading-close';
        this.enterAnswer();
      }
    }
    out += this.text(s.slice(start));
    return out;
  }

  private enterAnswer(): void {
    this.phase = 'answer';
    this.pendingWs = '';
    this.stripWs = !this.answerHasText;
  }

  /** Text outside any tag, routed by phase; returns what may be shown. */
  private text(t: string): string {
    if (!t) return '';
    if (this.phase === 'hold') {
      this.held.push(t);
      if (!this.heldHasText && !isBlank(t)) this.heldHasText = true;
      return '';
    }
    if (this.phase === 'think') {
      this.thinkingChars += t.length;
      return '';
    }
    return this.answerText(t);
  }

  private answerText(t: string): string {
    if (this.stripWs) {
      t = t.trimStart();
      if (!t) return '';
      this.stripWs = false;
    }
    if (!this.answerHasText) {
      if (isBlank(t)) {
        this.pendingWs += t;
        return '';
      }
      t = this.pendingWs + t;
      this.pendingWs = '';
      this.answerHasText = true;
    }
    this.answerParts.push(t);
    return t;
  }
}

/** The whole-text form, for replies that did not stream (and for tests). */
export function splitThinking(text: string, opts: { hold?: boolean } = {}): { answer: string; thinkingChars: number; unclosed: boolean; style: ThinkingStyle | null } {
  const f = new ThinkingFilter({ hold: opts.hold ?? true });
  f.push(text);
  f.finish();
  return { answer: f.answer, thinkingChars: f.thinkingChars, unclosed: f.unclosed, style: f.style };
}
