/**
 * The ReasonFlux v1 library importer on our own library in that format
 * (test/fixtures/formats/reasonflux-library.json: 18 templates, 5 chapters, 9 sections, written
 * to carry the source's quirks: literal "\n", over-escaped and JSON-eaten TeX, \( \) math,
 * several template_type spellings, text and object examples, a name used twice).
 * The same checks over the real third-party file: test/reference/packs/reasonflux-library.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_TYPES } from '../../../../shared/domain.js';
import { packSchema, slugId } from '../../../../shared/packs/schema.js';
import { mapTemplateType } from '../../../../electron/core/packs/importers/reasonflux-fields.js';
import { type ParsedPack, parsePackFile } from '../../../../electron/core/packs/parse.js';
import { FORMATS_DIR } from './helpers.js';

const LIBRARY = path.join(FORMATS_DIR, 'reasonflux-library.json');

/** Every string in a template, with where it is. */
function textsOf(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => textsOf(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => textsOf(v, `${at}.${k}`));
  return [];
}

describe('ReasonFlux v1 library import (our fixture in that format)', () => {
  let content: string;
  let parsed: ParsedPack;
  const byName = (name: string) => parsed.pack.templates.filter((t) => t.name === name);
  beforeAll(() => {
    content = readFileSync(LIBRARY, 'utf8');
    parsed = parsePackFile('template_library.json', content);
  });

  it('yields exactly 18 templates in 5 chapters and 9 sections, in file order', () => {
    expect(parsed.sourceFormat).toBe('reasonflux-v1');
    expect(parsed.pack.templates).toHaveLength(18);
    expect(parsed.pack.topics.map((t) => t.chapter)).toEqual([
      'Equations and Inequalities',
      'Sequences',
      'Trigonometry',
      'Counting and Probability',
      'Coordinate Geometry',
    ]);
    expect(parsed.pack.topics.reduce((n, t) => n + t.sections.length, 0)).toBe(9);
    expect(parsed.pack.topics[1]).toEqual({ chapter: 'Sequences', sections: ['Arithmetic and geometric sequences', 'Recurrences'] });
    const used = new Set(parsed.pack.templates.map((t) => `${t.chapter}|${t.section}`));
    expect(used.size).toBe(9);
    const law = byName('Law of Cosines for a Missing Side')[0]!;
    expect([law.chapter, law.section]).toEqual(['Trigonometry', 'Triangles']);
    expect(parsed.pack.templates.at(-1)?.name).toBe('Equation of the Line Through Two Points');
  });

  it('fills the pack metadata with the source attribution', () => {
    const { pack } = parsed;
    expect(pack.id).toBe('reasonflux-v1-library');
    expect(pack.name).toBe('ReasonFlux template library');
    expect(pack.version).toBe('1.0.0');
    expect(pack.language).toBe('en');
    expect(pack.license).toBe('Apache-2.0');
    expect(pack.attribution).toContain('Gen-Verse/ReasonFlux');
    expect(pack.description).toContain('18 high-school mathematics templates in 5 chapters');
    expect(parsePackFile('template_library.json', content, { packId: 'my-copy' }).pack.id).toBe('my-copy');
  });

  it('gives every template a unique, schema-valid id that is stable across parses', () => {
    const ids = parsed.pack.templates.map((t) => t.id);
    expect(new Set(ids).size).toBe(18);
    for (const id of ids) expect(slugId.safeParse(id).success, id).toBe(true);
    const again = parsePackFile('template_library.json', content);
    expect(again.pack.templates.map((t) => t.id)).toEqual(ids);
    expect(ids[0]).toMatch(/^completing-the-square-for-a-quadratic-equation-[0-9a-f]{8}$/);
  });

  it('keeps an id when other templates are added, removed or reordered around it', () => {
    const raw = JSON.parse(content) as Record<string, Record<string, unknown[]>>;
    const before = parsed.pack.templates.find((t) => t.name === 'Complementary Counting')!.id;
    const { Trigonometry: _dropped, ...rest } = raw;
    const shuffled: Record<string, Record<string, unknown[]>> = { 'Coordinate Geometry': rest['Coordinate Geometry']!, ...rest };
    const counting = shuffled['Counting and Probability']!.Counting!;
    counting.reverse();
    counting.unshift({ ...(counting[0] as object), template_name: 'Counting Twice and Dividing' });
    const after = parsePackFile('template_library.json', JSON.stringify(shuffled)).pack.templates;
    expect(after).toHaveLength(16);
    expect(after[0]?.name).toBe('Equation of the Line Through Two Points');
    expect(after.find((t) => t.name === 'Complementary Counting')?.id).toBe(before);
  });

  it('gives the names used twice in a section distinct ids and says so in a warning', () => {
    for (const name of ['Sign Chart for a Rational Inequality', 'Telescoping a Sum of Differences']) {
      const copies = byName(name);
      expect(copies, name).toHaveLength(2);
      expect(copies[0]!.id).not.toBe(copies[1]!.id);
      expect(copies[0]!.section).toBe(copies[1]!.section);
    }
    expect(parsed.warnings).toContain('2 template names were used twice in the same section; each copy was given its own id');
  });

  it('leaves no literal "\\n", no control characters and no over-escaped TeX in any text', () => {
    // The fixture has all three, so the checks below test the repair, not clean input.
    expect(content).toContain('\\\\n1. a symmetric expression');
    expect(content).toContain('\\\\(\\\\\\\\frac{7/2}{3/2}\\\\\\\\)');
    expect(content).toContain('sin²\\theta');
    for (const t of parsed.pack.templates) {
      for (const [at, text] of textsOf(t)) {
        expect(/\\n(?![a-z])/.test(text), `${t.id}${at}: ${text.slice(0, 80)}`).toBe(false);
        // eslint-disable-next-line no-control-regex
        expect(/[\u0000-\u0008\u000B-\u001F]/.test(text), `${t.id}${at}`).toBe(false);
        expect(/\\\\[A-Za-z]/.test(text), `${t.id}${at}: ${text.slice(0, 80)}`).toBe(false);
        expect(text, `${t.id}${at}`).toBe(text.trim());
      }
    }
  });

  it('turns \\( \\) math into $ $ and repairs TeX that JSON escapes had eaten', () => {
    const all = parsed.pack.templates.flatMap((t) => textsOf(t).map(([, s]) => s)).join('\n');
    expect(all).not.toMatch(/(?<!\\)\\\(/);
    // "\frac" stored with a single backslash in the source JSON became a form feed.
    expect(all).toContain('$y=\\frac{1}{2}x+3$');
    // "\theta" likewise became a tab.
    expect(byName('Pythagorean Identity to Find the Other Ratios')[0]!.description).toBe(
      'From sin²\\theta + cos²\\theta = 1 and the quadrant of \\theta, one trigonometric ratio determines the others.',
    );
    // "\\arccos" written with two backslashes is one command.
    expect(byName('Inverse Cosine for the Angle Between Two Vectors')[0]!.steps[2]).toBe('Take \\arccos of the quotient');
    expect(byName('Sum of a Finite Geometric Series')[0]!.steps[1]).toBe('Check that $r \\neq 1$');
  });

  it('maps every template_type spelling to the fixed type set', () => {
    for (const t of parsed.pack.templates) expect(TEMPLATE_TYPES).toContain(t.type);
    const raw = JSON.parse(content) as Record<string, Record<string, { template_type: string }[]>>;
    const spellings = new Set(Object.values(raw).flatMap((c) => Object.values(c).flatMap((s) => s.map((t) => t.template_type))));
    expect(spellings.size).toBe(8);
    for (const s of spellings) expect(mapTemplateType(s), s).not.toBeNull();
    expect(Object.fromEntries(parsed.pack.templates.map((t) => [t.name, t.type]))).toMatchObject({
      'Completing the Square for a Quadratic Equation': 'method',
      "Vieta's Formulas for Sums and Products of Roots": 'theorem',
      'Discriminant Test for the Number of Real Roots': 'formula',
      'AM-GM Bound for a Positive Sum': 'corollary',
      'Telescoping a Sum of Differences': 'method',
      'Pythagorean Identity to Find the Other Ratios': 'application',
      'Counting Ordered Selections Without Repetition': 'definition',
    });
    expect(mapTemplateType('Problem-solving Methods')).toBe('method');
    expect(mapTemplateType('Theorem of Properties')).toBe('theorem');
    expect(mapTemplateType('Level 2 Conclusion')).toBe('corollary');
    expect(mapTemplateType('Important Formula, Law')).toBe('formula');
    expect(mapTemplateType('Knowledge application')).toBe('application');
    expect(mapTemplateType('Mnemonic')).toBeNull();
    expect(parsed.warnings.some((w) => w.includes('is not a known kind'))).toBe(false);
  });

  it('splits scope and steps given as text with list markers', () => {
    const vieta = byName("Vieta's Formulas for Sums and Products of Roots")[0]!;
    expect(vieta.scope).toEqual([
      'a symmetric expression of the roots is asked for',
      'the roots themselves are irrational or awkward',
      'a condition on the roots must be turned into a condition on the coefficients',
    ]);
    expect(vieta.steps).toHaveLength(4);
    expect(vieta.steps[0]).toBe('Read off a, b and c from the equation in standard form');
    expect(byName('AM-GM Bound for a Positive Sum')[0]!.scope).toHaveLength(1);
  });

  it('reads worked examples from text and from several object layouts', () => {
    const first = parsed.pack.templates[0]!;
    expect(first.examples).toEqual([
      {
        problem: 'Solve x² + 6x + 5 = 0 by completing the square.',
        solution: [
          'Move the constant: x² + 6x = -5',
          'Half of 6 is 3; add 3² = 9 to both sides: x² + 6x + 9 = 4',
          'Perfect square: (x + 3)² = 4',
          'Square roots: x + 3 = 2 or x + 3 = -2',
        ],
        answer: 'x = -1 or x = -5',
      },
    ]);
    // {Problem, Solution Steps, Answer} and {question, analysis, final_answer}.
    expect(byName('Discriminant Test for the Number of Real Roots')[0]!.examples[0]!.answer).toBe('k < 4');
    const sign = byName('Sign Chart for a Rational Inequality')[0]!.examples[0]!;
    expect(sign.problem).toBe('Solve (x - 1)/(x + 2) ≥ 0.');
    expect(sign.solution).toHaveLength(2);
    expect(sign.answer).toBe('x < -2 or x ≥ 1');
    // Text: "Example: …\nSolution:\n1. …\nAnswer: …" without its prefix and markers.
    const vieta = byName("Vieta's Formulas for Sums and Products of Roots")[0]!.examples[0]!;
    expect(vieta.problem).toBe('The roots of 2x² - 7x + 3 = 0 are r and s. Find 1/r + 1/s.');
    expect(vieta.solution[1]).toBe('1/r + 1/s = (r + s)/(rs), so the value is $\\frac{7/2}{3/2}$.');
    expect(vieta.answer).toBe('7/3');
    // Text without any marker: the first paragraph is the problem.
    const arithmetic = byName('Proving a Sequence Is Arithmetic')[0]!.examples[0]!;
    expect(arithmetic.problem).toBe('Show that a_n = 5n - 2 defines an arithmetic sequence and find its common difference.');
    expect(arithmetic.answer).toBe('the common difference is 5');
    for (const t of parsed.pack.templates) {
      expect(t.examples.length, t.name).toBeGreaterThan(0);
      for (const ex of t.examples) {
        expect(ex.problem).not.toMatch(/^example\s*(problem)?\s*\d*\s*[:：]/i);
        expect(ex.solution.length).toBeGreaterThan(0);
        expect(ex.answer.length).toBeGreaterThan(0);
      }
    }
  });

  it('gives one worked example per "Example N:" block and per nested example object', () => {
    const amgm = byName('AM-GM Bound for a Positive Sum')[0]!;
    expect(amgm.examples.map((e) => [e.problem, e.answer])).toEqual([
      ['For x > 0, find the minimum of x + 9/x.', '6'],
      ['Positive numbers a and b satisfy a + b = 10. Find the largest possible value of ab.', '25'],
    ]);
    const trig = byName('Pythagorean Identity to Find the Other Ratios')[0]!;
    expect(trig.examples).toHaveLength(2);
    expect(trig.examples[1]!.solution[0]).toContain('$\\sin\\theta = \\frac{2}{\\sqrt{5}}$');
    const dice = byName('Multiplying Probabilities of Independent Events')[0]!;
    expect(dice.examples.map((e) => e.answer)).toEqual(['1/4', '1/8']);
    expect(parsed.pack.templates.filter((t) => t.examples.length > 1).map((t) => t.name)).toEqual([
      'AM-GM Bound for a Positive Sum',
      'Pythagorean Identity to Find the Other Ratios',
      'Multiplying Probabilities of Independent Events',
    ]);
  });

  it('produces data that the pack schema accepts as is', () => {
    expect(packSchema.safeParse(parsed.pack).success).toBe(true);
  });
});
