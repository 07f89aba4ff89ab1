/**
 * Structured output (`response_format`) per endpoint: servers that cannot do it answer 400
 * (llama.cpp, LM Studio, older vLLM) or 422 (FastAPI-based servers validating the body) with
 * a message naming the option; in 'auto' mode such an endpoint is then asked plainly, and
 * remembered, so the next call does not pay the refused round trip again.
 */
import type { ModelFailure } from './failure.js';
import type { CompletionRequest, ModelEndpoint, StructuredOutputMode } from './types.js';

/** What a refusal of structured output says: the option's name, its schema, or guided decoding. */
const STRUCTURED_WORDS = /response[_ ]?format|json[_ ]?schema|guided[_ ]?(?:decoding|json|grammar|regex|choice)|structured[_ ]?output|grammar/i;
const MAX_REMEMBERED = 64;

/** True when `f` is a 400/422 refusal whose message is about structured output. */
export function refusesStructuredOutput(f: ModelFailure): boolean {
  return f.code === 'bad_response' && (f.status === 400 || f.status === 422) && STRUCTURED_WORDS.test(f.message);
}

export const structuredMode = (ep: ModelEndpoint): StructuredOutputMode => ep.structuredOutput ?? 'auto';

/** Endpoints (base URL + model) seen to refuse structured output; bounded, oldest forgotten first. */
export class PlainEndpoints {
  private readonly seen = new Set<string>();

  private static key(ep: ModelEndpoint): string {
    return `${ep.baseUrl.replace(/\/+$/, '')}\n${ep.model}`;
  }

  has(ep: ModelEndpoint): boolean {
    return this.seen.has(PlainEndpoints.key(ep));
  }

  remember(ep: ModelEndpoint): void {
    const key = PlainEndpoints.key(ep);
    this.seen.delete(key);
    this.seen.add(key);
    if (this.seen.size > MAX_REMEMBERED) this.seen.delete(this.seen.values().next().value!);
  }

  /** The request as it goes to this endpoint: without `response_format` when the mode or memory says so. */
  shape(ep: ModelEndpoint, req: CompletionRequest): CompletionRequest {
    if (!req.responseFormat) return req;
    const mode = structuredMode(ep);
    if (mode === 'off' || (mode === 'auto' && this.has(ep))) return withoutFormat(req);
    return req;
  }
}

export function withoutFormat(req: CompletionRequest): CompletionRequest {
  const { responseFormat: _dropped, ...plain } = req;
  return plain;
}
