/**
 * A scripted OpenAI-compatible model server for tests and manual runs. Real HTTP on
 * 127.0.0.1, so the app's model client and the real `openai` SDK are exercised end to end.
 *
 *   const server = await startModelServer();
 *   server.script({ content: 'Hello', tokensPerSecond: 200 }, replies.error(503));
 *   ... point a client at server.url ...
 *   expect(server.requests).toHaveLength(2);
 *   await server.close();
 *
 * A server without structured output: startModelServer({ refuseResponseFormat: { status: 422 } })
 * answers requests carrying response_format with a 422 naming it. A reply cut by max_tokens:
 * { content: '{"steps": [{"title": "Fin', finishReason: 'length' }.
 *
 * Reasoning models (the thinking must never reach the learner; see docs/models.md):
 *   replies.thinking('Let me see… 144.', '12 × 12 = 144', 'bare-close')   // …</think> then the answer
 *   replies.thinkingCut('Let me see…', 'think')        // `<think>…` never closed, finish_reason "length"
 *   { reasoning, thinkingStyle, content, honorMaxTokens: true }   // cut at the request's max_tokens
 *   { chunks: ['<thi', 'nk>hm</th', 'ink>Answer'] }      // exact content pieces, e.g. tags split
 *   startModelServer({ thinking: { style: 'reasoning_content', text: 'Hmm…' } })  // every reply thinks
 * Styles (ThinkingWireStyle): 'think' and 'thinking' (inline, closed), 'bare-close' (the chat
 * template opened the block: only `</think>` arrives), 'thought-markers' (<|begin_of_thought|>),
 * 'reasoning_content' (DeepSeek, vLLM parser, llama.cpp, LM Studio) and 'reasoning' (Ollama).
 *
 * CLI:  npx tsx test/support/model-server.ts --port 8099 --scenario demo [--api-key K]
 *       [--thinking STYLE]  (every reply thinks in STYLE first; scenarios "reasoning-*" do too)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { errorBody, estimateTokens, promptText, type ChatRequestBody, type RecordedRequest, type Reply, type ReplySpec, type ScriptedError, type ThinkingScript, type ThinkingWireStyle, THINKING_WIRE_STYLES } from './model-server/replies.js';
import { sendError, sendJson, writeCompletion } from './model-server/respond.js';
import { scenarios } from './model-server/scenarios.js';

export * from './model-server/replies.js';

/** The line by which the tutor's reference-answer prompt is recognised. */
export const REFERENCE_PROMPT_MARK = 'ANSWER: \\boxed{...}';
const NO_REFERENCE: Reply = { content: 'No reference answer was scripted for this request.' };

/** True for the tutor's hidden reference-answer request (for default replies that route by prompt). */
export const isReferenceRequest = (req: RecordedRequest): boolean => promptText(req.body).includes(REFERENCE_PROMPT_MARK);

/** The line by which the navigator's category request (before planning; navigator/category.ts) is recognised. */
export const CATEGORY_PROMPT_MARK = 'General Knowledge Category: <';
/**
 * An unscripted category request fails (501), as a server that cannot answer it would: the
 * navigator then plans with plain retrieval, and the call adds nothing to a session's usage, so
 * tests that count a session's model calls need not know about it.
 */
const NO_CATEGORY: Reply = { error: { status: 501, message: 'No category reply was scripted for this request.' } };

/** True for the navigator's category request (for default replies that route by prompt). */
export const isCategoryRequest = (req: RecordedRequest): boolean => promptText(req.body).includes(CATEGORY_PROMPT_MARK);

/**
 * A deterministic embedding: a hashed bag of words (FNV-1a of each lower-cased word, counted
 * into `dimensions` buckets), L2-normalised. Texts sharing words point the same way.
 */
export function bagOfWordsVector(text: string, dimensions = 64): number[] {
  const v = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193) >>> 0;
    v[h % dimensions]! += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

export interface EmbeddingsScript {
  /** Vector length (default 64). */
  dimensions?: number;
  /** Only these models embed (others get 404, as a chat-only model would); they are also listed by GET /v1/models. Default: any model. */
  models?: string[];
}

export interface ModelServerOptions {
  /** Names listed by GET /v1/models. When given, chat requests for other models get 404. */
  models?: string[];
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Answer used when the script queue is empty. */
  defaultReply?: Reply;
  /** Close by itself after this long without requests (default 60 s; 0 = never). */
  idleTimeoutMs?: number;
  /** Prompts estimated above this many tokens get 400 context_length_exceeded. */
  contextTokens?: number;
  /**
   * Make every reply a reasoning model's: each reply that scripts no thinking of its own (and
   * is not an error, a huge reply, or explicit `chunks`) thinks `text` in `style` first.
   */
  thinking?: ThinkingScript;
  /**
   * Answer every chat request that carries `response_format` with this error (a server without
   * structured output): `{ status: 422 }` sends a FastAPI-style 422 naming response_format.
   * Requests without it are answered from the script as usual.
   */
  refuseResponseFormat?: ScriptedError;
  /**
   * POST /v1/embeddings (default: on, any model, 64 dimensions, hashed bag of words; see
   * bagOfWordsVector). false answers 404 as a server without embeddings does.
   */
  embeddings?: EmbeddingsScript | false;
}

/** What a server without structured output says, by status (the wording names the option). */
export const RESPONSE_FORMAT_REFUSALS: Record<number, string> = {
  400: "response_format of type 'json_schema' is not supported by this server",
  422: 'Unprocessable Entity: body.response_format: json_schema is not supported (no guided decoding backend)',
};

export interface ModelServer {
  /** Base URL including /v1, e.g. http://127.0.0.1:41234/v1 */
  url: string;
  port: number;
  /** Queue replies, answered first in, first out. */
  script(...replies: (Reply | Reply[])[]): void;
  /**
   * Queue replies for the tutor's reference-answer requests (prompts that ask for
   * "ANSWER: \boxed{...}"), which run beside other calls in no fixed order. With none queued,
   * such a request gets the default reply when the test chose one, else a reply without an answer
   * line (the tutor then screens by syntax only).
   */
  scriptReference(...replies: (Reply | Reply[])[]): void;
  /**
   * Queue replies for the navigator's category requests (before planning, beside the reference
   * request). With none queued, such a request gets the default reply when the test chose one,
   * else a 501 error (the navigator then plans with plain retrieval).
   */
  scriptCategory(...replies: (Reply | Reply[])[]): void;
  /** Change embeddings support; see ModelServerOptions.embeddings. */
  setEmbeddings(script: EmbeddingsScript | false): void;
  setDefaultReply(reply: Reply): void;
  /** Change (or with null, stop) the thinking added to every reply; see ModelServerOptions.thinking. */
  setThinking(thinking: ThinkingScript | null): void;
  /** Change (or with null, stop) refusing `response_format`; see ModelServerOptions.refuseResponseFormat. */
  setRefuseResponseFormat(error: ScriptedError | null): void;
  /** Replies still queued. */
  readonly pending: number;
  /**
   * Every request received, in order (bodies parsed, headers lower-cased), except the
   * navigator's category requests and embeddings requests: those are optional side calls,
   * recorded apart (categoryRequests, embeddingRequests) so that counts and indices of the
   * other calls stay what a test scripted.
   */
  readonly requests: RecordedRequest[];
  /** Chat completion requests only (without category requests). */
  readonly chatRequests: RecordedRequest[];
  /** The navigator's category requests, in order. */
  readonly categoryRequests: RecordedRequest[];
  /** POST /v1/embeddings requests, in order. */
  readonly embeddingRequests: RecordedRequest[];
  /** Resolves once at least `count` requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the outcome once request `index` has finished one way or another. */
  settled(index: number, timeoutMs?: number): Promise<RecordedRequest['outcome']>;
  /** Forget the queue and the recorded requests. */
  reset(): void;
  readonly closed: boolean;
  /** Stop listening and destroy every open socket. */
  close(): Promise<void>;
}

const DEFAULT_MODEL = 'scripted-model';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (b: Buffer) => parts.push(b));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startModelServer(opts: ModelServerOptions = {}): Promise<ModelServer> {
  const queue: Reply[] = [];
  const referenceQueue: Reply[] = [];
  const categoryQueue: Reply[] = [];
  let embeddings: EmbeddingsScript | false = opts.embeddings ?? {};
  const categoryRequests: RecordedRequest[] = [];
  const embeddingRequests: RecordedRequest[] = [];
  let defaultReply: Reply = opts.defaultReply ?? { content: 'This is a scripted reply.' };
  /** A default reply the test chose also answers reference requests (it may route by prompt). */
  let chosenDefault = opts.defaultReply !== undefined;
  let thinking: ThinkingScript | null = opts.thinking ?? null;
  let refuseFormat: ScriptedError | null = opts.refuseResponseFormat ?? null;
  const requests: RecordedRequest[] = [];
  const waiters = new Map<RecordedRequest, (() => void)[]>();
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let closed = false;
  let closing: Promise<void> | null = null;

  const arrivalWaiters: (() => void)[] = [];
  const finish = (rec: RecordedRequest, outcome: RecordedRequest['outcome']) => {
    if (rec.outcome !== 'pending') return;
    rec.outcome = outcome;
    for (const w of waiters.get(rec) ?? []) w();
    waiters.delete(rec);
  };

  const authorized = (req: IncomingMessage) => !opts.apiKey || req.headers.authorization === `Bearer ${opts.apiKey}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const raw = req.method === 'POST' ? await readBody(req) : '';
    let body: ChatRequestBody | null = null;
    let badJson = false;
    if (raw) {
      try {
        body = JSON.parse(raw) as ChatRequestBody;
      } catch {
        badJson = true;
      }
    }
    const rec: RecordedRequest = { method: req.method ?? 'GET', path, headers: { ...req.headers }, body, receivedAt: Date.now(), outcome: 'pending' };
    const isChat = req.method === 'POST' && (path === '/v1/chat/completions' || path === '/chat/completions');
    const isEmbeddings = req.method === 'POST' && (path === '/v1/embeddings' || path === '/embeddings');
    const isCategory = isChat && body !== null && promptText(body).includes(CATEGORY_PROMPT_MARK);
    if (isCategory) categoryRequests.push(rec);
    else if (isEmbeddings) embeddingRequests.push(rec);
    else {
      requests.push(rec);
      for (const w of arrivalWaiters.splice(0)) w();
    }
    // 'close' on the response fires both after a full write and when the client goes away.
    res.on('close', () => finish(rec, res.writableFinished ? 'completed' : 'client_closed'));

    if (!authorized(req)) return sendError(res, { status: 401, message: 'Incorrect API key provided. Check the Authorization header.' });
    if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) {
      const names = [...(opts.models ?? [DEFAULT_MODEL]), ...(embeddings ? (embeddings.models ?? []) : [])];
      return sendJson(res, 200, {
        object: 'list',
        data: names.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'scripted' })),
      });
    }
    if (isEmbeddings && embeddings) return answerEmbeddings(res, embeddings, body as EmbeddingsBody | null, badJson);
    if (isChat) {
      if (badJson || !body) return sendError(res, { status: 400, code: null, param: null, message: 'We could not parse the JSON body of your request.' });
      if (opts.models && !opts.models.includes(String(body.model))) {
        return sendError(res, { status: 404, message: `The model \`${String(body.model)}\` does not exist or you do not have access to it.` });
      }
      if (refuseFormat && body.response_format !== undefined) {
        return sendError(res, { type: 'invalid_request_error', code: null, param: 'response_format', message: RESPONSE_FORMAT_REFUSALS[refuseFormat.status] ?? 'response_format is not supported', ...refuseFormat });
      }
      const promptTokens = estimateTokens(promptText(body));
      if (opts.contextTokens && promptTokens > opts.contextTokens) {
        return sendError(res, {
          status: 400,
          message: `This model's maximum context length is ${opts.contextTokens} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`,
        });
      }
      // The tutor's hidden reference-answer request runs beside planning, in no fixed order:
      // it is answered from its own queue so that scripts for the other calls stay in order.
      // The navigator's category request likewise has its own queue.
      const isReference = promptText(body).includes(REFERENCE_PROMPT_MARK);
      const next = isReference
        ? (referenceQueue.shift() ?? (chosenDefault ? defaultReply : NO_REFERENCE))
        : isCategory
          ? (categoryQueue.shift() ?? (chosenDefault ? defaultReply : NO_CATEGORY))
          : queue.length
            ? queue.shift()!
            : defaultReply;
      let spec: ReplySpec = typeof next === 'function' ? await next(rec) : next;
      if (thinking && spec.reasoning === undefined && !spec.thinkingUnclosed && !spec.error && spec.hugeBytes === undefined && !spec.chunks) {
        spec = {
          ...spec,
          reasoning: typeof thinking.text === 'function' ? thinking.text(rec) : thinking.text,
          thinkingStyle: thinking.style,
          ...(spec.honorMaxTokens === undefined && thinking.honorMaxTokens !== undefined ? { honorMaxTokens: thinking.honorMaxTokens } : {}),
        };
      }
      await writeCompletion(res, spec, { body, markDropped: () => finish(rec, 'server_dropped') });
      return;
    }
    sendJson(res, 404, {
      error: { ...errorBody({ status: 404, message: `Unknown request URL: ${req.method} ${path}.` }).error, code: 'unknown_url', param: null },
    });
  }

  const server = createServer((req, res) => {
    inFlight++;
    armIdle();
    res.on('close', () => {
      inFlight--;
      armIdle();
    });
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, { status: 500, message: `Scripted server failed: ${String(err)}` });
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  // A forgotten server must never keep a test process alive: unref'd handle + idle timer.
  const idleMs = opts.idleTimeoutMs ?? 60_000;
  let idleTimer: NodeJS.Timeout | null = null;
  function armIdle() {
    if (!idleMs || closed) return;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => (inFlight > 0 ? armIdle() : void close()), idleMs);
    idleTimer.unref();
  }

  function close(): Promise<void> {
    if (closing) return closing;
    closed = true;
    if (idleTimer) clearTimeout(idleTimer);
    closing = new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
    });
    return closing;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  if (idleMs) server.unref();
  armIdle();
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    script(...items) {
      for (const item of items) queue.push(...(Array.isArray(item) ? item : [item]));
    },
    scriptReference(...items) {
      for (const item of items) referenceQueue.push(...(Array.isArray(item) ? item : [item]));
    },
    scriptCategory(...items) {
      for (const item of items) categoryQueue.push(...(Array.isArray(item) ? item : [item]));
    },
    setEmbeddings(next) {
      embeddings = next;
    },
    get categoryRequests() {
      return categoryRequests;
    },
    get embeddingRequests() {
      return embeddingRequests;
    },
    setDefaultReply(reply) {
      defaultReply = reply;
      chosenDefault = true;
    },
    setThinking(next) {
      thinking = next;
    },
    setRefuseResponseFormat(next) {
      refuseFormat = next;
    },
    get pending() {
      return queue.length;
    },
    get requests() {
      return requests;
    },
    get chatRequests() {
      return requests.filter((r) => r.path.endsWith('/chat/completions'));
    },
    waitForRequests(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`only ${requests.length} of ${count} requests after ${timeoutMs} ms`)), timeoutMs);
        t.unref();
        const check = () => {
          if (requests.length >= count) {
            clearTimeout(t);
            resolve();
          } else arrivalWaiters.push(check);
        };
        check();
      });
    },
    settled(index, timeoutMs = 5_000) {
      const rec = requests[index];
      if (!rec) return Promise.reject(new Error(`no request #${index} yet (have ${requests.length})`));
      if (rec.outcome !== 'pending') return Promise.resolve(rec.outcome);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`request #${index} still pending after ${timeoutMs} ms`)), timeoutMs);
        t.unref();
        const list = waiters.get(rec) ?? [];
        list.push(() => {
          clearTimeout(t);
          resolve(rec.outcome);
        });
        waiters.set(rec, list);
      });
    },
    reset() {
      queue.length = 0;
      referenceQueue.length = 0;
      categoryQueue.length = 0;
      requests.length = 0;
      categoryRequests.length = 0;
      embeddingRequests.length = 0;
    },
    get closed() {
      return closed;
    },
    close,
  };
}

interface EmbeddingsBody {
  model?: unknown;
  input?: unknown;
}

/** POST /v1/embeddings as OpenAI answers it: one float vector per input, in order. */
function answerEmbeddings(res: ServerResponse, script: EmbeddingsScript, body: EmbeddingsBody | null, badJson: boolean): void {
  if (badJson || !body) return sendError(res, { status: 400, code: null, param: null, message: 'We could not parse the JSON body of your request.' });
  const model = String(body.model);
  if (script.models && !script.models.includes(model)) {
    return sendError(res, { status: 404, message: `The model \`${model}\` does not support embeddings.` });
  }
  const inputs = typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) && body.input.every((x) => typeof x === 'string') ? (body.input as string[]) : null;
  if (!inputs || inputs.length === 0) return sendError(res, { status: 400, param: 'input', code: null, message: "'input' must be a string or a non-empty array of strings." });
  const tokens = inputs.reduce((n, t) => n + estimateTokens(t), 0);
  sendJson(res, 200, {
    object: 'list',
    model,
    data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: bagOfWordsVector(text, script.dimensions ?? 64) })),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
      out[k] = v ?? (argv[i + 1] && !argv[i + 1]!.startsWith('--') ? argv[++i]! : 'true');
    }
  }
  return out;
}

function thinkingStyleArg(value: string): ThinkingWireStyle {
  const style = THINKING_WIRE_STYLES.find((st) => st === value);
  if (!style) {
    console.error(`Unknown --thinking style "${value}". Choose one of: ${THINKING_WIRE_STYLES.join(', ')}`);
    process.exit(2);
  }
  return style;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const name = args.scenario ?? 'demo';
  const scenario = scenarios[name];
  if (!scenario) {
    console.error(`Unknown scenario "${name}". Choose one of: ${Object.keys(scenarios).join(', ')}`);
    process.exit(2);
  }
  const server = await startModelServer({
    port: Number(args.port ?? 8099),
    apiKey: args['api-key'],
    models: args.models ? args.models.split(',') : undefined,
    idleTimeoutMs: 0,
    defaultReply: scenario.reply,
    ...(args.thinking ? { thinking: { style: thinkingStyleArg(args.thinking), text: 'Let me think about what the question asks before I answer.' } } : {}),
  });
  console.log(`Scripted model server (${name}: ${scenario.description}) listening on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
