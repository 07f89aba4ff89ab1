/**
 * Cutting model text into Markdown blocks (renderer/math/blocks.ts): cuts never fall inside a
 * code fence, a display formula, a table or an indented continuation; a streamed text read in
 * deltas gives the same blocks as the finished text; finished blocks never change; linear.
 */
import { describe, expect, it } from 'vitest';
import { advanceBlocks, blocksOf, cutBlocks, newBlockCutter, openMathAt, SOFT_BLOCK_CHARS } from '../../../../renderer/math/blocks.js';

const joined = (blocks: readonly string[]) => blocks.join('');

describe('cutBlocks', () => {
  it('cuts after blank lines at lines starting at the margin, and the blocks give the text back', () => {
    const text = 'First $a+b$ para\nsame para\n\nSecond\n\n\n- item\n\n  continued item\n\nLast';
    const blocks = cutBlocks(text);
    expect(blocks).toEqual(['First $a+b$ para\nsame para\n\n', 'Second\n\n\n', '- item\n\n  continued item\n\n', 'Last']);
    expect(joined(blocks)).toBe(text);
  });

  it('never cuts inside a code fence or a display formula', () => {
    const fence = 'Code:\n\n```\nline\n\nafter blank\n```\n\nText';
    expect(cutBlocks(fence)).toEqual(['Code:\n\n', '```\nline\n\nafter blank\n```\n\n', 'Text']);
    const display = 'See\n$$\na\n\nb\n$$\n\nnext';
    expect(cutBlocks(display)).toEqual(['See\n$$\na\n\nb\n$$\n\n', 'next']);
    const bracket = 'See \\[\na\n\nb\\]\n\nnext';
    expect(cutBlocks(bracket)).toEqual(['See \\[\na\n\nb\\]\n\n', 'next']);
  });

  it('a stray $$ stops blocking cuts once it could no longer be a formula', () => {
    const text = `Price $$ oops\n\n${'word '.repeat(400)}\n\nlater\n\nend`;
    const blocks = cutBlocks(text);
    expect(blocks.at(-1)).toBe('end');
    expect(joined(blocks)).toBe(text);
  });

  it('cuts an over-long paragraph at newlines, but never through a table or before an underline', () => {
    const line = 'A line of a long paragraph with $x$ in it.\n';
    const para = line.repeat(Math.ceil((SOFT_BLOCK_CHARS * 2) / line.length));
    const blocks = cutBlocks(para);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const b of blocks.slice(0, -1)) expect(b.length).toBeLessThanOrEqual(SOFT_BLOCK_CHARS + line.length);
    expect(joined(blocks)).toBe(para);

    const table = `a | b\n--|--\n${'c | d\n'.repeat(SOFT_BLOCK_CHARS / 3)}`;
    expect(cutBlocks(table)).toHaveLength(1);
    const underline = `${'x'.repeat(SOFT_BLOCK_CHARS)}\nHeading\n---\nafter`;
    expect(cutBlocks(underline).some((b) => b.startsWith('---'))).toBe(false);
  });

  it('stays linear on hostile input (many openers, fences, dollars, no newlines)', () => {
    for (const make of [(n: number) => '$$\n\n'.repeat(n / 4), (n: number) => '```\n\n'.repeat(n / 5), (n: number) => '\\[\n\n'.repeat(n / 4), (n: number) => '$'.repeat(n)]) {
      const time = (n: number) => {
        const text = make(n);
        expect(joined(cutBlocks(text))).toBe(text);
        let best = Infinity;
        for (let r = 0; r < 5; r++) {
          const t = performance.now();
          cutBlocks(text);
          best = Math.min(best, performance.now() - t);
        }
        return best;
      };
      time(10_000);
      const small = time(50_000);
      const large = time(400_000);
      // 8x the text: linear is 8x the time, quadratic 64x; generous for a shared, loaded machine.
      expect(large).toBeLessThan(Math.max(small, 5) * 24);
    }
  });
});

describe('advanceBlocks (streaming)', () => {
  const text = [
    '## Step 1',
    'We use $r+s=5$.',
    '',
    '1. first',
    '2. second with $$x^2$$',
    '',
    '| a | b |',
    '|---|---|',
    '| $1$ | 2 |',
    '',
    '```',
    'code',
    '',
    'more code',
    '```',
    '',
    '$$',
    'a',
    '',
    'b',
    '$$',
    '',
    'The end.',
  ].join('\n');

  it('gives the finished text the same blocks whatever the delta size, and finished blocks never change', () => {
    const expected = cutBlocks(text);
    for (const size of [1, 3, 7, 16, 64]) {
      let c = newBlockCutter();
      const seen: string[] = [];
      for (let i = size; i < text.length + size; i += size) {
        c = advanceBlocks(c, text.slice(0, i));
        const { done } = blocksOf(c);
        // What was finished stays exactly as it was.
        expect(done.slice(0, seen.length)).toEqual(seen);
        seen.splice(0, seen.length, ...done);
      }
      c = advanceBlocks(c, text, true);
      const { done, tail } = blocksOf(c);
      expect([...done, tail]).toEqual(expected);
    }
  });

  it('starts over when the text is not a continuation (a new stream)', () => {
    let c = advanceBlocks(newBlockCutter(), 'one\n\ntwo\n\n');
    expect(blocksOf(c).done).toEqual(['one\n\n']);
    c = advanceBlocks(c, 'other\n\nthing\n');
    expect(blocksOf(c)).toEqual({ done: ['other\n\n'], tail: 'thing\n' });
  });

  it('points at a formula still open at the end, so it is held back until it closes', () => {
    const at = (t: string) => openMathAt(advanceBlocks(newBlockCutter(), t));
    expect(at('so $x + ')).toBe(3);
    expect(at('so $x$ and \\(y')).toBe(11);
    expect(at('so $x$ done')).toBe(-1);
    expect(at('costs \\$5 now')).toBe(-1);
    expect(at('line\n$$\nx^2\n')).toBe(5);
    expect(at('line\n$$\nx^2\n$$\n')).toBe(-1);
    expect(at('```\n$x\n')).toBe(-1);
  });
});
