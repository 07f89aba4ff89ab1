/**
 * Turns whatever the `openai` SDK or the network threw into a ModelFailure. Status codes and
 * OpenAI error codes decide; servers that only send a message (vLLM, llama.cpp) are matched
 * on the usual wording.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { failures, ModelFailure } from './failure.js';
import { parseRetryAfter } from './retry-policy.js';
import { scrubSecrets } from '../util/scrub-secrets.js';

export interface FailureContext {
  baseUrl: string;
  model: string;
  /** What was being asked: a 404 on /models means a wrong URL, not a missing model. */
  operation: 'complete' | 'listModels';
  nowMs: number;
}

const CONTEXT_WORDS = /context length|context window|maximum context|too many tokens|prompt is too long|exceeds? the (?:maximum|max)/i;

function serverMessage(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  // Scrubbed before it is cut, so a key cut in half at the limit is still recognised.
  const msg = typeof body?.message === 'string' ? scrubSecrets(body.message) : '';
  return msg.length > 300 ? `${msg.slice(0, 300)}…` : msg;
}

/** The failure for an HTTP error status from the server. */
export function classifyStatus(err: APIError, ctx: FailureContext): ModelFailure {
  const status = err.status ?? 0;
  const code = typeof err.code === 'string' ? err.code : '';
  const message = serverMessage(err);
  if (status === 401) return failures.auth(status);
  if (status === 403) return failures.forbidden(ctx.model, message, status);
  if (status === 404) {
    const aboutModel = code === 'model_not_found' || /model/i.test(message);
    return ctx.operation === 'complete' && aboutModel ? failures.unknownModel(ctx.model, ctx.baseUrl, status) : failures.noApiHere(ctx.baseUrl, status);
  }
  if (status === 408) return failures.timeout(ctx.baseUrl, 'first_byte');
  if ((status === 400 || status === 413 || status === 422) && (code === 'context_length_exceeded' || CONTEXT_WORDS.test(message))) {
    const limit = /maximum context length is (\d+)/i.exec(message)?.[1];
    const f = failures.contextTooLong(limit ? `its limit is ${limit} tokens` : '', status);
    if (limit) {
      // vLLM: "(808 in the messages, 8192 in the completion)"; OpenAI: "your messages resulted in 808 tokens".
      const prompt = /\((\d+) in the messages/i.exec(message)?.[1] ?? /messages resulted in (\d+) tokens/i.exec(message)?.[1];
      f.contextLimit = { tokens: Number(limit), ...(prompt ? { promptTokens: Number(prompt) } : {}) };
    }
    return f;
  }
  if (status === 429) {
    const waitMs = parseRetryAfter(err.headers?.get('retry-after'), ctx.nowMs);
    const f = failures.rateLimited(waitMs === null ? null : Math.ceil(waitMs / 1000), status);
    if (waitMs !== null) f.retryAfterMs = waitMs;
    return f;
  }
  if (status >= 500) return failures.serverError(ctx.baseUrl, status);
  return failures.refused(message, status);
}

/** A failure while sending the request or waiting for the response headers. */
export function classifyRequestError(err: unknown, ctx: FailureContext): ModelFailure {
  if (err instanceof ModelFailure) return err;
  if (err instanceof APIUserAbortError) return failures.cancelled();
  if (err instanceof APIConnectionTimeoutError) return failures.timeout(ctx.baseUrl, 'first_byte');
  if (err instanceof APIConnectionError) return classifyConnectionError(err, ctx);
  if (err instanceof APIError && err.status) return classifyStatus(err, ctx);
  // A 200 whose body was not what an OpenAI-compatible server sends.
  return failures.malformed(ctx.baseUrl, describe(err));
}

const TLS_CODES = /^(ERR_SSL_|ERR_TLS_|EPROTO$)/;
const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/**
 * "Could not reach … it may not be running" misleads when the server is running but the URL
 * says https to a plain-http server, or names a host that does not resolve; the error code
 * under the SDK's generic "Connection error." tells which.
 */
function classifyConnectionError(err: APIConnectionError, ctx: FailureContext): ModelFailure {
  const code = causeCode(err);
  if (code && CERT_CODES.test(code)) return failures.tls(ctx.baseUrl, true);
  if (code && TLS_CODES.test(code)) return failures.tls(ctx.baseUrl, false);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    let host = '';
    try {
      host = new URL(ctx.baseUrl).hostname;
    } catch {
      // the base URL was validated when saved; fall through to the plain message
    }
    if (host) return failures.hostNotFound(ctx.baseUrl, host);
  }
  return failures.unreachable(ctx.baseUrl);
}

/** The first string `code` along the error's cause chain (undici nests the socket error). */
function causeCode(err: unknown): string | null {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** A failure while reading the streamed answer. */
export function classifyStreamError(err: unknown, ctx: FailureContext, hadDelta: boolean): ModelFailure {
  if (err instanceof ModelFailure) return err;
  if (err instanceof SyntaxError) return failures.malformed(ctx.baseUrl, 'a streamed event was not valid JSON');
  // An `error` object sent inside the stream (vLLM does this for late failures).
  if (err instanceof APIError && !(err instanceof APIConnectionError)) {
    if (err.status) return classifyStatus(err, ctx);
    return failures.malformed(ctx.baseUrl, `the server reported an error mid-answer: ${serverMessage(err) || err.message}`);
  }
  return hadDelta ? failures.droppedMidStream(ctx.baseUrl) : failures.serverError(ctx.baseUrl);
}

function describe(err: unknown): string {
  const text = scrubSecrets(err instanceof Error ? err.message : String(err));
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
