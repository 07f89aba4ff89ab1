import { describe, expect, it } from 'vitest';
import { type SessionView, TRUNCATED } from '../../../../shared/tutor.js';
import { MAX_RUNG_CHARS } from '../../../../electron/core/tutor/tutor.js';
import { HELD_BACK } from '../../../../electron/core/tutor/leak.js';
import { REFERENCE_PROMPT_MARK, replies, startModelServer } from '../../../support/model-server.js';
import { makeCore, planJson, tempDir, useScriptedCore } from './harness.js';
import { english, textMessage } from '../../../../shared/messages.js';

const ctx = useScriptedCore();

const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';
const PLAN = planJson([
  { title: 'Sum and product', template_id: 'starter/vietas-formulas' },
  { title: 'Sum of squares', template_id: 'starter/vietas-formulas' },
]);

async function start(): Promise<SessionView> {
  ctx.server.script(replies.text(PLAN));
  // The hidden reference answer is asked for beside the plan, at the start.
  ctx.server.scriptReference(replies.text('Sum 5, product 3, so $25-6$.\nANSWER: \\boxed{19}'));
  return ctx.t.call('tutor.startSession', { problem: PROBLEM, requestId: 'plan' });
}

/** Chat requests other than the reference answer's (which runs beside the plan, in no fixed order). */
const tutorRequests = () => ctx.server.chatRequests.filter((r) => !JSON.stringify(r.body?.messages).includes(REFERENCE_PROMPT_MARK.replaceAll('\\', '\\\\')));

const until = async (cond: () => boolean | Promise<boolean>, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

const LONG_WORK = Array.from({ length: 40 }, (_, i) => `Line ${i}: since $(r+s)^2 = r^2 + 2rs + s^2$ we keep going carefully.`).join('\n');

describe('rungs', () => {
  it('climbs goal, template, hint and a streamed worked step, each stored and shown again without a model call', async () => {
    const s = await start();
    let v = await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'goal', requestId: 'g' });
    expect(v.steps[0]!.revealed.goal).toBe(s.steps[0]!.goal);
    v = await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'template', requestId: 't' });
    expect(v.steps[0]!.revealed.template).toBe(true);
    expect(tutorRequests()).toHaveLength(1);
    expect(ctx.server.chatRequests).toHaveLength(2);

    ctx.server.script(replies.text('Look at the coefficients: which one gives the sum of the roots?'));
    v = await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'hint', requestId: 'h' });
    expect(v.steps[0]!.revealed.hint).toMatch(/coefficients/);
    expect(JSON.stringify(tutorRequests()[1]!.body!.messages)).toContain('Do NOT carry out the computation');

    const work = 'By Vieta, $r + s = 5$ and $rs = 3$.';
    ctx.server.script(replies.text(work, { chunkChars: 3 }));
    expect(v.steps[0]!.canAdvance).toBe(false);
    v = await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'i1' });
    expect(v.steps[0]!.revealed.instantiation).toEqual({ text: work, complete: true, heldBack: false });
    expect(v.steps[0]!.canAdvance).toBe(true);
    const mine = ctx.t.events.filter((e) => e.requestId === 'i1');
    expect(mine.at(-1)!.type).toBe('done');
    const deltas = mine.filter((e) => e.type === 'delta');
    expect(deltas.every((e) => e.type === 'delta' && e.channel === 'instantiation')).toBe(true);
    expect(deltas.map((e) => (e.type === 'delta' ? e.text : '')).join('')).toBe(work);
    expect(v.usage.calls).toBe(4);

    // Asking again is served from storage.
    const again = await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'hint', requestId: 'h2' });
    await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'i2' });
    expect(again.steps[0]!.revealed.hint).toBe(v.steps[0]!.revealed.hint);
    expect(tutorRequests()).toHaveLength(3);

    // Later steps stay closed until the learner moves on.
    expect((await ctx.t.fail('tutor.reveal', { sessionId: s.id, stepIndex: 1, rung: 'goal', requestId: 'x' })).code).toBe('invalid_input');
    v = await ctx.t.call('tutor.advance', { sessionId: s.id });
    expect(v.currentStep).toBe(1);
    expect((await ctx.t.fail('tutor.advance', { sessionId: s.id })).message).toMatch(/last step/);
  });

  it('cancels a streamed worked step: cancelled event, session intact, partial kept as incomplete', async () => {
    const s = await start();
    ctx.server.script(replies.text(LONG_WORK, { chunkChars: 4, tokensPerSecond: 400 }));
    const pending = ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'slow' });
    await until(() => ctx.t.events.some((e) => e.requestId === 'slow' && e.type === 'delta'));
    expect(await ctx.t.call('requests.cancel', { requestId: 'slow' })).toEqual({ cancelled: true });
    const v = await pending;
    expect(ctx.t.events.filter((e) => e.requestId === 'slow').at(-1)!.type).toBe('cancelled');
    const inst = v.steps[0]!.revealed.instantiation!;
    expect(inst.complete).toBe(false);
    expect(inst.text.length).toBeGreaterThan(0);
    expect(LONG_WORK.startsWith(inst.text)).toBe(true);
    expect(v.steps[0]!.canAdvance).toBe(false);
    // Offered again: a new reveal calls the model and completes.
    ctx.server.script(replies.text('Done properly this time.'));
    const again = await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'retry' });
    expect(again.steps[0]!.revealed.instantiation).toEqual({ text: 'Done properly this time.', complete: true, heldBack: false });
  });

  it('holds back a final answer given away in an early step', async () => {
    const s = await start();
    ctx.server.script(replies.text('We find $r+s=5$, $rs=3$, and so the answer is \\boxed{19}. That is everything.'));
    const v = await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'leak' });
    const inst = v.steps[0]!.revealed.instantiation!;
    expect(inst.heldBack).toBe(true);
    expect(inst.text).toContain(HELD_BACK);
    expect(inst.text).not.toContain('19');
    const streamed = ctx.t.events.filter((e) => e.requestId === 'leak' && e.type === 'delta').map((e) => (e.type === 'delta' ? e.text : '')).join('');
    expect(streamed).not.toContain('19');
  });
});

describe('runaway replies', () => {
  it('cuts a worked step and a hint at the rung cap, outside any formula, with the truncated note, and stops the stream', async () => {
    const s = await start();
    const formula = 'Then $' + 'x+'.repeat(40) + 'x$ and so on. ';
    const huge = formula.repeat(Math.ceil((MAX_RUNG_CHARS + 50_000) / formula.length));
    ctx.server.script(replies.text(huge, { chunkChars: 4_000 }));
    const v = await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'huge' });
    const inst = v.steps[0]!.revealed.instantiation!;
    expect(inst.complete).toBe(true);
    expect(inst.text.endsWith(TRUNCATED)).toBe(true);
    expect(inst.text.length).toBeLessThanOrEqual(MAX_RUNG_CHARS + TRUNCATED.length + 2);
    // Cut between formulas: every '$' is paired.
    expect((inst.text.match(/\$/g) ?? []).length % 2).toBe(0);
    const streamed = ctx.t.events.filter((e) => e.requestId === 'huge').map((e) => (e.type === 'delta' ? e.text : '')).join('');
    expect(streamed.length).toBeLessThanOrEqual(MAX_RUNG_CHARS + TRUNCATED.length + 2);
    ctx.server.script(replies.text(huge));
    const h = await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'hint', requestId: 'huge-hint' });
    expect(h.steps[0]!.revealed.hint!.endsWith(TRUNCATED)).toBe(true);
    expect(h.steps[0]!.revealed.hint!.length).toBeLessThanOrEqual(MAX_RUNG_CHARS + TRUNCATED.length + 2);
  });
});

describe('plan does not fit', () => {
  it('re-plans the remaining steps when a worked step says the plan no longer fits, and holds back a leaking hint', async () => {
    const s = await start();
    ctx.server.script(
      replies.text('PLAN_DOES_NOT_FIT: the roots are not real, so this route needs care.'),
      replies.text(planJson([{ title: 'Use symmetric sums', template_id: 'starter/vietas-formulas' }, { title: 'Sum of squares', template_id: 'starter/vietas-formulas' }])),
    );
    const v = await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'misfit' });
    expect(v.plans).toHaveLength(2);
    expect(v.plans[1]!.reason.code).toBe('plan.reason.doesNotFit');
    expect(english(v.plans[1]!.reason)).toMatch(/does not fit/);
    expect(v.steps.map((x) => x.title)).toEqual(['Use symmetric sums', 'Sum of squares']);
    expect(v.plans[1]!.changes).toEqual([{ kind: 'changed', index: 0, title: 'Use symmetric sums' }]);
    // The revised step starts fresh: the misfit worked step belonged to the old one.
    expect(v.steps[0]!.revealed).toEqual({});
    expect(v.notice?.code).toBe('replanned');
    expect(v.notice?.message).toMatchObject({ code: 'plan.replanned', params: { step: 1, reason: { code: 'plan.reason.doesNotFit' } } });

    ctx.server.script(replies.text('Just note that the final answer is 19.'));
    const h = await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'hint', requestId: 'leaky-hint' });
    expect(h.steps[0]!.revealed.hint).toContain(HELD_BACK);
  });
});

describe('checks and answers', () => {
  it('records the solver verdict for a step and confirms it symbolically against the expected result', async () => {
    const s = await start();
    ctx.server.script(replies.text('{"verdict": "correct", "feedback": "Yes: the sum is minus the linear coefficient.", "expected": "5"}'));
    let v = await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: 'r + s = 5', requestId: 'c1' });
    expect(v.steps[0]!.attempts[0]).toMatchObject({ verdict: 'correct', text: 'r + s = 5' });
    // The judge's own words are model text, shown as written.
    expect(v.steps[0]!.attempts[0]!.feedback).toEqual(textMessage('Yes: the sum is minus the linear coefficient.'));
    expect(v.steps[0]!.canAdvance).toBe(true);
    // The model says correct, but the stored expected value (5) says otherwise: the CAS decides.
    ctx.server.script(replies.text('{"verdict": "correct", "feedback": "Looks fine.", "expected": null}'));
    v = await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: 'r + s = -5', requestId: 'c2' });
    expect(v.steps[0]!.attempts[1]).toMatchObject({ verdict: 'incorrect' });
    expect(v.steps[0]!.attempts[1]!.feedback).toEqual({ code: 'tutor.check.noMatch' });
    expect(english(v.steps[0]!.attempts[1]!.feedback)).toMatch(/does not match/);
  });

  it('works the reference out once, at the start, then judges a wrong, an equivalent-form and a right final answer', async () => {
    const s = await start();
    let v = await ctx.t.call('tutor.submitAnswer', { sessionId: s.id, answer: '18' });
    expect(v.finalAttempts.at(-1)).toMatchObject({ answer: '18', verdict: 'incorrect' });
    expect(v.status).toBe('active');
    v = await ctx.t.call('tutor.submitAnswer', { sessionId: s.id, answer: '\\frac{38}{2}' });
    expect(v.finalAttempts.at(-1)!.verdict).toBe('equivalent_form');
    expect(v.finalAttempts.at(-1)!.detail).toMatchObject({ code: 'message.join', params: { first: { code: 'verdict.equivalent_form' }, second: { code: 'answer.form.reduce' } } });
    expect(english(v.finalAttempts.at(-1)!.detail)).toMatch(/^Right value, but not in the expected form\. Your value is right, but the fraction can be simplified/);
    v = await ctx.t.call('tutor.submitAnswer', { sessionId: s.id, answer: '19' });
    expect(v.finalAttempts.at(-1)!.verdict).toBe('correct');
    expect(v.status).toBe('solved');
    expect(ctx.server.chatRequests).toHaveLength(2);
    expect(JSON.stringify(v)).not.toContain('boxed{19}');
  });
});

describe('model failures', () => {
  it('401, unknown model and an unreachable server come back as clear errors and leave the session intact', async () => {
    const s = await start();
    ctx.server.script(replies.error(401));
    let err = await ctx.t.fail('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'hint', requestId: 'e1' });
    expect(err).toMatchObject({ code: 'model_error', message: 'The model server rejected the API key.' });
    expect(err.action).toMatch(/Settings/);
    ctx.server.script(replies.error(404, { message: 'The model `scripted-model` does not exist.' }));
    err = await ctx.t.fail('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'e2' });
    expect(err.message).toMatch(/has no model called "scripted-model"/);
    expect(ctx.t.events.find((e) => e.requestId === 'e2' && e.type === 'error')).toBeDefined();
    const v = await ctx.t.call('tutor.getSession', { sessionId: s.id });
    expect(v.steps[0]!.revealed).toEqual({});
    expect(v.status).toBe('active');

    // A core whose model server is not running at all.
    const dead = await startModelServer();
    const url = dead.url;
    await dead.close();
    const offline = makeCore({ server: { url } });
    const o = await offline.call('tutor.startSession', { problem: PROBLEM, requestId: 'o' });
    expect(o.notice?.code).toBe('model_error');
    expect(english(o.notice!.message)).toMatch(/Could not reach a model server/);
    expect(o.suggestions.length).toBeGreaterThan(0);
    offline.core.close();
  });
});

describe('resume and export', () => {
  it('restores a session after the core closes mid-stream: half-streamed step offered again, revealed rungs without model calls', async () => {
    const dataDir = tempDir();
    ctx.t.core.close();
    ctx.t = makeCore({ server: ctx.server, dataDir });
    const s = await start();
    await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'goal', requestId: 'g' });
    ctx.server.script(replies.text('Think about the linear coefficient.'));
    await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'hint', requestId: 'h' });
    ctx.server.script(replies.text(LONG_WORK, { chunkChars: 4, tokensPerSecond: 300 }));
    const pending = ctx.t.core.dispatch('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'crash' });
    await until(async () => {
      const r = await ctx.t.core.dispatch('tutor.getSession', { sessionId: s.id });
      return r.ok && (r.value as SessionView).steps[0]!.revealed.instantiation !== undefined;
    });
    const before = ctx.server.chatRequests.length;
    ctx.t.core.close();
    await pending;

    ctx.t = makeCore({ server: ctx.server, dataDir });
    const v = await ctx.t.call('tutor.getSession', { sessionId: s.id });
    expect(v.steps[0]!.revealed.goal).toBe(s.steps[0]!.goal);
    expect(v.steps[0]!.revealed.hint).toBe('Think about the linear coefficient.');
    const inst = v.steps[0]!.revealed.instantiation!;
    expect(inst.complete).toBe(false);
    expect(inst.text.length).toBeGreaterThan(0);
    expect(LONG_WORK.startsWith(inst.text)).toBe(true);
    await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'hint', requestId: 'h-again' });
    expect(ctx.server.chatRequests).toHaveLength(before);
    expect((await ctx.t.call('tutor.listSessions', { limit: 10 })).map((x) => x.id)).toContain(s.id);
    // Offered again.
    ctx.server.script(replies.text('Now complete.'));
    const done = await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'again' });
    expect(done.steps[0]!.revealed.instantiation!.complete).toBe(true);
  });

  it('exports Markdown with the problem, plans, revealed help, attempts and final answers, and deletes sessions', async () => {
    const s = await start();
    ctx.server.script(replies.text('Compare $x^2+bx+c$ with the equation.'));
    await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'hint', requestId: 'h' });
    ctx.server.script(replies.text('{"verdict": "correct", "feedback": "Right.", "expected": "5"}'));
    await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: 'r+s=5', requestId: 'c' });
    await ctx.t.call('tutor.submitAnswer', { sessionId: s.id, answer: '19' });
    const { fileName, content } = await ctx.t.call('tutor.exportSession', { sessionId: s.id });
    expect(fileName).toMatch(/\.md$/);
    expect(content).toContain('$x^2 - 5x + 3 = 0$');
    expect(content).toContain('## Plan, version 1\n\n*The first plan.*');
    expect(content).toContain('Sum and product');
    expect(content).toContain('> Compare $x^2+bx+c$ with the equation.');
    expect(content).toContain('**Attempt** (correct): r+s=5');
    expect(content).toContain('- $19$: correct');
    expect(await ctx.t.call('tutor.deleteSession', { sessionId: s.id })).toEqual({ deleted: true });
    expect((await ctx.t.fail('tutor.getSession', { sessionId: s.id })).code).toBe('not_found');
  });
});
