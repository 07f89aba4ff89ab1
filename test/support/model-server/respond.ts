/**
 * Writes one scripted reply onto an HTTP response, byte-compatible with OpenAI's chat
 * completions API: a JSON `chat.completion`, or SSE `chat.completion.chunk` events ending in
 * `data: [DONE]`. Faults (stalls, disconnects, broken framing) are injected here.
 */
import { type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { errorBody, estimateTokens, hugeText, promptText, type ChatRequestBody, type ReplySpec, type ThinkingWireStyle } from './replies.js';

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

function usageFor(body: ChatRequestBody, completion: string, reasoningChars = 0) {
  const prompt_tokens = estimateTokens(promptText(body));
  const completion_tokens = estimateTokens(completion);
  return {
    prompt_tokens,
    completion_tokens,
    total_tokens: prompt_tokens + completion_tokens,
    ...(reasoningChars ? { completion_tokens_details: { reasoning_tokens: estimateTokens(' '.repeat(reasoningChars)) } } : {}),
  };
}

type Field = 'content' | 'reasoning_content' | 'reasoning';

/** A run of text for one delta field, in the order the server sends it. */
interface Segment {
  field: Field;
  text: string;
  /** Send exactly these pieces instead of chunking `text`. */
  pieces?: string[];
}

const OPEN: Partial<Record<ThinkingWireStyle, string>> = { think: '<think>', thinking: '<thinking>', 'thought-markers': '<|begin_of_thought|>' };
const CLOSE: Partial<Record<ThinkingWireStyle, string>> = { think: '</think>', thinking: '</thinking>', 'bare-close': '</think>', 'thought-markers': '<|end_of_thought|>' };

/** The reply as delta fields: thinking (inline or in its own field) and the answer. */
function segmentsOf(spec: ReplySpec, content: string): Segment[] {
  const reasoning = spec.reasoning ?? '';
  const style = spec.thinkingStyle ?? 'think';
  const unclosed = spec.thinkingUnclosed === true;
  const field: Field | null = style === 'reasoning_content' || style === 'reasoning' ? style : null;
  const segments: Segment[] = [];
  if (field && (reasoning || unclosed)) segments.push({ field, text: reasoning });
  if (spec.chunks) {
    segments.push({ field: 'content', text: spec.chunks.join(''), pieces: spec.chunks });
    return segments;
  }
  if (spec.reasoning === undefined && !unclosed) return [{ field: 'content', text: content }];
  if (field) {
    if (!unclosed) segments.push({ field: 'content', text: content });
    return segments;
  }
  const solution = style === 'thought-markers' ? `<|begin_of_solution|>\n${content}\n<|end_of_solution|>` : content;
  const text = unclosed ? `${OPEN[style] ?? ''}${reasoning}` : `${OPEN[style] ?? ''}${reasoning}${CLOSE[style]}\n\n${solution}`;
  return [{ field: 'content', text }];
}

/** Keep at most `chars` characters across the segments; true when anything was cut. */
function cutTo(segments: Segment[], chars: number): boolean {
  let left = chars;
  let cut = false;
  for (const seg of segments) {
    if (seg.text.length > left) {
      seg.text = seg.text.slice(0, Math.max(0, left));
      delete seg.pieces;
      cut = true;
    }
    left -= seg.text.length;
  }
  return cut;
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
  const segments = segmentsOf(spec, content);
  const budget = typeof ctx.body.max_tokens === 'number' ? ctx.body.max_tokens : null;
  const cut = spec.honorMaxTokens === true && budget !== null && cutTo(segments, budget * 4);
  const finishReason = spec.finishReason ?? (cut || spec.thinkingUnclosed ? 'length' : 'stop');
  const answer = segments.filter((g) => g.field === 'content').map((g) => g.text).join('');
  const thought = segments.filter((g) => g.field !== 'content').map((g) => g.text).join('');
  // Billed as reasoning tokens: the field's text, or about as much of the content as the thinking was.
  const reasoningChars = thought.length || Math.min(spec.reasoning?.length ?? 0, answer.length);

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
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: answer, refusal: null, ...(segments.some((g) => g.field !== 'content') ? { [segments[0]!.field]: thought } : {}) },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage: usageFor(ctx.body, answer + thought, reasoningChars),
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
  const pieces = segments.flatMap((g) => (g.pieces ?? chunkText(g.text, Math.max(1, size))).map((text) => ({ field: g.field, text })));
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
    const piece = pieces[i]!;
    // DeepSeek sends `content: null` beside reasoning_content; Ollama sends `content: ""` beside reasoning.
    const delta =
      piece.field === 'content' ? { content: piece.text } : { content: piece.field === 'reasoning_content' ? null : '', [piece.field]: piece.text };
    const ok = event([choice(delta)]);
    // Respect back-pressure so a 1 MB reply does not balloon memory.
    if (!ok) await drained(res);
  }
  if (gone(res)) return;
  event([choice({}, finishReason)]);
  if (includeUsage) event([], { usage: usageFor(ctx.body, answer + thought, reasoningChars) });
  res.write('data: [DONE]\n\n');
  res.end();
}
