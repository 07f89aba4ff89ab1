/**
 * The streaming thinking filter on its own: every way a reasoning model's thinking arrives,
 * split at every chunk boundary, must leave exactly the answer, and nothing it emits may
 * contain a character of the thinking. (Through the real client and server: client-reasoning.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { splitThinking, ThinkingFilter } from '../../../../electron/core/model/reasoning.js';

/** Thinking is written in `Q`s and `~`s only, so any leaked character is easy to see. */
const T = 'QQ~QQ QQQ~';
const A = 'x = 3, since 2 < x and I think x<4.';

/** Feed `pieces` to a filter; return what it emitted (per piece) and its answer. */
function run(pieces: string[], hold: boolean, finish: { heldIsThinking?: boolean } = {}) {
  const f = new ThinkingFilter({ hold });
  const emitted: string[] = [];
  for (const p of pieces) emitted.push(f.push(p));
  emitted.push(f.finish(finish));
  return { emitted: emitted.filter(Boolean), answer: f.answer, f };
}

const CASES: { name: string; text: string; thinking: number }[] = [
  { name: '<think> closed', text: `<think>${T}</think>\n\n${A}`, thinking: T.length },
  { name: '<thinking> closed', text: `<thinking>${T}</thinking>\n${A}`, thinking: T.length },
  { name: '<reasoning> closed', text: `<reasoning>${T}</reasoning>${A}`, thinking: T.length },
  { name: '<thought> closed', text: `<thought>${T}</thought> ${A}`, thinking: T.length },
  { name: 'upper-case <THINK>', text: `<THINK>${T}</THINK>\n${A}`, thinking: T.length },
  { name: 'Magistral [THINK]', text: `[THINK]${T}[/THINK]${A}`, thinking: T.length },
  { name: 'thought markers', text: `<|begin_of_thought|>${T}<|end_of_thought|>\n\n<|begin_of_solution|>${A}<|end_of_solution|>`, thinking: T.length },
  { name: 'leading whitespace before <think>', text: `\n  <think>${T}</think>${A}`, thinking: T.length },
  { name: 'bare </think> (template opened the block)', text: `${T}</think>\n\n${A}`, thinking: T.length },
  { name: 'bare </think> with nothing before it', text: `</think>\n\n${A}`, thinking: 0 },
];

describe('ThinkingFilter', () => {
  for (const c of CASES) {
    it(`${c.name}: only the answer, at every 2- and 3-piece split`, () => {
      const whole = splitThinking(c.text);
      expect(whole.answer).toBe(A);
      expect(whole.thinkingChars).toBe(c.thinking);
      expect(whole.unclosed).toBe(false);
      const n = c.text.length;
      for (let i = 1; i < n; i++) {
        for (let j = i; j < n; j++) {
          const pieces = [c.text.slice(0, i), c.text.slice(i, j), c.text.slice(j)];
          // Bare-close replies need holding; tagged ones must also work on a plain (streaming) endpoint.
          for (const hold of c.name.startsWith('bare') ? [true] : [true, false]) {
            const { emitted, answer } = run(pieces, hold);
            expect(answer, `${i},${j} hold=${hold}`).toBe(A);
            expect(emitted.join(''), `${i},${j} hold=${hold}`).toBe(A);
            expect(emitted.some((e) => /[Q~]/.test(e)), `${i},${j} hold=${hold}`).toBe(false);
          }
        }
      }
    });
  }

  it('emits the answer as it streams once the thinking is over (no waiting for the end)', () => {
    const f = new ThinkingFilter({ hold: true });
    expect(f.push(T)).toBe('');
    expect(f.push('</think>\n\nx = ')).toBe('x = ');
    expect(f.push('3.')).toBe('3.');
    expect(f.finish()).toBe('');
    expect(f.style).toBe('leading-close');
  });

  it('streams a plain answer at once on a plain endpoint, holding only a possible tag start', () => {
    const f = new ThinkingFilter({ hold: false });
    expect(f.push('a <')).toBe('a ');
    expect(f.push(' b <th')).toBe('< b ');
    expect(f.push('ree')).toBe('<three');
    expect(f.push(' <')).toBe(' ');
    expect(f.finish()).toBe('<');
    expect(f.answer).toBe('a < b <three <');
    expect(f.thinkingChars).toBe(0);
  });

  it('holds a reply back on an unknown endpoint until it is shown not to be thinking', () => {
    const plain = new ThinkingFilter({ hold: true });
    expect(plain.push('The answer is 3.')).toBe('');
    expect(plain.finish()).toBe('The answer is 3.');
    expect(plain.heldToEnd).toBe(true);
    // A reasoning field means the server separates thinking: content is answer from then on.
    const field = new ThinkingFilter({ hold: true });
    expect(field.push('Ans')).toBe('');
    expect(field.pushReasoning(T)).toBe('Ans');
    expect(field.push('wer')).toBe('wer');
    expect(field.finish()).toBe('');
    expect(field.thinkingChars).toBe(T.length);
    expect(field.style).toBe('field');
  });

  it('drops a thinking block in the middle of the answer, and an unclosed one at the end', () => {
    expect(splitThinking(`Step 1. <think>${T}</think>Step 2.`, { hold: false }).answer).toBe('Step 1. Step 2.');
    const open = splitThinking(`Step 1. <think>${T}`, { hold: false });
    expect(open).toMatchObject({ answer: 'Step 1. ', unclosed: true, thinkingChars: T.length });
    // While holding, text before a closing tag may be template-opened thinking that mentions a
    // tag: it is dropped with the block (never shown), rather than risk showing thinking.
    expect(splitThinking(`Step 1. <think>${T}</think>Step 2.`, { hold: true }).answer).toBe('Step 2.');
    expect(splitThinking(`Step 1. <think>${T}`, { hold: true })).toMatchObject({ answer: 'Step 1. ', unclosed: true });
  });

  it('treats a reply cut inside thinking as all thinking: unclosed tag, or held text on a template-opened endpoint', () => {
    const tagged = run(['<think>', T], true);
    expect(tagged).toMatchObject({ answer: '', emitted: [] });
    expect(tagged.f.unclosed).toBe(true);
    expect(tagged.f.thinkingChars).toBe(T.length);
    const bare = run([T, T], true, { heldIsThinking: true });
    expect(bare).toMatchObject({ answer: '', emitted: [] });
    expect(bare.f.thinkingChars).toBe(2 * T.length);
    expect(bare.f.unclosed).toBe(true);
  });

  it('retracts text streamed as answer when a bare </think> shows it was thinking', () => {
    const f = new ThinkingFilter({ hold: false });
    expect(f.push(T)).toBe(T);
    expect(f.push(`</think>${A}`)).toBe(A);
    f.finish();
    expect(f.answer).toBe(A);
    expect(f.retracted).toBe(true);
    expect(f.thinkingChars).toBe(T.length);
  });

  it('leaves answers that merely mention thinking or compare with < alone', () => {
    const answers = [
      'I think the answer is x < 3, so think of it as x<3.',
      'a<b, b <c, <b>bold</b>, <th, <|x|>, [think] and [THINKING] are all text.',
      'If x < thinking_time then stop; 1 </ 2 is not a tag.',
      '<',
      '\\(x<y\\) and \\[a<b\\]',
    ];
    for (const a of answers) {
      expect(splitThinking(a).answer).toBe(a);
      expect(splitThinking(`<think>${T}</think>${a}`).answer).toBe(a);
      for (let i = 1; i < a.length; i++) expect(run([a.slice(0, i), a.slice(i)], false).emitted.join('')).toBe(a);
    }
  });

  it('keeps a reply of only whitespace as it was (the client reports it as empty)', () => {
    expect(splitThinking('  \n').answer).toBe('  \n');
  });

  it('is linear: a megabyte of near-tags streams in well under the safety limit', () => {
    const unit = '<thin <|begin_of <THI [TH x';
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const f = new ThinkingFilter({ hold: false });
    const t0 = performance.now();
    let out = 0;
    for (let i = 0; i < text.length; i += 7) out += f.push(text.slice(i, i + 7)).length;
    out += f.finish().length;
    expect(out).toBe(text.length);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
