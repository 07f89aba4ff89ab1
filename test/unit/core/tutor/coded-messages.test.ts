/**
 * The guard for "words in one place": walks what the core hands a person while a scripted
 * session runs through the tutor (plans, help, step checks right and wrong, re-plans, final
 * answers, refusals, model failures, bad input) and fails when any of it is a sentence without
 * a code the catalogs know. Text with the `text` code must be a model's own words (it must come
 * from the scripted replies), never a sentence of ours.
 */
import { describe, expect, it } from 'vitest';
import { CORE_MESSAGES_EN, isMessage, type Message, messageCodes, TEXT_CODE } from '../../../../shared/messages.js';
import type { AppError } from '../../../../shared/result.js';
import { contract, type MethodName, type StreamEvent } from '../../../../shared/contract.js';
import type { SessionView } from '../../../../shared/tutor.js';
import { messagesEn } from '../../../../renderer/i18n/messages.en.js';
import { messagesZhCN } from '../../../../renderer/i18n/messages.zh-CN.js';
import { HELD_BACK } from '../../../../electron/core/tutor/leak.js';
import { replies, startModelServer } from '../../../support/model-server.js';
import { makeCore, planJson, useScriptedCore } from './harness.js';

const ctx = useScriptedCore();

const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';
const PLAN = planJson([
  { title: 'Sum and product', template_id: 'starter/vietas-formulas' },
  { title: 'Sum of squares', template_id: 'starter/vietas-formulas' },
]);

/** Every model text the script hands out: `text` messages must quote one of these. */
const modelTexts: string[] = [];
const say = (text: string) => {
  modelTexts.push(text);
  return replies.text(text);
};

const known = (code: string) => Object.prototype.hasOwnProperty.call(messagesEn, code) && Object.prototype.hasOwnProperty.call(messagesZhCN, code);

/** Problems with one message: unknown codes, or `text` that is not a model's words. */
function messageProblems(m: Message, where: string): string[] {
  const out = messageCodes(m).filter((c) => !known(c)).map((c) => `${where}: code ${c} is not in both catalogs`);
  const walk = (x: Message) => {
    if (x.code === TEXT_CODE) {
      const text = String(x.params?.text ?? '').replaceAll(HELD_BACK, '').trim();
      if (text && !modelTexts.some((t) => t.includes(text) || text.split(/\s+/).every((w) => t.includes(w)))) out.push(`${where}: uncoded sentence "${text}"`);
    }
    for (const p of Object.values(x.params ?? {})) if (typeof p === 'object') walk(p);
  };
  walk(m);
  return out;
}

function viewProblems(v: SessionView, where: string): string[] {
  const out: string[] = [];
  const words: [Message | undefined, string][] = [
    [v.notice?.message, 'notice'],
    [v.notice?.action, 'notice action'],
    ...v.plans.map((p): [Message, string] => [p.reason, `plan ${p.version} reason`]),
    ...v.finalAttempts.map((f, i): [Message, string] => [f.detail, `final ${i}`]),
    ...v.steps.flatMap((s, i) => [...s.attempts, ...(s.earlier ?? []).flatMap((e) => e.attempts)].map((a, j): [Message, string] => [a.feedback, `step ${i} attempt ${j}`])),
  ];
  for (const [m, w] of words) {
    if (m === undefined) continue;
    if (!isMessage(m)) out.push(`${where} ${w}: not a coded message: ${JSON.stringify(m)}`);
    else out.push(...messageProblems(m, `${where} ${w}`));
  }
  return out;
}

function errorProblems(e: AppError, where: string): string[] {
  const out: string[] = [];
  if (!e.messageCode) out.push(`${where}: error "${e.message}" has no code`);
  else out.push(...messageProblems({ code: e.messageCode, ...(e.params ? { params: e.params } : {}) }, where));
  if (e.action && !e.actionCode) out.push(`${where}: action "${e.action}" has no code`);
  else if (e.actionCode) out.push(...messageProblems({ code: e.actionCode, ...(e.actionParams ? { params: e.actionParams } : {}) }, `${where} action`));
  return out;
}

const eventProblems = (events: StreamEvent[]) => events.flatMap((e) => (e.type === 'error' ? errorProblems(e.error, `stream error ${e.requestId}`) : []));

describe('every user-facing message from the tutor is coded', () => {
  it('the guard itself catches an uncoded sentence, an unknown code and an uncoded error', () => {
    expect(messageProblems({ code: TEXT_CODE, params: { text: 'The plan was revised because we felt like it.' } }, 'probe')).toHaveLength(1);
    expect(messageProblems({ code: 'plan.replanned', params: { step: 1, reason: { code: 'no.such.code' } } }, 'probe')).toHaveLength(1);
    expect(errorProblems({ code: 'internal', message: 'Something broke.' }, 'probe')).toHaveLength(1);
    expect(messageProblems({ code: 'verdict.correct' }, 'probe')).toEqual([]);
    expect(Object.keys(CORE_MESSAGES_EN).every(known)).toBe(true);
  });

  it('in a scripted session: plan, help, checks, re-plans, final answers, refusals and model failures', async () => {
    const problems: string[] = [];
    const t = ctx.t;
    const check = (v: SessionView, where: string) => problems.push(...viewProblems(v, where));
    const refused = async (p: Promise<AppError>, where: string) => problems.push(...errorProblems(await p, where));

    ctx.server.script(replies.text(PLAN));
    ctx.server.scriptReference(replies.text('Sum 5, product 3, so $25-6$.\nANSWER: \\boxed{19}'));
    let v = await t.call('tutor.startSession', { problem: PROBLEM, requestId: 'plan' });
    check(v, 'start');

    // Refusals: later step, no such step, moving on too early, no such session or practice problem.
    await refused(t.fail('tutor.reveal', { sessionId: v.id, stepIndex: 1, rung: 'goal', requestId: 'r1' }), 'later step');
    await refused(t.fail('tutor.reveal', { sessionId: v.id, stepIndex: 7, rung: 'goal', requestId: 'r2' }), 'no such step');
    await refused(t.fail('tutor.advance', { sessionId: v.id }), 'advance too early');
    await refused(t.fail('tutor.getSession', { sessionId: 'gone' }), 'no session');
    await refused(t.fail('tutor.startSession', { practiceId: 'practice/none', requestId: 'p0' }), 'no practice problem');

    // Step checks: the judge's words, a symbolic correction, unchecked, two wrong results (a re-plan).
    ctx.server.script(say('{"verdict": "correct", "feedback": "Yes: the sum is minus the linear coefficient.", "expected": "5"}'));
    v = await t.call('tutor.checkStep', { sessionId: v.id, stepIndex: 0, attempt: 'r + s = 5', requestId: 'c1' });
    ctx.server.script(say('{"verdict": "correct", "feedback": "", "expected": null}'));
    v = await t.call('tutor.checkStep', { sessionId: v.id, stepIndex: 0, attempt: 'r + s = -5', requestId: 'c2' });
    expect(v.steps[0]!.attempts.at(-1)!.feedback.code).toBe('tutor.check.noMatch');
    ctx.server.script(say('{"verdict": "incorrect", "feedback": "", "expected": null}'), replies.text(PLAN));
    v = await t.call('tutor.checkStep', { sessionId: v.id, stepIndex: 0, attempt: 'r + s = 6', requestId: 'c3' });
    check(v, 'checks');
    expect(v.plans.length).toBe(2);
    expect(v.notice?.code).toBe('replanned');

    // A worked step saying the plan does not fit (a re-plan whose reply cannot be used).
    ctx.server.script(say('PLAN_DOES_NOT_FIT: the roots are not real.'), replies.text('not a plan at all'), replies.text('still not a plan'));
    v = await t.call('tutor.reveal', { sessionId: v.id, stepIndex: 0, rung: 'instantiation', requestId: 'misfit' });
    check(v, 'misfit');

    // Final answers: wrong, equivalent form, unreadable, empty-ish, right.
    for (const answer of ['18', '\\frac{38}{2}', '\\frac{', '(1, 2)', '19']) {
      v = await t.call('tutor.submitAnswer', { sessionId: v.id, answer });
      check(v, `final ${answer}`);
    }
    expect(v.status).toBe('solved');
    v = await t.call('tutor.advance', { sessionId: v.id });
    await refused(t.fail('tutor.advance', { sessionId: v.id }), 'advance past the last step');

    // Model failures: a rejected key, an unknown model.
    ctx.server.reset();
    ctx.server.script(replies.error(401));
    await refused(t.fail('tutor.reveal', { sessionId: v.id, stepIndex: 0, rung: 'hint', requestId: 'e1' }), 'model 401');
    ctx.server.script(replies.error(404, { message: 'The model `scripted-model` does not exist.' }));
    await refused(t.fail('tutor.checkStep', { sessionId: v.id, stepIndex: 0, attempt: 'x', requestId: 'e2' }), 'model 404');
    check(await t.call('tutor.getSession', { sessionId: v.id }), 'after failures');

    // Planning that fails: an unusable plan, and no server at all (notices).
    ctx.server.reset();
    ctx.server.script(replies.text('no plan here'), replies.text('no plan here either'), replies.text('nor here'));
    ctx.server.scriptReference(replies.text('ANSWER: \\boxed{19}'));
    check(await t.call('tutor.startSession', { problem: PROBLEM, requestId: 'bad-plan' }), 'plan unreadable');
    const dead = await startModelServer();
    const url = dead.url;
    await dead.close();
    const offline = makeCore({ server: { url } });
    try {
      check(await offline.call('tutor.startSession', { problem: PROBLEM, requestId: 'o' }), 'offline');
    } finally {
      offline.core.close();
    }
    const unconfigured = makeCore({});
    try {
      check(await unconfigured.call('tutor.startSession', { problem: PROBLEM, requestId: 'n' }), 'no model');
    } finally {
      unconfigured.core.close();
    }

    problems.push(...eventProblems(t.events));
    expect(problems).toEqual([]);
  });

  it('in a practice session (no model): hints, checks, a hand-checked answer', async () => {
    const problems: string[] = [];
    const t = ctx.t;
    const list = await t.call('practice.list', {});
    expect(list.length).toBeGreaterThan(0);
    for (const p of list.slice(0, 3)) {
      let v = await t.call('tutor.startSession', { practiceId: p.id, requestId: `p-${p.id}` });
      v = await t.call('tutor.checkStep', { sessionId: v.id, stepIndex: 0, attempt: 'a wrong result 12345', requestId: `pc-${p.id}` });
      v = await t.call('tutor.submitAnswer', { sessionId: v.id, answer: '12345' });
      problems.push(...viewProblems(v, p.id));
    }
    expect(problems).toEqual([]);
  });
});

describe('every failure a handler returns is coded', () => {
  it('each contract method with bad input, an unknown method, and missing things by id', async () => {
    const problems: string[] = [];
    const { core } = ctx.t;
    const refused = async (method: string, input: unknown) => {
      const r = await core.dispatch(method as MethodName, input as never);
      if (r.ok) return;
      problems.push(...errorProblems(r.error, `${method}(${JSON.stringify(input).slice(0, 60)})`));
    };
    const methods = Object.keys(contract) as MethodName[];
    expect(methods.length).toBeGreaterThan(30);
    for (const method of methods) await refused(method, { surely: 'not this', limit: -1 });
    await refused('no.suchMethod', {});
    await refused('library.getTemplate', { id: 'nope/nothing' });
    await refused('library.topicTree', { packId: 'no-such-pack' });
    await refused('packs.remove', { packId: 'no-such-pack' });
    await refused('packs.export', { packId: 'no-such-pack' });
    await refused('authoring.getDraft', { draftId: '00000000-0000-4000-8000-000000000000' });
    await refused('tutor.getSession', { sessionId: 'no-such-session' });
    await refused('tutor.advance', { sessionId: 'no-such-session' });
    expect(problems).toEqual([]);
  });

  it('importing a broken pack: unreadable text and an invalid pack come back coded', async () => {
    const problems: string[] = [];
    const { core } = ctx.t;
    const broken = [
      { fileName: 'broken.json', content: '{"format": "reasonflux-pack", "templates": [' },
      { fileName: 'empty.json', content: '' },
      { fileName: 'wrong.json', content: JSON.stringify({ format: 'reasonflux-pack/v1', id: 'Bad Id!', name: '', version: 'x', templates: [{}] }) },
    ];
    for (const file of broken) {
      const r = await core.dispatch('packs.previewImport', file as never);
      expect(r.ok, file.fileName).toBe(false);
      if (!r.ok) problems.push(...errorProblems(r.error, `import ${file.fileName}`));
    }
    // Known gap (reported): the individual issues a validator lists are still English sentences
    // (PackIssue.message); the summary and its action are coded.
    expect(problems).toEqual([]);
  });
});
