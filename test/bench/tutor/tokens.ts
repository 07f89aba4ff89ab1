/**
 * Tokens a walk through one problem costs, billed by the scripted server (about four
 * characters a token, prompt and completion apart) and summed by the session's own usage
 * accounting. Same problem, same 4-step plan and same replies for every walk:
 *  - every rung: plan; on each step goal, hint and worked step; the final answer's reference;
 *  - up front: plan; the worked step of every step straight away (the same prompts), then move on;
 *  - typical: plan; the learner checks their own result on most steps, asks a hint on two and
 *    the worked step on one; the final answer's reference.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Result } from '../../../shared/result.js';
import type { SessionView } from '../../../shared/tutor.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import { createMemorySecretStore } from '../../../electron/core/model-settings/secret-store.js';
import { startModelServer } from '../../support/model-server.js';
import type { Row } from '../harness.js';
import { CHECK_REPLY, HINT, planJson, PROBLEM, promptKind, REFERENCE_REPLY, workedText } from './replies.js';

const STEPS = ['Sum and product of the roots', 'Square the sum', 'Subtract twice the product', 'State the value of r^2 + s^2'];

type Action = 'goal' | 'hint' | 'worked' | 'check';
interface Walk {
  name: string;
  perStep: Action[][];
  finalAnswer: boolean;
}

const WALKS: Walk[] = [
  { name: 'every rung revealed', perStep: STEPS.map(() => ['goal', 'hint', 'worked']), finalAnswer: true },
  { name: 'instantiate every step up front', perStep: STEPS.map(() => ['worked']), finalAnswer: false },
  { name: 'typical walk', perStep: [['hint', 'check'], ['check'], ['goal', 'hint', 'worked'], ['check']], finalAnswer: true },
];

export interface WalkCost {
  name: string;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  total: number;
}

async function ok<T>(r: Promise<Result<unknown>>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function walk(core: Core, w: Walk, run: number): Promise<WalkCost> {
  let id = 0;
  const requestId = () => `tokens-${run}-${++id}`;
  let view = await ok<SessionView>(core.dispatch('tutor.startSession', { problem: PROBLEM, requestId: requestId() }));
  if (view.steps.length !== STEPS.length) throw new Error(`planned ${view.steps.length} steps, expected ${STEPS.length}`);
  for (const [stepIndex, actions] of w.perStep.entries()) {
    for (const action of actions) {
      const sessionId = view.id;
      if (action === 'check') {
        view = await ok(core.dispatch('tutor.checkStep', { sessionId, stepIndex, attempt: 'r + s = 5', requestId: requestId() }));
      } else {
        const rung = action === 'worked' ? 'instantiation' : action;
        view = await ok(core.dispatch('tutor.reveal', { sessionId, stepIndex, rung, requestId: requestId() }));
      }
    }
    if (stepIndex < STEPS.length - 1) view = await ok(core.dispatch('tutor.advance', { sessionId: view.id }));
  }
  if (w.finalAnswer) view = await ok(core.dispatch('tutor.submitAnswer', { sessionId: view.id, answer: '19' }));
  const { promptTokens, completionTokens, calls } = view.usage;
  return { name: w.name, calls, promptTokens, completionTokens, total: promptTokens + completionTokens };
}

export async function walkCosts(): Promise<WalkCost[]> {
  const server = await startModelServer({
    defaultReply: (req) => {
      const kind = promptKind(req);
      if (kind === 'plan') return { content: planJson(STEPS) };
      if (kind === 'hint') return { content: HINT };
      if (kind === 'check') return { content: CHECK_REPLY };
      if (kind === 'reference') return { content: REFERENCE_REPLY };
      return { content: workedText(600) };
    },
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-tokens-'));
  const core = createCore({ dataDir, shell: 'cli', env: { OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'scripted-model' }, secretStore: createMemorySecretStore() });
  try {
    const costs: WalkCost[] = [];
    for (const [i, w] of WALKS.entries()) costs.push(await walk(core, w, i));
    return costs;
  } finally {
    core.close();
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measureTokens(): Promise<Row[]> {
  const costs = await walkCosts();
  const [full, upFront, typical] = costs as [WalkCost, WalkCost, WalkCost];
  const row = (c: WalkCost): Row => ({
    name: `tokens, ${c.name} (${STEPS.length} steps)`,
    value: c.total,
    unit: 'tok',
    note: `${c.calls} calls: ${c.promptTokens} prompt + ${c.completionTokens} completion`,
  });
  return [
    row(full),
    row(upFront),
    row(typical),
    { name: '  ratio every rung / up front', value: full.total / upFront.total, unit: 'x' },
    { name: '  ratio typical / up front', value: typical.total / upFront.total, unit: 'x' },
  ];
}
