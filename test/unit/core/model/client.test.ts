/**
 * The model client against the scripted server over real HTTP, through the real `openai` SDK:
 * streaming, cancel, timeouts, the retry policy and how each failure reads to a student.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelClient, ModelFailure, toAppError, type ModelClientOptions, type ModelEndpoint, type UsageRecord } from '../../../../electron/core/model/index.js';
import { hugeText, replies, startModelServer, type ModelServer } from '../../../support/model-server.js';
import { english } from '../../../../shared/messages.js';
import { errorAction, errorMessage } from '../../../../shared/result.js';

let server: ModelServer;
let ep: ModelEndpoint;
beforeAll(async () => {
  server = await startModelServer({ models: ['tutor-7b', 'other'] });
  ep = { baseUrl: server.url, model: 'tutor-7b', timeoutMs: 2_000 };
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** A client whose sleeps are recorded, not waited, so retry tests take no time. */
function fastClient(extra: ModelClientOptions = {}) {
  const slept: number[] = [];
  const client = new ModelClient({ sleep: async (ms) => void slept.push(ms), random: () => 0.5, ...extra });
  return { client, slept };
}

/**
 * A fast client that has already had one plain reply from `ep`: a client streams an endpoint's
 * replies token by token only once it has seen that the endpoint does not answer inside a
 * template-opened thinking block (see reasoning.ts); before that it holds the reply back.
 */
async function warmedClient(extra: ModelClientOptions = {}) {
  const made = fastClient(extra);
  server.script(replies.text('Ready.'));
  await made.client.complete(ep, { requestId: 'warm-up', messages: [{ role: 'user', content: 'ping' }] });
  server.reset();
  made.slept.length = 0;
  return made;
}

const ask = (requestId = 'r1') => ({ requestId, messages: [{ role: 'user' as const, content: 'What is 12 * 12?' }] });

async function failureOf(p: Promise<unknown>): Promise<ModelFailure> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ModelFailure);
    return err as ModelFailure;
  }
  throw new Error('expected the call to fail');
}

describe('ModelClient.complete', () => {
  it('streams deltas and returns text, usage, finish reason and timings', async () => {
    const usageSeen: UsageRecord[] = [];
    const { client } = await warmedClient({ onUsage: (u) => usageSeen.push(u) });
    usageSeen.length = 0;
    server.script(replies.text('12 times 12 is 144.', { chunkChars: 5, tokensPerSecond: 200 }));
    const deltas: string[] = [];
    const done = await client.complete({ ...ep, temperature: 0.3, topP: 0.9, maxTokens: 64 }, ask(), (t) => deltas.push(t));
    expect(deltas).toEqual(['12 ti', 'mes 1', '2 is ', '144.']);
    expect(done.text).toBe('12 times 12 is 144.');
    expect(done.finishReason).toBe('stop');
    expect(done.usage).toEqual({ promptTokens: 4, completionTokens: 5, totalTokens: 9 });
    expect(done.firstTokenMs).not.toBeNull();
    expect(done.latencyMs).toBeGreaterThanOrEqual(done.firstTokenMs!);
    // 4 chunks at 200/s leave at least 3 gaps of 5 ms between the first and last delta.
    expect(done.latencyMs - done.firstTokenMs!).toBeGreaterThanOrEqual(10);
    expect(usageSeen).toEqual([{ requestId: 'r1', baseUrl: server.url, model: 'tutor-7b', usage: done.usage, latencyMs: done.latencyMs, attempts: 1 }]);

    const sent = server.chatRequests[0]!.body!;
    expect(sent).toMatchObject({ model: 'tutor-7b', stream: true, stream_options: { include_usage: true }, temperature: 0.3, top_p: 0.9, max_tokens: 64 });
    expect(sent.messages).toEqual([{ role: 'user', content: 'What is 12 * 12?' }]);
  });

  it('sends a JSON schema response format as given', async () => {
    server.script(replies.text('{"steps":["a"]}'));
    const schema = { type: 'object', properties: { steps: { type: 'array', items: { type: 'string' } } }, required: ['steps'] };
    const { client } = fastClient();
    const done = await client.complete(ep, { ...ask(), responseFormat: { type: 'json_schema', json_schema: { name: 'plan', schema, strict: true } } });
    expect(JSON.parse(done.text)).toEqual({ steps: ['a'] });
    expect(server.chatRequests[0]!.body!.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'plan', schema, strict: true } });
  });

  it('cancel mid-stream rejects with "cancelled" and closes the socket', async () => {
    const { client } = await warmedClient();
    server.script(replies.text('a slow answer that goes on and on and on', { tokensPerSecond: 50 }));
    const deltas: string[] = [];
    const running = client.complete(ep, ask('to-cancel'), (t) => {
      deltas.push(t);
      if (deltas.length === 2) expect(client.cancel('to-cancel')).toBe(true);
    });
    const f = await failureOf(running);
    expect(f.code).toBe('cancelled');
    expect(toAppError(f)).toMatchObject({ code: 'cancelled', details: { modelCode: 'cancelled' } });
    expect(deltas).toHaveLength(2);
    expect(await server.settled(0)).toBe('client_closed');
    expect(client.cancel('to-cancel')).toBe(false);
    expect(client.running).toEqual([]);
  });

  it('cancel while waiting for the first byte rejects with "cancelled"', async () => {
    server.script(replies.text('late', { delayBeforeFirstByteMs: 1_000 }));
    const { client } = fastClient();
    const running = client.complete(ep, ask('early-cancel'));
    // Cancel once the server holds the request (a fixed 50 ms wait raced the request on a loaded machine).
    await server.waitForRequests(1);
    expect(client.cancel('early-cancel')).toBe(true);
    expect((await failureOf(running)).code).toBe('cancelled');
    expect(await server.settled(0)).toBe('client_closed');
  });

  it('times out a stall before the first byte, without retrying', async () => {
    server.script(replies.text('too late', { delayBeforeFirstByteMs: 3_000 }));
    const { client, slept } = fastClient();
    const t0 = Date.now();
    const f = await failureOf(client.complete({ ...ep, timeoutMs: 150 }, ask()));
    expect(f.code).toBe('timeout');
    expect(f.userMessage).toBe(`The model server at ${server.url} did not start answering within 0.15 seconds.`);
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(server.chatRequests).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('times out a stall in the middle of the stream', async () => {
    const { client } = await warmedClient();
    server.script(replies.text('first part, then silence', { stallMidStreamMs: 3_000, stallAfterChunks: 2 }));
    const deltas: string[] = [];
    const f = await failureOf(client.complete({ ...ep, timeoutMs: 150 }, ask(), (t) => deltas.push(t)));
    expect(f.code).toBe('timeout');
    expect(f.userMessage).toContain('stopped sending the answer for more than 0.15 seconds');
    expect(deltas).toEqual(['firs', 't pa']);
    expect(await server.settled(0)).toBe('client_closed');
  });

  it('fails clearly when the connection drops mid-stream, never restarting the answer', async () => {
    const { client, slept } = await warmedClient();
    server.script(replies.text('part of an answer that breaks', { disconnectAfterChunks: 3 }), replies.text('a different answer'));
    const deltas: string[] = [];
    const f = await failureOf(client.complete(ep, ask(), (t) => deltas.push(t)));
    expect(f.code).toBe('server_error');
    expect(f.userMessage).toContain('broke after part of the answer had arrived');
    expect(deltas.join('')).toBe('part of an a');
    expect(server.chatRequests).toHaveLength(1);
    expect(server.pending).toBe(1);
    expect(slept).toEqual([]);
  });

  it('retries a connection that drops before any text arrived', async () => {
    server.script(replies.text('lost', { disconnectAfterChunks: 0 }), replies.text('second try'));
    const { client, slept } = fastClient();
    expect((await client.complete(ep, ask())).text).toBe('second try');
    expect(server.chatRequests).toHaveLength(2);
    expect(slept).toHaveLength(1);
  });

  it('retries a 503 before the first token, then succeeds', async () => {
    server.script(replies.error(503), replies.text('recovered'));
    const { client, slept } = fastClient();
    const done = await client.complete(ep, ask());
    expect(done.text).toBe('recovered');
    expect(server.chatRequests).toHaveLength(2);
    // First backoff: base 500 ms, half fixed plus half scaled by random() = 0.5.
    expect(slept).toEqual([375]);
  });

  it('cancel during the backoff wait rejects with "cancelled" and sends no retry', async () => {
    server.script(replies.error(503), replies.text('never sent'));
    const client = new ModelClient({ sleep: () => new Promise(() => {}) });
    const running = client.complete(ep, ask('wait-cancel'));
    await server.waitForRequests(1);
    await server.settled(0);
    await new Promise((r) => setTimeout(r, 20));
    expect(client.cancel('wait-cancel')).toBe(true);
    expect((await failureOf(running)).code).toBe('cancelled');
    expect(server.chatRequests).toHaveLength(1);
  });

  it('gives up after maxRetries with growing backoff and reports the server error', async () => {
    server.script(replies.error(500), replies.error(502), replies.error(500));
    const { client, slept } = fastClient();
    const f = await failureOf(client.complete(ep, ask()));
    expect(f.code).toBe('server_error');
    expect(f.status).toBe(500);
    expect(f.userMessage).toContain(server.url);
    expect(server.chatRequests).toHaveLength(3);
    expect(slept).toEqual([375, 750]);
  });

  it('honours Retry-After in seconds on 429', async () => {
    server.script(replies.error(429, { retryAfter: 2 }), replies.text('after waiting'));
    const { client, slept } = fastClient();
    expect((await client.complete(ep, ask())).text).toBe('after waiting');
    expect(slept).toEqual([2_000]);
    expect(server.chatRequests).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date on 429', async () => {
    server.script(replies.error(429, { retryAfter: new Date(Date.now() + 5_000).toUTCString() }), replies.text('ok'));
    const { client, slept } = fastClient();
    await client.complete(ep, ask());
    expect(slept).toHaveLength(1);
    // HTTP dates have whole seconds, so the wait is between 4 and 5 seconds.
    expect(slept[0]).toBeGreaterThan(3_900);
    expect(slept[0]).toBeLessThanOrEqual(5_000);
  });

  it('does not sit through a Retry-After beyond the cap; says how long to wait', async () => {
    server.script(replies.error(429, { retryAfter: 120 }), replies.text('never asked'));
    const { client, slept } = fastClient();
    const f = await failureOf(client.complete(ep, ask()));
    expect(f.code).toBe('rate_limited');
    expect(f.userMessage).toContain('wait 120 seconds');
    expect(f.action).toBe('Wait 120 seconds, then try again.');
    expect(slept).toEqual([]);
    expect(server.chatRequests).toHaveLength(1);
  });

  it.each([
    [replies.error(401), 'auth', 'The model server rejected the API key.', 'Open Settings and check the API key.'],
    [replies.error(403), 'forbidden', 'refused access to "tutor-7b"', 'choose another model'],
    [replies.error(404, { message: 'The model `tutor-7b` does not exist.' }), 'unknown_model', 'no model called "tutor-7b"', '"Test connection"'],
    [replies.error(400), 'context_too_long', 'too long for this model', 'Start a new session'],
    [replies.error(400, { code: null, message: "This model's maximum context length is 2048 tokens." }), 'context_too_long', 'its limit is 2048 tokens', 'shorten'],
    [replies.error(400, { code: null, message: 'temperature must be between 0 and 2' }), 'bad_response', 'temperature must be between 0 and 2', 'Open Settings'],
    [replies.error(502), 'server_error', 'internal error (HTTP 502)', "model server's log"],
  ])('maps a %o reply to a student-readable failure', async (reply, code, message, action) => {
    server.script(reply);
    const { client } = fastClient({ maxRetries: 0 });
    const f = await failureOf(client.complete(ep, ask()));
    expect(f.code).toBe(code);
    expect(f.userMessage).toContain(message);
    expect(f.action).toContain(action);
    expect(toAppError(f)).toMatchObject({ code: 'model_error', message: f.userMessage, action: f.action, details: { modelCode: code, status: f.status } });
    // The words travel coded too, and their English is the message itself.
    const e = toAppError(f);
    expect(e.messageCode).toMatch(/^model\./);
    expect(e.actionCode).toMatch(/^model\./);
    expect(english(errorMessage(e)!)).toBe(f.userMessage);
    expect(english(errorAction(e)!)).toBe(f.action);
  });

  it('names the model the server does not have (real 404 from the server)', async () => {
    const { client } = fastClient();
    const f = await failureOf(client.complete({ ...ep, model: 'llama-missing' }, ask()));
    expect(f.code).toBe('unknown_model');
    expect(f.status).toBe(404);
    expect(f.userMessage).toBe(`The model server at ${server.url} has no model called "llama-missing".`);
  });

  it('reports an unreachable server by URL, after retrying', async () => {
    const gone = await startModelServer();
    const url = gone.url;
    await gone.close();
    const { client, slept } = fastClient({ maxRetries: 1 });
    const f = await failureOf(client.complete({ ...ep, baseUrl: url }, ask()));
    expect(f.code).toBe('unreachable');
    expect(f.userMessage).toContain(url);
    expect(f.action).toContain('Start the model server');
    expect(slept).toHaveLength(1);
  });

  it('reports a malformed stream as bad_response', async () => {
    server.script({ content: 'x', malformedSse: true });
    const { client } = fastClient();
    const f = await failureOf(client.complete(ep, ask()));
    expect(f.code).toBe('bad_response');
    expect(f.userMessage).toContain('could not read');
  });

  it('reports an empty completion as empty', async () => {
    server.script(replies.empty(), { content: '', finishReason: 'length' });
    const { client } = fastClient();
    const f = await failureOf(client.complete(ep, ask()));
    expect(f.code).toBe('empty');
    expect(f.userMessage).toBe('The model returned an empty answer.');
    const g = await failureOf(client.complete(ep, ask('r2')));
    expect(g.userMessage).toContain('token limit');
    expect(server.chatRequests).toHaveLength(2);
  });

  it('receives a 1 MB completion whole', async () => {
    server.script(replies.huge(1_000_000));
    const { client } = fastClient();
    let deltaBytes = 0;
    const done = await client.complete(ep, ask(), (t) => (deltaBytes += t.length));
    expect(done.text.length).toBe(1_000_000);
    expect(done.text).toBe(hugeText(1_000_000));
    expect(deltaBytes).toBe(1_000_000);
  });

  it('uses the injected fetch and refuses a duplicate request id', async () => {
    let calls = 0;
    const countingFetch: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    server.script(replies.text('slow', { tokensPerSecond: 20 }), replies.text('x'));
    const { client } = fastClient({ fetch: countingFetch });
    const first = client.complete(ep, ask('same'));
    await expect(client.complete(ep, ask('same'))).rejects.toThrow('already running');
    expect((await first).text).toBe('slow');
    expect(calls).toBe(1);
  });
});

describe('ModelClient.listModels', () => {
  it('returns the model names and a latency', async () => {
    const { client } = fastClient();
    const { models, latencyMs } = await client.listModels(ep);
    expect(models).toEqual(['tutor-7b', 'other']);
    expect(latencyMs).toBeGreaterThanOrEqual(0);
    expect(server.requests[0]!.path).toBe('/v1/models');
  });

  it('says the key is wrong when the server wants another one', async () => {
    const keyed = await startModelServer({ apiKey: 'sk-good' });
    try {
      const { client } = fastClient();
      expect((await failureOf(client.listModels({ ...ep, baseUrl: keyed.url, apiKey: 'sk-bad' }))).code).toBe('auth');
      expect((await client.listModels({ ...ep, baseUrl: keyed.url, apiKey: 'sk-good' })).models).toEqual(['scripted-model']);
    } finally {
      await keyed.close();
    }
  });

  it('points at the base URL when there is no API at that path', async () => {
    const { client } = fastClient();
    const f = await failureOf(client.listModels({ ...ep, baseUrl: server.url.replace(/\/v1$/, '/wrong') }));
    expect(f.code).toBe('bad_response');
    expect(f.action).toContain('/v1');
  });
});
