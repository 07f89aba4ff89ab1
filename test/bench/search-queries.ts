/**
 * The fixed search query set both store benchmarks time, so their figures are comparable:
 * single words, word pairs, a half-typed last word, and a few inputs that stress the FTS
 * query builder. Seeded, so every run times the same 108 queries.
 */
import { VOCABULARY } from './generate-pack.js';
import { rng } from './harness.js';

export function benchQueries(seed = 7): string[] {
  const r = rng(seed);
  const pick = () => VOCABULARY[Math.floor(r() * VOCABULARY.length)]!;
  return [
    ...Array.from({ length: 40 }, () => pick()),
    ...Array.from({ length: 40 }, () => `${pick()} ${pick()}`),
    ...Array.from({ length: 20 }, () => `${pick()} ${pick().slice(0, 3)}`), // typing: prefix of the last word
    'quadratic discriminant', 'vieta "sum of roots"', 'AND OR NOT', '"unbalanced', 'x^2 + 1', '三角形', 'tri*', '',
  ];
}
