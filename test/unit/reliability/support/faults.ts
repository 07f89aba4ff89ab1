/**
 * The endpoint faults the matrix runs, and what the learner must see for each. A fault is
 * either a reply the scripted server gives while it is on, or a base URL that fails before
 * any server answers. `modelCode` is the ModelFailure code the client must arrive at;
 * `message` is matched against what the learner reads.
 */
import type { Reply, ReplySpec } from '../../../support/model-server.js';

/** What a fault must end in: a model failure with this code, or a usable outcome. */
export type Expected =
  | { kind: 'failure'; modelCode: string; message: RegExp }
  | { kind: 'plan_unreadable' }
  /** Planning still works; `check` looks at the planned session. */
  | { kind: 'planned' }
  /** The reveal finishes; the stored text is checked by the test. */
  | { kind: 'revealed' };

export interface Fault {
  name: string;
  /** A base URL that fails on its own (no scripted reply involved). */
  baseUrl?: (ctx: { serverPort: number; closedPort: number }) => string;
  /** What the scripted server answers every chat request with while the fault is on. */
  reply?: Reply;
  planning: Expected;
  /** Left out when the fault cannot happen while a worked step streams. */
  reveal?: Expected;
  /** For 429s: the waits the client must have slept before giving up. */
  sleeps?: number[];
}

/** The stall is far longer than the client's limits, so only our own timers end it. */
export const STALL_MS = 20_000;
export const FIRST_BYTE_TIMEOUT_MS = 800;
export const IDLE_TIMEOUT_MS = 800;

const fail = (modelCode: string, message: RegExp): Expected => ({ kind: 'failure', modelCode, message });
const both = (e: Expected) => ({ planning: e, reveal: e });
const error = (status: number, extra: Omit<NonNullable<ReplySpec['error']>, 'status'> = {}): ReplySpec => ({ error: { status, ...extra } });

/** A plan the navigator would send, with the steps given. */
export const planText = (steps: { title: string; goal?: string; template_id: string | null }[], analysis = 'Use the relations between roots and coefficients.') =>
  JSON.stringify({ analysis, steps: steps.map((s) => ({ goal: `Work out: ${s.title}.`, produces: 'an intermediate result', ...s })) });

export const FINAL_ANSWER = '19';
const LEAKED_PLAN = planText(
  [
    { title: 'Sum and product of the roots', goal: 'Read off r + s and rs; the final answer is $19$.', template_id: 'starter/vietas-formulas' },
    { title: 'So the answer is \\boxed{19}', template_id: 'starter/vietas-formulas' },
  ],
  'Square the sum and subtract twice the product, so the final answer is $19$.',
);
const LEAKED_WORK = `By Vieta, $r + s = 5$ and $rs = 3$. Squaring the sum and subtracting twice the product gives the answer right away, $\\boxed{${FINAL_ANSWER}}$, but we go step by step.`;

export const FAULTS: Fault[] = [
  {
    name: 'connection refused (closed port)',
    baseUrl: ({ closedPort }) => `http://127.0.0.1:${closedPort}/v1`,
    ...both(fail('unreachable', /Could not reach a model server/)),
  },
  {
    name: 'DNS failure (nonexistent.invalid)',
    baseUrl: () => 'http://nonexistent.invalid/v1',
    ...both(fail('unreachable', /nonexistent\.invalid/)),
  },
  {
    name: 'TLS error (https to a plain-HTTP server)',
    baseUrl: ({ serverPort }) => `https://127.0.0.1:${serverPort}/v1`,
    ...both(fail('unreachable', /secure \(https\) connection/)),
  },
  { name: '401 bad API key', reply: error(401), ...both(fail('auth', /rejected the API key/)) },
  { name: '403 forbidden', reply: error(403), ...both(fail('forbidden', /refused access/)) },
  {
    // The key and the Authorization header are echoed back; the learner reads neither (docs/security.md).
    name: '403 body echoing the API key',
    reply: error(403, { message: 'Key sk-proj-Ab12Cd34Ef56Gh78Ij90Kl is not allowed here (Authorization: Bearer sk-proj-Ab12Cd34Ef56Gh78Ij90Kl).' }),
    ...both(fail('forbidden', /refused access to "scripted-model": Key \[redacted\] is not allowed here \(Authorization: \[redacted\]\)\.$/)),
  },
  { name: '404 unknown model', reply: error(404), ...both(fail('unknown_model', /has no model called "scripted-model"/)) },
  { name: '400 context too long', reply: error(400), ...both(fail('context_too_long', /too long for this model's context window \(its limit is 4096 tokens\)/)) },
  {
    name: '429 with Retry-After: 2',
    reply: error(429, { retryAfter: 2 }),
    ...both(fail('rate_limited', /asked us to wait 2 seconds/)),
    sleeps: [2_000],
  },
  { name: '429 without Retry-After', reply: error(429), ...both(fail('rate_limited', /busy \(rate limited\)\.$/)) },
  { name: '500 internal error', reply: error(500), ...both(fail('server_error', /internal error \(HTTP 500\)/)) },
  { name: '502 bad gateway', reply: error(502), ...both(fail('server_error', /internal error \(HTTP 502\)/)) },
  { name: '503 overloaded', reply: error(503), ...both(fail('server_error', /internal error \(HTTP 503\)/)) },
  {
    name: 'stall before the first byte',
    reply: { content: 'never sent', delayBeforeFirstByteMs: STALL_MS },
    ...both(fail('timeout', /did not start answering within 0\.8 seconds/)),
  },
  {
    name: 'stall mid-stream',
    reply: { content: 'By Vieta, the sum of the roots is five and the product is three.', stallMidStreamMs: STALL_MS, stallAfterChunks: 3 },
    ...both(fail('timeout', /stopped sending the answer for more than 0\.8 seconds/)),
  },
  {
    name: 'disconnect mid-stream',
    reply: { content: 'By Vieta, the sum of the roots is five and the product is three.', disconnectAfterChunks: 3 },
    ...both(fail('server_error', /connection to the model server .* broke after part of the answer/)),
  },
  { name: 'malformed SSE', reply: { content: 'x', malformedSse: true }, ...both(fail('bad_response', /could not read/)) },
  { name: 'empty completion', reply: { content: '' }, ...both(fail('empty', /empty answer/)) },
  { name: '1 MB completion', reply: { hugeBytes: 1_000_000 }, planning: { kind: 'plan_unreadable' }, reveal: { kind: 'revealed' } },
  { name: 'trajectory is not JSON', reply: { content: 'I would rather just tell you the answer is 19. Good luck!' }, planning: { kind: 'plan_unreadable' } },
  // Issue 10: these backtracked in the plan readers and held the host for minutes (host-probe.test.ts measures the latency).
  { name: 'plan of 390k spaces', reply: { content: `${' '.repeat(390_000)}x`, chunkChars: 4_096 }, planning: { kind: 'plan_unreadable' } },
  { name: 'plan of 200k newlines and # runs', reply: { content: `${'\n'.repeat(200_000)}${'#'.repeat(50_000)} Step 1`, chunkChars: 4_096 }, planning: { kind: 'plan_unreadable' } },
  {
    name: 'trajectory with 500 steps',
    reply: { content: planText(Array.from({ length: 500 }, (_, i) => ({ title: `Step ${i + 1}`, template_id: 'starter/vietas-formulas' }))) },
    planning: { kind: 'planned' },
  },
  {
    name: 'unknown template ids',
    reply: { content: planText([{ title: 'Sum and product', template_id: 'nowhere/no-such-template' }, { title: 'Finish', template_id: 'made-up-id' }]) },
    planning: { kind: 'planned' },
  },
  { name: 'completion leaks the final answer', reply: (req) => ({ content: req.body?.response_format ? LEAKED_PLAN : LEAKED_WORK }), planning: { kind: 'planned' }, reveal: { kind: 'revealed' } },
];
