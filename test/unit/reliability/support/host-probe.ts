/**
 * Hostile model output and CAS bombs against the real browser host, with an `app.info` probe
 * every 500 ms measuring how long the host takes to answer while each case runs. The app runs
 * in its own process (load-host-child.ts), so a blocked event loop shows up as probe latency
 * instead of also freezing the measuring side. Used by host-probe.test.ts (asserts < 2 s) and
 * test/bench/host-probe.bench.ts (prints the max per case, median over runs).
 */
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

async function submit(h: ProbeHarness): Promise<void> {
  const session = await plan(h);
  await h.ok('tutor.submitAnswer', { sessionId: session.id, answer: '3' });
}

export const HOSTILE_CASES: HostileCase[] = [
  { name: 'plan: 390k spaces (V2 heading/step-word regexes)', replies: { plan: `${' '.repeat(390_000)}x` }, run: async (h) => void (await plan(h)) },
  {
    name: 'plan: V2 strategy heading, then 200k spaces',
    replies: { plan: `## High-Level Solution Strategy ${' '.repeat(200_000)}x\n1. **Step 1${' '.repeat(200_000)}:** a\n2. b` },
    run: async (h) => void (await plan(h)),
  },
  { name: 'worked step: 200k newlines (PLAN_DOES_NOT_FIT check)', replies: { work: `${'\n'.repeat(200_000)}x` }, run: workedStep },
  { name: 'reference answer 9^{9^{9^{9}}} (CAS bomb)', replies: {}, reference: 'ANSWER: \\boxed{9^{9^{9^{9}}}}', run: submit },
  { name: 'reference answer \\sum_{n=1}^{10^{12}} n (CAS bomb)', replies: {}, reference: 'ANSWER: \\boxed{\\sum_{n=1}^{10^{12}} n}', run: submit },
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
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
  };
  // Warm up: the first plan, check and CAS worker start are not what is measured.
  await harness.ok('app.info', {});
  server.scriptReference({ content: 'ANSWER: \\boxed{19}' });
  await submit(harness);

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
