import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestNameMatch, type NameCandidate } from '../../../../electron/core/navigator/fuzzy.js';

/** Our own library in the ReasonFlux v1 format (test/fixtures/formats/README.md). */
const library = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/formats/reasonflux-library.json'), 'utf8'),
) as Record<string, Record<string, { template_name: string }[]>>;

/** The library as candidates: id = chapter|section|name. */
const candidates: NameCandidate[] = Object.entries(library).flatMap(([chapter, sections]) =>
  Object.entries(sections).flatMap(([section, templates]) =>
    templates.map((t) => ({ id: `${chapter}|${section}|${t.template_name}`, name: t.template_name, context: `${chapter} ${section}` })),
  ),
);

describe('bestNameMatch', () => {
  it('finds an exact name with score 1', () => {
    expect(candidates).toHaveLength(18);
    const match = bestNameMatch('Proving a Sequence Is Arithmetic', candidates);
    expect(match?.id).toBe('Sequences|Arithmetic and geometric sequences|Proving a Sequence Is Arithmetic');
    expect(match?.score).toBe(1);
  });

  it('finds a library template from a navigator’s rewording of its name', () => {
    expect(bestNameMatch('law of cosine for the missing side', candidates)?.id).toBe('Trigonometry|Triangles|Law of Cosines for a Missing Side');
    expect(bestNameMatch('completing squares in a quadratic equation', candidates)?.id).toBe(
      'Equations and Inequalities|Quadratic equations|Completing the Square for a Quadratic Equation',
    );
  });

  it('matches through case, punctuation, plurals and -ing forms', () => {
    const match = bestNameMatch('proving + determining arithmetic-sequence', [
      { id: 'a', name: 'Proof and Determination of Arithmetic Sequences' },
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
    for (const q of ['qwzx plorb', 'the of and', '', '!!!', 'Eigenvalues of a Hermitian Matrix']) {
      expect(bestNameMatch(q, candidates), q).toBeNull();
    }
    expect(bestNameMatch('anything', [])).toBeNull();
  });

  it('does not match on context alone', () => {
    expect(bestNameMatch('trigonometry', [{ id: 'x', name: 'Law of Sines', context: 'Trigonometry' }])).toBeNull();
  });
});
