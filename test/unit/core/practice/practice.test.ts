import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePack } from '../../../../electron/core/packs/validate.js';
import { checkAnswer, lastBoxedContent } from '../../../../electron/core/tutor/answer/index.js';
import { detectFinalAnswerLeak, HELD_BACK } from '../../../../electron/core/tutor/leak.js';
import { english } from '../../../../shared/messages.js';
import type { PackV1 } from '../../../../shared/packs/schema.js';
import { makeCore, type TestCore } from '../tutor/harness.js';

const resources = path.resolve(import.meta.dirname, '../../../../resources/packs');
const practiceText = fs.readFileSync(path.join(resources, 'practice.json'), 'utf8');
const practice = JSON.parse(practiceText) as PackV1;
const starter = JSON.parse(fs.readFileSync(path.join(resources, 'starter.json'), 'utf8')) as PackV1;
const core = JSON.parse(fs.readFileSync(path.join(resources, 'core.json'), 'utf8')) as PackV1;
const problems = practice.problems!;

describe('the shipped practice pack', () => {
  it('validates, holds at least 40 problems across every subject, and every step uses a built-in template', () => {
    expect(() => validatePack('practice.json', practice)).not.toThrow();
    expect(practice.license).toBe('CC-BY-4.0');
    expect(problems.length).toBeGreaterThanOrEqual(40);
    expect(new Set(problems.map((p) => p.subject)).size).toBeGreaterThanOrEqual(7);
    const known = new Set([...starter.templates.map((t) => `starter/${t.id}`), ...core.templates.map((t) => `core/${t.id}`)]);
    for (const p of problems) for (const s of p.steps) expect(known, `${p.id}: ${s.templateId}`).toContain(s.templateId);
  });

  // Answers themselves are recomputed independently in test/unit/content/core-pack.test.ts.
  it.each(problems.map((p) => [p.id, p] as const))('%s: the last step boxes the answer and no earlier step states it', async (_id, p) => {
    const last = p.steps.at(-1)!;
    const boxed = lastBoxedContent(last.instantiation);
    expect(boxed, 'the last worked step ends in \\boxed{…}').not.toBeNull();
    expect(['correct', 'equivalent_form']).toContain((await checkAnswer(boxed!, p.answer)).verdict);
    if (last.expected) expect(['correct', 'equivalent_form']).toContain((await checkAnswer(last.expected, p.answer)).verdict);
    p.steps.slice(0, -1).forEach((s) => {
      expect(detectFinalAnswerLeak(s.instantiation, { referenceAnswer: p.answer, isLastStep: false }).leaked, s.title).toBe(false);
      expect(detectFinalAnswerLeak(s.hint, { referenceAnswer: p.answer, isLastStep: false }).leaked, s.title).toBe(false);
    });
  });
});

describe('pack validation of problems', () => {
  const base = (): PackV1 => JSON.parse(practiceText) as PackV1;
  const issuesOf = (pack: unknown) => {
    try {
      validatePack('p.json', pack);
      return [];
    } catch (err) {
      return ((err as { error: { details: { issues: { path: string; rule: string }[] } } }).error.details.issues ?? []).map((i) => `${i.path} ${i.rule}`);
    }
  };

  it('reports duplicate problem ids and unknown local template ids', () => {
    const pack = base();
    pack.problems![1]!.id = pack.problems![0]!.id;
    pack.problems![2]!.steps[0]!.templateId = 'no-such-template';
    expect(issuesOf(pack)).toEqual(['problems[1].id duplicate_id', 'problems[2].steps[0].templateId unknown_template']);
  });

  it('allows empty templates and topics only when the pack has problems', () => {
    const pack = base();
    delete pack.problems;
    expect(issuesOf(base())).toEqual([]);
    pack.templates = [];
    pack.topics = [];
    const found = issuesOf(pack);
    expect(found).toHaveLength(2);
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^templates /), expect.stringMatching(/^topics /)]));
  });
});

describe('practice through the contract, with no model configured', () => {
  let t: TestCore;
  beforeAll(() => {
    t = makeCore({ env: {} });
  });
  afterAll(() => t.core.close());

  it('lists the shipped problems and exports the pack back unchanged', async () => {
    const list = await t.call('practice.list', {});
    expect(list.map((p) => p.id)).toEqual(problems.map((p) => `practice/${p.id}`));
    expect((await t.call('practice.list', { packId: 'starter' }))).toEqual([]);
    const exported = await t.call('packs.export', { packId: 'practice' });
    expect(JSON.parse(exported.content)).toEqual(practice);
  });

  it('runs a practice session end to end offline: rungs, step checks, advance, final answer', async () => {
    let s = await t.call('tutor.startSession', { practiceId: 'practice/sum-of-squares-of-roots', requestId: 's' });
    expect(s).toMatchObject({ source: 'practice', status: 'active', practiceId: 'practice/sum-of-squares-of-roots', notice: null });
    expect(s.steps).toHaveLength(3);
    expect(s.steps[0]!.template?.id).toBe('starter/vietas-formulas');
    for (const rung of ['goal', 'template', 'hint', 'instantiation'] as const) {
      s = await t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung, requestId: `r-${rung}` });
    }
    expect(s.steps[0]!.revealed).toMatchObject({ goal: problems[1]!.steps[0]!.goal, template: true, hint: problems[1]!.steps[0]!.hint });
    expect(s.steps[0]!.revealed.instantiation).toEqual({ text: problems[1]!.steps[0]!.instantiation, complete: true, heldBack: false });
    const mine = t.events.filter((e) => e.requestId === 'r-instantiation');
    expect(mine.at(-1)?.type).toBe('done');
    expect(mine.map((e) => (e.type === 'delta' ? e.text : '')).join('')).toBe(problems[1]!.steps[0]!.instantiation);
    s = await t.call('tutor.advance', { sessionId: s.id });
    s = await t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 1, attempt: 'rs = -5', requestId: 'c1' });
    expect(s.steps[1]!.attempts[0]!.verdict).toBe('incorrect');
    s = await t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 1, attempt: 'rs = 5', requestId: 'c2' });
    expect(s.steps[1]!.attempts[1]!.verdict).toBe('correct');
    s = await t.call('tutor.advance', { sessionId: s.id });
    expect(s.currentStep).toBe(2);
    s = await t.call('tutor.submitAnswer', { sessionId: s.id, answer: '49' });
    expect(s.finalAttempts[0]!.verdict).toBe('incorrect');
    s = await t.call('tutor.submitAnswer', { sessionId: s.id, answer: '\\frac{78}{2}' });
    expect(s.finalAttempts[1]!.verdict).toBe('equivalent_form');
    s = await t.call('tutor.submitAnswer', { sessionId: s.id, answer: '39' });
    expect(s.status).toBe('solved');
    expect(s.usage.calls).toBe(0);
  });

  it('a typed problem gets a notice and template suggestions instead of a plan', async () => {
    const s = await t.call('tutor.startSession', { problem: 'How many ways can 10 identical candies go to 4 children?', requestId: 'typed' });
    expect(s.notice?.code).toBe('model_not_configured');
    expect(english(s.notice!.message)).toMatch(/^No model is configured/);
    expect(english(s.notice!.action!)).toBe('Open Settings to add a model endpoint.');
    expect(s.suggestions.length).toBeGreaterThan(0);
    expect(s.steps).toEqual([]);
    const hits = await t.call('tutor.suggestTemplates', { problem: 'identical candies distributed stars and bars', limit: 3 });
    expect(hits[0]!.template.id).toBe('starter/stars-and-bars');
    expect((await t.fail('tutor.submitAnswer', { sessionId: s.id, answer: '84' })).code).toBe('model_not_configured');
  });

  it('refuses an unknown practice id clearly', async () => {
    expect((await t.fail('tutor.startSession', { practiceId: 'practice/nope', requestId: 'n' })).code).toBe('not_found');
  });
});

describe('template cards on practice steps', () => {
  let t: TestCore;
  beforeAll(() => {
    t = makeCore();
  });
  afterAll(() => t.core.close());
  const templates = new Map<string, PackV1['templates'][number]>([...starter.templates.map((x) => [`starter/${x.id}`, x] as const), ...core.templates.map((x) => [`core/${x.id}`, x] as const)]);
  const gives = async (answer: string, target: string) => ['correct', 'equivalent_form'].includes((await checkAnswer(answer, target)).verdict);

  it.each(problems.map((p) => [p.id, p] as const))('%s: no card shows an example whose answer is the step result or the final answer', async (_id, p) => {
    const view = await t.call('tutor.startSession', { practiceId: `${practice.id}/${p.id}`, requestId: `cards-${p.id}` });
    expect(view.steps).toHaveLength(p.steps.length);
    for (const [i, step] of view.steps.entries()) {
      const template = templates.get(step.templateId ?? '');
      expect(template, `${p.id} step ${i + 1}`).toBeDefined();
      const hidden = new Set(step.hiddenExamples ?? []);
      for (const [k, example] of template!.examples.entries()) {
        const expected = p.steps[i]!.expected;
        // Checked independently, with the app's full answer checker.
        const leaks = (await gives(example.answer, p.answer)) || (expected ? await gives(example.answer, expected) : false);
        if (leaks) expect(hidden.has(k), `${p.id} step ${i + 1}: example ${k + 1} (${example.answer}) must be hidden`).toBe(true);
      }
    }
  });
});

describe('a hand-checked practice answer', () => {
  it('does not state the reference in the final-answer box before the last step', async () => {
    const t = makeCore();
    try {
      const pack = JSON.parse(practiceText) as PackV1;
      const problem = { ...pack.problems![1]!, id: 'hand-checked', answerCheck: 'manual' as const };
      const manual = { ...pack, id: 'hand-checked-set', name: 'Hand-checked set', problems: [problem] };
      await t.call('packs.applyImport', { fileName: 'hand-checked.json', content: JSON.stringify(manual) });
      const s = await t.call('tutor.startSession', { practiceId: 'hand-checked-set/hand-checked', requestId: 'manual' });
      const v = await t.call('tutor.submitAnswer', { sessionId: s.id, answer: '12' });
      const detail = english(v.finalAttempts.at(-1)!.detail!);
      expect(detail).toContain('checked by hand');
      expect(detail).toContain(HELD_BACK);
      expect(detail).not.toContain(problem.answer);
    } finally {
      t.core.close();
    }
  });
});
