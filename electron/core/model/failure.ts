/**
 * Every way a model call can fail, as one error class with a code the app branches on, a
 * sentence a student understands, and the next thing to do.
 */
import { english, joinMessages, type Message, type MessageParams, msg } from '../../../shared/messages.js';
import { type AppError, appError } from '../../../shared/result.js';
import { scrubSecrets } from '../util/scrub-secrets.js';

export type ModelFailureCode =
  | 'auth'
  | 'forbidden'
  | 'unknown_model'
  | 'context_too_long'
  | 'rate_limited'
  | 'server_error'
  | 'unreachable'
  | 'timeout'
  | 'cancelled'
  | 'bad_response'
  | 'empty'
  /** A reasoning model thought but wrote no answer (usually: max tokens ran out while thinking). */
  | 'thinking_exhausted';

export class ModelFailure extends Error {
  /** For 'rate_limited': how long the server asked us to wait, when it said. */
  retryAfterMs?: number;
  /** For 'context_too_long': the server's context window and the prompt's size, when it said. */
  contextLimit?: { tokens: number; promptTokens?: number };
  /** For 'thinking_exhausted' cut by max tokens: the budget the reply had (undefined: the server's default). */
  maxTokens?: number;
  /** The message and action as coded words (every failure made by `failures` has them). */
  words?: { message: Message; action: Message };

  constructor(
    readonly code: ModelFailureCode,
    readonly userMessage: string,
    readonly action: string,
    readonly status?: number,
    opts: { cause?: unknown } = {},
  ) {
    super(userMessage, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ModelFailure';
  }
}

/** The message with secrets scrubbed from every text parameter (nested ones too). */
function scrubMessage(m: Message): Message {
  if (!m.params) return m;
  const params: MessageParams = {};
  for (const [k, v] of Object.entries(m.params)) params[k] = typeof v === 'string' ? scrubSecrets(v) : typeof v === 'number' ? v : scrubMessage(v);
  return { code: m.code, params };
}

export function toAppError(f: ModelFailure): AppError {
  const code = f.code === 'cancelled' ? 'cancelled' : 'model_error';
  const details = { modelCode: f.code, status: f.status };
  // A server may echo the key (or a URL with one) in its error; none of it leaves the core.
  if (f.words) return appError(code, scrubMessage(f.words.message), { action: scrubMessage(f.words.action), details });
  return { code, message: scrubSecrets(f.userMessage), action: scrubSecrets(f.action), details };
}

/** A failure with coded words (shared/messages.ts); its English text is kept for logs and the CLI. */
function coded(code: ModelFailureCode, message: Message, action: Message, status?: number): ModelFailure {
  const f = new ModelFailure(code, english(message), english(action), status);
  f.words = { message, action };
  return f;
}

/** Seconds as the messages count them: whole seconds from 10 s, else to the hundredth ("0.15"). */
const secondsOf = (ms: number): number => (ms >= 10_000 ? Math.round(ms / 1000) : Math.round(ms / 10) / 100);

/** The messages, in one place so wording stays consistent. */
export const failures = {
  auth: (status?: number) => coded('auth', msg('model.auth'), msg('model.auth.action'), status),
  forbidden: (model: string, detail: string, status?: number) =>
    coded('forbidden', detail ? msg('model.forbiddenDetail', { model, detail }) : msg('model.forbidden', { model }), msg('model.forbidden.action'), status),
  unknownModel: (model: string, baseUrl: string, status?: number) => coded('unknown_model', msg('model.unknownModel', { baseUrl, model }), msg('model.unknownModel.action'), status),
  noApiHere: (baseUrl: string, status?: number) => coded('bad_response', msg('model.noApiHere', { baseUrl }), msg('model.checkBaseUrl'), status),
  contextTooLong: (detail: string, status?: number) =>
    coded('context_too_long', detail ? msg('model.contextTooLongDetail', { detail }) : msg('model.contextTooLong'), msg('model.contextTooLong.action'), status),
  /** The server refused `response_format` and the endpoint's "structured output" setting is "on". */
  structuredOutputRefused: (detail: string, status?: number) =>
    coded('bad_response', detail ? msg('model.structuredRefusedDetail', { detail }) : msg('model.structuredRefused'), msg('model.structuredRefused.action'), status),
  refused: (detail: string, status?: number) =>
    coded('bad_response', detail ? msg('model.refusedDetail', { detail }) : msg('model.refused'), msg('model.refused.action'), status),
  rateLimited: (waitSeconds: number | null, status?: number) =>
    waitSeconds !== null
      ? coded('rate_limited', msg('model.rateLimitedWait', { count: waitSeconds }), msg('model.rateLimitedWait.action', { count: waitSeconds }), status)
      : coded('rate_limited', msg('model.rateLimited'), msg('model.rateLimited.action'), status),
  serverError: (baseUrl: string, status?: number) =>
    coded('server_error', status ? msg('model.serverErrorStatus', { baseUrl, status }) : msg('model.serverError', { baseUrl }), msg('model.serverError.action'), status),
  droppedMidStream: (baseUrl: string) => coded('server_error', msg('model.droppedMidStream', { baseUrl }), msg('model.checkLog')),
  unreachable: (baseUrl: string) => coded('unreachable', msg('model.unreachable', { baseUrl }), msg('model.unreachable.action')),
  /** An https:// URL whose server does not speak TLS (a local server on http) or whose certificate fails. */
  tls: (baseUrl: string, certificate: boolean) =>
    coded('unreachable', msg(certificate ? 'model.tlsCertificate' : 'model.tlsNoHttps', { baseUrl }), msg('model.tls.action')),
  hostNotFound: (baseUrl: string, host: string) => coded('unreachable', msg('model.hostNotFound', { host, baseUrl }), msg('model.hostNotFound.action')),
  /** `ms` is our own limit; leave it out when the server itself reported the timeout. */
  timeout: (baseUrl: string, phase: 'first_byte' | 'idle', ms?: number) =>
    coded(
      'timeout',
      phase === 'first_byte'
        ? ms
          ? msg('model.timeoutFirstByte', { baseUrl, count: secondsOf(ms) })
          : msg('model.timeoutFirstByteServer', { baseUrl })
        : msg('model.timeoutIdle', { baseUrl, count: secondsOf(ms ?? 0) }),
      msg('model.timeout.action'),
    ),
  cancelled: () => coded('cancelled', msg('model.cancelled'), msg('model.cancelled.action')),
  malformed: (baseUrl: string, detail: string) => coded('bad_response', msg('model.malformed', { baseUrl, detail }), msg('model.malformed.action')),
  truncated: (baseUrl: string) => coded('bad_response', msg('model.truncated', { baseUrl }), msg('model.checkLog')),
  /**
   * All thinking, no answer. `maxTokens` is the budget that ran out (undefined when the server
   * chose it), `suggest` the budget to raise it to; `serverLimit` when the server refused more.
   */
  thinkingExhausted: (opts: { finishReason: string | null; maxTokens?: number; suggest?: number; serverLimit?: number }) => {
    const cut = opts.finishReason === 'length';
    const ranOut = opts.maxTokens !== undefined ? msg('model.thinkingCutBudget', { maxTokens: opts.maxTokens }) : msg('model.thinkingCut');
    const message = cut ? joinMessages(ranOut, opts.serverLimit ? msg('model.thinkingServerLimit', { limit: opts.serverLimit }) : null) : msg('model.thinkingStopped');
    const suggest = opts.suggest !== undefined ? { suggest: opts.suggest } : null;
    const action = opts.serverLimit
      ? msg('model.thinkingServerLimit.action')
      : cut
        ? suggest
          ? msg('model.raiseMaxTokensTo', suggest)
          : msg('model.raiseMaxTokens')
        : suggest
          ? msg('model.thinkingStopped.actionTo', suggest)
          : msg('model.thinkingStopped.action');
    const f = coded('thinking_exhausted', message, action);
    if (opts.maxTokens !== undefined) f.maxTokens = opts.maxTokens;
    return f;
  },
  empty: (finishReason: string | null) =>
    finishReason === 'length'
      ? coded('empty', msg('model.emptyLength'), msg('model.raiseMaxTokens'))
      : coded('empty', msg('model.empty'), msg('model.empty.action')),
};
