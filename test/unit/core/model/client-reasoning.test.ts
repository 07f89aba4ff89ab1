/**
 * Reasoning models through the real client, the real `openai` SDK and the scripted server over
 * SSE: whatever way the thinking arrives, onDelta and the result carry only the answer; a
 * reply that is all thinking is a clear failure after one retry with a larger budget.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelClient, ModelFailure, toAppError, type CompletionResult, type ModelClientOptions, type ModelEndpoint, type UsageRecord } from '../../../../electron/core/model/index.js';
import { replies, startModelServer, THINKING_WIRE_STYLES, type ModelServer, type ReplySpec, type ThinkingWireStyle } from '../../../support/model-server.js';

let server: ModelServer;
let ep: ModelEndpoint;
beforeAll(async () => {
  server = await startModelServer();
  ep = { baseUrl: server.url, model: 'r1-distill', maxTokens: 1000, timeoutMs: 5_000 };
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** Thinking only ever uses `Q`, `~` and `§`, none of which appear in any answer here. */
const THOUGHT = 'QQ~ QQQ §Q~ '.repeat(12);
const LEAK = /[Q~§]/;
const ANSWER = 'Complete the square: x^2 + 6x + 5 = (x+3)^2 - 4, and since 2 < 3 we think it fits.';

const fresh = (extra: ModelClientOptions = {}) => new ModelClient({ sleep: async () => {}, random: () => 0.5, ...extra });
const ask = (requestId = 'r1') => ({ requestId, messages: [{ role: 'user' as const, content: 'Complete the square for x^2 + 6x + 5.' }] });

/** One call with a delta recorder; returns the result and every delta. */
async function call(client: ModelClient, reply: ReplySpec, opts: { stream?: boolean; endpoint?: ModelEndpoint; id?: string } = {}) {
  server.script(reply);
  const deltas: string[] = [];
  const result = await client.complete(opts.endpoint ?? ep, ask(opts.id), opts.stream === false ? undefined : (t) => deltas.push(t));
  return { result, deltas };
}

async function failureOf(p: Promise<unknown>): Promise<ModelFailure> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ModelFailure);
    return err as ModelFailure;
  }
  throw new Error('expected the call to fail');
}

/** Sky-T1-style answers keep the newline before `<|end_of_solution|>`; nothing else differs. */
function expectAnswerOnly(result: CompletionResult, deltas: string[], label: string) {
  expect(result.text.trimEnd(), label).toBe(ANSWER);
  expect(deltas.some((d) => LEAK.test(d)), label).toBe(false);
  if (deltas.length) expect(deltas.join(''), label).toBe(result.text);
}

/** A client that has had one (not streamed) reply in `style`, as after the navigator's plan. */
async function seenStyle(style: ThinkingWireStyle): Promise<ModelClient> {
  const client = fresh();
  await call(client, replies.thinking('Q', 'ok', style), { stream: false, id: 'plan' });
  return client;
}

describe('reasoning models: only the answer reaches onDelta and the result', () => {
  for (const style of THINKING_WIRE_STYLES) {
    it(`${style}: streamed and not streamed, fresh and known endpoint`, async () => {
      const client = fresh();
      // Not streamed (the navigator's plans), then streamed twice: the first on an endpoint this
      // client has now seen, so it streams as soon as the thinking is over.
      const whole = await call(client, replies.thinking(THOUGHT, ANSWER, style), { stream: false });
      expectAnswerOnly(whole.result, whole.deltas, `${style} not streamed`);
      expect(whole.result.thinking).toMatchObject({ chars: THOUGHT.length, unclosed: false, retracted: false });
      const streamed = await call(client, replies.thinking(THOUGHT, ANSWER, style, { chunkChars: 5 }));
      expectAnswerOnly(streamed.result, streamed.deltas, `${style} streamed`);
      expect(streamed.result.finishReason).toBe('stop');
      expect(streamed.result.thinking!.style).toBe(style === 'bare-close' ? 'leading-close' : style.startsWith('reasoning') ? 'field' : 'tags');
      // The answer streamed in pieces, not in one block at the end.
      expect(streamed.deltas.length, style).toBeGreaterThan(5);
      // A fresh client streaming its very first reply must not flash thinking either.
      const first = await call(fresh(), replies.thinking(THOUGHT, ANSWER, style, { chunkChars: 3 }));
      expectAnswerOnly(first.result, first.deltas, `${style} first reply`);
    });
  }

  it('every tag split at every chunk boundary (two and three pieces), through the server', async () => {
    const styles: ThinkingWireStyle[] = ['think', 'bare-close', 'thought-markers'];
    let requests = 0;
    for (const style of styles) {
      const client = await seenStyle(style);
      server.script(replies.thinking('Q~', 'ok', style));
      // The exact wire text of this style, to cut it at every position.
      const res = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'm', messages: [] }) });
      const wire = ((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
      for (let i = 1; i < wire.length; i++) {
        for (const j of [i + 1, i + 4, wire.length - 1]) {
          const chunks = j > i && j < wire.length ? [wire.slice(0, i), wire.slice(i, j), wire.slice(j)] : [wire.slice(0, i), wire.slice(i)];
          const { result, deltas } = await call(client, { chunks }, { id: `split-${requests++}` });
          expect(result.text.trimEnd(), `${style} ${JSON.stringify(chunks)}`).toBe('ok');
          expect(deltas.join(''), `${style} ${JSON.stringify(chunks)}`).toBe(result.text);
        }
      }
    }
    expect(requests).toBeGreaterThan(100);
  });

  it('a thinking block in the middle of a streamed answer never reaches onDelta', async () => {
    const client = fresh();
    await call(client, replies.text('Ready.'), { stream: false });
    const { result, deltas } = await call(client, { content: `Step 1: expand. <think>${THOUGHT}</think>Step 2: compare.`, chunkChars: 4 });
    expect(result.text).toBe('Step 1: expand. Step 2: compare.');
    expect(deltas.join('')).toBe(result.text);
    expect(deltas.some((d) => LEAK.test(d))).toBe(false);
    expect(result.thinking).toMatchObject({ chars: THOUGHT.length, style: 'tags', unclosed: false });
  });

  it('an answer cut by length after it began is returned with finishReason "length" (thinking dropped)', async () => {
    const client = fresh();
    const { result, deltas } = await call(client, replies.thinking(THOUGHT, ANSWER, 'think', { honorMaxTokens: true, chunkChars: 6 }), {
      endpoint: { ...ep, maxTokens: Math.ceil((THOUGHT.length + 30) / 4) },
    });
    expect(result.finishReason).toBe('length');
    expect(result.text.length).toBeGreaterThan(0);
    expect(ANSWER.startsWith(result.text)).toBe(true);
    expect(deltas.join('')).toBe(result.text);
    expect(server.chatRequests).toHaveLength(1);
  });

  it('learns a template-opened endpoint: the next streamed reply is held until </think>, then streams', async () => {
    const client = fresh();
    await call(client, replies.thinking(THOUGHT, 'ok', 'bare-close'), { stream: false });
    server.script(replies.thinking(THOUGHT, ANSWER, 'bare-close', { chunkChars: 4, tokensPerSecond: 400 }));
    const deltas: { text: string; at: number }[] = [];
    const result = await client.complete(ep, ask('held'), (t) => deltas.push({ text: t, at: performance.now() }));
    expect(result.text).toBe(ANSWER);
    expect(deltas.map((d) => d.text).join('')).toBe(ANSWER);
    expect(deltas.length).toBeGreaterThan(10);
    // Cut by max_tokens with no </think> at all: on this endpoint that is all thinking.
    server.script({ reasoning: THOUGHT, thinkingStyle: 'bare-close', thinkingUnclosed: true }, { reasoning: THOUGHT, thinkingStyle: 'bare-close', thinkingUnclosed: true });
    const f = await failureOf(client.complete(ep, ask('cut'), (t) => expect.fail(`delta ${t}`)));
    expect(f.code).toBe('thinking_exhausted');
  });

  it('an endpoint that answered plainly and then replies inside a template-opened block: the stored answer is clean, the flash is reported', async () => {
    const client = fresh();
    await call(client, replies.text('Ready.'), { stream: false });
    const { result, deltas } = await call(client, replies.thinking(THOUGHT, ANSWER, 'bare-close', { chunkChars: 8 }));
    expect(result.text).toBe(ANSWER);
    expect(result.thinking).toMatchObject({ retracted: true, style: 'leading-close', chars: THOUGHT.length });
    // What was streamed before the </think> was thinking (the unavoidable case, reported above)…
    expect(deltas.join('')).toBe(THOUGHT + ANSWER);
    // …and from now on this endpoint is held until </think>.
    const next = await call(client, replies.thinking(THOUGHT, ANSWER, 'bare-close', { chunkChars: 8 }));
    expectAnswerOnly(next.result, next.deltas, 'after learning');
  });

  it('answers about thinking and with < comparisons come through unchanged in every style', async () => {
    const answers = ['I think x < 3; think of <b> as b, and a<b<c.', 'Since 1 <2 and <thinking> is a word here? No: x<thinking_time.', '<'];
    for (const style of THINKING_WIRE_STYLES) {
      const client = await seenStyle(style);
      for (const a of answers) {
        server.script(replies.thinking('Q', a, style, { chunkChars: 2 }));
        const deltas: string[] = [];
        const r = await client.complete(ep, ask(`${style}-${a.length}`), (t) => deltas.push(t));
        // '<thinking>' in an answer opens a block by design (models use it that way); everything else is kept.
        const expected = a.includes('<thinking>') ? 'Since 1 <2 and' : a;
        expect(r.text.trimEnd(), `${style}: ${a}`).toBe(expected);
        expect(deltas.join(''), `${style}: ${a}`).toBe(r.text);
      }
    }
  });
});

describe('reasoning models: a reply that is all thinking', () => {
  it('is retried once at double max_tokens, and nothing reached onDelta', async () => {
    const usage: UsageRecord[] = [];
    const client = fresh({ onUsage: (u) => usage.push(u) });
    // A real server's behaviour: the same thinking is cut at 100 tokens and fits in 200.
    const reply = replies.thinking('Q~'.repeat(200), ANSWER, 'think', { honorMaxTokens: true, chunkChars: 7 });
    server.script(reply, reply);
    const deltas: string[] = [];
    const r = await client.complete({ ...ep, maxTokens: 100 }, ask(), (t) => deltas.push(t));
    expect(r.text).toBe(ANSWER);
    expect(deltas.join('')).toBe(ANSWER);
    expect(server.chatRequests.map((q) => q.body!.max_tokens)).toEqual([100, 200]);
    // Both attempts' tokens are counted.
    expect(usage).toHaveLength(1);
    expect(usage[0]!.attempts).toBe(2);
    expect(r.usage!.completionTokens).toBe(100 + Math.ceil((7 + 400 + 8 + 2 + ANSWER.length) / 4));
  });

  for (const style of THINKING_WIRE_STYLES) {
    it(`${style}: fails as thinking_exhausted, "raise max tokens to N", after exactly one larger retry`, async () => {
      const client = fresh();
      if (style === 'bare-close') await call(client, replies.thinking('Q', 'ok', 'bare-close'), { stream: false });
      server.reset();
      server.script(replies.thinkingCut(THOUGHT, style), replies.thinkingCut(THOUGHT, style), replies.text('never asked for'));
      const f = await failureOf(client.complete({ ...ep, maxTokens: 3000 }, ask(), (t) => expect.fail(`delta ${t}`)));
      expect(f.code).toBe('thinking_exhausted');
      expect(f.userMessage).toBe('The model ran out of tokens while thinking and wrote no answer (max tokens: 6000).');
      expect(f.action).toBe('Open Settings and raise "max tokens" to 12000 or more, then try again.');
      expect(server.chatRequests.map((q) => q.body!.max_tokens)).toEqual([3000, 6000]);
      expect(server.pending).toBe(1);
      expect(toAppError(f)).toMatchObject({ code: 'model_error', details: { modelCode: 'thinking_exhausted' } });
    });
  }

  it('is not retried above the cap, or when the retry is turned off', async () => {
    const capped = fresh();
    server.script(replies.thinkingCut(THOUGHT), replies.text('never asked for'));
    const f = await failureOf(capped.complete({ ...ep, maxTokens: 32_768 }, ask()));
    expect(f.code).toBe('thinking_exhausted');
    expect(f.action).toContain('65536');
    expect(server.chatRequests).toHaveLength(1);
    server.reset();
    const off = fresh({ thinkingRetry: false });
    server.script(replies.thinkingCut(THOUGHT), replies.text('never asked for'));
    expect((await failureOf(off.complete(ep, ask()))).code).toBe('thinking_exhausted');
    expect(server.chatRequests).toHaveLength(1);
  });

  it('says so when the server refuses the larger budget (context window)', async () => {
    const client = fresh();
    server.script(
      replies.thinkingCut(THOUGHT),
      replies.error(400, {
        message: "This model's maximum context length is 1500 tokens. However, you requested 2100 tokens (100 in the messages, 2000 in the completion). Please reduce the length of the messages or completion.",
      }),
    );
    const f = await failureOf(client.complete(ep, ask()));
    expect(f.code).toBe('thinking_exhausted');
    expect(f.userMessage).toBe('The model ran out of tokens while thinking and wrote no answer (max tokens: 1000). The server cannot give it more: its context window is 1500 tokens.');
    expect(f.action).toMatch(/thinks less or has a longer context/);
    expect(server.chatRequests.map((q) => q.body!.max_tokens)).toEqual([1000, 2000]);
  });

  it('thinking that ends with no answer (finish "stop") fails without a retry', async () => {
    const client = fresh();
    server.script(replies.thinking(THOUGHT, '', 'think'), replies.text('never asked for'));
    const f = await failureOf(client.complete(ep, ask()));
    expect(f.code).toBe('thinking_exhausted');
    expect(f.userMessage).toBe('The model thought about the question but stopped without writing an answer.');
    expect(server.chatRequests).toHaveLength(1);
  });
});

describe('max_tokens and the context window', () => {
  it('asks again with what fits when prompt + max_tokens is over the context window (vLLM refuses it)', async () => {
    const client = fresh();
    server.script(
      replies.error(400, {
        message: "This model's maximum context length is 8192 tokens. However, you requested 9192 tokens (1000 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.",
      }),
      replies.text(ANSWER),
    );
    const r = await client.complete({ ...ep, maxTokens: 8192 }, ask());
    expect(r.text).toBe(ANSWER);
    expect(server.chatRequests.map((q) => q.body!.max_tokens)).toEqual([8192, 7192]);
  });

  it('a per-call max_tokens replaces the endpoint\'s', async () => {
    const client = fresh();
    server.script(replies.text(ANSWER));
    await client.complete(ep, { ...ask(), maxTokens: 12_000 });
    expect(server.chatRequests[0]!.body!.max_tokens).toBe(12_000);
  });
});
