/**
 * Hostile model output and CAS bombs against the real browser host, with an `app.info` probe
 * every 500 ms measuring how long the host takes to answer while each case runs. The app runs
 * in its own process (load-host-child.ts), so a blocked event loop shows up as probe latency
 * instead of also freezing the measuring side. Used by host-probe.test.ts (asserts < 2 s) and
 * test/bench/host-probe.bench.ts (prints the max per case, median over runs).
 */
import { asMessage, english } from '../../../../shared/messages.js';
import { startModelServer, type ModelServer, type RecordedRequest, type ReplySpec } from '../../../support/model-server.js';
import { planText } from './faults.js';
import { startLoadApp, type LoadApp } from './load-app.js';

export const PROBE_INTERVAL_MS = 500;
const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';
const GOOD_PLAN = planText([
  { title: 'Sum and product of the roots', template_id: 'starter/vietas-formulas' },
  { title: 'Sum of the squares', template_id: 'starter/vietas-formulas' },
]);
/** Hostile text arrives in big pieces: the case is the parse of the whole reply, not per-chunk work. */
const CHUNK = 4_096;

type Role = 'plan' | 'hint' | 'work' | 'check';

function roleOf(req: RecordedRequest): Role {
  const prompt = JSON.stringify(req.body?.messages ?? []);
  if (prompt.includes('You plan solutions')) return 'plan';
  if (prompt.includes('Do NOT carry out the computation')) return 'hint';
  if (prompt.includes('PLAN_DOES_NOT_FIT')) return 'work';
  return 'check';
}

export interface HostileCase {
  name: string;
  /** What each kind of request gets while this case runs (unset: a normal reply). */
  replies: Partial<Record<Role, string>>;
  /** The model's reference answer, for cases that submit a final answer. */
  reference?: string;
  /** Drives the app through the case; throws when the app answers with an error. */
  run(h: ProbeHarness): Promise<void>;
}

export interface ProbeHarness {
  app: LoadApp;
  server: ModelServer;
  ok<T>(method: string, input: unknown): Promise<T>;
}

const NORMAL: Record<Role, string> = {
  plan: GOOD_PLAN,
  hint: 'Which coefficient tells you the sum of the roots?',
  work: 'By Vieta, $r + s = 5$ and $rs = 3$.',
  check: '{"verdict": "correct", "feedback": "Right."}',
};

let counter = 0;
const rid = (label: string) => `${label}-${++counter}`;

async function plan(h: ProbeHarness): Promise<{ id: string; status: string }> {
  return h.ok('tutor.startSession', { problem: PROBLEM, requestId: rid('plan') });
}

async function workedStep(h: ProbeHarness): Promise<void> {
  const session = await plan(h);
  await h.ok('tutor.reveal', { sessionId: session.id, stepIndex: 0, rung: 'goal', requestId: rid('goal') });
  await h.ok('tutor.reveal', { sessionId: session.id, stepIndex: 0, rung: 'hint', requestId: rid('hint') });
  await h.ok('tutor.reveal', { sessionId: session.id, stepIndex: 0, rung: 'instantiation', requestId: rid('work') });
}

/** A practice pack whose answers are CAS bombs (a teacher's typo, or a hostile pack). */
export const BOMB_PACK_ID = 'probe-bombs';
const bombProblem = (id: string, answer: string) => ({
  id,
  title: `Bomb ${id}`,
  problem: 'What is $1 + 2$?',
  subject: 'Prealgebra',
  level: 1,
  answer,
  analysis: 'Add the numbers.',
  steps: [
    { title: 'Add', goal: 'Add one and two.', templateId: 'starter/percent-change', produces: 'the sum', hint: 'Count on.', instantiation: 'One plus two.', expected: answer },
    { title: 'Answer', goal: 'State it.', templateId: 'starter/percent-change', produces: 'the answer', hint: 'Say it.', instantiation: 'It is the sum.' },
  ],
});
const BOMB_PACK = {
  format: 'reasonflux-tutor-pack',
  formatVersion: 1,
  id: BOMB_PACK_ID,
  version: '1.0.0',
  name: 'Probe bombs',
  language: 'en',
  authors: ['Reliability tests'],
  license: 'CC0-1.0',
  attribution: 'Test data.',
  description: 'Practice problems whose reference answers are CAS bombs.',
  topics: [],
  templates: [],
  problems: [bombProblem('tower', '9^{9^{9^{9}}}'), bombProblem('sum', '\\sum_{n=1}^{10^{12}} n')],
};

async function practice(h: ProbeHarness, problemId: string, how: 'submit' | 'check'): Promise<void> {
  const session = await h.ok<{ id: string }>('tutor.startSession', { practiceId: `${BOMB_PACK_ID}/${problemId}`, requestId: rid('practice') });
  if (how === 'submit') expectUndecided(await h.ok('tutor.submitAnswer', { sessionId: session.id, answer: '3' }));
  else await h.ok('tutor.checkStep', { sessionId: session.id, stepIndex: 0, attempt: '3', requestId: rid('check') });
}

/** A bomb is neither right nor wrong: the learner is told it could not be checked automatically. */
function expectUndecided(view: { finalAttempts: { verdict: string; detail: unknown }[] }): void {
  const last = view.finalAttempts.at(-1);
  if (last?.verdict !== 'unparseable' || !/automatically/.test(english(asMessage(last.detail)))) throw new Error(`expected "could not check", got ${JSON.stringify(last)}`);
}

async function submit(h: ProbeHarness, bomb = true, answer = '3'): Promise<{ verdict: string; detail: string } | undefined> {
  const session = await plan(h);
  const view = await h.ok<{ finalAttempts: { verdict: string; detail: string }[] }>('tutor.submitAnswer', { sessionId: session.id, answer });
  if (bomb) expectUndecided(view);
  return view.finalAttempts.at(-1);
}

export const HOSTILE_CASES: HostileCase[] = [
  { name: 'plan: 390k spaces (V2 heading/step-word regexes)', replies: { plan: `${' '.repeat(390_000)}x` }, run: async (h) => void (await plan(h)) },
  {
    name: 'plan: V2 strategy heading, then 200k spaces',
    replies: { plan: `## High-Level Solution Strategy ${' '.repeat(200_000)}x\n1. **Step 1${' '.repeat(200_000)}:** a\n2. b` },
    run: async (h) => void (await plan(h)),
  },
  { name: 'worked step: 200k newlines (PLAN_DOES_NOT_FIT check)', replies: { work: `${'\n'.repeat(200_000)}x` }, run: workedStep },
  { name: 'reference answer 9^{9^{9^{9}}} (CAS bomb)', replies: {}, reference: 'ANSWER: \\boxed{9^{9^{9^{9}}}}', run: async (h) => void (await submit(h)) },
  { name: 'reference answer \\sum_{n=1}^{10^{12}} n (CAS bomb)', replies: {}, reference: 'ANSWER: \\boxed{\\sum_{n=1}^{10^{12}} n}', run: async (h) => void (await submit(h)) },
  {
    // Passes the cheap screen; the CAS would expand it for minutes. Only the worker's budget stops it.
    name: 'learner answer (x+y+z)^{40} (CAS over budget)',
    replies: {},
    reference: 'ANSWER: \\boxed{x+1}',
    run: async (h) => {
      const last = await submit(h, false, '(x+y+z)^{40}');
      if (last?.verdict !== 'incorrect') throw new Error(`expected the quick path's "incorrect", got ${JSON.stringify(last)}`);
    },
  },
  { name: 'practice-pack answer 9^{9^{9^{9}}} (CAS bomb)', replies: {}, run: (h) => practice(h, 'tower', 'submit') },
  { name: 'practice-pack step result \\sum_{n=1}^{10^{12}} n (CAS bomb)', replies: {}, run: (h) => practice(h, 'sum', 'check') },
];

export interface CaseResult {
  name: string;
  maxLatencyMs: number;
  probes: number;
  durationMs: number;
}

export interface ProbeRig {
  harness: ProbeHarness;
  runCase(c: HostileCase): Promise<CaseResult>;
  close(): Promise<void>;
}

export async function startProbeRig(): Promise<ProbeRig> {
  let active: HostileCase | null = null;
  const server = await startModelServer({
    idleTimeoutMs: 0,
    defaultReply: (req): ReplySpec => {
      const role = roleOf(req);
      const content = active?.replies[role] ?? NORMAL[role];
      return { content, chunkChars: CHUNK };
    },
  });
  const app = await startLoadApp({ OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'scripted-model', RF_SOLVER_MODEL: 'scripted-model' });
  const harness: ProbeHarness = {
    app,
    server,
    async ok<T>(method: string, input: unknown): Promise<T> {
      const r = await app.call(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.details ?? '').slice(0, 1500)}`);
      return r.value as T;
    },
  };
  // Warm up: the first plan, check and CAS worker start are not what is measured.
  await harness.ok('app.info', {});
  server.scriptReference({ content: 'ANSWER: \\boxed{19}' });
  await submit(harness, false);
  await harness.ok('packs.applyImport', { fileName: 'probe-bombs.json', content: JSON.stringify(BOMB_PACK) });

  return {
    harness,
    async runCase(c) {
      active = c;
      if (c.reference) server.scriptReference({ content: c.reference, chunkChars: CHUNK });
      const latencies: number[] = [];
      let running = true;
      const probe = (async () => {
        while (running) {
          const sent = performance.now();
          const r = await app.call('app.info', {});
          latencies.push(performance.now() - sent);
          if (!r.ok) throw new Error(`app.info failed: ${r.error.message}`);
          const wait = PROBE_INTERVAL_MS - (performance.now() - sent);
          if (wait > 0) await new Promise((res) => setTimeout(res, wait));
        }
      })();
      const started = performance.now();
      try {
        await c.run(harness);
        // At least one probe lands after the case, so a block at its very end is seen too.
        await new Promise((res) => setTimeout(res, PROBE_INTERVAL_MS + 50));
      } finally {
        running = false;
        await probe;
        active = null;
      }
      return { name: c.name, maxLatencyMs: Math.max(...latencies), probes: latencies.length, durationMs: performance.now() - started };
    },
    async close() {
      await app.stop();
      await server.close();
    },
  };
}
