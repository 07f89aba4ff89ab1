/**
 * Writes one scripted reply onto an HTTP response, byte-compatible with OpenAI's chat
 * completions API: a JSON `chat.completion`, or SSE `chat.completion.chunk` events ending in
 * `data: [DONE]`. Faults (stalls, disconnects, broken framing) are injected here.
 */
import { type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { errorBody, estimateTokens, hugeText, promptText, type ChatRequestBody, type ReplySpec } from './replies.js';

/** A timer that never keeps the process alive and ends early when the response closes. */
export function pause(ms: number, res?: ServerResponse): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res?.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    res?.once('close', done);
  });
}

/** Wait for the socket buffer to empty (or the client to leave). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

const gone = (res: ServerResponse) => res.destroyed || res.writableEnded;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-request-id': `req_${randomUUID().slice(0, 12)}`,
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, spec: NonNullable<ReplySpec['error']>): void {
  const headers: Record<string, string> = {};
  if (spec.retryAfter !== undefined) headers['retry-after'] = String(spec.retryAfter);
  sendJson(res, spec.status, errorBody(spec), headers);
}

interface ReplyContext {
  body: ChatRequestBody;
  /** Called when the reply deliberately cut the connection. */
  markDropped: () => void;
}

function chunkText(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function usageFor(body: ChatRequestBody, completion: string) {
  const prompt_tokens = estimateTokens(promptText(body));
  const completion_tokens = estimateTokens(completion);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

/** Answer a chat completion request according to `spec`. Resolves when the reply is written. */
export async function writeCompletion(res: ServerResponse, spec: ReplySpec, ctx: ReplyContext): Promise<void> {
  await pause(spec.delayBeforeFirstByteMs ?? 0, res);
  if (gone(res)) return;
  if (spec.error) return sendError(res, spec.error);

  const content = spec.hugeBytes !== undefined ? hugeText(spec.hugeBytes) : (spec.content ?? '');
  const model = spec.model ?? ctx.body.model ?? 'scripted-model';
  const id = `chatcmpl-${randomUUID().replace(/-/g, '').slice(0, 24)}`;
  const created = Math.floor(Date.now() / 1000);
  const finishReason = spec.finishReason ?? 'stop';

  if (!ctx.body.stream) {
    if (spec.disconnectAfterChunks !== undefined) {
      ctx.markDropped();
      res.socket?.destroy();
      return;
    }
    if (spec.malformedSse) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "chatcmpl-broken", "choices": [');
      return;
    }
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      system_fingerprint: null,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finishReason }],
      usage: usageFor(ctx.body, content),
    });
    return;
  }

  const includeUsage = ctx.body.stream_options?.include_usage === true;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-request-id': `req_${randomUUID().slice(0, 12)}`,
  });
  const event = (choices: unknown[], extra: Record<string, unknown> = {}) => {
    const chunk = { id, object: 'chat.completion.chunk', created, model, system_fingerprint: null, choices, ...extra };
    if (includeUsage && !('usage' in extra)) (chunk as Record<string, unknown>).usage = null;
    return res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  };
  const choice = (delta: Record<string, unknown>, finish: string | null = null) => ({ index: 0, delta, logprobs: null, finish_reason: finish });

  event([choice({ role: 'assistant', content: '' })]);
  if (spec.malformedSse) {
    // A truncated JSON object followed by a line that is not SSE at all.
    res.write('data: {"id": "chatcmpl-broken", "choices": [{"delta": {"content": "ha\n\nthis is not server-sent events\n\n');
    res.end();
    return;
  }

  const size = spec.chunkChars ?? (spec.hugeBytes !== undefined ? 16_384 : 4);
  const pieces = chunkText(content, Math.max(1, size));
  const gapMs = spec.tokensPerSecond ? 1000 / spec.tokensPerSecond : 0;
  const stallAfter = spec.stallAfterChunks ?? 1;
  for (let i = 0; i <= pieces.length; i++) {
    if (spec.disconnectAfterChunks === i) {
      // Let the chunks already written reach the client first, so the cut is truly mid-stream.
      await new Promise<void>((resolve) => res.write(': flush\n\n', () => resolve()));
      ctx.markDropped();
      res.socket?.destroy();
      return;
    }
    if (spec.stallMidStreamMs && i === stallAfter) await pause(spec.stallMidStreamMs, res);
    if (i === pieces.length) break;
    if (gapMs && i > 0) await pause(gapMs, res);
    if (gone(res)) return;
    const ok = event([choice({ content: pieces[i] })]);
    // Respect back-pressure so a 1 MB reply does not balloon memory.
    if (!ok) await drained(res);
  }
  if (gone(res)) return;
  event([choice({}, finishReason)]);
  if (includeUsage) event([], { usage: usageFor(ctx.body, content) });
  res.write('data: [DONE]\n\n');
  res.end();
}
