/**
 * How many tokens a reply may use, per role, and the one larger retry a reply gets when a
 * reasoning model spent its whole budget thinking. Reasoned in docs/models.md ("Reasoning
 * models"): thinking is paid out of max_tokens, but a large budget also has to fit in the
 * server's context window next to the prompt (vLLM refuses a request whose prompt plus
 * max_tokens exceeds --max-model-len), so the defaults are not simply "as large as possible".
 */

/**
 * Defaults for each configured role. The navigator writes a whole plan after thinking about
 * the whole problem (R1-style models think 2–6k tokens on a competition problem, then write
 * ~1k of JSON); the solver answers one step, one check, or the reference answer, where 4k
 * covers the thinking of most steps and the automatic retry covers the rest.
 */
export { ROLE_MAX_TOKENS } from '../../../shared/tutor.js';

/** The budget used for one retry after `thinking_exhausted`: double, but never above the cap. */
export interface ThinkingRetryPolicy {
  factor: number;
  /** Never ask for more than this many tokens (32k: most local servers' context is at most 32–40k). */
  maxTokens: number;
}

export const DEFAULT_THINKING_RETRY: ThinkingRetryPolicy = { factor: 2, maxTokens: 32_768 };

/** The larger budget to retry with, or null when the budget is already at the cap. */
export function largerBudget(current: number, policy: ThinkingRetryPolicy = DEFAULT_THINKING_RETRY): number | null {
  const next = Math.min(policy.maxTokens, Math.ceil(current * policy.factor));
  return next > current ? next : null;
}
