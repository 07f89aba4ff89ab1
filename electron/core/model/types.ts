/** Plain data the model client takes and returns. */
import type { StructuredOutputMode } from '../../../shared/tutor.js';

/** Where to send completions: an OpenAI-compatible server and the settings to use with it. */
export interface ModelEndpoint {
  /** Base URL including the API prefix, e.g. http://127.0.0.1:8000/v1 */
  baseUrl: string;
  model: string;
  apiKey?: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  /** Longest wait for the first byte, and for any gap between streamed chunks. */
  timeoutMs?: number;
  /**
   * Whether calls that ask for structured output send `response_format` (default 'auto'):
   * 'auto' sends it until the server refuses it once (then plain, remembered per endpoint),
   * 'on' always sends it (a refusal is an error), 'off' never does.
   */
  structuredOutput?: StructuredOutputMode;
}

export type { StructuredOutputMode };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type ResponseFormat =
  | { type: 'json_schema'; json_schema: { name: string; schema: object; strict?: boolean } }
  | { type: 'json_object' };

export interface CompletionRequest {
  /** Used to cancel this call with `ModelClient.cancel(requestId)`. */
  requestId: string;
  messages: ChatMessage[];
  responseFormat?: ResponseFormat;
  /** This call's max_tokens, instead of the endpoint's (e.g. a larger budget for a whole solution). */
  maxTokens?: number;
  /** Retries before the first token for this call, instead of the client's (0 for optional calls). */
  maxRetries?: number;
}

/** What was known about the model's thinking in a reply: sizes and shape only, never its text. */
export interface ThinkingInfo {
  /** Characters of thinking removed (inline blocks and reasoning fields). */
  chars: number;
  /** How it arrived: inline tags, a leading bare closing tag (the template opened it), a reasoning field; null when none. */
  style: 'tags' | 'leading-close' | 'field' | null;
  /** The reply ended inside a thinking block (after some answer; an all-thinking reply is a failure). */
  unclosed: boolean;
  /**
   * A bare `</think>` came after text had already been streamed as answer, so that text was
   * thinking: it is not in `text`, but `onDelta` had received it. Only on an endpoint that
   * had answered plainly before and then started replying inside a template-opened block.
   */
  retracted: boolean;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface CompletionResult {
  /** The answer only: thinking is never part of it. */
  text: string;
  /** Null when the server did not report usage. */
  usage: TokenUsage | null;
  /** "length" means the answer itself was cut short (a reply cut while thinking is a 'thinking_exhausted' failure). */
  finishReason: string | null;
  /** Set by the client on every reply; optional so hand-made results in tests stay valid. */
  thinking?: ThinkingInfo;
  /** From the call to the last byte, retries included. */
  latencyMs: number;
  /** From the call to the first answer delta; null if none arrived. */
  firstTokenMs: number | null;
  /** Whether the reply was asked for with `response_format` (false when it was dropped or never asked). */
  structured?: boolean;
}

/** Reported once per successful completion, for the app's token bookkeeping. */
export interface UsageRecord {
  requestId: string;
  baseUrl: string;
  model: string;
  usage: TokenUsage | null;
  latencyMs: number;
  attempts: number;
}
