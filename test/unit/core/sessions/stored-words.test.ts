/**
 * Stored sessions keep coded messages; sessions stored before codes (English sentences in the
 * events) still load, and the sentences the catalog still says come back as codes, so an old
 * English session reads in Chinese after a language switch. The fold stays deterministic.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/database.js';
import { rebuildSession } from '../../../../electron/core/sessions/rebuild.js';
import { SessionStore } from '../../../../electron/core/sessions/store.js';
import { legacyMessage, storedMessage } from '../../../../electron/core/sessions/stored-words.js';
import { sessionToMarkdown } from '../../../../electron/core/sessions/export-markdown.js';
import { english, msg, textMessage } from '../../../../shared/messages.js';
import { translateMessage } from '../../../../renderer/i18n/translate.js';
import { tempDir } from '../tutor/harness.js';

let db: Database.Database;
let store: SessionStore;

beforeEach(() => {
  db = openDatabase(path.join(tempDir(), 'library.sqlite'));
  let clock = Date.UTC(2026, 0, 1);
  store = new SessionStore(db, () => new Date((clock += 1000)));
});
afterEach(() => db.close());

const step = (index: number, title: string) => ({ index, title, goal: `goal ${title}`, templateId: null, produces: '' });

/** A session as the app stored it before codes: every sentence in English (the exact old wording). */
function storeOldEnglishSession(id: string): void {
  store.create(id, 'Solve x^2 - 5x + 6 = 0', null);
  store.append(id, 'created', { problem: 'Solve x^2 - 5x + 6 = 0', practiceId: null, source: 'model' });
  store.append(id, 'plan', { plan: { version: 1, createdAt: 'then', reason: 'initial', analysis: 'a', steps: [step(1, 'Factor'), step(2, 'Roots')], changes: [] }, keepFrom: 0 });
  store.append(id, 'attempt', { stepIndex: 0, attempt: { text: '(x-2)(x-3)', verdict: 'correct', feedback: 'That matches the expected result for this step.', at: 'then' } });
  store.append(id, 'attempt', { stepIndex: 0, attempt: { text: 'x', verdict: 'correct', feedback: 'Nice factoring, well done.', at: 'then' } });
  store.append(id, 'plan', {
    plan: { version: 2, createdAt: 'then', reason: 'the learner\'s result for step 1 ("Factor") was judged incorrect twice', analysis: 'b', steps: [step(1, 'Factor'), step(2, 'Roots')], changes: [] },
    keepFrom: 1,
  });
  store.append(id, 'notice', {
    notice: { code: 'replan_limit', message: 'The plan has already been revised 3 times in this session.', action: 'Use the hint or the worked step for this step, or start a new session.' },
  });
  store.append(id, 'final', { answer: '2.0', verdict: 'equivalent_form', detail: 'Right value, but not in the expected form. Your value is right, but give it exactly (as a fraction, root or multiple of π), not as a decimal.', at: 'then' });
  store.append(id, 'final', { answer: '7', verdict: 'incorrect', detail: 'Not correct yet. The answer should have 2 values; you gave 1.', at: 'then' });
}

describe('stored words', () => {
  it('loads a session stored in English before codes, and it reads in Chinese after a language switch', () => {
    storeOldEnglishSession('old');
    const { view } = rebuildSession(store.get('old')!, store.events('old'), () => null);

    const attempts = view.steps[0]!.attempts;
    expect(attempts[0]!.feedback).toEqual(msg('tutor.check.matches'));
    expect(translateMessage('zh-CN', attempts[0]!.feedback)).toBe('这与这一步的预期结果一致。');
    // A judge's own words (model text) stay as written, in any language.
    expect(attempts[1]!.feedback).toEqual(textMessage('Nice factoring, well done.'));
    expect(translateMessage('zh-CN', attempts[1]!.feedback)).toBe('Nice factoring, well done.');

    expect(view.plans[0]!.reason).toEqual(msg('plan.initial'));
    expect(view.plans[1]!.reason).toEqual(msg('plan.reason.incorrectTwice', { step: 1, title: 'Factor' }));
    expect(translateMessage('zh-CN', view.plans[1]!.reason)).toBe('你在第 1 步（“Factor”）的结果两次被判为不正确');

    expect(view.notice).toEqual({ code: 'replan_limit', message: msg('plan.replanLimit', { count: 3 }), action: msg('plan.replanLimitAction') });
    expect(translateMessage('zh-CN', view.notice!.message)).toBe('本次会话中计划已经修改过 3 次了。');

    const [f1, f2] = view.finalAttempts;
    expect(f1!.detail).toEqual(msg('message.join', { first: msg('verdict.equivalent_form'), second: msg('answer.form.exact') }));
    expect(translateMessage('zh-CN', f1!.detail)).toBe('数值正确，但形式不是要求的形式。数值正确，但请给出精确值（分数、根式或 π 的倍数），不要写成小数。');
    expect(f2!.detail).toEqual(msg('message.join', { first: msg('verdict.incorrect'), second: msg('answer.shape.count', { count: 2, given: 1 }) }));

    // Back in English, every old sentence reads exactly as it was stored.
    expect(english(attempts[0]!.feedback)).toBe('That matches the expected result for this step.');
    expect(english(f1!.detail)).toBe('Right value, but not in the expected form. Your value is right, but give it exactly (as a fraction, root or multiple of π), not as a decimal.');
    expect(english(f2!.detail)).toBe('Not correct yet. The answer should have 2 values; you gave 1.');
    expect(sessionToMarkdown(view).content).toContain('Not correct yet. The answer should have 2 values; you gave 1.');
  });

  it('folds old and new sessions deterministically: the store\'s incremental state equals a rebuild from scratch', () => {
    storeOldEnglishSession('old');
    const scratch = () => rebuildSession(store.get('old')!, store.events('old'), () => null);
    expect(scratch()).toEqual(scratch());
    expect(store.state('old', () => null)).toEqual(scratch());
    store.append('old', 'attempt', { stepIndex: 0, attempt: { text: 'y', verdict: 'incorrect', feedback: msg('tutor.check.noMatch'), at: 'now' } });
    expect(store.state('old', () => null)).toEqual(scratch());
    expect(scratch().view.steps[0]!.attempts.at(-1)!.feedback).toEqual(msg('tutor.check.noMatch'));
  });

  it('stores the codes themselves, not sentences', () => {
    store.create('new', 'p', null);
    store.append('new', 'created', { problem: 'p', practiceId: null, source: 'model' });
    store.append('new', 'notice', { notice: { code: 'replanned', message: msg('plan.replanned', { step: 2, reason: msg('plan.reason.noneGiven') }) } });
    const raw = db.prepare("SELECT payload FROM session_events WHERE session_id = 'new' AND type = 'notice'").get() as { payload: string };
    expect(JSON.parse(raw.payload)).toEqual({ notice: { code: 'replanned', message: { code: 'plan.replanned', params: { step: 2, reason: { code: 'plan.reason.noneGiven' } } } } });
    expect(raw.payload).not.toMatch(/revised/);
  });

  it('keeps any other old text as written, and does not match inside long or multi-line text', () => {
    expect(legacyMessage('Some wording since changed.')).toEqual(textMessage('Some wording since changed.'));
    expect(legacyMessage('')).toEqual(textMessage(''));
    const long = `The plan could not be revised: ${'x'.repeat(700)}`;
    expect(legacyMessage(long)).toEqual(textMessage(long));
    expect(legacyMessage('This session has no step 4.\nOr 5.')).toEqual(textMessage('This session has no step 4.\nOr 5.'));
    expect(legacyMessage('This session has no step 4.')).toEqual(msg('tutor.noSuchStep', { number: 4 }));
    expect(storedMessage(msg('verdict.correct'))).toEqual(msg('verdict.correct'));
    expect(storedMessage(undefined)).toEqual(textMessage(''));
  });

  it('matches old sentences in linear-ish time (a hostile 600-character text takes well under a second)', () => {
    const hostile = `The plan was revised from step ${' on, because '.repeat(45)}`.slice(0, 599);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) legacyMessage(hostile);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
