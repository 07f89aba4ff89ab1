import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packSchema } from '../../../shared/packs/schema.js';
import { parsePackFile } from '../../../electron/core/packs/parse.js';
import { failureOf, issuesOf } from '../../unit/core/packs/helpers.js';
import { referenceFile } from '../reference-dir.js';

const MATH = referenceFile('buffer-of-thought/math.txt');

describe('Buffer-of-Thoughts markdown import (real reference file)', () => {
  const content = readFileSync(MATH, 'utf8');
  const parsed = parsePackFile('math.txt', content);

  it('yields exactly 21 valid templates with MIT attribution', () => {
    expect(parsed.sourceFormat).toBe('buffer-of-thoughts');
    expect(parsed.pack.templates).toHaveLength(21);
    expect(parsed.pack.id).toBe('buffer-of-thoughts-math');
    expect(parsed.pack.license).toBe('MIT');
    expect(parsed.pack.attribution).toContain('YangLing0818/buffer-of-thought-llm');
    expect(packSchema.safeParse(parsed.pack).success).toBe(true);
    expect(parsed.pack.templates.map((t) => t.name).slice(0, 3)).toEqual([
      'Normalization Problem',
      'Total Quantity Problem',
      'Sum and Difference Problem',
    ]);
  });

  it('keeps ids stable across parses', () => {
    const again = parsePackFile('math.txt', content);
    expect(again.pack.templates.map((t) => t.id)).toEqual(parsed.pack.templates.map((t) => t.id));
    expect(new Set(again.pack.templates.map((t) => t.id)).size).toBe(21);
  });

  it('keeps extra ### headings inside their entry (Problem Type 10)', () => {
    const age = parsed.pack.templates.find((t) => t.name === 'Age Problem')!;
    expect(age.examples).toHaveLength(1);
    expect(age.examples[0]!.solution).toHaveLength(4);
    expect(age.examples[0]!.answer).toBe("David's daughter was born 25 years ago.");
    expect(parsed.pack.templates.find((t) => t.name === 'Boat Problem')).toBeDefined();
  });

  it('derives answers, turns \\( \\) into $ $ and drops markdown bold markers', () => {
    const normalization = parsed.pack.templates[0]!;
    expect(normalization.examples[0]!.answer).toBe('1.92 yuan');
    expect(parsed.pack.templates[2]!.examples[0]!.answer).toBe('Class A = 52 students; Class B = 46 students');
    const equation = parsed.pack.templates.find((t) => t.name === 'Equation Problem')!;
    expect(equation.description).toContain('the variable $X$');
    const all = JSON.stringify(parsed.pack);
    expect(all).not.toContain('**');
    expect(all).not.toContain('\\\\(');
    for (const t of parsed.pack.templates) {
      expect(t.steps.length).toBeGreaterThan(0);
      expect(t.examples).toHaveLength(1);
    }
  });

  it('reports a broken entry by its heading and line', () => {
    const broken = content.replace('**Solution Strategy**: Directly apply the formulas.', 'Directly apply the formulas.');
    const error = failureOf(() => parsePackFile('math.txt', broken));
    expect(error.code).toBe('pack_invalid');
    const issue = issuesOf(error)[0]!;
    expect(issue.path).toMatch(/^Problem Type \d+ \(line \d+\)$/);
    expect(issue.rule).toBe('missing_section');
  });
});
