import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestNameMatch, type NameCandidate } from '../../../../electron/core/navigator/fuzzy.js';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const library = JSON.parse(
  readFileSync(path.resolve(repoRoot, '../shared/reference/template_library.json'), 'utf8'),
) as Record<string, Record<string, { template_name: string }[]>>;

/** The real ReasonFlux library as candidates: id = chapter|section|name. */
const candidates: NameCandidate[] = Object.entries(library).flatMap(([chapter, sections]) =>
  Object.entries(sections).flatMap(([section, templates]) =>
    templates.map((t) => ({ id: `${chapter}|${section}|${t.template_name}`, name: t.template_name, context: `${chapter} ${section}` })),
  ),
);

describe('bestNameMatch', () => {
  it('finds an exact name with score 1', () => {
    const match = bestNameMatch('Determination and Proof of Arithmetic Sequences', candidates);
    expect(match?.id).toMatch(/\|Determination and Proof of Arithmetic Sequences$/);
    expect(match?.score).toBe(1);
  });

  it('matches through case, punctuation, plurals and -ing forms', () => {
    const match = bestNameMatch('determining + proving arithmetic-sequence', [
      { id: 'a', name: 'Determination and Proof of Arithmetic Sequences' },
      { id: 'b', name: 'Geometric Sequence Sum' },
    ]);
    expect(match?.id).toBe('a');
    expect(bestNameMatch('Solving quadratic inequalities', [{ id: 'q', name: 'Quadratic Inequality Solving' }])?.id).toBe('q');
  });

  it('prefers the candidate whose context also fits when names tie', () => {
    const tie = [
      { id: 'wrong', name: 'Sum Formula', context: 'Trigonometry' },
      { id: 'right', name: 'Sum Formula', context: 'Geometric sequences' },
    ];
    expect(bestNameMatch('geometric sequence sum formula', tie)?.id).toBe('right');
  });

  it('returns null for garbage, stopwords and empty input', () => {
    for (const q of ['qwzx plorb', 'the of and', '', '!!!', 'Solving Non-Homogeneous Linear Recurrences']) {
      expect(bestNameMatch(q, candidates), q).toBeNull();
    }
    expect(bestNameMatch('anything', [])).toBeNull();
  });

  it('does not match on context alone', () => {
    expect(bestNameMatch('trigonometry', [{ id: 'x', name: 'Law of Sines', context: 'Trigonometry' }])).toBeNull();
  });
});
