/**
 * The app's one way to talk to a model: OpenAI-compatible chat completions, always streamed,
 * cancellable by request id, with our own timeouts and retry policy (the SDK's are off so
 * there is exactly one policy, and it never restarts an answer already on screen).
 */
import OpenAI from 'openai';
import { DEFAULT_THINKING_RETRY, largerBudget, type ThinkingRetryPolicy } from './budgets.js';
import { classifyRequestError, classifyStreamError, type FailureContext } from './classify.js';
import { failures, ModelFailure } from './failure.js';
import { ThinkingFilter } from './reasoning.js';
import { backoffMs, DEFAULT_RETRY_POLICY, isRetryable, type RetryPolicy } from './retry-policy.js';
import { PlainEndpoints, refusesStructuredOutput, structuredMode, withoutFormat } from './structured-output.js';
import { type CompletionRequest, type CompletionResult, type ModelEndpoint, type ThinkingInfo, type TokenUsage, type UsageRecord } from './types.js';

export interface ModelClientOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Retries before the first token (default 2, so at most 3 attempts). */
  maxRetries?: number;
  retry?: Partial<Omit<RetryPolicy, 'maxRetries'>>;
  random?: () => number;
  /** Longest wait for response headers, unless the endpoint sets `timeoutMs` (default 120 s: big prompts prefill slowly). */
  firstByteTimeoutMs?: number;
  /** Longest gap between streamed chunks, unless the endpoint sets `timeoutMs` (default 60 s). */
  idleTimeoutMs?: number;
  /** Called after every successful completion with its token usage. */
  onUsage?: (record: UsageRecord) => void;
  /** The one retry at a larger budget after a reply that was all thinking; false turns it off. */
  thinkingRetry?: ThinkingRetryPolicy | false;
}

/** What one attempt produced; `allThinking` when the model thought but wrote no answer. */
interface AttemptResult {
  text: string;
  usage: TokenUsage | null;
  finishReason: string | null;
  thinking: ThinkingInfo;
  allThinking: boolean;
}

/**
 * How an endpoint (base URL + model) was seen to reply: 'implicit' when its chat template
 * opens the thinking block (replies start inside it and only `</think>` arrives), 'plain'
 * when replies start with answer text, an explicit tag, or use a reasoning field.
 */
type ThinkingProfile = 'implicit' | 'plain';
const MAX_PROFILES = 64;
/** Below this many tokens of room, clamping max_tokens to the context is not worth a retry. */
const MIN_CLAMPED_TOKENS = 256;

/** Where an attempt got to, so a failure can tell whether a retry is still honest. */
interface AttemptState {
  /** When the first answer text went to onDelta (or, unstreamed, was known). */
  firstTokenAt: number | null;
  /** When the first text of any kind (answer or thinking) arrived from the server. */
  firstDeltaAt: number | null;
}

const LIST_MODELS_TIMEOUT_MS = 10_000;

/** Bounds of one POST /v1/embeddings call: batch larger lists; longer texts are cut. */
export const EMBED_LIMITS = { maxInputs: 64, maxChars: 2_000, timeoutMs: 30_000, probeTimeoutMs: 10_000 } as const;
/** Model names that are embedding models (vLLM, Ollama and llama.cpp serve them beside chat models). */
const EMBEDDING_MODEL_NAME = /embed|bge|\be5\b|e5-|gte|minilm|mpnet|nomic|jina|arctic/i;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ModelClient {
  private readonly active = new Map<string, AbortController>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly policy: RetryPolicy;
  private readonly thinkingRetry: ThinkingRetryPolicy | false;
  private readonly profiles = new Map<string, ThinkingProfile>();
  /** Per endpoint (base URL + model): the model that embeds there, or null when none does. */
  private readonly embedders = new Map<string, Promise<string | null>>();
  /** Endpoints that refused `response_format` (asked plainly from then on, in 'auto' mode). */
  private readonly plain = new PlainEndpoints();

  constructor(private readonly opts: ModelClientOptions = {}) {
    this.sleep = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? (() => performance.now());
    this.random = opts.random ?? Math.random;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...opts.retry, maxRetries: opts.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries };
    this.thinkingRetry = opts.thinkingRetry ?? DEFAULT_THINKING_RETRY;
  }

  /**
   * Embedding vectors for `inputs` (POST /v1/embeddings, floats), in input order. At most
   * EMBED_LIMITS.maxInputs inputs per call, each cut to maxChars; never retried. Rejects with a
   * ModelFailure (unreachable, timeout, 404 no such API/model, malformed reply, …).
   */
  async embed(ep: ModelEndpoint, inputs: readonly string[], opts: { model?: string; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<{ model: string; vectors: number[][] }> {
    if (!inputs.length) throw new RangeError('embed needs at least one input text.');
    if (inputs.length > EMBED_LIMITS.maxInputs) throw new RangeError(`embed takes at most ${EMBED_LIMITS.maxInputs} texts per call (got ${inputs.length}); send them in batches.`);
    const model = opts.model ?? ep.model;
    const timeoutMs = opts.timeoutMs ?? ep.timeoutMs ?? EMBED_LIMITS.timeoutMs;
    const input = inputs.map((t) => t.slice(0, EMBED_LIMITS.maxChars));
    let reply: { data?: unknown };
    try {
      reply = await this.sdk(ep, timeoutMs).embeddings.create({ model, input, encoding_format: 'float' }, { timeout: timeoutMs, maxRetries: 0, ...(opts.signal ? { signal: opts.signal } : {}) });
    } catch (err) {
      const f = classifyRequestError(err, this.context({ ...ep, model }, 'listModels'));
      throw f.code === 'timeout' ? failures.timeout(ep.baseUrl, 'first_byte', timeoutMs) : f;
    }
    const data = reply.data;
    if (!Array.isArray(data) || data.length !== input.length) {
      throw failures.malformed(ep.baseUrl, `the embeddings reply held ${Array.isArray(data) ? data.length : 'no'} vectors for ${input.length} texts`);
    }
    const vectors: number[][] = new Array<number[]>(input.length);
    let dims = -1;
    data.forEach((d: { index?: unknown; embedding?: unknown }, i) => {
      const at = typeof d?.index === 'number' && Number.isInteger(d.index) && d.index >= 0 && d.index < input.length ? d.index : i;
      const e = d?.embedding;
      if (!Array.isArray(e) || e.length === 0 || (dims >= 0 && e.length !== dims) || !e.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw failures.malformed(ep.baseUrl, `embedding ${i} of the reply is not a list of numbers of one length (was encoding_format "float" ignored?)`);
      }
      dims = e.length;
      vectors[at] = e as number[];
    });
    if (vectors.some((v) => v === undefined)) throw failures.malformed(ep.baseUrl, 'the embeddings reply repeated an index and left another out');
    return { model, vectors };
  }

  /**
   * The model that embeds at this endpoint, or null when none does: found once per endpoint
   * (base URL + model) and remembered. The endpoint's own model is tried first (Ollama and
   * llama.cpp with --embeddings embed with it), then up to two listed models named like
   * embedding models, each with one short probe.
   */
  embeddingModel(ep: ModelEndpoint): Promise<string | null> {
    const key = `${ep.baseUrl}\n${ep.model}`;
    let found = this.embedders.get(key);
    if (!found) {
      found = this.probeEmbeddings(ep);
      this.embedders.set(key, found);
      if (this.embedders.size > MAX_PROFILES) this.embedders.delete(this.embedders.keys().next().value!);
    }
    return found;
  }

  private async probeEmbeddings(ep: ModelEndpoint): Promise<string | null> {
    const timeoutMs = Math.min(ep.timeoutMs ?? EMBED_LIMITS.probeTimeoutMs, EMBED_LIMITS.probeTimeoutMs);
    const works = (model: string) =>
      this.embed(ep, ['probe'], { model, timeoutMs }).then(
        () => true,
        () => false,
      );
    if (await works(ep.model)) return ep.model;
    const listed = await this.listModels({ ...ep, timeoutMs }).then(
      (r) => r.models,
      () => [] as string[],
    );
    for (const model of listed.filter((m) => m !== ep.model && EMBEDDING_MODEL_NAME.test(m)).slice(0, 2)) {
      if (await works(model)) return model;
    }
    return null;
  }

  /** Ask the server which models it serves; also a connection test. */
  async listModels(ep: ModelEndpoint): Promise<{ models: string[]; latencyMs: number }> {
    const start = this.now();
    const ctx = this.context(ep, 'listModels');
    const timeoutMs = ep.timeoutMs ?? LIST_MODELS_TIMEOUT_MS;
    let page: Awaited<ReturnType<OpenAI['models']['list']>>;
    try {
      page = await this.sdk(ep, timeoutMs).models.list({ timeout: timeoutMs });
    } catch (err) {
      const f = classifyRequestError(err, ctx);
      throw f.code === 'timeout' ? failures.timeout(ep.baseUrl, 'first_byte', timeoutMs) : f;
    }
    const data: unknown = page.data;
    if (!Array.isArray(data)) throw failures.noApiHere(ep.baseUrl);
    const models = data.map((m: { id?: unknown }) => (typeof m?.id === 'string' ? m.id : '')).filter(Boolean);
    return { models, latencyMs: Math.round(this.now() - start) };
  }

  /**
   * Stream a chat completion; `onDelta` gets each piece of answer text as it arrives (never
   * the model's thinking: see reasoning.ts). Resolves with the answer, or rejects with a
   * ModelFailure (code 'cancelled' if `cancel(requestId)` was called, 'thinking_exhausted' when
   * the model thought but wrote no answer, after one retry at a larger budget).
   */
  async complete(ep: ModelEndpoint, req: CompletionRequest, onDelta?: (text: string) => void): Promise<CompletionResult> {
    if (this.active.has(req.requestId)) throw new Error(`A model request with id "${req.requestId}" is already running.`);
    const cancel = new AbortController();
    this.active.set(req.requestId, cancel);
    const start = this.now();
    // The budget for this call; raised once after a reply that was all thinking, or lowered
    // once to what the server's context window leaves room for.
    let maxTokens = req.maxTokens ?? ep.maxTokens;
    let thinkingRetried: number | undefined;
    let clamped = false;
    let attempts = 0;
    let spent: TokenUsage | null = null;
    // Without response_format when the endpoint's setting or an earlier refusal says so.
    let sent = this.plain.shape(ep, req);
    try {
      for (let attempt = 0; ; attempt++) {
        const state: AttemptState = { firstTokenAt: null, firstDeltaAt: null };
        try {
          attempts++;
          const result = await this.attempt(ep, sent, maxTokens, cancel.signal, state, onDelta);
          spent = addUsage(spent, result.usage);
          if (result.allThinking) {
            const cut = result.finishReason === 'length';
            const next = cut && maxTokens !== undefined && this.thinkingRetry ? largerBudget(maxTokens, this.thinkingRetry) : null;
            // Thinking never reaches the learner, so asking again with more room is honest.
            if (next !== null && thinkingRetried === undefined && state.firstTokenAt === null) {
              thinkingRetried = maxTokens;
              maxTokens = next;
              continue;
            }
            const suggest = maxTokens !== undefined ? Math.max(maxTokens * 2, 1024) : undefined;
            throw failures.thinkingExhausted({ finishReason: result.finishReason, ...(maxTokens !== undefined ? { maxTokens } : {}), ...(suggest ? { suggest } : {}) });
          }
          const { allThinking: _all, ...answer } = result;
          const done: CompletionResult = {
            ...answer,
            usage: spent,
            latencyMs: Math.round(this.now() - start),
            firstTokenMs: state.firstTokenAt === null ? null : Math.round(state.firstTokenAt - start),
            structured: sent.responseFormat !== undefined,
          };
          this.opts.onUsage?.({ requestId: req.requestId, baseUrl: ep.baseUrl, model: ep.model, usage: done.usage, latencyMs: done.latencyMs, attempts });
          return done;
        } catch (err) {
          if (cancel.signal.aborted) throw failures.cancelled();
          if (!(err instanceof ModelFailure)) throw err;
          if (sent.responseFormat && state.firstDeltaAt === null && refusesStructuredOutput(err)) {
            // 'on' asked for it explicitly: say so. 'auto': ask plainly now and from now on.
            if (structuredMode(ep) === 'on') throw failures.structuredOutputRefused(err.message.replace(/^The model server refused the request:?\s*/, ''), err.status);
            this.plain.remember(ep);
            sent = withoutFormat(sent);
            continue;
          }
          if (err.code === 'context_too_long' && state.firstTokenAt === null && maxTokens !== undefined) {
            // The larger thinking budget does not fit: the first failure stands, with the reason.
            if (thinkingRetried !== undefined) {
              throw failures.thinkingExhausted({ finishReason: 'length', maxTokens: thinkingRetried, ...(err.contextLimit ? { serverLimit: err.contextLimit.tokens } : {}) });
            }
            // The prompt fits but prompt + max_tokens does not (vLLM refuses that): ask for what fits.
            const room = err.contextLimit?.promptTokens !== undefined ? err.contextLimit.tokens - err.contextLimit.promptTokens : 0;
            if (!clamped && room >= MIN_CLAMPED_TOKENS && room < maxTokens) {
              clamped = true;
              maxTokens = room;
              continue;
            }
          }
          // Once text reached the student, a retry would silently swap the answer: fail instead.
          // (Kept as before for any text at all: a reply broken mid-way is reported, not re-asked.)
          if (state.firstDeltaAt !== null || !isRetryable(err) || attempt >= (req.maxRetries ?? this.policy.maxRetries)) throw err;
          const wait = this.retryDelay(err, attempt);
          if (wait === null) throw err;
          await this.pause(wait, cancel.signal);
          if (cancel.signal.aborted) throw failures.cancelled();
        }
      }
    } finally {
      this.active.delete(req.requestId);
    }
  }

  /** Stop a running completion; its promise rejects with code 'cancelled'. */
  cancel(requestId: string): boolean {
    const ctl = this.active.get(requestId);
    if (!ctl) return false;
    ctl.abort();
    return true;
  }

  /** Request ids currently streaming (for shutdown and diagnostics). */
  get running(): string[] {
    return [...this.active.keys()];
  }

  private async attempt(
    ep: ModelEndpoint,
    req: CompletionRequest,
    maxTokens: number | undefined,
    cancelSignal: AbortSignal,
    state: AttemptState,
    onDelta?: (text: string) => void,
  ): Promise<AttemptResult> {
    const ctx = this.context(ep, 'complete');
    const firstByteMs = ep.timeoutMs ?? this.opts.firstByteTimeoutMs ?? 120_000;
    const idleMs = ep.timeoutMs ?? this.opts.idleTimeoutMs ?? 60_000;
    // One controller per attempt: fired by cancel() or by our own timers.
    const ctl = new AbortController();
    let timedOut: ModelFailure | null = null;
    const onCancel = () => ctl.abort();
    cancelSignal.addEventListener('abort', onCancel, { once: true });
    if (cancelSignal.aborted) ctl.abort();
    let timer: NodeJS.Timeout | undefined;
    const arm = (phase: 'first_byte' | 'idle', ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = failures.timeout(ep.baseUrl, phase, ms);
        ctl.abort();
      }, ms);
    };
    // The SDK ends an aborted stream silently, so who aborted is decided here.
    const abortReason = (): ModelFailure | null => (cancelSignal.aborted ? failures.cancelled() : timedOut);

    arm('first_byte', firstByteMs);
    try {
      let stream: Awaited<ReturnType<typeof this.openStream>>;
      try {
        stream = await this.openStream(ep, req, maxTokens, ctl.signal, firstByteMs);
      } catch (err) {
        throw abortReason() ?? classifyRequestError(err, ctx);
      }
      arm('idle', idleMs);
      const profileKey = `${ep.baseUrl}\n${ep.model}`;
      const profile = this.profiles.get(profileKey);
      // Holding costs nothing when nobody watches the stream; when someone does, only
      // endpoints seen to answer plainly stream from the first token (see reasoning.ts).
      const filter = new ThinkingFilter({ hold: !onDelta || profile !== 'plain' });
      let usage: TokenUsage | null = null;
      let finishReason: string | null = null;
      let callbackError: unknown = null;
      let chunks = 0;
      const emit = (text: string): boolean => {
        if (!text) return true;
        state.firstTokenAt ??= this.now();
        try {
          onDelta?.(text);
          return true;
        } catch (err) {
          callbackError = err;
          return false;
        }
      };
      try {
        for await (const chunk of stream) {
          // Events already buffered when cancel or a timeout fired must not reach the student.
          if (ctl.signal.aborted) break;
          chunks++;
          arm('idle', idleMs);
          if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens, totalTokens: chunk.usage.total_tokens };
          const choice = chunk.choices?.[0];
          if (choice?.finish_reason) finishReason = choice.finish_reason;
          const delta = choice?.delta as ReasoningDelta | undefined;
          if (!delta) continue;
          let out = '';
          const thought = reasoningOf(delta);
          if (thought || delta.content) state.firstDeltaAt ??= this.now();
          if (thought) out += filter.pushReasoning(thought);
          if (typeof delta.content === 'string' && delta.content) out += filter.push(delta.content);
          if (!emit(out)) break;
        }
      } catch (err) {
        throw abortReason() ?? classifyStreamError(err, ctx, state.firstDeltaAt !== null);
      }
      if (callbackError) throw callbackError;
      const aborted = abortReason();
      if (aborted) throw aborted;
      if (chunks === 0) throw failures.malformed(ep.baseUrl, 'the reply held no streamed events; is the base URL an OpenAI-compatible /v1 address?');
      if (finishReason === null) throw failures.truncated(ep.baseUrl);
      // A reply cut short on an endpoint whose template opens thinking, with no `</think>`:
      // it never got out of its thinking.
      const tail = filter.finish({ heldIsThinking: profile === 'implicit' && finishReason === 'length' });
      emit(tail);
      if (callbackError) throw callbackError;
      this.learn(profileKey, filter, finishReason);
      const thinking: ThinkingInfo = { chars: filter.thinkingChars, style: filter.style, unclosed: filter.unclosed, retracted: filter.retracted };
      const text = filter.answer;
      if (!text.trim()) {
        if (filter.thinkingChars > 0) return { text: '', usage, finishReason, thinking, allThinking: true };
        throw failures.empty(finishReason);
      }
      return { text, usage, finishReason, thinking, allThinking: false };
    } finally {
      clearTimeout(timer);
      cancelSignal.removeEventListener('abort', onCancel);
    }
  }

  /** Remember how this endpoint replies, so the next streamed reply is held only when needed. */
  private learn(key: string, filter: ThinkingFilter, finishReason: string): void {
    let seen: ThinkingProfile | null = null;
    if (filter.style === 'leading-close') seen = 'implicit';
    else if (filter.style !== null || finishReason === 'stop') seen = 'plain';
    if (seen === null) return;
    this.profiles.delete(key);
    this.profiles.set(key, seen);
    if (this.profiles.size > MAX_PROFILES) this.profiles.delete(this.profiles.keys().next().value!);
  }

  private openStream(ep: ModelEndpoint, req: CompletionRequest, maxTokens: number | undefined, signal: AbortSignal, timeoutMs: number) {
    const body: OpenAI.Chat.ChatCompletionCreateParamsStreaming = {
      model: ep.model,
      messages: req.messages,
      stream: true,
      stream_options: { include_usage: true },
      ...(ep.temperature !== undefined ? { temperature: ep.temperature } : {}),
      ...(ep.topP !== undefined ? { top_p: ep.topP } : {}),
      ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
      // Our schema type is a plain object; the SDK's is a string-keyed record.
      ...(req.responseFormat ? { response_format: req.responseFormat as OpenAI.Chat.ChatCompletionCreateParamsStreaming['response_format'] } : {}),
    };
    // Our timer fires first; the SDK's is only a backstop.
    return this.sdk(ep, timeoutMs).chat.completions.create(body, { signal, maxRetries: 0, timeout: timeoutMs + 5_000 });
  }

  /** Milliseconds to wait before the next attempt, or null when waiting is not worth it. */
  private retryDelay(f: ModelFailure, attempt: number): number | null {
    if (f.code === 'rate_limited' && f.retryAfterMs !== undefined) {
      return f.retryAfterMs <= this.policy.maxRetryAfterMs ? f.retryAfterMs : null;
    }
    return backoffMs(attempt, this.policy, this.random);
  }

  /** Sleep that ends early on cancel. */
  private pause(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      this.sleep(ms).then(done, done);
    });
  }

  private sdk(ep: ModelEndpoint, timeoutMs: number): OpenAI {
    return new OpenAI({
      baseURL: ep.baseUrl.replace(/\/+$/, ''),
      // Local servers need no key, but the SDK insists on one.
      apiKey: ep.apiKey || 'no-key',
      // Never pick up the developer's OPENAI_* environment.
      organization: null,
      project: null,
      webhookSecret: null,
      maxRetries: 0,
      timeout: timeoutMs + 5_000,
      logLevel: 'off',
      ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}),
    });
  }

  private context(ep: ModelEndpoint, operation: FailureContext['operation']): FailureContext {
    return { baseUrl: ep.baseUrl, model: ep.model, operation, nowMs: Date.now() };
  }
}

/** A streamed delta as reasoning servers send it: vLLM, llama.cpp, LM Studio and DeepSeek use `reasoning_content`, Ollama and newer vLLM `reasoning`. */
interface ReasoningDelta {
  content?: string | null;
  reasoning_content?: unknown;
  reasoning?: unknown;
}

function reasoningOf(delta: ReasoningDelta): string {
  if (typeof delta.reasoning_content === 'string' && delta.reasoning_content) return delta.reasoning_content;
  if (typeof delta.reasoning === 'string' && delta.reasoning) return delta.reasoning;
  return '';
}

function addUsage(a: TokenUsage | null, b: TokenUsage | null): TokenUsage | null {
  if (!a || !b) return b ?? a;
  return { promptTokens: a.promptTokens + b.promptTokens, completionTokens: a.completionTokens + b.completionTokens, totalTokens: a.totalTokens + b.totalTokens };
}
