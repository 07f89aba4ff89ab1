/**
 * What a scripted reply can say, and the OpenAI-shaped error bodies the scripted server sends.
 * Kept apart from the HTTP code so tests can build replies without reading the server.
 */

/** One request as the scripted server saw it; tests assert on these. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (null for GET or unparsable bodies). */
  body: ChatRequestBody | null;
  receivedAt: number;
  /**
   * How the exchange ended: 'completed' (server wrote everything), 'client_closed' (the client
   * went away first, e.g. cancel or timeout), 'server_dropped' (a scripted disconnect).
   */
  outcome: 'pending' | 'completed' | 'client_closed' | 'server_dropped';
}

export interface ChatRequestBody {
  model?: string;
  messages?: { role: string; content: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [key: string]: unknown;
}

export interface ScriptedError {
  status: number;
  /** OpenAI `error.code`, e.g. `invalid_api_key`; defaults per status. */
  code?: string | null;
  message?: string;
  type?: string;
  param?: string | null;
  /** Sent as the Retry-After header: seconds, or an HTTP date string. */
  retryAfter?: number | string;
}

/**
 * How a reasoning model's thinking goes over the wire, as real servers send it:
 * - 'think', 'thinking': inline `<think>…</think>` / `<thinking>…</thinking>` before the answer
 *   (Ollama, LM Studio and llama.cpp with reasoning parsing off; vLLM without a reasoning parser
 *   when the chat template does not open the block);
 * - 'bare-close': `…</think>` with no opening tag, because the chat template opened the block
 *   in the prompt (DeepSeek-R1 / QwQ templates on vLLM without a reasoning parser);
 * - 'thought-markers': `<|begin_of_thought|>…<|end_of_thought|>` then the answer inside
 *   `<|begin_of_solution|>…<|end_of_solution|>` (Sky-T1 / OpenThoughts-style fine-tunes);
 * - 'reasoning_content': separate `delta.reasoning_content` events with `content: null`, then
 *   the answer (DeepSeek API, vLLM with a reasoning parser, llama.cpp, LM Studio);
 * - 'reasoning': separate `delta.reasoning` events with `content: ""` (Ollama, newer vLLM).
 */
export type ThinkingWireStyle = 'think' | 'thinking' | 'bare-close' | 'thought-markers' | 'reasoning_content' | 'reasoning';

export const THINKING_WIRE_STYLES: readonly ThinkingWireStyle[] = ['think', 'thinking', 'bare-close', 'thought-markers', 'reasoning_content', 'reasoning'];

/** Thinking for every reply of a server that does not script its own (see ModelServerOptions.thinking). */
export interface ThinkingScript {
  style: ThinkingWireStyle;
  /** The thinking text, or a function of the request it answers. */
  text: string | ((request: RecordedRequest) => string);
  /** Cut replies at the request's max_tokens (see ReplySpec.honorMaxTokens). */
  honorMaxTokens?: boolean;
}

export interface ReplySpec {
  /** The completion text (the answer). Ignored when `error` or `hugeBytes` is set. */
  content?: string;
  /** What the model thinks before answering, sent in `thinkingStyle` (default 'think'). */
  reasoning?: string;
  thinkingStyle?: ThinkingWireStyle;
  /**
   * The thinking never ends: only the thinking is sent (no closing tag, no answer; `content`
   * is ignored) and finish_reason defaults to "length", as when max_tokens runs out mid-thought.
   */
  thinkingUnclosed?: boolean;
  /**
   * Cut the whole completion (thinking included) after the request's max_tokens, counted as
   * four characters a token, and finish with "length": what a real server does.
   */
  honorMaxTokens?: boolean;
  /**
   * Stream the content as exactly these pieces (after any reasoning-field events), e.g. to
   * split a tag across chunks: ['<thi', 'nk>hmm</th', 'ink>Answer']. Overrides `content`,
   * `chunkChars` and the inline thinking styles.
   */
  chunks?: string[];
  /** Stream the content in chunks of this many characters (default 4, about one token). */
  chunkChars?: number;
  /** Pace chunks at this rate; unset means as fast as possible. */
  tokensPerSecond?: number;
  /** Wait this long before sending anything (not even headers). */
  delayBeforeFirstByteMs?: number;
  /** Pause for this long mid-stream, after `stallAfterChunks` content chunks (default 1). */
  stallMidStreamMs?: number;
  stallAfterChunks?: number;
  /** Destroy the socket after this many content chunks (0 = right after the role chunk). */
  disconnectAfterChunks?: number;
  /** Send broken SSE framing / broken JSON instead of a valid reply. */
  malformedSse?: boolean;
  /** Answer with an OpenAI-shaped error instead of a completion. */
  error?: ScriptedError;
  /** A completion of this many bytes of ASCII text (e.g. 1_000_000 for 1 MB). */
  hugeBytes?: number;
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** Report this model name instead of the requested one. */
  model?: string;
}

/** A reply, or a function computing one from the request it answers. */
export type Reply = ReplySpec | ((request: RecordedRequest) => ReplySpec | Promise<ReplySpec>);

/** Rough token count the way the scripted server bills: about four characters a token. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

export function promptText(body: ChatRequestBody | null): string {
  return (body?.messages ?? [])
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '')))
    .join('\n');
}

/** Deterministic filler so a huge completion can be checked byte for byte. */
export function hugeText(bytes: number): string {
  const line = 'The quick brown fox proves that 2 + 2 = 4 for every step of the way.\n';
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

const DEFAULT_ERRORS: Record<number, { message: string; type: string; code: string | null; param?: string | null }> = {
  400: {
    message:
      "This model's maximum context length is 4096 tokens. However, your messages resulted in 5000 tokens. Please reduce the length of the messages.",
    type: 'invalid_request_error',
    code: 'context_length_exceeded',
    param: 'messages',
  },
  401: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { message: 'You are not allowed to use this model.', type: 'invalid_request_error', code: 'model_not_allowed' },
  404: { message: 'The model does not exist or you do not have access to it.', type: 'invalid_request_error', code: 'model_not_found', param: 'model' },
  429: { message: 'Rate limit reached for requests. Please try again shortly.', type: 'requests', code: 'rate_limit_exceeded' },
  500: { message: 'The server had an error while processing your request.', type: 'server_error', code: null },
  502: { message: 'Bad gateway.', type: 'server_error', code: null },
  503: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null },
};

/** The `{error:{message,type,param,code}}` body OpenAI sends for a status. */
export function errorBody(err: ScriptedError): { error: { message: string; type: string; param: string | null; code: string | null } } {
  const base = DEFAULT_ERRORS[err.status] ?? { message: `Scripted error ${err.status}.`, type: 'server_error', code: null };
  return {
    error: {
      message: err.message ?? base.message,
      type: err.type ?? base.type,
      param: err.param !== undefined ? err.param : (base.param ?? null),
      code: err.code !== undefined ? err.code : base.code,
    },
  };
}

/** Short-hands for the replies tests use most. */
export const replies = {
  text: (content: string, extra: Omit<ReplySpec, 'content'> = {}): ReplySpec => ({ content, ...extra }),
  /** A reasoning model: `reasoning` in `style`, then `answer`. */
  thinking: (reasoning: string, answer: string, style: ThinkingWireStyle = 'think', extra: Omit<ReplySpec, 'content' | 'reasoning' | 'thinkingStyle'> = {}): ReplySpec => ({
    content: answer,
    reasoning,
    thinkingStyle: style,
    ...extra,
  }),
  /** A reasoning model cut off by max_tokens while still thinking: no answer, finish_reason "length". */
  thinkingCut: (reasoning: string, style: ThinkingWireStyle = 'think', extra: Omit<ReplySpec, 'content' | 'reasoning' | 'thinkingStyle' | 'thinkingUnclosed'> = {}): ReplySpec => ({
    reasoning,
    thinkingStyle: style,
    thinkingUnclosed: true,
    ...extra,
  }),
  error: (status: number, extra: Omit<ScriptedError, 'status'> = {}): ReplySpec => ({ error: { status, ...extra } }),
  empty: (): ReplySpec => ({ content: '' }),
  huge: (bytes = 1_000_000): ReplySpec => ({ hugeBytes: bytes }),
};
