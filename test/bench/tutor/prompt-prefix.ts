/**
 * How much of each model call's prompt a serving engine's prefix cache can serve (issue 12,
 * point 6). One typical scripted walk through the real core: plan (with the hidden reference
 * beside it), then on every step a hint, the worked step and a check of the learner's result,
 * then the final answer. Every chat request the scripted server receives is rendered the way
 * a chat template lays it out (role marker, then the text, message after message), and:
 *  - prompt tokens per walk: characters / 4 (the scripted server's own estimate; no tokenizer);
 *  - repeated prefix of a call: the longest common prefix, in characters / 4, of its rendered
 *    prompt with any earlier call's rendered prompt in the walk (what vLLM's automatic prefix
 *    caching and SGLang's radix cache can reuse, give or take one cache block);
 *  - share: repeated prefix over prompt tokens, summed over the walk's calls (target >= 60%).
 * Steps are tied to templates the plan request listed, so template cards are in the prompts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Result } from '../../../shared/result.js';
import type { SessionView } from '../../../shared/tutor.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import { createMemorySecretStore } from '../../../electron/core/model-settings/secret-store.js';
import { startModelServer, type RecordedRequest } from '../../support/model-server.js';
import type { Row } from '../harness.js';
import { CHECK_REPLY, HINT, PROBLEM, promptKind, REFERENCE_REPLY, workedText } from './replies.js';

const STEPS = ['Sum and product of the roots', 'Square the sum', 'Subtract twice the product'];

/** The figures before the prompts were rebuilt around one shared prefix (2026-12-02, this bench). */
export const BEFORE = { calls: 11, promptTokens: 5_008, sharePct: 21.1, newTokens: 3_950 };

export interface PrefixFigures {
  calls: number;
  promptTokens: number;
  repeatedTokens: number;
  /** Per kind of call: prompt tokens and repeated tokens. */
  byKind: Map<string, { calls: number; promptTokens: number; repeatedTokens: number }>;
}

/** A chat request laid out as a chat template would: what the engine's cache sees. */
export function renderedPrompt(req: RecordedRequest): string {
  return (req.body?.messages ?? []).map((m) => `<|${m.role}|>\n${typeof m.content === 'string' ? m.content : JSON.stringify(m.content)}\n`).join('');
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

const tokens = (chars: number) => chars / 4;

/** Prompt tokens and repeated-prefix tokens over a list of rendered prompts, in the order they were sent. */
export function prefixFigures(prompts: { kind: string; text: string }[]): PrefixFigures {
  const byKind = new Map<string, { calls: number; promptTokens: number; repeatedTokens: number }>();
  let promptTokens = 0;
  let repeatedTokens = 0;
  prompts.forEach((p, i) => {
    let best = 0;
    for (let j = 0; j < i; j++) best = Math.max(best, commonPrefix(p.text, prompts[j]!.text));
    const k = byKind.get(p.kind) ?? { calls: 0, promptTokens: 0, repeatedTokens: 0 };
    k.calls++;
    k.promptTokens += tokens(p.text.length);
    k.repeatedTokens += tokens(best);
    byKind.set(p.kind, k);
    promptTokens += tokens(p.text.length);
    repeatedTokens += tokens(best);
  });
  return { calls: prompts.length, promptTokens, repeatedTokens, byKind };
}

async function ok<T>(r: Promise<Result<unknown>>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** A plan whose steps use the first templates the plan request listed ("- id | name | …" lines). */
function planFor(req: RecordedRequest): string {
  const text = JSON.stringify(req.body?.messages ?? []);
  const ids = [...text.matchAll(/\\n- ([a-z0-9][\w.-]*\/[\w.-]+) \|/g)].map((m) => m[1]!);
  return JSON.stringify({
    analysis: 'Relate the roots to the coefficients, then combine them.',
    steps: STEPS.map((title, i) => ({ title, goal: `Work out: ${title}.`, template_id: ids[i] ?? null, produces: 'an intermediate result' })),
  });
}

async function walk(core: Core): Promise<void> {
  let id = 0;
  const requestId = () => `prefix-${++id}`;
  let view = await ok<SessionView>(core.dispatch('tutor.startSession', { problem: PROBLEM, requestId: requestId() }));
  if (view.steps.length !== STEPS.length) throw new Error(`planned ${view.steps.length} steps, expected ${STEPS.length}`);
  for (let stepIndex = 0; stepIndex < STEPS.length; stepIndex++) {
    const sessionId = view.id;
    view = await ok(core.dispatch('tutor.reveal', { sessionId, stepIndex, rung: 'hint', requestId: requestId() }));
    view = await ok(core.dispatch('tutor.reveal', { sessionId, stepIndex, rung: 'instantiation', requestId: requestId() }));
    view = await ok(core.dispatch('tutor.checkStep', { sessionId, stepIndex, attempt: 'r + s = 5', requestId: requestId() }));
    if (stepIndex < STEPS.length - 1) view = await ok(core.dispatch('tutor.advance', { sessionId }));
  }
  await ok(core.dispatch('tutor.submitAnswer', { sessionId: view.id, answer: '19' }));
}

/** Runs the walk once and returns each chat request's kind and rendered prompt, in arrival order. */
export async function walkPrompts(): Promise<{ kind: string; text: string }[]> {
  const server = await startModelServer({
    defaultReply: (req) => {
      const kind = promptKind(req);
      if (kind === 'plan') return { content: planFor(req) };
      if (kind === 'hint') return { content: HINT };
      if (kind === 'check') return { content: CHECK_REPLY };
      if (kind === 'reference') return { content: REFERENCE_REPLY };
      return { content: workedText(600) };
    },
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-prefix-'));
  const core = createCore({ dataDir, shell: 'cli', env: { OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'scripted-model' }, secretStore: createMemorySecretStore() });
  try {
    await walk(core);
    return server.chatRequests.map((req) => ({ kind: promptKind(req), text: renderedPrompt(req) }));
  } finally {
    core.close();
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measurePromptPrefix(): Promise<Row[]> {
  const f = prefixFigures(await walkPrompts());
  const share = (100 * f.repeatedTokens) / f.promptTokens;
  const kinds = [...f.byKind.entries()].map(([k, v]) => `${k} ${Math.round((100 * v.repeatedTokens) / v.promptTokens)}%`).join(', ');
  const newTokens = f.promptTokens - f.repeatedTokens;
  return [
    {
      name: `prompt tokens, typical ${STEPS.length}-step walk (chars/4)`,
      value: Math.round(f.promptTokens),
      unit: 'tok',
      note: `${f.calls} calls; before the shared prefix: ${BEFORE.promptTokens} tok in ${BEFORE.calls} calls`,
    },
    {
      name: '  share of prompt repeating an earlier prefix',
      value: share,
      unit: '%',
      note: `${share >= 60 ? 'ok' : 'MISSED (>= 60%)'}; before: ${BEFORE.sharePct}%; by call: ${kinds}`,
    },
    {
      name: '  prompt tokens not in any earlier prefix (what a prefix cache leaves to compute)',
      value: Math.round(newTokens),
      unit: 'tok',
      note: `before: ${BEFORE.newTokens} tok`,
    },
  ];
}
