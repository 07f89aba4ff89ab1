/**
 * The scripted model server must speak OpenAI's wire format exactly, or every model test
 * built on it proves nothing. Checked here with raw fetch (bytes) and the real `openai` SDK.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hugeText, replies, startModelServer, THINKING_WIRE_STYLES, type ModelServer } from '../../support/model-server.js';

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

interface Delta {
  role?: string;
  content?: string | null;
  reasoning_content?: string;
  reasoning?: string;
}
interface Chunk {
  choices: { delta: Delta; finish_reason: string | null }[];
  usage?: { completion_tokens: number; completion_tokens_details?: { reasoning_tokens: number } } | null;
}

/** The raw SSE reply to a streamed request, as parsed chunks (the [DONE] line checked and dropped). */
async function streamed(body: Record<string, unknown> = {}): Promise<{ chunks: Chunk[]; deltas: Delta[]; content: string; finish: string | null }> {
  const res = await post({ model: 'tutor-7b', messages: user('hi'), stream: true, stream_options: { include_usage: true }, ...body });
  const raw = await res.text();
  expect(raw.endsWith('data: [DONE]\n\n')).toBe(true);
  const chunks = raw
    .split('\n\n')
    .filter((e) => e.startsWith('data: {'))
    .map((e) => JSON.parse(e.slice(6)) as Chunk);
  const deltas = chunks.slice(1).flatMap((c) => c.choices.map((ch) => ch.delta)).filter((d) => Object.keys(d).length > 0);
  const content = deltas.map((d) => d.content ?? '').join('');
  const finish = chunks.flatMap((c) => c.choices.map((ch) => ch.finish_reason)).find((f) => f !== null) ?? null;
  return { chunks, deltas, content, finish };
}

describe('scripted model server: reasoning models', () => {
  const R = 'First square 12: that is 144.';
  const A = '12 × 12 = 144';

  it('sends inline thinking closed, in every inline style', async () => {
    server.script(replies.thinking(R, A, 'think'), replies.thinking(R, A, 'thinking'), replies.thinking(R, A, 'thought-markers'));
    expect((await streamed()).content).toBe(`<think>${R}</think>\n\n${A}`);
    expect((await streamed()).content).toBe(`<thinking>${R}</thinking>\n\n${A}`);
    expect((await streamed()).content).toBe(`<|begin_of_thought|>${R}<|end_of_thought|>\n\n<|begin_of_solution|>\n${A}\n<|end_of_solution|>`);
  });

  it('sends a bare </think> when the chat template opened the block', async () => {
    server.script(replies.thinking(R, A, 'bare-close', { chunkChars: 3 }));
    const { content, deltas, finish } = await streamed();
    expect(content).toBe(`${R}</think>\n\n${A}`);
    expect(content).not.toContain('<think>');
    // Chunked at 3 characters, so the closing tag itself arrives split.
    expect(deltas.some((d) => d.content && d.content.length === 3 && '</think>'.includes(d.content.slice(0, 2)))).toBe(true);
    expect(finish).toBe('stop');
  });

  it('sends reasoning_content deltas with content null (DeepSeek), then the answer', async () => {
    server.script(replies.thinking(R, A, 'reasoning_content', { chunkChars: 8 }));
    const { deltas, content, chunks } = await streamed();
    const thinking = deltas.filter((d) => d.reasoning_content !== undefined);
    expect(thinking.map((d) => d.reasoning_content).join('')).toBe(R);
    expect(thinking.every((d) => d.content === null)).toBe(true);
    // All thinking comes before any answer.
    const firstAnswer = deltas.findIndex((d) => typeof d.content === 'string' && d.content !== '');
    expect(deltas.slice(firstAnswer).some((d) => d.reasoning_content !== undefined)).toBe(false);
    expect(content).toBe(A);
    expect(chunks.at(-1)!.usage!.completion_tokens_details).toEqual({ reasoning_tokens: Math.ceil(R.length / 4) });
  });

  it('sends reasoning deltas with content "" (Ollama), then the answer', async () => {
    server.script(replies.thinking(R, A, 'reasoning'));
    const { deltas, content } = await streamed();
    const thinking = deltas.filter((d) => d.reasoning !== undefined);
    expect(thinking.map((d) => d.reasoning).join('')).toBe(R);
    expect(thinking.every((d) => d.content === '')).toBe(true);
    expect(content).toBe(A);
  });

  it('sends unclosed thinking cut by length, in every style', async () => {
    for (const style of THINKING_WIRE_STYLES) {
      server.script(replies.thinkingCut(R, style));
      const { content, deltas, finish } = await streamed();
      expect(finish, style).toBe('length');
      const field = deltas.map((d) => d.reasoning_content ?? d.reasoning ?? '').join('');
      if (style === 'reasoning_content' || style === 'reasoning') {
        expect(field, style).toBe(R);
        expect(content, style).toBe('');
      } else {
        expect(field, style).toBe('');
        expect(content, style).toContain(R);
        expect(content, style).not.toMatch(/<\/think>|<\/thinking>|end_of_thought/);
        expect(content.endsWith(R), style).toBe(true);
      }
    }
  });

  it('honours max_tokens when asked: cut at four characters a token, finish_reason "length"', async () => {
    const reply = replies.thinking('x'.repeat(400), 'The answer.', 'think', { honorMaxTokens: true });
    server.script(reply, reply, reply);
    const cut = await streamed({ max_tokens: 50 });
    expect(cut.content).toBe(`<think>${'x'.repeat(193)}`);
    expect(cut.finish).toBe('length');
    const whole = await streamed({ max_tokens: 200 });
    expect(whole.content).toBe(`<think>${'x'.repeat(400)}</think>\n\nThe answer.`);
    expect(whole.finish).toBe('stop');
    // Without max_tokens there is nothing to honour.
    expect((await streamed()).finish).toBe('stop');
  });

  it('streams exact content pieces, e.g. a tag split across chunks', async () => {
    server.script({ chunks: ['<th', 'ink>hm</thi', 'nk>', 'Answer'] });
    const { deltas } = await streamed();
    expect(deltas.map((d) => d.content)).toEqual(['<th', 'ink>hm</thi', 'nk>', 'Answer']);
  });

  it('puts the reasoning field on the message of a non-streamed reply', async () => {
    server.script(replies.thinking(R, A, 'reasoning_content'), replies.thinking(R, A, 'bare-close'));
    const res = await post({ model: 'tutor-7b', messages: user('hi') });
    const body = (await res.json()) as { choices: { message: { content: string; reasoning_content?: string } }[] };
    expect(body.choices[0]!.message).toMatchObject({ content: A, reasoning_content: R });
    const inline = (await (await post({ model: 'tutor-7b', messages: user('hi') })).json()) as typeof body;
    expect(inline.choices[0]!.message.content).toBe(`${R}</think>\n\n${A}`);
  });

  it('can make every reply think (server option, changeable), leaving errors and own thinking alone', async () => {
    const s = await startModelServer({ thinking: { style: 'bare-close', text: (req) => `thinking about ${req.body?.messages?.length ?? 0} message(s)` } });
    try {
      const ask = async () => {
        const res = await fetch(`${s.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'm', messages: user('hi'), stream: false }) });
        return { status: res.status, content: ((await res.json()) as { choices?: { message: { content: string } }[] }).choices?.[0]?.message.content };
      };
      s.script(replies.text('plain'), replies.error(503), replies.thinking('mine', 'own', 'think'));
      expect(await ask()).toEqual({ status: 200, content: 'thinking about 1 message(s)</think>\n\nplain' });
      expect((await ask()).status).toBe(503);
      expect((await ask()).content).toBe('<think>mine</think>\n\nown');
      s.setThinking({ style: 'think', text: 'now tagged' });
      s.script(replies.text('plain'));
      expect((await ask()).content).toBe('<think>now tagged</think>\n\nplain');
      s.setThinking(null);
      s.script(replies.text('plain'));
      expect((await ask()).content).toBe('plain');
    } finally {
      await s.close();
    }
  });
});

describe('scripted model server CLI', () => {
  const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../support/model-server.ts');
  const serve = (args: string[]) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`CLI exited with ${code}: ${out}`)));
    });
    return { child, url };
  };

  it('serves reasoning scenarios, and adds thinking to any scenario with --thinking', async () => {
    const a = serve(['--scenario', 'reasoning-field']);
    const b = serve(['--scenario', 'echo', '--thinking', 'bare-close']);
    try {
      const r = await new OpenAI({ baseURL: await a.url, apiKey: 'x', maxRetries: 0 }).chat.completions.create({ model: 'any', messages: user('Find x.') });
      const msg = r.choices[0]!.message as { content: string | null; reasoning_content?: string };
      expect(msg.reasoning_content).toContain('The question asks for a plan');
      expect(msg.content).toBe('Here is how to begin: restate "Find x." in your own words.');
      const e = await new OpenAI({ baseURL: await b.url, apiKey: 'x', maxRetries: 0 }).chat.completions.create({ model: 'any', messages: user('say this back') });
      expect(e.choices[0]!.message.content).toBe('Let me think about what the question asks before I answer.</think>\n\nsay this back');
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
    }
  });

  it('serves a named scenario on the given port for manual runs', async () => {
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
