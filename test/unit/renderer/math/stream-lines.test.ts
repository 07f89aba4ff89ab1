import { describe, expect, it } from 'vitest';
import { streamLines } from '../../../../renderer/math/MathText.js';

describe('streamLines: cutting a growing worked step into lines', () => {
  it('cuts at newlines outside math, and joining the lines gives the text back', () => {
    const text = 'First $a+b$ line\nSecond line\n\nThird $$x\ny$$ end\n\\[p\nq\\] tail';
    const lines = streamLines(text);
    expect(lines).toEqual(['First $a+b$ line', 'Second line', '', 'Third $$x\ny$$ end', '\\[p\nq\\] tail']);
    expect(lines.join('\n')).toBe(text);
  });

  it('does not cut inside an unfinished formula or after an escaped dollar', () => {
    expect(streamLines('costs \\$5\nnext')).toEqual(['costs \\$5', 'next']);
    expect(streamLines('open $x +\ny')).toEqual(['open $x +\ny']);
  });

  it('keeps finished lines identical while the text grows, so they can be memoised', () => {
    const full = 'Line 1: $r+s=5$\nLine 2: $rs=3$\nLine 3: growing';
    const early = streamLines(full.slice(0, 30));
    const late = streamLines(full);
    expect(late.slice(0, early.length - 1)).toEqual(early.slice(0, -1));
  });
});
