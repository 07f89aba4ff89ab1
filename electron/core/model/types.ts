/** Plain data the model client takes and returns. */

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
}

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
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface CompletionResult {
  text: string;
  /** Null when the server did not report usage. */
  usage: TokenUsage | null;
  finishReason: string | null;
  /** From the call to the last byte, retries included. */
  latencyMs: number;
  /** From the call to the first content delta; null if none arrived. */
  firstTokenMs: number | null;
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
