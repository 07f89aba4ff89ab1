/**
 * Every way a model call can fail, as one error class with a code the app branches on, a
 * sentence a student understands, and the next thing to do.
 */
import { type AppError } from '../../../shared/result.js';
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

export function toAppError(f: ModelFailure): AppError {
  return {
    code: f.code === 'cancelled' ? 'cancelled' : 'model_error',
    // A server may echo the key (or a URL with one) in its error; none of it leaves the core.
    message: scrubSecrets(f.userMessage),
    action: scrubSecrets(f.action),
    details: { modelCode: f.code, status: f.status },
  };
}

const SETTINGS = 'Open Settings';

/** "2 seconds", or "0.15 seconds" for the short limits tests use. */
const seconds = (ms: number): string => {
  const s = ms >= 10_000 ? Math.round(ms / 1000) : Math.round(ms / 10) / 100;
  return `${s} second${s === 1 ? '' : 's'}`;
};

/** The messages, in one place so wording stays consistent. */
export const failures = {
  auth: (status?: number) =>
    new ModelFailure('auth', 'The model server rejected the API key.', `${SETTINGS} and check the API key.`, status),
  forbidden: (model: string, detail: string, status?: number) =>
    new ModelFailure(
      'forbidden',
      `The model server refused access to "${model}"${detail ? `: ${detail}` : '.'}`,
      `${SETTINGS} and check that this key may use this model, or choose another model.`,
      status,
    ),
  unknownModel: (model: string, baseUrl: string, status?: number) =>
    new ModelFailure(
      'unknown_model',
      `The model server at ${baseUrl} has no model called "${model}".`,
      `${SETTINGS} and press "Test connection" to list the models it has, then pick one.`,
      status,
    ),
  noApiHere: (baseUrl: string, status?: number) =>
    new ModelFailure(
      'bad_response',
      `The server at ${baseUrl} answered, but not as an OpenAI-compatible model server (no such endpoint).`,
      `${SETTINGS} and check the base URL; most local servers end in /v1.`,
      status,
    ),
  contextTooLong: (detail: string, status?: number) =>
    new ModelFailure(
      'context_too_long',
      `The conversation is too long for this model's context window${detail ? ` (${detail})` : ''}.`,
      'Start a new session or shorten the problem text; or choose a model with a longer context.',
      status,
    ),
  /** The server refused `response_format` and the endpoint's "structured output" setting is "on". */
  structuredOutputRefused: (detail: string, status?: number) =>
    new ModelFailure(
      'bad_response',
      `The model server does not accept structured output (response_format)${detail ? `: ${detail}` : '.'}`,
      `${SETTINGS} and set "Structured output" to "Automatic" or "Off" for this model.`,
      status,
    ),
  refused: (detail: string, status?: number) =>
    new ModelFailure(
      'bad_response',
      `The model server refused the request${detail ? `: ${detail}` : '.'}`,
      `${SETTINGS} and check the model settings (temperature, max tokens); some servers do not support every option.`,
      status,
    ),
  rateLimited: (waitSeconds: number | null, status?: number) =>
    new ModelFailure(
      'rate_limited',
      waitSeconds !== null
        ? `The model server is busy (rate limited) and asked us to wait ${waitSeconds} seconds.`
        : 'The model server is busy (rate limited).',
      waitSeconds !== null ? `Wait ${waitSeconds} seconds, then try again.` : 'Wait a minute, then try again.',
      status,
    ),
  serverError: (baseUrl: string, status?: number) =>
    new ModelFailure(
      'server_error',
      `The model server at ${baseUrl} had an internal error${status ? ` (HTTP ${status})` : ''}.`,
      "Try again; if it keeps happening, check the model server's log or restart it.",
      status,
    ),
  droppedMidStream: (baseUrl: string) =>
    new ModelFailure(
      'server_error',
      `The connection to the model server at ${baseUrl} broke after part of the answer had arrived; the partial answer was not kept.`,
      "Try again; if it keeps happening, check the model server's log.",
    ),
  unreachable: (baseUrl: string) =>
    new ModelFailure(
      'unreachable',
      `Could not reach a model server at ${baseUrl}. It may not be running.`,
      `Start the model server, or ${SETTINGS} and check the base URL.`,
    ),
  /** An https:// URL whose server does not speak TLS (a local server on http) or whose certificate fails. */
  tls: (baseUrl: string, certificate: boolean) =>
    new ModelFailure(
      'unreachable',
      `Could not make a secure (https) connection to the model server at ${baseUrl}: ${certificate ? 'its certificate is not trusted' : 'it does not answer in https'}.`,
      `${SETTINGS} and check the base URL; servers on this computer usually start with http://, not https://.`,
    ),
  hostNotFound: (baseUrl: string, host: string) =>
    new ModelFailure(
      'unreachable',
      `The model server's address "${host}" (from ${baseUrl}) could not be found.`,
      `Check the network connection, or ${SETTINGS} and check the base URL for typos.`,
    ),
  /** `ms` is our own limit; leave it out when the server itself reported the timeout. */
  timeout: (baseUrl: string, phase: 'first_byte' | 'idle', ms?: number) =>
    new ModelFailure(
      'timeout',
      phase === 'first_byte'
        ? `The model server at ${baseUrl} did not start answering${ms ? ` within ${seconds(ms)}` : ' in time'}.`
        : `The model server at ${baseUrl} stopped sending the answer for more than ${seconds(ms ?? 0)}.`,
      `Try again; if the server is slow (a large model or a long prompt), raise the timeout in ${SETTINGS}.`,
    ),
  cancelled: () => new ModelFailure('cancelled', 'The request was cancelled.', 'Ask again when you are ready.'),
  malformed: (baseUrl: string, detail: string) =>
    new ModelFailure(
      'bad_response',
      `The model server at ${baseUrl} sent an answer the app could not read (${detail}).`,
      'Try again; if it keeps happening, check that the server is OpenAI-compatible and up to date.',
    ),
  truncated: (baseUrl: string) =>
    new ModelFailure(
      'bad_response',
      `The answer from the model server at ${baseUrl} ended before the model had finished.`,
      "Try again; if it keeps happening, check the model server's log.",
    ),
  /**
   * All thinking, no answer. `maxTokens` is the budget that ran out (undefined when the server
   * chose it), `suggest` the budget to raise it to; `serverLimit` when the server refused more.
   */
  thinkingExhausted: (opts: { finishReason: string | null; maxTokens?: number; suggest?: number; serverLimit?: number }) => {
    const cut = opts.finishReason === 'length';
    const budget = opts.maxTokens !== undefined ? ` (max tokens: ${opts.maxTokens})` : '';
    const raise = opts.suggest !== undefined ? `raise "max tokens" to ${opts.suggest} or more` : 'raise "max tokens"';
    const f = new ModelFailure(
      'thinking_exhausted',
      cut
        ? `The model ran out of tokens while thinking and wrote no answer${budget}.${opts.serverLimit ? ` The server cannot give it more: its context window is ${opts.serverLimit} tokens.` : ''}`
        : 'The model thought about the question but stopped without writing an answer.',
      opts.serverLimit
        ? `Choose a model that thinks less or has a longer context (${SETTINGS}), or shorten the problem.`
        : cut
          ? `${SETTINGS} and ${raise}, then try again.`
          : `Try again; if it keeps happening, ${SETTINGS} and ${raise} or choose another model.`,
    );
    if (opts.maxTokens !== undefined) f.maxTokens = opts.maxTokens;
    return f;
  },
  empty: (finishReason: string | null) =>
    new ModelFailure(
      'empty',
      finishReason === 'length'
        ? 'The model used up its token limit before writing any answer.'
        : 'The model returned an empty answer.',
      finishReason === 'length' ? `${SETTINGS} and raise "max tokens", then try again.` : 'Try again, or choose another model in Settings.',
    ),
};
