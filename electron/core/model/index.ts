/** The model capability: an OpenAI-compatible client, its failures, and local-server presets. */
export { ModelClient, type ModelClientOptions } from './client.js';
export { ModelFailure, toAppError, failures, type ModelFailureCode } from './failure.js';
export { parseRetryAfter, backoffMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
export { SERVER_PRESETS, presetById, discoverLocalServers, type ServerPreset, type PresetId, type DiscoveredServer } from './presets.js';
export { ROLE_MAX_TOKENS, DEFAULT_THINKING_RETRY, largerBudget, type ThinkingRetryPolicy } from './budgets.js';
export { ThinkingFilter, splitThinking, type ThinkingStyle } from './reasoning.js';
export type { ModelEndpoint, StructuredOutputMode, ChatMessage, CompletionRequest, CompletionResult, ResponseFormat, ThinkingInfo, TokenUsage, UsageRecord } from './types.js';
