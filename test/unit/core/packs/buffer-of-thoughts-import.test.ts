/**
 * The Buffer-of-Thoughts markdown importer on our own file in that format
 * (test/fixtures/formats/buffer-of-thoughts.md: 4 entries, one with the extra "### Solution
 * Approach" and "### Conclusion" headings, \( \) math and bold markers).
 * The same checks over the real third-party file: test/reference/packs/buffer-of-thoughts.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packSchema } from '../../../../shared/packs/schema.js';
import { parsePackFile } from '../../../../electron/core/packs/parse.js';
import { FORMATS_DIR, failureOf, issuesOf } from './helpers.js';

const FILE = path.join(FORMATS_DIR, 'buffer-of-thoughts.md');

describe('Buffer-of-Thoughts markdown import (our fixture in that format)', () => {
  const content = readFileSync(FILE, 'utf8');
  const parsed = parsePackFile('word-problems.md', content);
  const named = (name: string) => parsed.pack.templates.find((t) => t.name === name)!;

  it('yields exactly 4 valid templates with MIT attribution', () => {
    expect(parsed.sourceFormat).toBe('buffer-of-thoughts');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.pack.id).toBe('buffer-of-thoughts-math');
    expect(parsed.pack.license).toBe('MIT');
    expect(parsed.pack.attribution).toContain('YangLing0818/buffer-of-thought-llm');
    expect(packSchema.safeParse(parsed.pack).success).toBe(true);
    expect(parsed.pack.templates.map((t) => t.name)).toEqual([
      'Work Rate Problem',
      'Average Speed Problem',
      'Mixture Problem',
      'Successive Percentage Change Problem',
    ]);
    expect(parsed.pack.topics).toEqual([{ chapter: 'Arithmetic word problems', sections: ['Classic problem types'] }]);
  });

  it('keeps ids stable across parses, and an entry keeps its id when others are removed', () => {
    const ids = parsed.pack.templates.map((t) => t.id);
    expect(parsePackFile('word-problems.md', content).pack.templates.map((t) => t.id)).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
    const withoutFirst = content.slice(content.indexOf('### Problem Type 2'));
    expect(parsePackFile('word-problems.md', withoutFirst).pack.templates.map((t) => t.id)).toEqual(ids.slice(1));
  });

  it('keeps extra ### headings inside their entry and takes the answer from its Conclusion', () => {
    const mixture = named('Mixture Problem');
    expect(mixture.examples).toHaveLength(1);
    expect(mixture.examples[0]!.solution).toEqual([
      'Let x be the litres of 10% solution.',
      'Salt: 0.10x + 0.40 × 20 = 0.25(x + 20)',
      '0.10x + 8 = 0.25x + 5, so 0.15x = 3 and x = 20.',
    ]);
    expect(mixture.examples[0]!.answer).toBe('20 litres of the 10% solution are needed.');
    expect(named('Successive Percentage Change Problem')).toBeDefined();
  });

  it('derives answers, splits strategies, turns \\( \\) into $ $ and drops markdown bold markers', () => {
    expect(named('Work Rate Problem').examples[0]!.answer).toBe('Time = 2 hours');
    expect(named('Successive Percentage Change Problem').examples[0]!.answer).toBe('Overall change = -4%');
    const speed = named('Average Speed Problem');
    // A numbered solution is one step per item; the answer is the last result.
    expect(speed.examples[0]!.solution).toHaveLength(3);
    expect(speed.examples[0]!.answer).toBe('48 km/h');
    expect(speed.description).toContain('The average speed $v$ is the total distance divided by the total time, and it is not the average');
    expect(speed.steps).toEqual([
      'Find the time of every part first.',
      'Add the distances and add the times.',
      'Divide the total distance by the total time.',
      'Use the key relationships: Time for a part = Distance of the part ÷ Speed on it; Average speed = Total distance ÷ Total time',
    ]);
    expect(named('Work Rate Problem').steps.slice(0, 2)).toEqual(['Turn each time into a rate.', 'Add the rates, then turn the combined rate back into a time.']);
    const all = JSON.stringify(parsed.pack);
    expect(all).not.toContain('**');
    expect(all).not.toContain('\\\\(');
    for (const t of parsed.pack.templates) {
      expect(t.steps.length).toBeGreaterThan(0);
      expect(t.examples).toHaveLength(1);
    }
  });

  it('reports a broken entry by its heading and line', () => {
    const broken = content.replace('**Solution Strategy**: Call one unknown volume x', 'Call one unknown volume x');
    expect(broken).not.toBe(content);
    const error = failureOf(() => parsePackFile('word-problems.md', broken));
    expect(error.code).toBe('pack_invalid');
    const issues = issuesOf(error);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('Problem Type 3 (line 48)'); // the line of its heading
    expect(issues[0]!.rule).toBe('missing_section');
  });
});
