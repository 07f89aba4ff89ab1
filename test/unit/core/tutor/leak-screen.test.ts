import { describe, expect, it } from 'vitest';
import { LeakScreen } from '../../../../electron/core/tutor/leak-screen.js';
import { compileReference } from '../../../../electron/core/tutor/leak.js';
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
