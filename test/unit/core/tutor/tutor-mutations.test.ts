/**
 * Two mutations of the tutor no other test caught (issue 11): cancel forgetting the request ids
 * the navigator derives (its plan repair, a re-plan), and advance allowed before the step was
 * checked or its worked step revealed in full. Also: stored times come from the tutor's clock port.
 */
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../../shared/tutor.js';
import { databaseFile, defaultResourcesDir, ensureDataDir } from '../../../../electron/core/data-dir.js';
import { openDatabaseWithRecovery } from '../../../../electron/core/db/recovery.js';
import { EventBus } from '../../../../electron/core/events.js';
import { Library } from '../../../../electron/core/library/library.js';
import { ModelClient } from '../../../../electron/core/model/index.js';
import { ModelSettingsService } from '../../../../electron/core/model-settings/model-settings.js';
import { createMemorySecretStore } from '../../../../electron/core/model-settings/secret-store.js';
import { Navigator } from '../../../../electron/core/navigator/navigator.js';
import { PackService } from '../../../../electron/core/packs/service.js';
import { PracticeRepo } from '../../../../electron/core/practice/practice-repo.js';
import { SessionStore } from '../../../../electron/core/sessions/store.js';
import { Settings } from '../../../../electron/core/settings.js';
import { Tutor } from '../../../../electron/core/tutor/tutor.js';
import { isReferenceRequest, replies } from '../../../support/model-server.js';
import { planJson, tempDir, useScriptedCore } from './harness.js';

const ctx = useScriptedCore();

const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';
const PLAN = planJson([
  { title: 'Sum and product', template_id: 'starter/vietas-formulas' },
  { title: 'Sum of squares', template_id: 'starter/vietas-formulas' },
]);
const REFERENCE = replies.text('Sum 5, product 3, so $25-6$.\nANSWER: \\boxed{19}');
/** A navigator reply paced so slowly (about 100 s) that only a cancel ends it within a test. */
const SLOW_PLAN = replies.text(PLAN, { chunkChars: 4, tokensPerSecond: 2 });

async function start(requestId = 'plan'): Promise<SessionView> {
  ctx.server.script(replies.text(PLAN));
  // The hidden reference answer is asked for beside the plan, at the start.
  ctx.server.scriptReference(REFERENCE);
  return ctx.t.call('tutor.startSession', { problem: PROBLEM, requestId });
}

/** Chat requests other than the reference answer's, with their index among all requests (for `settled`). */
const tutorRequests = () =>
  ctx.server.requests.map((r, index) => ({ r, index })).filter(({ r }) => r.body?.messages !== undefined && !isReferenceRequest(r));

const until = async (cond: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("cancel reaches the navigator's own requests", () => {
  it('cancels the plan repair running under the outer request id', async () => {
    // The first plan cannot be read, so the navigator asks once more (its repair request), slowly.
    ctx.server.script(replies.text('I would rather not make a plan.'), SLOW_PLAN);
    ctx.server.scriptReference(REFERENCE);
    const pending = ctx.t.core.dispatch('tutor.startSession', { problem: PROBLEM, requestId: 'plan-r' });
    await until(() => tutorRequests().length >= 2);
    const repair = tutorRequests()[1]!;
    expect(JSON.stringify(repair.r.body!.messages)).toContain('I would rather not make a plan.');

    expect(await ctx.t.call('requests.cancel', { requestId: 'plan-r' })).toEqual({ cancelled: true });
    expect(await ctx.server.settled(repair.index, 3_000)).toBe('client_closed');
    const r = await pending;
    // The session exists and says why it has no plan.
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as SessionView).status).toBe('failed');
  });

  it('cancels the re-plan running under the outer request id', async () => {
    const s = await start();
    ctx.server.script(replies.text('PLAN_DOES_NOT_FIT: the roots are not real, so this route needs care.'), SLOW_PLAN);
    const pending = ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'misfit' });
    // The plan request, the worked step, then the re-plan.
    await until(() => tutorRequests().length >= 3);
    const replan = tutorRequests()[2]!;
    expect(JSON.stringify(replan.r.body!.messages)).toContain('the roots are not real');

    expect(await ctx.t.call('requests.cancel', { requestId: 'misfit' })).toEqual({ cancelled: true });
    expect(await ctx.server.settled(replan.index, 3_000)).toBe('client_closed');
    const v = await pending;
    // The worked step is kept, the plan stays as it was, and the learner is told.
    expect(v.plans).toHaveLength(1);
    expect(v.steps[0]!.revealed.instantiation?.complete).toBe(true);
    expect(v.notice?.code).toBe('replan_failed');
  });
});

describe('advance waits for the step', () => {
  it('refuses to move on from a fresh step or one with only a hint, and moves on after a check', async () => {
    const s = await start();
    const fresh = await ctx.t.fail('tutor.advance', { sessionId: s.id });
    expect(fresh.code).toBe('invalid_input');
    expect(fresh.message).toMatch(/Check your own result/);

    ctx.server.script(replies.text('Which coefficient gives the sum of the roots?'));
    await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'hint', requestId: 'h' });
    expect((await ctx.t.fail('tutor.advance', { sessionId: s.id })).code).toBe('invalid_input');
    expect((await ctx.t.call('tutor.getSession', { sessionId: s.id })).currentStep).toBe(0);

    ctx.server.script(replies.text('{"verdict": "incorrect", "feedback": "Not quite.", "expected": "5"}'));
    await ctx.t.call('tutor.checkStep', { sessionId: s.id, stepIndex: 0, attempt: 'r + s = 4', requestId: 'c' });
    const v = await ctx.t.call('tutor.advance', { sessionId: s.id });
    expect(v.currentStep).toBe(1);
  });

  it('moves on after the worked step was revealed in full', async () => {
    const s = await start();
    ctx.server.script(replies.text('By Vieta, $r + s = 5$ and $rs = 3$.'));
    await ctx.t.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: 'i' });
    const v = await ctx.t.call('tutor.advance', { sessionId: s.id });
    expect(v.currentStep).toBe(1);
  });
});

describe('the clock port', () => {
  it('stamps plans and step attempts with the injected clock, not the system clock', async () => {
    const dir = tempDir();
    ensureDataDir(dir);
    const { db } = openDatabaseWithRecovery(databaseFile(dir));
    const packs = new PackService(db, defaultResourcesDir());
    try {
      packs.installBuiltIns(new Set());
      const fixed = new Date('2001-02-03T04:05:06.000Z');
      const now = () => fixed;
      const library = new Library(db);
      const client = new ModelClient({ maxRetries: 0 });
      const tutor = new Tutor({
        store: new SessionStore(db, now),
        library,
        client,
        models: new ModelSettingsService(new Settings(db), createMemorySecretStore(), {}),
        events: new EventBus(),
        practice: new PracticeRepo(db),
        navigator: new Navigator({ library, client }),
        now,
      });
      const s = await tutor.startSession({ practiceId: 'practice/sum-of-squares-of-roots', requestId: 's' });
      expect(s.plans[0]!.createdAt).toBe(fixed.toISOString());
      const v = await tutor.checkStep({ sessionId: s.id, stepIndex: 0, attempt: 'r + s = 5', requestId: 'c' });
      expect(v.steps[0]!.attempts[0]!.at).toBe(fixed.toISOString());
      tutor.shutdown();
    } finally {
      packs.close();
      db.close();
    }
  });
});
