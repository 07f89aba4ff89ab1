import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrajectory } from '../../../../../electron/core/model/parse/trajectory.js';
import { mulberry32 } from '../../../../../electron/core/util/prng.js';
import { TRAJECTORY_LIMITS } from '../../../../../shared/trajectory.js';

/** Our own navigator run in the ReasonFlux transcript layout (test/fixtures/formats/README.md). */
const meta = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../../fixtures/formats/navigator-run.json'), 'utf8'),
) as { step1: { template: unknown } };

const validOutputs = [
  JSON.stringify({
    analysis: 'Quadratic in disguise: substitute $u = x^2$.',
    steps: [
      { title: 'Substitute', goal: 'Let $u = x^2$ and rewrite.', template_id: 'starter/substitution', produces: 'a quadratic in u' },
      { title: 'Solve in u', goal: 'Factor $u^2 - 5u + 4$.', template_id: null, produces: 'the values of u' },
      { title: 'Back to x', goal: 'Take square roots, keep real ones.', template_id: 'starter/square-roots', produces: 'the roots' },
    ],
  }),
  "<think>plan first</think>\n```json\n{'analysis': 'x', 'steps': [{'title': 'A', 'goal': '\\\\frac{1}{2}', 'template_id': None, 'produces': ''},]}\n```",
  JSON.stringify(meta.step1.template).replace(/"/g, "'"),
  '## High-Level Solution Strategy\n1. **Step 1: Shift** — find k.\n2. **Step 2: Solve** — geometric.\n## Detailed Solution\ntext',
  'Plan:\n1. Expand.\n2. Collect terms.\n3. Solve.',
];

const ALPHABET = '{}[]()"\':,\\ntu0123456789 \n\t<>/#*-_.=$^~`think</>steps title goal template_id produces πé\u0000\ud800\udfff😀';

function randomString(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    if (random() < 0.15) out += String.fromCharCode(Math.floor(random() * 0xffff));
    else out += ALPHABET[Math.floor(random() * ALPHABET.length)];
  }
  return out;
}

function mutate(random: () => number, text: string): string {
  let s = text;
  const edits = 1 + Math.floor(random() * 8);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (s.length + 1));
    const kind = random();
    if (kind < 0.33) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(random() * 5));
    else if (kind < 0.66) s = s.slice(0, at) + randomString(random, 1 + Math.floor(random() * 4)) + s.slice(at);
    else s = s.slice(0, at) + String.fromCharCode(Math.floor(random() * 0xffff)) + s.slice(at + 1);
  }
  return s;
}

function generate(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = validOutputs[i % validOutputs.length] as string;
    const kind = i % 4;
    if (kind === 0) out.push(base.slice(0, Math.floor(random() * base.length)));
    else if (kind === 1) out.push(mutate(random, base));
    else if (kind === 2) out.push(randomString(random, Math.floor(random() * 300)));
    else out.push(mutate(random, base.slice(0, Math.floor(random() * base.length))));
  }
  return out;
}

describe('parseTrajectory fuzz', () => {
  it('never throws and always returns a well-formed result on 6,000 mutated/random inputs', () => {
    const inputs = generate(6_000, 20261125);
    let ok = 0;
    const started = Date.now();
    for (const input of inputs) {
      let result: ReturnType<typeof parseTrajectory> | undefined;
      expect(() => {
        result = parseTrajectory(input);
      }, `input: ${JSON.stringify(input).slice(0, 300)}`).not.toThrow();
      if (!result) throw new Error('no result');
      if (result.ok) {
        ok++;
        const { steps } = result.trajectory;
        expect(steps.length).toBeGreaterThan(0);
        expect(steps.length).toBeLessThanOrEqual(TRAJECTORY_LIMITS.maxSteps);
        steps.forEach((s, i) => {
          expect(s.index).toBe(i + 1);
          expect(typeof s.title).toBe('string');
          expect(s.goal.length).toBeLessThanOrEqual(TRAJECTORY_LIMITS.maxFieldChars);
          expect(s.templateId === null || typeof s.templateId === 'string').toBe(true);
        });
      } else {
        expect(result.reason.length).toBeGreaterThan(10);
      }
    }
    console.log(`fuzz: ${inputs.length} inputs, ${ok} parsed, ${inputs.length - ok} refused, ${Date.now() - started} ms`);
    // Truncations and light mutations of valid plans are mostly still readable.
    expect(ok).toBeGreaterThan(inputs.length / 4);
  });

  it('survives pathological inputs quickly', () => {
    const nasty = [
      '['.repeat(200_000),
      '{'.repeat(200_000),
      '{"steps": ['.repeat(5_000),
      `{"analysis": "${'\\'.repeat(100_001)}`,
      '<think>'.repeat(10_000),
      '1. a\n'.repeat(50_000),
      `"${'x'.repeat(1_000_000)}`,
    ];
    for (const input of nasty) {
      const started = Date.now();
      const result = parseTrajectory(input);
      expect(result.ok === true || result.reason.length > 0).toBe(true);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });
});
