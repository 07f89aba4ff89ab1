/**
 * Grounding never guesses wildly (issue 12.3): over the built-in packs, a corpus of wrong and
 * near-miss ids and names (test/quality/grounding-corpus.ts) is never tied to a template other
 * than the right one; near-misses are recovered when the match is confident.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrajectoryStep } from '../../../../shared/trajectory.js';
import { allowedIdEdits, groundSteps, normaliseId, STEP_COVERAGE } from '../../../../electron/core/navigator/ground.js';
import { GROUNDING_CORPUS } from '../../../quality/grounding-corpus.js';
import { measureGrounding, openBuiltInLibrary, type BuiltInLibrary } from '../../../quality/grounding.js';

let lib: BuiltInLibrary;
beforeAll(() => {
  lib = openBuiltInLibrary();
});
afterAll(() => lib.close());

const step = (over: Partial<TrajectoryStep>): TrajectoryStep => ({ index: 1, title: 'A step', goal: 'Do the step.', templateId: null, produces: '', ...over });
const ground = (s: Partial<TrajectoryStep>) => {
  const out = groundSteps(lib.library, [step(s)], []);
  return { id: out.steps[0]!.templateId, note: out.notes[0]! };
};

describe('the grounding corpus', () => {
  it('holds at least 100 entries whose expected templates all exist', () => {
    expect(GROUNDING_CORPUS.length).toBeGreaterThanOrEqual(100);
    for (const e of GROUNDING_CORPUS) {
      for (const want of [e.expect, ...(e.also ?? [])]) if (want) expect(lib.library.findTemplate(want), want).not.toBeNull();
    }
    expect(GROUNDING_CORPUS.filter((e) => e.expect === null).length).toBeGreaterThanOrEqual(40);
  });

  it('ties no entry to a template other than the right one, and recovers most near-misses', () => {
    const f = measureGrounding(lib.library);
    const wrong = f.outcomes.filter((o) => o.got !== null && o.got !== o.entry.expect && !(o.entry.also ?? []).includes(o.got));
    expect(wrong.map((o) => `${o.entry.written} → ${o.got}`)).toEqual([]);
    expect(f.wrongTies).toBe(0);
    expect(f.absentUntied).toBe(f.absent);
    // 90 of 92 when written; a floor so a change that loses many recoveries is noticed.
    expect(f.recovered).toBeGreaterThanOrEqual(Math.floor(f.nearMisses * 0.9));
  });
});

describe('groundSteps', () => {
  it('keeps an existing id, and cleans quotes, case and a trailing dot', () => {
    expect(ground({ templateId: 'core/law-of-cosines' })).toMatchObject({ id: 'core/law-of-cosines', note: { how: 'kept', confidence: 1 } });
    expect(ground({ templateId: ' "Core/Law-Of-Cosines". ' }).id).toBe('core/law-of-cosines');
    expect(normaliseId('`starter/stars and bars`')).toBe('starter/stars-and-bars');
  });

  it('recovers a misspelt id within the allowed edits, not beyond', () => {
    expect(ground({ templateId: 'core/ellipse-standard-from', title: 'Read off the axes' })).toMatchObject({ id: 'core/ellipse-standard-form', note: { how: 'id' } });
    expect(ground({ templateId: 'core/first-order-recurence-fixed-point' }).id).toBe('core/first-order-recurrence-fixed-point');
    // Four edits from "law-of-sines" is another technique, not a typo.
    expect(ground({ templateId: 'core/law-of-tangents', title: 'Use the law of tangents', goal: 'Relate sides to half-angle tangents.' }).id).toBeNull();
    expect(allowedIdEdits(5)).toBe(0);
    expect(allowedIdEdits(12)).toBe(2);
  });

  it('finds an id without its pack, or under an invented pack', () => {
    expect(ground({ templateId: 'completing-the-square' })).toMatchObject({ id: 'starter/completing-the-square' });
    expect(ground({ templateId: 'algebra/Quadratic Formula and Discriminant' }).id).toBe('starter/quadratic-formula-discriminant');
  });

  it('matches a name only with a clear lead: one shared generic word is not enough', () => {
    expect(ground({ templateName: "Stewart's Theorem" }).id).toBe('core/stewart-theorem');
    expect(ground({ templateName: 'Law of Tangents' }).id).toBeNull();
    // "Counting" is in several names: ambiguous, so nothing.
    expect(ground({ templateName: 'Counting', title: 'Count the cases', goal: 'Count how many ways there are.' }).id).toBeNull();
  });

  it('uses the step text only when the step names the technique', () => {
    const named = ground({ templateId: 'made-up/xyz-123', title: 'Count with stars and bars', goal: 'Use stars and bars to count distributions.' });
    expect(named).toMatchObject({ id: 'starter/stars-and-bars', note: { how: 'retrieval' } });
    expect(named.note.confidence).toBeGreaterThanOrEqual(STEP_COVERAGE);
    // A counting step with an invented id is not tied to whatever the search ranks first.
    const vague = ground({ templateId: 'core/counting-step', title: 'Count the arrangements', goal: 'Count how many ways the books can be ordered.' });
    expect(vague).toMatchObject({ id: null, note: { how: 'none' } });
  });

  it('leaves a step the model tied to nothing without a template', () => {
    expect(ground({ templateId: null, title: 'Complete the square', goal: 'Complete the square.' })).toMatchObject({ id: null, note: { how: 'none' } });
  });

  it('maps a ReasonFlux-v1 method to every step only when confident', () => {
    const steps = [step({ title: 'One' }), step({ index: 2, title: 'Two' })];
    const good = groundSteps(lib.library, steps, [], { category: 'Algebra', direction: 'Polynomials', method: "Vieta's formulas", knowledge: [] });
    expect(good.steps.map((s) => s.templateId)).toEqual(['starter/vietas-formulas', 'starter/vietas-formulas']);
    const absent = groundSteps(lib.library, steps, [], { category: 'Geometry', direction: 'Triangles', method: 'Mass point geometry', knowledge: [] });
    expect(absent.steps.map((s) => s.templateId)).toEqual([null, null]);
  });
});
