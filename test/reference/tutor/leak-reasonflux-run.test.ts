/**
 * The final-answer leak detector on the real ReasonFlux-Refined run (reasonflux-refined/
 * meta_data.json), whose step-1 tutor message already derives the whole answer. The same
 * checks on our own run in that layout: test/unit/core/tutor/leak.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFinalAnswerLeak, HELD_BACK } from '../../../electron/core/tutor/leak.js';
import { referenceFile } from '../reference-dir.js';

const meta = JSON.parse(readFileSync(referenceFile('reasonflux-refined/meta_data.json'), 'utf8')) as {
  step4: { instruction: string; reasoning: string }[];
};

const notLast = { isLastStep: false };

describe('detectFinalAnswerLeak on the ReasonFlux reference run', () => {
  const reference = '2^{n+2} - 5';

  it('flags the step-1 tutor message that derives the whole answer, and redacts every statement of it', () => {
    const text = meta.step4[0]?.instruction as string;
    expect(text).toContain('a_n = 2^{n+2} - 5');
    const report = detectFinalAnswerLeak(text, { referenceAnswer: reference, isLastStep: false });
    expect(report.leaked).toBe(true);
    expect(report.reason).toMatch(/reference answer/);
    expect(report.redacted).not.toContain('2^{n+2}');
    // The same value in another form ("4 · 2^n − 5") is also the answer.
    expect(report.redacted).not.toContain('4 \\cdot 2^n - 5');
    // A value inside a formula is held back with its whole formula (half a formula cannot be typeset).
    expect(report.redacted).toContain(HELD_BACK);
    expect(report.redacted).not.toMatch(/\$[^$]*\[\[held-back/);
    // Intermediate results stay: they are the work the student should see.
    expect(report.redacted).toContain('C = 4');
    expect(report.redacted).toContain('a_n = C \\cdot 2^n - 5');
  });

  it('flags the student reply "\\boxed{2^{n+2} - 5}" given at step 1', () => {
    const text = meta.step4[0]?.reasoning as string;
    const report = detectFinalAnswerLeak(text, notLast);
    expect(report).toMatchObject({ leaked: true, redacted: HELD_BACK, reason: expect.stringMatching(/boxed/) });
  });

  it('redacts the boxed answer and the "Final Answer" section of a later message', () => {
    const text = meta.step4[4]?.instruction as string;
    const report = detectFinalAnswerLeak(text, notLast);
    expect(report.leaked).toBe(true);
    expect(report.redacted).not.toContain('\\boxed');
    expect(report.redacted).toMatch(/### Final Answer\n\[\[held-back\]\]/);
  });

  it('lets the last step state the answer', () => {
    const text = meta.step4[4]?.instruction as string;
    expect(detectFinalAnswerLeak(text, { referenceAnswer: reference, isLastStep: true })).toEqual({ leaked: false, redacted: text });
  });
});
