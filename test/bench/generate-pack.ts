/** A large synthetic pack for import and search benchmarks (deterministic for a seed). */
import { PACK_FORMAT, PACK_FORMAT_VERSION, type PackV1 } from '../../shared/packs/schema.js';
import { TEMPLATE_TYPES } from '../../shared/domain.js';
import { rng } from './harness.js';

export const VOCABULARY = (
  'quadratic linear polynomial root discriminant vieta factor inequality mean geometric arithmetic ' +
  'sequence series telescoping induction recursion modular residue congruence prime divisor gcd ' +
  'lcm parity invariant pigeonhole counting permutation combination binomial probability expected ' +
  'triangle circle chord tangent angle similar congruent area perimeter volume coordinate vector ' +
  'complex modulus argument unity trigonometric sine cosine identity substitution symmetry ' +
  'logarithm exponent function domain range inverse maximum minimum derivative integral limit ' +
  'matrix determinant system elimination absolute value floor ceiling digit base remainder ' +
  'parabola ellipse hyperbola focus directrix radius diameter inscribed circumscribed median ' +
  'altitude bisector centroid orthocenter power point cyclic quadrilateral polygon lattice'
).split(' ');

export function generatePack(count: number, seed = 42, id = 'bench-pack'): PackV1 {
  const r = rng(seed);
  const pick = () => VOCABULARY[Math.floor(r() * VOCABULARY.length)]!;
  const words = (n: number) => Array.from({ length: n }, pick).join(' ');
  const chapters = Array.from({ length: 20 }, (_, c) => ({
    chapter: `Chapter ${c + 1}: ${words(2)}`,
    sections: Array.from({ length: 10 }, (_, s) => `Section ${c + 1}.${s + 1} ${words(2)}`),
  }));
  const templates = Array.from({ length: count }, (_, i) => {
    const topic = chapters[i % chapters.length]!;
    return {
      id: `t-${i}`,
      name: `${words(3)} method ${i}`,
      type: TEMPLATE_TYPES[i % TEMPLATE_TYPES.length]!,
      chapter: topic.chapter,
      section: topic.sections[Math.floor(i / chapters.length) % topic.sections.length]!,
      tags: [pick(), pick(), pick()],
      description: `${words(18)} with $x^2 + ${i % 97}x + 1 = 0$.`,
      scope: [words(8), words(8)],
      steps: [words(10), words(10), words(10), words(10)],
      examples: [{ problem: `${words(12)} $\\frac{${i % 13}}{7}$`, solution: [words(10), words(10)], answer: `${i % 1000}` }],
    };
  });
  return {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    id,
    version: '1.0.0',
    name: `Benchmark pack of ${count} templates`,
    language: 'en',
    authors: ['benchmark generator'],
    license: 'CC0-1.0',
    description: 'Generated for benchmarks.',
    topics: chapters,
    templates,
  };
}
