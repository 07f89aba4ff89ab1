/**
 * Load (issue "Reliability and security", point 5): twenty sessions stream a worked step at
 * once, each at 200 tokens/s for about six seconds, through the real browser host over HTTP,
 * with one event stream (SSE) per simulated client. No event is lost (each client's deltas
 * add up to the text the call returned and the text stored), no session gets another's text
 * (every scripted reply carries its session's marker), and the app process's heap is back
 * near its baseline once they end (it runs apart, with --expose-gc, so it can be measured).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Result } from '../../../shared/result.js';
import type { SessionView } from '../../../shared/tutor.js';
import { startModelServer, type ModelServer, type RecordedRequest, type ReplySpec } from '../../support/model-server.js';
import { startLoadApp, type HeapReading, type LoadApp } from './support/load-app.js';
import type { LeanSse } from './support/sse-client.js';

const SESSIONS = 20;
const TOKENS_PER_SECOND = 200;
const CHUNK_CHARS = 4;
const STREAM_SECONDS = 6;
/** Heap the app may keep after the load, over its baseline (caches, JIT'd code). */
const HEAP_TOLERANCE_BYTES = 12 * 1024 * 1024;

const marker = (n: number | string) => `load-${String(n).padStart(2, '0')}`;
const PLAN = JSON.stringify({ analysis: 'Relate the roots to the coefficients.', steps: [{ title: 'Sum of the squares', goal: 'Find r^2 + s^2.', template_id: null, produces: 'the value' }] });

/** The worked step for one session: every line names the session, so a mix-up shows. */
function workedFor(tag: string, chars: number): string {
  const lines: string[] = [];
  for (let i = 1, length = 0; length < chars; i++) {
    const line = `${tag} line ${i}: $(r+s)^2 - 2rs = 25 - 6$ keeps the roots apart.`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n').slice(0, chars);
}

const STREAM_CHARS = TOKENS_PER_SECOND * CHUNK_CHARS * STREAM_SECONDS;

/** Plans for the navigator; the worked step from the session's marker in the problem text. */
function reply(req: RecordedRequest): ReplySpec {
  if (req.body?.response_format) return { content: PLAN };
  // The hidden reference answer, asked for beside each plan.
  if (JSON.stringify(req.body?.messages ?? []).includes('ANSWER: \\\\boxed{...}')) return { content: 'Sum 5, product 3.\nANSWER: \\boxed{19}' };
  const tag = /load-(\w\w)/.exec(JSON.stringify(req.body?.messages ?? []))?.[0] ?? 'load-??';
  const chars = tag === marker('w') ? 400 : STREAM_CHARS;
  return { content: workedFor(tag, chars), chunkChars: CHUNK_CHARS, tokensPerSecond: TOKENS_PER_SECOND };
}

let server: ModelServer;
let app: LoadApp;
const clients: LeanSse[] = [];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function ok<T>(r: Promise<Result<unknown>>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const problemFor = (tag: string) => `[${tag}] Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.`;

/** One session streamed start to end, so every code path is loaded before the baseline. */
async function warmUp(): Promise<void> {
  const events = await app.openEvents();
  const view = await ok<SessionView>(app.call('tutor.startSession', { problem: problemFor(marker('w')), requestId: 'warm-plan' }));
  await ok(app.call('tutor.reveal', { sessionId: view.id, stepIndex: 0, rung: 'instantiation', requestId: 'warm-work' }));
  await events.allEnded(['warm-work'], 10_000);
  events.close();
}

beforeAll(async () => {
  server = await startModelServer({ defaultReply: reply });
  app = await startLoadApp({ OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'scripted-model' });
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await app?.stop();
  await server?.close();
});

it(`${SESSIONS} sessions streaming at ${TOKENS_PER_SECOND} tokens/s at once: no lost or mixed events, heap back to baseline`, async () => {
  await warmUp();
  const baseline: HeapReading = await app.heap();

  for (let i = 0; i < SESSIONS; i++) clients.push(await app.openEvents());
  const sessions: SessionView[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    sessions.push(await ok<SessionView>(app.call('tutor.startSession', { problem: problemFor(marker(i)), requestId: `plan-${i}` })));
  }
  const workIds = sessions.map((_, i) => `work-${i}`);
  const started = performance.now();
  const views = await Promise.all(
    sessions.map((s, i) => ok<SessionView>(app.call('tutor.reveal', { sessionId: s.id, stepIndex: 0, rung: 'instantiation', requestId: workIds[i]! }))),
  );
  await Promise.all(clients.map((c) => c.allEnded(workIds, 30_000)));
  const seconds = (performance.now() - started) / 1000;

  for (let i = 0; i < SESSIONS; i++) {
    const expected = workedFor(marker(i), STREAM_CHARS);
    const returned = views[i]!.steps[0]!.revealed.instantiation!;
    const stored = (await ok<SessionView>(app.call('tutor.getSession', { sessionId: sessions[i]!.id }))).steps[0]!.revealed.instantiation!;
    const mine = clients[i]!.requests.get(workIds[i]!)!;
    expect(returned).toEqual({ text: expected, complete: true, heldBack: false });
    expect(stored).toEqual(returned);
    expect(mine.terminal).toBe('done');
    expect(mine.text).toBe(expected);
    // Only this session's marker anywhere in what its client was sent for its request.
    expect(new Set(mine.text.match(/load-\w\w/g))).toEqual(new Set([marker(i)]));
    // Every client got every session's stream whole (the host fans each event out to all).
    for (const c of clients) {
      const seen = c.requests.get(workIds[i]!)!;
      expect(seen.text).toBe(expected);
      expect(seen.deltas).toBe(mine.deltas);
    }
  }

  for (const c of clients.splice(0)) c.close();
  await new Promise((r) => setTimeout(r, 500));
  const after = await app.heap();
  // Pacing is the scripted server's 5 ms timers, sharing this process with 20 SSE readers.
  const achieved = STREAM_CHARS / CHUNK_CHARS / seconds;
  console.log(
    `\nLoad: ${SESSIONS} sessions x ${STREAM_CHARS.toLocaleString('en')} chars at ${TOKENS_PER_SECOND} tokens/s, ${SESSIONS} SSE clients, all ended in ${seconds.toFixed(1)} s (${achieved.toFixed(0)} tokens/s per session achieved)\n` +
      `  app heap: baseline ${mb(baseline.heapUsed)}, peak ${mb(after.peakHeapUsed)}, after ${mb(after.heapUsed)} (after gc); rss ${mb(baseline.rss)} -> ${mb(after.rss)}\n`,
  );
  expect(after.peakHeapUsed).toBeGreaterThan(baseline.heapUsed);
  expect(after.heapUsed - baseline.heapUsed).toBeLessThan(HEAP_TOLERANCE_BYTES);
}, 120_000);
