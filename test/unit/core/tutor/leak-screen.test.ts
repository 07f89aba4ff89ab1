import { describe, expect, it } from 'vitest';
import { LeakScreen } from '../../../../electron/core/tutor/leak-screen.js';
import { compileReference, screenText } from '../../../../electron/core/tutor/leak.js';
import { diffPlans } from '../../../../electron/core/navigator/plan-diff.js';

const feed = (screen: LeakScreen, text: string, size = 5) => {
  let out = '';
  for (let i = 0; i < text.length; i += size) out += screen.push(text.slice(i, i + size));
  return out;
};

describe('LeakScreen', () => {
  it('streams an honest step in full, the tail released at the end', () => {
    const text = 'Expand $(r+s)^2$, then subtract $2rs$ from it to isolate the squares. '.repeat(4);
    const screen = new LeakScreen({ reference: compileReference('19'), isLastStep: false });
    const live = feed(screen, text);
    const fin = screen.finish(text);
    expect(fin.heldBack).toBe(false);
    expect(live + fin.tail).toBe(text);
  });

  it('never streams a boxed answer split across deltas in an early step', () => {
    const text = `${'We work the sum and the product out carefully here. '.repeat(3)}So \\boxed{19} is it. ${'More words follow. '.repeat(5)}`;
    const screen = new LeakScreen({ reference: compileReference('19'), isLastStep: false });
    const live = feed(screen, text, 3);
    const fin = screen.finish(text);
    expect(live).not.toContain('19');
    expect(fin).toMatchObject({ heldBack: true, tail: '' });
    expect(fin.text).not.toContain('19');
  });

  it('lets the last step say the answer', () => {
    const text = 'Therefore $r^2+s^2 = \\boxed{19}$.';
    const screen = new LeakScreen({ reference: compileReference('19'), isLastStep: true });
    expect(feed(screen, text) + screen.finish(text).tail).toBe(text);
  });
});

describe('diffPlans', () => {
  const step = (title: string, templateId: string | null = null, index = 1) => ({ index, title, goal: '', templateId, produces: '' });
  it('names added, removed and changed steps by title and template', () => {
    expect(diffPlans([step('A'), step('B', 'p/x'), step('C')], [step('A'), step('B', 'p/y')])).toEqual([
      { kind: 'changed', index: 1, title: 'B' },
      { kind: 'removed', index: 2, title: 'C' },
    ]);
    expect(diffPlans([step('A')], [step('a'), step('D')])).toEqual([{ kind: 'added', index: 1, title: 'D' }]);
  });
});

describe('LeakScreen over every split of a stream', () => {
  const ref = compileReference('2^{n+2} - 5');
  const leaks = [
    'Let $b_n = a_n + 5$, a geometric sequence. Therefore $a_n = 2^{n+2} - 5$ for every n. More follows here.',
    'So the answer is 2^(n+2)-5 and that is all. More follows here.',
    'Putting it together: \\[ a_n = 4 \\cdot 2^n - 5 \\] which we check next. More follows here.',
    'Thus \\boxed{2^{n+2}-5} and we stop. More follows here.',
    'Thus a_n = 2^{n+2} - 5 in closed form. More follows here.',
  ];

  it('never shows a form of the answer, whatever the chunk size, and stores it redacted', () => {
    for (const text of leaks) {
      for (let size = 1; size <= 9; size++) {
        const screen = new LeakScreen({ reference: ref, isLastStep: false });
        const live = feed(screen, text, size);
        const fin = screen.finish(text);
        const shown = live + fin.tail;
        expect(shown, `${text} @${size}`).not.toMatch(/2\^\{n\+2\}|2\^\(n\+2\)|4 \\cdot 2\^n/);
        expect(fin.heldBack).toBe(true);
        expect(fin.text).not.toMatch(/2\^\{n\+2\}|2\^\(n\+2\)|4 \\cdot 2\^n/);
      }
    }
  });

  it('shows an honest step whole, word by word, whatever the chunk size', () => {
    const text = 'With $b_n = a_n + 5$ we get $b_1 = 8$ and $b_{n+1} = 2 b_n$, a geometric sequence with ratio 2.';
    for (let size = 1; size <= 9; size++) {
      const screen = new LeakScreen({ reference: ref, isLastStep: false });
      const live = feed(screen, text, size);
      expect(live.length).toBeGreaterThan(text.length / 2);
      const fin = screen.finish(text);
      expect(fin.heldBack).toBe(false);
      expect(live + fin.tail).toBe(text);
    }
  });

  it('screens a long stream in linear time (work per character does not grow with length)', () => {
    const run = (chars: number) => {
      const unit = 'We expand $(r+s)^2 = r^2 + 2rs + s^2$ and so on, step 7 of 9, value 0.25. ';
      const text = unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
      const screen = new LeakScreen({ reference: ref, isLastStep: false });
      const t0 = performance.now();
      feed(screen, text, 16);
      screen.finish(text);
      return performance.now() - t0;
    };
    run(20_000);
    const small = Math.min(run(50_000), run(50_000));
    const large = Math.min(run(250_000), run(250_000));
    // Five times the text: well under 25 times the work (quadratic would be ~25x).
    expect(large / small).toBeLessThan(12);
  });

  it('a hostile stream (a lone "$", a box never closed, 100k spaces) ends in bounded time and holds the box', () => {
    const texts = ['$'.concat(' x'.repeat(50_000)), `\\boxed{${'1'.repeat(100_000)}`, `# final answer${' '.repeat(100_000)}5`];
    for (const text of texts) {
      const screen = new LeakScreen({ reference: ref, isLastStep: false });
      const t0 = performance.now();
      feed(screen, text, 64);
      screen.finish(text);
      expect(performance.now() - t0).toBeLessThan(2_000);
    }
  });
});

describe('screening hostile texts in one pass', () => {
  const ref = compileReference('2^{n+2} - 5');
  const time = (text: string) => {
    const t0 = performance.now();
    detectFinalAnswerLeakLike(text);
    return performance.now() - t0;
  };
  const detectFinalAnswerLeakLike = (text: string) => screenText(text, { reference: ref, isLastStep: false });
  it.each([
    ['"Answer:" with no line break', 'Answer: x '],
    ['a "Final answer" heading with no blank line', '# Final answer\nso '],
    ['"\\begin{" never closed', '\\begin{align '],
    ['"$" never closed', '$ x '],
    ['"\\boxed{" never closed', '\\boxed{ '],
  ])('%s, repeated: five times the text costs well under 25 times the work', (_name, unit) => {
    time(unit.repeat(2_000));
    const small = Math.min(time(unit.repeat(10_000)), time(unit.repeat(10_000)));
    const large = Math.min(time(unit.repeat(50_000)), time(unit.repeat(50_000)));
    expect(large / Math.max(small, 1)).toBeLessThan(12);
  });
});
