/**
 * Multi-round adjustment (ReasonFlux's inference loop): a step check or a worked step that says
 * the plan no longer fits re-plans at once; the re-plan prompt carries the results so far, the
 * learner's attempts and the checker's feedback; revisions are bounded; every version is kept
 * and a rebuild from the stored events gives the same session; the current step's revealed
 * help and attempts stay on it (as earlier work); a revision's text is screened for the answer.
 */
import { describe, expect, it } from 'vitest';
import { asMessage, english } from '../../../../shared/messages.js';
import type { SessionView } from '../../../../shared/tutor.js';
import { MAX_REPLANS } from '../../../../electron/core/tutor/tutor.js';
import { HELD_BACK } from '../../../../electron/core/tutor/leak.js';
import { readStepJudgement } from '../../../../electron/core/tutor/solver-replies.js';
import { diffPlans } from '../../../../electron/core/navigator/plan-diff.js';
import { REFERENCE_PROMPT_MARK, promptText, replies, type RecordedRequest } from '../../../support/model-server.js';
import { makeCore, planJson, tempDir, useScriptedCore } from './harness.js';

const ctx = useScriptedCore();

const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';
const PLAN = planJson([
  { title: 'Sum and product', template_id: 'starter/vietas-formulas' },
  { title: 'Square the sum', template_id: 'starter/vietas-formulas' },
  { title: 'Sum of squares', template_id: 'starter/vietas-formulas' },
]);
const REVISED = planJson([
  { title: 'Use the identity', template_id: 'starter/vietas-formulas' },
  { title: 'Sum of squares', template_id: 'starter/vietas-formulas' },
]);
const WORKED_1 = 'By Vieta, $r + s = 5$ and $rs = 3$.';
const HINT_2 = 'Think about $(r+s)^2$ and what it contains.';
const FEEDBACK = 'Squaring the sum gives three terms, not two.';
const PLAN_REASON = 'the learner needs the identity for a sum of squares first';

/** Stored words as English, whether a plain string (before message codes) or a coded message. */
const words = (value: unknown) => english(asMessage(value));
const checkReply = (o: { verdict: string; feedback: string; plan_fits?: boolean | string; plan_reason?: string | null }) => replies.text(JSON.stringify({ expected: null, ...o }));
const isReplan = (r: RecordedRequest) => promptText(r.body).includes('The current plan has stopped working');
const replanRequests = () => ctx.server.chatRequests.filter(isReplan);
const notReference = (r: RecordedRequest) => !promptText(r.body).includes(REFERENCE_PROMPT_MARK);

async function start(): Promise<SessionView> {
  ctx.server.script(replies.text(PLAN));
  ctx.server.scriptReference(replies.text('Sum 5, product 3, so $25-6$.\nANSWER: \\boxed{19}'));
  return ctx.t.call('tutor.startSession', { problem: PROBLEM, requestId: 'plan' });
}

/** Step 1 worked, then on step 2: goal and hint shown. */
async function walkToStep2(): Promise<SessionView> {
  const s = await start();
  ctx.server.script(replies.text(WORKED_1));
  await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'w1' });
  await ctx.t.call('tutor.advance', { sessionId: s.id });
  await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 1, rung: 'goal', requestId: 'g2' });
  ctx.server.script(replies.text(HINT_2));
  return ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 1, rung: 'hint', requestId: 'h2' });
}

describe('reading the judge', () => {
  it('reads plan_fits and its reason, as a boolean or a word, and nothing when absent', () => {
    expect(readStepJudgement('{"verdict": "incorrect", "feedback": "No.", "plan_fits": false, "plan_reason": "wrong route"}')).toMatchObject({ verdict: 'incorrect', planFits: false, planReason: 'wrong route' });
    expect(readStepJudgement('Sure: {"verdict": "correct", "feedback": "Yes.", "plan_fits": "false"}')).toMatchObject({ planFits: false, planReason: '' });
    expect(readStepJudgement('{"verdict": "correct", "feedback": "Yes.", "plan_fits": true, "plan_reason": "ignored"}')).toMatchObject({ planFits: true, planReason: '' });
    expect(readStepJudgement('{"verdict": "correct", "feedback": "Yes."}')).toMatchObject({ planFits: null, planReason: '' });
    expect(readStepJudgement('{"plan_fits": false, "plan_reason": "the plan assumed real roots"}')).toMatchObject({ verdict: null, planFits: false, planReason: 'the plan assumed real roots' });
  });
});

describe('a check that says the plan broke', () => {
  it('re-plans at once (one check, not two), telling the navigator the results so far, the attempts and the feedback', async () => {
    const s = await walkToStep2();
    // A first wrong check that keeps the plan: no re-plan.
    ctx.server.script(checkReply({ verdict: 'incorrect', feedback: 'Not yet: expand the square fully.', plan_fits: true }));
    let v = await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 1, attempt: '(r+s)^2 = r^2 + s^2', requestId: 'c1' });
    expect(v.plans).toHaveLength(1);
    expect(replanRequests()).toHaveLength(0);

    // A check that says the plan broke: re-planned on this one check, even though its verdict is "correct".
    ctx.server.script(checkReply({ verdict: 'correct', feedback: FEEDBACK, plan_fits: false, plan_reason: PLAN_REASON }), replies.text(REVISED));
    v = await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 1, attempt: '(r+s)^2 = 25', requestId: 'c2' });
    expect(replanRequests()).toHaveLength(1);
    expect(v.plans).toHaveLength(2);
    expect(words(v.plans[1]!.reason)).toContain(PLAN_REASON);
    expect(v.notice?.code).toBe('replanned');
    expect(v.steps.map((x) => x.title)).toEqual(['Sum and product', 'Use the identity', 'Sum of squares']);

    const prompt = promptText(replanRequests()[0]!.body);
    // Results so far: step 1's worked step.
    expect(prompt).toContain(WORKED_1);
    // The learner's attempts with their verdicts and the checker's feedback.
    expect(prompt).toContain('(r+s)^2 = r^2 + s^2');
    expect(prompt).toContain('Not yet: expand the square fully.');
    expect(prompt).toContain('(r+s)^2 = 25');
    expect(prompt).toContain(FEEDBACK);
    expect(prompt).toMatch(/Verdict: incorrect/);
    expect(prompt).toContain(PLAN_REASON);
    // Steps already done stay done; the remaining ones are listed.
    expect(prompt).toMatch(/Steps already done:\n1\. Sum and product/);
    expect(prompt).toMatch(/Steps that remained in the old plan:\n1\. Square the sum/);
  });

  it('keeps the current step\'s revealed goal, hint and attempts on it after the re-plan, and stores the diff', async () => {
    const s = await walkToStep2();
    ctx.server.script(checkReply({ verdict: 'incorrect', feedback: FEEDBACK, plan_fits: false, plan_reason: PLAN_REASON }), replies.text(REVISED));
    const v = await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 1, attempt: 'r^2 + s^2 = 25', requestId: 'c' });
    expect(v.currentStep).toBe(1);
    const step = v.steps[1]!;
    // The new step starts its own ladder; the old one's work is kept on it.
    expect(step.title).toBe('Use the identity');
    expect(step.revealed).toEqual({});
    expect(step.earlier).toHaveLength(1);
    const earlier = step.earlier![0]!;
    expect(earlier).toMatchObject({ planVersion: 1, title: 'Square the sum', templateId: 'starter/vietas-formulas' });
    expect(earlier.revealed.goal).toBe(s.steps[1]!.goal);
    expect(earlier.revealed.hint).toBe(HINT_2);
    expect(earlier.attempts.map((a) => [a.text, a.verdict, words(a.feedback)])).toEqual([['r^2 + s^2 = 25', 'incorrect', FEEDBACK]]);
    // Step 1 keeps its progress; the revision's diff names what changed and what was dropped.
    expect(v.steps[0]!.revealed.instantiation?.text).toBe(WORKED_1);
    expect(v.plans[1]!.changes).toEqual([{ kind: 'changed', index: 1, title: 'Use the identity' }]);
  });

  it('keeps the worked step that found the misfit, and the attempts, through two rounds', async () => {
    const s = await walkToStep2();
    ctx.server.script(replies.text('PLAN_DOES_NOT_FIT: squaring the sum needs the product term first.'), replies.text(REVISED));
    let v = await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 1, rung: 'instantiation', requestId: 'w2' });
    expect(v.plans).toHaveLength(2);
    expect(v.steps[1]!.earlier![0]!.revealed.instantiation?.text).toContain('PLAN_DOES_NOT_FIT');

    ctx.server.script(
      checkReply({ verdict: 'incorrect', feedback: FEEDBACK, plan_fits: false, plan_reason: PLAN_REASON }),
      replies.text(planJson([{ title: 'Expand the square', template_id: null }, { title: 'Sum of squares', template_id: 'starter/vietas-formulas' }])),
    );
    v = await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 1, attempt: 'x = 1', requestId: 'c' });
    expect(v.plans).toHaveLength(3);
    expect(v.steps[1]!.earlier!.map((w) => [w.planVersion, w.title])).toEqual([
      [1, 'Square the sum'],
      [2, 'Use the identity'],
    ]);
    expect(v.steps[1]!.earlier![1]!.attempts[0]!.text).toBe('x = 1');
    // The second re-plan prompt carries the attempt made under version 2 and the worked step from version 1's results.
    const prompt = promptText(replanRequests()[1]!.body);
    expect(prompt).toContain('x = 1');
    expect(prompt).toContain(WORKED_1);
  });
});

describe('rounds and versions', () => {
  it(`revises at most ${MAX_REPLANS} times per session, then says so without asking the navigator`, async () => {
    const s = await start();
    for (let round = 1; round <= MAX_REPLANS; round++) {
      ctx.server.script(checkReply({ verdict: 'incorrect', feedback: FEEDBACK, plan_fits: false, plan_reason: `round ${round}` }), replies.text(planJson([{ title: `Route ${round}`, template_id: 'starter/vietas-formulas' }])));
      const v = await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: `try ${round}`, requestId: `c${round}` });
      expect(v.plans).toHaveLength(round + 1);
    }
    const before = ctx.server.chatRequests.filter(notReference).length;
    ctx.server.script(checkReply({ verdict: 'incorrect', feedback: FEEDBACK, plan_fits: false, plan_reason: 'once more' }));
    const v = await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: 'try 4', requestId: 'c4' });
    expect(ctx.server.chatRequests.filter(notReference).length).toBe(before + 1); // the check only
    expect(replanRequests()).toHaveLength(MAX_REPLANS);
    expect(v.plans).toHaveLength(MAX_REPLANS + 1);
    expect(v.notice?.code).toBe('replan_limit');
    expect(v.plans.map((p) => p.version)).toEqual([1, 2, 3, 4]);
    expect(v.plans.map((p) => p.steps[0]!.title)).toEqual(['Sum and product', 'Route 1', 'Route 2', 'Route 3']);
  });

  it('keeps every version, and a rebuild from the stored events gives the same session', async () => {
    const dataDir = tempDir();
    ctx.t.core.close();
    ctx.t = makeCore({ server: ctx.server, dataDir });
    const s = await walkToStep2();
    ctx.server.script(checkReply({ verdict: 'incorrect', feedback: FEEDBACK, plan_fits: false, plan_reason: PLAN_REASON }), replies.text(REVISED));
    await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 1, attempt: 'r^2 + s^2 = 25', requestId: 'c' });
    ctx.server.script(checkReply({ verdict: 'incorrect', feedback: 'Still not.', plan_fits: false, plan_reason: 'another route' }), replies.text(planJson([{ title: 'Square the sum', template_id: 'starter/vietas-formulas' }, { title: 'Sum of squares', template_id: 'starter/vietas-formulas' }])));
    const live = await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 1, attempt: 'r^2 + s^2 = 22', requestId: 'c2' });
    expect(live.plans.map((p) => p.steps.map((x) => x.title))).toEqual([
      ['Sum and product', 'Square the sum', 'Sum of squares'],
      ['Sum and product', 'Use the identity', 'Sum of squares'],
      ['Sum and product', 'Square the sum', 'Sum of squares'],
    ]);
    expect(live.plans[2]!.changes).toEqual([{ kind: 'changed', index: 1, title: 'Square the sum' }]);
    ctx.t.core.close();

    ctx.t = makeCore({ server: ctx.server, dataDir });
    const rebuilt = await ctx.t.call('tutor.getSession', { sessionId: s.id });
    expect(rebuilt).toEqual(live);
    expect(rebuilt.steps[1]!.earlier).toHaveLength(2);
  });
});

describe('integrity', () => {
  it('screens a revised plan for the final answer exactly like the first plan', async () => {
    const s = await start();
    ctx.server.script(
      checkReply({ verdict: 'incorrect', feedback: FEEDBACK, plan_fits: false, plan_reason: 'so finish there: the answer is 19' }),
      replies.text(planJson([{ title: 'Finish', goal: 'Show that $r^2+s^2 = 19$.', template_id: 'starter/vietas-formulas', produces: 'the value 19' }], 'The answer is 19.')),
    );
    const v = await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: 'r+s=6', requestId: 'c' });
    expect(v.plans).toHaveLength(2);
    // The judge's reason (in the plan's reason and the notice) is screened too.
    const shown = JSON.stringify({ plan: v.plans[1], step: v.steps[0], analysis: v.analysis, notice: v.notice });
    expect(shown).toContain('so finish there');
    expect(shown).not.toMatch(/19/);
    expect(shown).toContain(HELD_BACK);
  });
});

describe('what changed between versions', () => {
  const step = (title: string, templateId: string | null = 'p/t') => ({ index: 0, title, goal: `Do ${title}.`, templateId, produces: '' });
  it('matches surviving steps across an insertion or a removal, pairs replaced ones as changed', () => {
    const A = step('A');
    const B = step('B');
    const C = step('C');
    expect(diffPlans([A, B, C], [A, step('New'), B, C])).toEqual([{ kind: 'added', index: 1, title: 'New' }]);
    expect(diffPlans([A, B, C], [A, C])).toEqual([{ kind: 'removed', index: 1, title: 'B' }]);
    expect(diffPlans([A, B, C], [A, step('B2'), C])).toEqual([{ kind: 'changed', index: 1, title: 'B2' }]);
    // Same title, other template: changed. Case and spacing in titles do not count.
    expect(diffPlans([A, B], [A, step('B', 'p/other')])).toEqual([{ kind: 'changed', index: 1, title: 'B' }]);
    expect(diffPlans([A, B], [step('  a '), step('b')])).toEqual([]);
    expect(diffPlans([A, B, C], [step('X'), step('Y')])).toEqual([
      { kind: 'changed', index: 0, title: 'X' },
      { kind: 'changed', index: 1, title: 'Y' },
      { kind: 'removed', index: 2, title: 'C' },
    ]);
  });
  it('stays cheap and complete on a very long plan', () => {
    const before = Array.from({ length: 200 }, (_, i) => step(`S${i}`));
    const after = [...before.slice(0, 150), step('Z'), ...before.slice(151)];
    expect(diffPlans(before, after)).toEqual([{ kind: 'changed', index: 150, title: 'Z' }]);
  });
});
