import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFinalAnswerLeak, HELD_BACK } from '../../../../electron/core/tutor/leak.js';

/** Our own tutor run in the ReasonFlux transcript layout (test/fixtures/formats/README.md). */
const meta = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/formats/navigator-run.json'), 'utf8'),
) as { step4: { instruction: string; reasoning: string }[] };

const notLast = { isLastStep: false };

describe('detectFinalAnswerLeak on a run in the ReasonFlux transcript layout (our fixture)', () => {
  const reference = '3^{n+1} + 2';

  it('flags the step-1 tutor message that derives the whole answer, and redacts every statement of it', () => {
    const text = meta.step4[0]?.instruction as string;
    expect(text).toContain('a_n = 3^{n+1} + 2');
    const report = detectFinalAnswerLeak(text, { referenceAnswer: reference, isLastStep: false });
    expect(report.leaked).toBe(true);
    expect(report.reason).toMatch(/reference answer/);
    expect(report.redacted).not.toContain('3^{n+1}');
    // The same value in another form ("3 · 3^n + 2") is also the answer.
    expect(report.redacted).not.toContain('3 \\cdot 3^n + 2');
    // A value inside a formula is held back with its whole formula (half a formula cannot be typeset).
    expect(report.redacted).toContain(`Therefore\n${HELD_BACK}\n${HELD_BACK}`);
    expect(report.redacted).not.toMatch(/\\\[[^\]]*\[\[held-back/);
    // Intermediate results stay: they are the work the student should see.
    expect(report.redacted).toContain('C = 3');
    expect(report.redacted).toContain('A = 2');
    expect(report.redacted).toContain('a_n = C \\cdot 3^n + 2');
  });

  it('flags the student reply "\\boxed{3^{n+1} + 2}" given at step 1', () => {
    const text = meta.step4[0]?.reasoning as string;
    const report = detectFinalAnswerLeak(text, notLast);
    expect(report).toMatchObject({ leaked: true, redacted: HELD_BACK, reason: expect.stringMatching(/boxed/) });
  });

  it('leaves a hint that gives only an intermediate result', () => {
    const text = meta.step4[1]?.instruction as string;
    expect(detectFinalAnswerLeak(text, { referenceAnswer: reference, isLastStep: false })).toEqual({ leaked: false, redacted: text });
  });

  it('redacts the boxed answer and the "Final Answer" section of a later message', () => {
    const text = meta.step4[2]?.instruction as string;
    const report = detectFinalAnswerLeak(text, notLast);
    expect(report.leaked).toBe(true);
    expect(report.redacted).not.toContain('\\boxed');
    expect(report.redacted).toMatch(/### Final Answer\n\[\[held-back\]\]/);
  });

  it('lets the last step state the answer', () => {
    const text = meta.step4[2]?.instruction as string;
    expect(detectFinalAnswerLeak(text, { referenceAnswer: reference, isLastStep: true })).toEqual({ leaked: false, redacted: text });
  });
});

describe('detectFinalAnswerLeak rules', () => {
  it('finds nested-brace boxes and a box cut off mid-stream', () => {
    expect(detectFinalAnswerLeak('so $\\boxed{\\frac{1}{2^{n}}}$ done', notLast).redacted).toBe(`so ${HELD_BACK} done`);
    expect(detectFinalAnswerLeak('thus \\boxed{\\frac{1}{2', notLast).redacted).toBe(`thus ${HELD_BACK}`);
  });

  it('finds "the final answer is …" up to the end of its sentence or math', () => {
    expect(detectFinalAnswerLeak('The final answer is 42. Now check it.', notLast).redacted).toBe(`The final answer is ${HELD_BACK}. Now check it.`);
    expect(detectFinalAnswerLeak('So the final answer is $x = \\frac{3}{4}$ and more', notLast).redacted).toBe(
      `So the final answer is ${HELD_BACK} and more`,
    );
  });

  it('finds "Answer:" lines, including bold ones and one whose answer is on the next line', () => {
    expect(detectFinalAnswerLeak('Work.\nAnswer: 12 apples\nNext', notLast).redacted).toBe(`Work.\nAnswer: ${HELD_BACK}\nNext`);
    expect(detectFinalAnswerLeak('**Answer:** $7$', notLast).redacted).toBe(`**Answer:** ${HELD_BACK}`);
    expect(detectFinalAnswerLeak('Answer:\n\n$$x=7$$\n\nThen', notLast).redacted).toBe(`Answer:\n\n${HELD_BACK}\n\nThen`);
  });

  it('finds the reference as a stated result, but a short number only as the last result', () => {
    const long = detectFinalAnswerLeak('We get $k = 5$, so \\(x = \\frac{3}{4}\\). Next…', { referenceAnswer: '\\dfrac34', isLastStep: false });
    expect(long.redacted).toBe(`We get $k = 5$, so ${HELD_BACK}. Next…`);
    const short = detectFinalAnswerLeak('First a = 42 and then b = 7', { referenceAnswer: '7', isLastStep: false });
    expect(short.redacted).toBe(`First a = 42 and then b = ${HELD_BACK}`);
    const intermediate = detectFinalAnswerLeak('First a = 7 and then b = 9', { referenceAnswer: '7', isLastStep: false });
    expect(intermediate.leaked).toBe(false);
  });

  it('leaves a hint that does not give the answer alone', () => {
    const hint = 'Try the substitution $b_n = a_n + k$ and choose $k$ so the constant term vanishes. What is $b_1$?';
    expect(detectFinalAnswerLeak(hint, { referenceAnswer: '2^{n+2}-5', isLastStep: false })).toEqual({ leaked: false, redacted: hint });
  });

  it('never throws on hostile input', () => {
    const inputs: unknown[] = [undefined, null, 5, '', '\\boxed{'.repeat(2_000), '='.repeat(10_000), 'Answer:'.repeat(1_000), `x = ${'('.repeat(500)}`];
    for (const input of inputs) {
      const report = detectFinalAnswerLeak(input as string, { referenceAnswer: '1', isLastStep: false });
      expect(typeof report.leaked).toBe('boolean');
      expect(typeof report.redacted).toBe('string');
    }
    expect(detectFinalAnswerLeak('x = 1', undefined as unknown as { isLastStep: boolean }).leaked).toBe(false);
  });
});
