/**
 * Issue 10, point 3: typesetting is spread over tasks. Formulas are typeset on the spot only
 * while the current task has budget left; the rest wait in a queue that works in short slices
 * with a yield between them, and tells each component when its formula is ready.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cachedTexToSvg, texToSvg } from '../../../../renderer/math/tex-to-svg.js';
import { pendingTypesetCount, typesetIdle, typesetNowOrNull, whenTypeset } from '../../../../renderer/math/typeset-queue.js';

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
let serial = 0;
/** Formulas nobody has typeset yet in this process. */
const freshFormulas = (n: number) => Array.from({ length: n }, () => `\\frac{${++serial}}{x_{${serial}}} + \\sqrt{${serial}}`);

beforeAll(() => {
  texToSvg('x'); // load MathJax outside the measured tasks
});
beforeEach(() => typesetIdle());

describe('typeset queue', () => {
  it('typesets on the spot within the task budget, defers the rest, and drains the queue over several tasks', async () => {
    const formulas = freshFormulas(300);
    const now = formulas.map((tex) => typesetNowOrNull(tex, false));
    const typesetNow = now.filter((r) => r !== null).length;
    const deferred = formulas.filter((_, i) => now[i] === null);
    expect(typesetNow).toBeGreaterThanOrEqual(1);
    expect(deferred.length).toBeGreaterThan(0);

    const readyCalls = new Map<string, number>();
    for (const tex of deferred) whenTypeset(tex, false, () => readyCalls.set(tex, (readyCalls.get(tex) ?? 0) + 1));
    expect(pendingTypesetCount()).toBe(deferred.length);

    // One task later some, not all, are done: the queue yields between slices.
    await nextTask();
    await nextTask();
    const afterFirstSlices = pendingTypesetCount();
    expect(afterFirstSlices).toBeLessThan(deferred.length);
    expect(afterFirstSlices).toBeGreaterThan(0);

    await typesetIdle();
    expect(pendingTypesetCount()).toBe(0);
    for (const tex of deferred) {
      expect(readyCalls.get(tex), tex).toBe(1);
      expect(cachedTexToSvg(tex)?.ok, tex).toBe(true);
    }
  });

  it('calls back at once for a formula already typeset', () => {
    texToSvg('a+b');
    let called = 0;
    whenTypeset('a+b', false, () => called++);
    expect(called).toBe(1);
    expect(pendingTypesetCount()).toBe(0);
  });

  it('drops a formula from the queue when nobody shows it any more', async () => {
    const [tex] = freshFormulas(1) as [string];
    let called = 0;
    const unsubscribe = whenTypeset(tex, true, () => called++);
    expect(pendingTypesetCount()).toBe(1);
    unsubscribe();
    expect(pendingTypesetCount()).toBe(0);
    await typesetIdle();
    expect(called).toBe(0);
    expect(cachedTexToSvg(tex, true)).toBeUndefined();
  });

  it('answers refused and too-long formulas at once, even when the task budget is spent', () => {
    for (const tex of freshFormulas(300)) typesetNowOrNull(tex, false); // spend this task's budget
    expect(typesetNowOrNull(freshFormulas(1)[0] as string, false)).toBeNull();
    expect(typesetNowOrNull('\\mmlToken{mi}[href="//evil.test"]{x}', false)).toEqual({ ok: false, reason: 'forbidden', macro: '\\mmlToken' });
    expect(typesetNowOrNull('x+'.repeat(40_000), false)).toMatchObject({ ok: false, reason: 'too_long', limit: 'length', chars: 80_000 });
  });
});
