/**
 * Template-name matching over the real ReasonFlux v1 library (420 names). The same behaviours
 * on our own library in that format: test/unit/core/navigator/fuzzy.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bestNameMatch, type NameCandidate } from '../../../electron/core/navigator/fuzzy.js';
import { referenceFile } from '../reference-dir.js';

const library = JSON.parse(readFileSync(referenceFile('template_library.json'), 'utf8')) as Record<
  string,
  Record<string, { template_name: string }[]>
>;

/** The real ReasonFlux library as candidates: id = chapter|section|name. */
const candidates: NameCandidate[] = Object.entries(library).flatMap(([chapter, sections]) =>
  Object.entries(sections).flatMap(([section, templates]) =>
    templates.map((t) => ({ id: `${chapter}|${section}|${t.template_name}`, name: t.template_name, context: `${chapter} ${section}` })),
  ),
);

describe('bestNameMatch over the ReasonFlux library (real reference file)', () => {
  it('finds an exact name with score 1', () => {
    expect(candidates).toHaveLength(420);
    const match = bestNameMatch('Determination and Proof of Arithmetic Sequences', candidates);
    expect(match?.id).toMatch(/\|Determination and Proof of Arithmetic Sequences$/);
    expect(match?.score).toBe(1);
  });

  it('returns null for garbage, stopwords, empty input and a method the library does not have', () => {
    // The navigator of the ReasonFlux reference run named this method; no template is close.
    for (const q of ['qwzx plorb', 'the of and', '', '!!!', 'Solving Non-Homogeneous Linear Recurrences']) {
      expect(bestNameMatch(q, candidates), q).toBeNull();
    }
  });
});
