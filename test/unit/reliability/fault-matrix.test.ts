/**
 * Endpoint fault matrix: every way a model endpoint can fail, run through the real model
 * client, the real core and the browser host over HTTP + SSE, against the scripted server.
 * For each fault, on planning and on a streamed worked step: the learner gets a clear message
 * and a next action, the session and what was already revealed survive, the app keeps
 * working, and no promise rejection goes unhandled.
 */
import net from 'node:net';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../shared/contract.js';
import type { AppError, Result } from '../../../shared/result.js';
import { TRAJECTORY_LIMITS } from '../../../shared/trajectory.js';
import { type SessionView, TRUNCATED } from '../../../shared/tutor.js';
import { databaseFile } from '../../../electron/core/data-dir.js';
import { ModelClient } from '../../../electron/core/model/index.js';
import { HELD_BACK } from '../../../electron/core/tutor/leak.js';
import { MAX_RUNG_CHARS } from '../../../electron/core/tutor/tutor.js';
import { startModelServer, type ModelServer, type RecordedRequest, type ReplySpec } from '../../support/model-server.js';
import { startAppOverHttp, type AppOverHttp } from './support/app-over-http.js';
import { FAULTS, FINAL_ANSWER, FIRST_BYTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, planText, type Expected, type Fault } from './support/faults.js';
import { formatMatrix, type MatrixRow } from './support/matrix-table.js';
import { english } from '../../../shared/messages.js';

const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';
const GOOD_PLAN = planText([
  { title: 'Sum and product of the roots', template_id: 'starter/vietas-formulas' },
  { title: 'Sum of the squares', template_id: 'starter/vietas-formulas' },
]);
const GOOD_HINT = 'Which coefficient tells you the sum of the roots?';
const GOOD_WORK = 'By Vieta, $r + s = 5$ and $rs = 3$.';

/** The navigator always asks with structured output; the solver never does. */
const normalReply = (req: RecordedRequest): ReplySpec => {
  if (req.body?.response_format) return { content: GOOD_PLAN };
  const prompt = JSON.stringify(req.body?.messages ?? []);
  return { content: /Do NOT carry out the computation/.test(prompt) ? GOOD_HINT : GOOD_WORK };
};

let server: ModelServer;
let app: AppOverHttp;
let closedPort: number;
let baseline: SessionView;
const sleeps: number[] = [];
const rows: MatrixRow[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let requestCounter = 0;
const nextId = (label: string) => `${label.replace(/\W+/g, '-')}-${++requestCounter}`;

async function freePortThenClose(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

async function ok<T>(result: Promise<Result<unknown>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** What a learner reads must be plain words: no stack, no "undefined", no object dumps. */
function expectLearnerFacing(message: string, action: string | undefined): void {
  for (const text of [message, action ?? '']) {
    expect(text).not.toMatch(/\bundefined\b|\bnull\b|\[object |\n\s+at |\bat .+:\d+:\d+|Error:|NaN/);
  }
  expect(message.trim().length).toBeGreaterThan(10);
  expect(message.length).toBeLessThan(600);
  expect(action?.trim().length ?? 0).toBeGreaterThan(5);
}

/** Turn a fault on for the duration of `fn`, then restore the working endpoint. */
async function withFault<T>(fault: Fault, fn: () => Promise<T>): Promise<T> {
  if (fault.baseUrl) {
    await ok(app.call('settings.setModel', { role: 'navigator', settings: { baseUrl: fault.baseUrl({ serverPort: server.port, closedPort }), model: 'scripted-model' } }));
  }
  if (fault.reply) server.setDefaultReply(fault.reply);
  try {
    return await fn();
  } finally {
    server.setDefaultReply(normalReply);
    // Dropping the saved role falls back to the environment's (working) endpoint.
    if (fault.baseUrl) await ok(app.call('settings.setModel', { role: 'navigator', settings: null }));
  }
}

/** The view without what every call legitimately changes. */
const stable = (v: SessionView) => ({ ...v, updatedAt: '', usage: { ...v.usage, promptTokens: 0, completionTokens: 0, calls: 0 } });

/** The view with step 1's worked step (a kept partial) taken out. */
function withoutWorkedStep(v: SessionView): SessionView {
  const steps = v.steps.map((s, i) => {
    if (i !== 0) return s;
    const { instantiation: _partial, ...revealed } = s.revealed;
    return { ...s, revealed };
  });
  return { ...v, steps };
}

async function planOk(label: string): Promise<SessionView> {
  const view = await ok<SessionView>(app.call('tutor.startSession', { problem: PROBLEM, requestId: nextId(label) }));
  expect(view.status).toBe('active');
  return view;
}

async function expectAppStillWorks(): Promise<void> {
  const view = await planOk('after');
  expect(view.steps.map((s) => s.templateId)).toEqual(['starter/vietas-formulas', 'starter/vietas-formulas']);
  expect(await ok<SessionView>(app.call('tutor.getSession', { sessionId: baseline.id }))).toEqual(baseline);
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await startModelServer({ defaultReply: normalReply });
  closedPort = await freePortThenClose();
  app = await startAppOverHttp({
    env: { OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'scripted-model' },
    modelClient: new ModelClient({
      firstByteTimeoutMs: FIRST_BYTE_TIMEOUT_MS,
      idleTimeoutMs: IDLE_TIMEOUT_MS,
      maxRetries: 1,
      // Retries are real, their waits are recorded instead of slept.
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    }),
  });
  // A session with revealed help that no fault may touch.
  baseline = await planOk('baseline');
  await ok(app.call('tutor.reveal', { sessionId: baseline.id, stepIndex: 0, rung: 'goal', requestId: nextId('baseline-goal') }));
  baseline = await ok<SessionView>(app.call('tutor.reveal', { sessionId: baseline.id, stepIndex: 0, rung: 'hint', requestId: nextId('baseline-hint') }));
  expect(baseline.steps[0]!.revealed.hint).toBe(GOOD_HINT);
});

afterAll(async () => {
  console.log(`\nEndpoint fault matrix (${rows.length} rows)\n${formatMatrix(rows)}\n`);
  await app?.close();
  await server?.close();
  // Late rejections (a stream torn down on close) would show up here.
  await new Promise((r) => setTimeout(r, 50));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

async function runPlanning(fault: Fault, expected: Expected): Promise<void> {
  const requestId = nextId(`plan-${fault.name}`);
  sleeps.length = 0;
  const result = await withFault(fault, () => app.call('tutor.startSession', { problem: PROBLEM, requestId }));
  expect(app.lastStatus).toBe(200);
  // Planning failures still create the session: it keeps the reason and suggestions.
  if (!result.ok) throw new Error(`startSession failed outright: ${JSON.stringify(result.error)}`);
  const view = result.value as SessionView;
  const terminal = await app.sse.terminal(requestId);
  expect(terminal.type).toBe('done');
  expect(await ok<SessionView>(app.call('tutor.getSession', { sessionId: view.id }))).toEqual(view);

  if (expected.kind === 'failure' || expected.kind === 'plan_unreadable') {
    expect(view.status).toBe('failed');
    expect(view.steps).toEqual([]);
    const coded = view.notice!;
    expect(coded).not.toBeNull();
    const notice = { code: coded.code, message: english(coded.message), action: coded.action ? english(coded.action) : undefined };
    expectLearnerFacing(notice.message, notice.action);
    expect(view.suggestions.length).toBeGreaterThan(0);
    if (expected.kind === 'failure') {
      expect(notice.code).toBe('model_error');
      expect(notice.message).toMatch(expected.message);
    } else {
      expect(notice.code).toBe('plan_unreadable');
    }
    rows.push({ fault: fault.name, where: 'planning', outcome: `notice ${notice.code}`, message: `${notice.message} → ${notice.action ?? ''}` });
  } else {
    expect(view.status).toBe('active');
    expect(view.steps.length).toBeGreaterThan(0);
    expect(view.steps.length).toBeLessThanOrEqual(TRAJECTORY_LIMITS.maxSteps);
    for (const step of view.steps) {
      // Every step is tied to an installed template or to none, never to an invented id.
      if (step.templateId !== null) expect(step.template?.id).toBe(step.templateId);
    }
    // The answer never shows in what the plan puts on screen (analysis, titles, goals).
    const shown = JSON.stringify({ analysis: view.analysis, steps: view.steps.map(({ title, goal, produces }) => ({ title, goal, produces })) });
    expect(shown).not.toContain(`{${FINAL_ANSWER}}`);
    expect(shown).not.toContain(`$${FINAL_ANSWER}$`);
    rows.push({ fault: fault.name, where: 'planning', outcome: `planned ${view.steps.length} steps`, message: planSummary(view) });
  }
  // Planning makes two requests to the faulty server (the plan and, beside it, the hidden
  // reference answer): each backs off the same way.
  if (fault.sleeps) expect(sleeps).toEqual([...fault.sleeps, ...fault.sleeps]);
  await expectAppStillWorks();
}

function planSummary(view: SessionView): string {
  const tied = view.steps.filter((s) => s.templateId).length;
  return `${tied}/${view.steps.length} steps tied to installed templates; answer phrases: ${/\[\[held-back\]\]/.test(JSON.stringify(view.steps) + view.analysis) ? 'held back' : 'none'}`;
}

async function runReveal(fault: Fault, expected: Expected): Promise<void> {
  // A session planned while the endpoint worked, with two rungs already revealed.
  const session = await planOk(`before-${fault.name}`);
  await ok(app.call('tutor.reveal', { sessionId: session.id, stepIndex: 0, rung: 'goal', requestId: nextId('goal') }));
  const before = await ok<SessionView>(app.call('tutor.reveal', { sessionId: session.id, stepIndex: 0, rung: 'hint', requestId: nextId('hint') }));
  const requestId = nextId(`reveal-${fault.name}`);
  sleeps.length = 0;
  const result = await withFault(fault, () => app.call('tutor.reveal', { sessionId: session.id, stepIndex: 0, rung: 'instantiation', requestId }));
  expect(app.lastStatus).toBe(200);
  const terminal = await app.sse.terminal(requestId);
  const after = await ok<SessionView>(app.call('tutor.getSession', { sessionId: session.id }));

  if (expected.kind === 'failure') {
    if (result.ok) throw new Error(`reveal succeeded under "${fault.name}"`);
    const error: AppError = result.error;
    expect(error.code).toBe('model_error');
    expect((error.details as { modelCode?: string }).modelCode).toBe(expected.modelCode);
    expect(error.message).toMatch(expected.message);
    expectLearnerFacing(error.message, error.action);
    // The event stream tells the page the same thing, so a streaming view never hangs.
    expect(terminal).toEqual({ requestId, type: 'error', error } satisfies StreamEvent);
    // Intact: everything revealed before is unchanged; at most an unfinished partial is kept.
    const partial = after.steps[0]!.revealed.instantiation;
    if (partial) expect(partial.complete).toBe(false);
    expect(stable(withoutWorkedStep(after))).toEqual(stable(before));
    rows.push({ fault: fault.name, where: 'reveal', outcome: `error ${error.code}/${expected.modelCode}`, message: `${error.message} → ${error.action ?? ''}` });
    if (fault.sleeps) expect(sleeps).toEqual(fault.sleeps);
    // The worked step can be asked for again, and this time it arrives.
    const again = await ok<SessionView>(app.call('tutor.reveal', { sessionId: session.id, stepIndex: 0, rung: 'instantiation', requestId: nextId('again') }));
    expect(again.steps[0]!.revealed.instantiation).toEqual({ text: GOOD_WORK, complete: true, heldBack: false });
  } else {
    if (!result.ok) throw new Error(`reveal failed under "${fault.name}": ${result.error.message}`);
    const view = result.value as SessionView;
    expect(terminal.type).toBe('done');
    expect(after).toEqual(view);
    const worked = view.steps[0]!.revealed.instantiation!;
    expect(worked.complete).toBe(true);
    // Rungs revealed earlier are exactly as they were.
    expect(view.steps[0]!.revealed.goal).toBe(before.steps[0]!.revealed.goal);
    expect(view.steps[0]!.revealed.hint).toBe(before.steps[0]!.revealed.hint);
    expect(view.plans).toEqual(before.plans);
    const streamed = app.sse
      .forRequest(requestId)
      .map((e) => (e.type === 'delta' ? e.text : ''))
      .join('');
    if (fault.name.includes('leaks')) {
      expect(worked.heldBack).toBe(true);
      expect(worked.text).toContain(HELD_BACK);
      expect(worked.text).not.toContain(`\\boxed{${FINAL_ANSWER}}`);
      expect(streamed).not.toContain('boxed');
      rows.push({ fault: fault.name, where: 'reveal', outcome: 'done, held back', message: worked.text });
    } else {
      // A runaway reply is cut at the rung's cap, with the note, and stored complete.
      expect(worked.text.endsWith(TRUNCATED)).toBe(true);
      expect(worked.text.length).toBeGreaterThan(MAX_RUNG_CHARS - 1_000);
      expect(worked.text.length).toBeLessThanOrEqual(MAX_RUNG_CHARS + TRUNCATED.length + 2);
      rows.push({ fault: fault.name, where: 'reveal', outcome: 'done', message: `${worked.text.length} characters stored, ${streamed.length} streamed` });
    }
  }
  expect(await ok<SessionView>(app.call('tutor.getSession', { sessionId: baseline.id }))).toEqual(baseline);
  await expectAppStillWorks();
}

describe.each(FAULTS)('$name', (fault) => {
  it('planning: the learner gets a message and a next action; the app keeps working', async () => {
    await runPlanning(fault, fault.planning);
  });
  if (fault.reveal) {
    const reveal = fault.reveal;
    it('streamed worked step: the session and earlier rungs survive; asking again works', async () => {
      await runReveal(fault, reveal);
    });
  }
});

describe('after every fault', () => {
  it('no internal errors were logged and no promise rejection went unhandled', () => {
    expect(app.internalErrors).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(rows.length).toBe(FAULTS.length + FAULTS.filter((f) => f.reveal).length);
  });
});

// Issue 10: not the endpoint but the library file fails for a while (a teacher's CLI import holds the write lock).
describe('library file locked by another process', () => {
  it('streamed worked step: completes and is shown at once, and is written when the lock is free', async () => {
    const view = await planOk('db-locked');
    const requestId = nextId('reveal-db-locked');
    const other = new Database(databaseFile(app.dataDir));
    other.exec("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('fault-matrix-lock', '1')");
    const storedRungs = () => (other.prepare("SELECT COUNT(*) AS n FROM session_events WHERE session_id = ? AND type = 'rung'").get(view.id) as { n: number }).n;
    let shown: SessionView;
    try {
      shown = await ok<SessionView>(app.call('tutor.reveal', { sessionId: view.id, stepIndex: 0, rung: 'instantiation', requestId }));
      expect((await app.sse.terminal(requestId)).type).toBe('done');
      expect(shown.steps[0]!.revealed.instantiation).toEqual({ text: GOOD_WORK, complete: true, heldBack: false });
      expect(await ok<SessionView>(app.call('tutor.getSession', { sessionId: view.id }))).toEqual(shown);
      expect(storedRungs()).toBe(0);
    } finally {
      other.exec('ROLLBACK');
    }
    try {
      for (let i = 0; i < 200 && storedRungs() === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(storedRungs()).toBe(1);
    } finally {
      other.close();
    }
    expect(app.internalErrors).toEqual([]);
    rows.push({ fault: 'library locked (CLI import)', where: 'reveal', outcome: 'done, written after', message: `${GOOD_WORK.length} characters shown at once, stored once the lock was free` });
  });
});
