/**
 * The scripted model server must speak OpenAI's wire format exactly, or every model test
 * built on it proves nothing. Checked here with raw fetch (bytes) and the real `openai` SDK.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hugeText, replies, startModelServer, type ModelServer } from '../../support/model-server.js';

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ models: ['tutor-7b', 'tutor-32b'] });
});
afterAll(() => server.close());

const sdk = () => new OpenAI({ baseURL: server.url, apiKey: 'x', maxRetries: 0, logLevel: 'off' });
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const user = (content: string) => [{ role: 'user' as const, content }];

describe('scripted model server', () => {
  it('lists models in the OpenAI list shape', async () => {
    const res = await fetch(`${server.url}/models`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { object: string; data: { id: string; object: string }[] };
    expect(body.object).toBe('list');
    expect(body.data.map((m) => m.id)).toEqual(['tutor-7b', 'tutor-32b']);
    expect(body.data[0]!.object).toBe('model');
  });

  it('answers a non-streaming request with a full chat.completion and usage', async () => {
    server.script(replies.text('Two plus two is four.'));
    const prompt = 'What is 2 + 2? Explain.'; // 23 chars -> 6 tokens
    const done = await sdk().chat.completions.create({ model: 'tutor-7b', messages: user(prompt) });
    expect(done.object).toBe('chat.completion');
    expect(done.choices[0]!.message).toMatchObject({ role: 'assistant', content: 'Two plus two is four.' });
    expect(done.choices[0]!.finish_reason).toBe('stop');
    expect(done.usage).toEqual({ prompt_tokens: 6, completion_tokens: 6, total_tokens: 12 });
  });

  it('frames SSE exactly like OpenAI: role chunk, deltas, finish, usage, [DONE]', async () => {
    server.script(replies.text('abcdefghij', { chunkChars: 4 }));
    const res = await post({ model: 'tutor-7b', messages: user('hi'), stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const raw = await res.text();
    expect(raw.endsWith('data: [DONE]\n\n')).toBe(true);
    const events = raw.split('\n\n').filter(Boolean);
    expect(events.every((e) => e.startsWith('data: ') && !e.includes('\n'))).toBe(true);
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice(6)) as { object: string; choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[]; usage: unknown });
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.slice(1, 4).map((c) => c.choices[0]!.delta.content)).toEqual(['abcd', 'efgh', 'ij']);
    expect(chunks[4]!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks[5]!.choices).toEqual([]);
    expect(chunks[5]!.usage).toEqual({ prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 });
    // With include_usage every other chunk carries `usage: null`, as OpenAI does.
    expect(chunks.slice(0, 5).every((c) => c.usage === null)).toBe(true);
  });

  it('omits the usage chunk unless include_usage is asked for, and the SDK parses the stream', async () => {
    server.script(replies.text('Hello there, student.'));
    const stream = await sdk().chat.completions.create({ model: 'tutor-7b', messages: user('hi'), stream: true });
    let text = '';
    let sawUsage = false;
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) sawUsage = true;
    }
    expect(text).toBe('Hello there, student.');
    expect(finish).toBe('stop');
    expect(sawUsage).toBe(false);
  });

  it('records request bodies and headers, answers replies in order, then the default', async () => {
    server.reset();
    server.script([replies.text('first'), replies.text('second')]);
    server.setDefaultReply({ content: 'fallback' });
    const texts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await sdk().chat.completions.create({ model: 'tutor-32b', messages: user(`q${i}`), temperature: 0.2 });
      texts.push(r.choices[0]!.message.content ?? '');
    }
    expect(texts).toEqual(['first', 'second', 'fallback']);
    expect(server.chatRequests).toHaveLength(3);
    expect(server.requests[1]!.body).toMatchObject({ model: 'tutor-32b', temperature: 0.2, messages: [{ role: 'user', content: 'q1' }] });
    expect(server.requests[1]!.headers.authorization).toBe('Bearer x');
    expect(server.requests[2]!.outcome).toBe('completed');
  });

  it('computes a reply from the request with the function form', async () => {
    server.script((req) => ({ content: `echo: ${String(req.body?.messages?.[0]?.content)}` }));
    const r = await sdk().chat.completions.create({ model: 'tutor-7b', messages: user('ping') });
    expect(r.choices[0]!.message.content).toBe('echo: ping');
  });

  it.each([
    [400, 'context_length_exceeded'],
    [401, 'invalid_api_key'],
    [403, 'model_not_allowed'],
    [404, 'model_not_found'],
    [429, 'rate_limit_exceeded'],
    [500, null],
    [502, null],
    [503, null],
  ])('sends an OpenAI-shaped error body for HTTP %i', async (status, code) => {
    server.script(replies.error(status));
    const res = await post({ model: 'tutor-7b', messages: user('hi'), stream: true });
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { message: string; type: string; param: unknown; code: unknown } };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(5);
  });

  it('sends Retry-After on a scripted 429', async () => {
    server.script(replies.error(429, { retryAfter: 7 }));
    const res = await post({ model: 'tutor-7b', messages: user('hi') });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
  });

  it('refuses a model it does not list with 404 model_not_found, without using up the script', async () => {
    server.script(replies.text('kept for later'));
    const res = await post({ model: 'gpt-nope', messages: user('hi') });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'model_not_found', message: expect.stringContaining('gpt-nope') });
    expect(server.pending).toBe(1);
    const ok = await sdk().chat.completions.create({ model: 'tutor-7b', messages: user('hi') });
    expect(ok.choices[0]!.message.content).toBe('kept for later');
  });

  it('streams a 1 MB completion whole', async () => {
    server.script(replies.huge(1_000_000));
    const stream = await sdk().chat.completions.create({ model: 'tutor-7b', messages: user('long'), stream: true });
    const parts: string[] = [];
    for await (const chunk of stream) parts.push(chunk.choices[0]?.delta.content ?? '');
    const text = parts.join('');
    expect(text.length).toBe(1_000_000);
    expect(text).toBe(hugeText(1_000_000));
  });

  it('records a scripted disconnect as server_dropped and a client abort as client_closed', async () => {
    server.reset();
    server.script(replies.text('a long answer that is cut', { disconnectAfterChunks: 2 }));
    await expect(post({ model: 'tutor-7b', messages: user('hi'), stream: true }).then((r) => r.text())).rejects.toThrow();
    expect(await server.settled(0)).toBe('server_dropped');

    server.script(replies.text('slow answer', { tokensPerSecond: 5 }));
    const res = await post({ model: 'tutor-7b', messages: user('hi'), stream: true });
    await res.body!.cancel();
    expect(await server.settled(1)).toBe('client_closed');
  });

  it('sends broken framing when asked for malformed SSE', async () => {
    server.script({ content: 'x', malformedSse: true });
    const stream = await sdk().chat.completions.create({ model: 'tutor-7b', messages: user('hi'), stream: true });
    await expect(
      (async () => {
        for await (const _chunk of stream) {
          /* drain */
        }
      })(),
    ).rejects.toThrow(SyntaxError);
  });
});

describe('scripted model server options', () => {
  it('rejects requests without the right bearer key with 401 invalid_api_key', async () => {
    const keyed = await startModelServer({ apiKey: 'sk-right' });
    try {
      const bad = await fetch(`${keyed.url}/models`, { headers: { authorization: 'Bearer sk-wrong' } });
      expect(bad.status).toBe(401);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_api_key');
      const none = await fetch(`${keyed.url}/models`);
      expect(none.status).toBe(401);
      const good = await fetch(`${keyed.url}/models`, { headers: { authorization: 'Bearer sk-right' } });
      expect(good.status).toBe(200);
    } finally {
      await keyed.close();
    }
  });

  it('answers 400 context_length_exceeded when the prompt is over its context size', async () => {
    const small = await startModelServer({ contextTokens: 10 });
    try {
      const res = await fetch(`${small.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'm', messages: user('x'.repeat(200)) }) });
      expect(res.status).toBe(400);
      const err = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(err.code).toBe('context_length_exceeded');
      expect(err.message).toContain('maximum context length is 10 tokens');
    } finally {
      await small.close();
    }
  });

  it('closes itself after the idle timeout, so a forgotten server cannot hold a process open', async () => {
    const idle = await startModelServer({ idleTimeoutMs: 100 });
    expect((await fetch(`${idle.url}/models`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(idle.closed).toBe(true);
    await expect(fetch(`${idle.url}/models`)).rejects.toThrow();
  });

  it('close() ends a stream in progress by destroying its socket', async () => {
    const s = await startModelServer();
    s.script(replies.text('never finishes in time', { tokensPerSecond: 2 }));
    const res = await fetch(`${s.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'm', messages: user('hi'), stream: true }) });
    const reading = res.text();
    const t0 = Date.now();
    await s.close();
    await expect(reading).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('scripted model server CLI', () => {
  it('serves a named scenario on the given port for manual runs', async () => {
    const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../support/model-server.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--port', '0', '--scenario', 'echo'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`CLI exited with ${code}: ${out}`)));
      });
      const r = await new OpenAI({ baseURL: url, apiKey: 'x', maxRetries: 0 }).chat.completions.create({ model: 'any', messages: user('say this back') });
      expect(r.choices[0]!.message.content).toBe('say this back');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
