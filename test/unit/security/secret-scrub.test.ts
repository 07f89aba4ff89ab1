/**
 * A key echoed back by a model server never leaves the core. Servers that demand the key
 * echo it in a 403 body (planning) and in an error sent mid-stream (a worked step, after
 * content that itself carries the key split across chunks). The key must be in none of: the
 * dispatcher's replies (over the browser host), the SSE stream, the session as read back, the
 * Markdown export, and the bytes of the SQLite files. The scrubbed places still say what
 * happened, with `[redacted]` where the key was.
 */
import fs from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionView } from '../../../shared/tutor.js';
import { english } from '../../../shared/messages.js';
import { databaseFile } from '../../../electron/core/data-dir.js';
import { SECRETS_FILE_NAME } from '../../../electron/core/model-settings/secret-store.js';
import { ModelClient } from '../../../electron/core/model/index.js';
import { REDACTED } from '../../../electron/core/util/scrub-secrets.js';
import { startModelServer, type ModelServer, type ReplySpec } from '../../support/model-server.js';
import { startAppOverHttp, type AppOverHttp } from '../reliability/support/app-over-http.js';

const NAV_KEY = 'sk-proj-Nv7Qw2Er4Ty6Ui8Op0As1Df3Gh5Jk';
/** A key of no known shape: only the "keys the app knows" rule can catch it. */
const SOLVER_KEY = 'plainKey-4f9c21e7b3a85d06-solver';
const KEYS = [NAV_KEY, SOLVER_KEY];
const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';
const PLAN = JSON.stringify({
  analysis: 'Relate the roots to the coefficients.',
  steps: [
    { title: 'Sum and product', goal: 'Read off the sum and product of the roots.', template_id: 'starter/vietas-formulas', produces: 'r + s and rs' },
    { title: 'Sum of squares', goal: 'Express the sum of squares through them.', template_id: 'starter/vietas-formulas', produces: 'the sum of squares' },
  ],
});

let navigator: ModelServer;
let solver: Server;
let solverUrl = '';
const solverAuth: (string | undefined)[] = [];
/** Set by the test right before the worked step it wants to fail. */
let echoNext = false;
let app: AppOverHttp;

/**
 * A solver that answers plainly (so the client learns the endpoint streams from the first
 * token) until told to echo: then it streams some text (with the keys cut across chunks)
 * and then send an error object echoing the key.
 */
function startEchoingSolver(): Promise<Server> {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'solver-model', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const half = Math.floor(SOLVER_KEY.length / 2);
  const pieces = [
    'By Vieta, the sum of the roots is $5$ and their product is $3$. ',
    `My upstream said the caller used ${SOLVER_KEY.slice(0, half)}`,
    `${SOLVER_KEY.slice(half)} and Authorization: Bearer ${NAV_KEY.slice(0, 10)}`,
    `${NAV_KEY.slice(10)} while it wrote this. `,
    'Squaring the sum gives $25$, and so on, one careful step at a time.',
  ];
  const errorEvent = `data: ${JSON.stringify({ error: { message: `Upstream rejected key ${SOLVER_KEY} (header "Authorization: Bearer ${SOLVER_KEY}")`, type: 'server_error', code: null } })}\n\n`;

  const answer = async (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(chunk({ role: 'assistant', content: '' }));
    if (!echoNext) {
      res.write(chunk({ content: 'Which coefficient gives the sum of the roots?' }));
      res.end(`${chunk({}, 'stop')}data: [DONE]\n\n`);
      return;
    }
    echoNext = false;
    // Paced like a real server, so the text reaches the learner before the error.
    for (const p of pieces) {
      res.write(chunk({ content: p }));
      await new Promise((r) => setTimeout(r, 30));
    }
    res.end(errorEvent);
  };

  const srv = createServer((req, res) => {
    solverAuth.push(req.headers.authorization);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'solver-model', object: 'model' }] }));
      return;
    }
    req.resume();
    req.on('end', () => void answer(res));
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)));
}

const navigatorReply = (): ReplySpec => ({ content: PLAN });

beforeAll(async () => {
  navigator = await startModelServer({ apiKey: NAV_KEY, models: ['nav-model'], defaultReply: navigatorReply });
  solver = await startEchoingSolver();
  solverUrl = `http://127.0.0.1:${(solver.address() as AddressInfo).port}/v1`;
  app = await startAppOverHttp({ env: {}, fileSecrets: true, modelClient: new ModelClient({ maxRetries: 0, firstByteTimeoutMs: 5_000, idleTimeoutMs: 5_000 }) });
  for (const [role, settings] of [
    ['navigator', { baseUrl: navigator.url, model: 'nav-model', apiKey: NAV_KEY }],
    ['solver', { baseUrl: solverUrl, model: 'solver-model', apiKey: SOLVER_KEY }],
  ] as const) {
    expect((await app.call('settings.setModel', { role, settings })).ok).toBe(true);
  }
  expect((await app.call('settings.setSolverUsesNavigator', { value: false })).ok).toBe(true);
});

afterAll(async () => {
  await app?.close();
  await navigator?.close();
  await new Promise<void>((resolve) => (solver ? solver.close(() => resolve()) : resolve()));
});

/** Every way a key could show: whole, or most of it (a cut key is still a leak). */
function expectNoKey(text: string, where: string): void {
  for (const key of KEYS) {
    expect(text, where).not.toContain(key);
    expect(text, where).not.toContain(key.slice(0, 12));
    expect(text, where).not.toContain(key.slice(-12));
  }
}

const surfaces: { where: string; text: string }[] = [];
let failedPlan: SessionView;
let workedSession: SessionView;

describe('a key echoed by the server', () => {
  it('in a 403 body while planning: the notice says what happened, without the key', async () => {
    navigator.script({ error: { status: 403, message: `The key ${NAV_KEY} may not use this model. Authorization: Bearer ${NAV_KEY}` } });
    const r = await app.call('tutor.startSession', { problem: PROBLEM, requestId: 'plan-403' });
    expect(r.ok).toBe(true);
    failedPlan = (r as { value: SessionView }).value;
    expect(failedPlan.status).toBe('failed');
    expect(english(failedPlan.notice!.message)).toBe(`The model server refused access to "nav-model": The key ${REDACTED} may not use this model. Authorization: ${REDACTED}`);
    await app.sse.terminal('plan-403');
    surfaces.push({ where: 'startSession reply', text: JSON.stringify(r) });
  });

  it('in content and in an error sent mid-stream: the dispatcher error and the stream carry no key', async () => {
    const planned = await app.call('tutor.startSession', { problem: PROBLEM, requestId: 'plan-ok' });
    expect(planned.ok).toBe(true);
    const sessionId = (planned as { value: SessionView }).value.id;
    for (const rung of ['goal', 'hint'] as const) {
      const revealed = await app.call('tutor.reveal', { sessionId, stepIndex: 0, rung, requestId: `${rung}-1` });
      expect(revealed.ok ? 'ok' : revealed.error.message).toBe('ok');
    }
    echoNext = true;
    const r = await app.call('tutor.reveal', { sessionId, stepIndex: 0, rung: 'instantiation', requestId: 'work-1' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('model_error');
    expect(r.error.message).toContain(`the server reported an error mid-answer: Upstream rejected key ${REDACTED}`);
    surfaces.push({ where: 'reveal error', text: JSON.stringify(r) });
    const terminal = await app.sse.terminal('work-1');
    expect(terminal.type).toBe('error');
    const events = app.sse.events.filter((e) => e.requestId === 'work-1');
    const streamed = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    // The learner still saw the text around the key.
    expect(streamed).toContain('By Vieta, the sum of the roots is $5$');
    expect(streamed).toContain(`caller used ${REDACTED}`);
    surfaces.push({ where: 'SSE events', text: JSON.stringify(app.sse.events) }, { where: 'streamed text', text: streamed });

    const view = await app.call('tutor.getSession', { sessionId });
    expect(view.ok).toBe(true);
    workedSession = (view as { value: SessionView }).value;
    // What the learner saw is kept as an unfinished worked step, scrubbed like the stream.
    expect(workedSession.steps[0]!.revealed.instantiation).toMatchObject({ complete: false });
    expect(workedSession.steps[0]!.revealed.instantiation!.text).toContain('By Vieta, the sum of the roots is $5$');
    surfaces.push({ where: 'getSession', text: JSON.stringify(view) });
  });

  it('is not in the Markdown export', async () => {
    for (const s of [failedPlan, workedSession]) {
      const r = await app.call('tutor.exportSession', { sessionId: s.id });
      expect(r.ok).toBe(true);
      surfaces.push({ where: `export ${s.id}`, text: JSON.stringify(r) });
    }
    const exported = surfaces.find((s) => s.where === `export ${failedPlan.id}`)!.text;
    expect(exported).toContain(`The key ${REDACTED} may not use this model`);
  });

  it('is in no reply, event or export', () => {
    expect(surfaces.length).toBeGreaterThanOrEqual(7);
    for (const { where, text } of surfaces) expectNoKey(text, where);
  });

  it('is not in the library database or its WAL, though the keys were really used and stored', () => {
    const db = databaseFile(app.dataDir);
    const files = [db, `${db}-wal`, `${db}-journal`].filter((f) => fs.existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(f)));
    // The failed plan's notice is in there (scrubbed), so the check looks at real rows.
    expect(bytes.includes(Buffer.from('may not use this model'))).toBe(true);
    for (const key of KEYS) {
      for (const part of [key, key.slice(0, 12), key.slice(-12)]) expect(bytes.includes(Buffer.from(part)), `${part} in ${files.join(', ')}`).toBe(false);
    }
    const secrets = fs.readFileSync(`${app.dataDir}/${SECRETS_FILE_NAME}`, 'utf8');
    for (const key of KEYS) expect(secrets).toContain(key);
    expect(new Set(navigator.requests.map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${NAV_KEY}`]));
    expect(solverAuth.length).toBeGreaterThan(0);
    expect(new Set(solverAuth)).toEqual(new Set([`Bearer ${SOLVER_KEY}`]));
    expect(app.internalErrors).toEqual([]);
  });
});
