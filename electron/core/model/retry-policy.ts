/**
 * When and how long to wait before retrying a model call. We retry only before the first
 * token: after that, a restart would show the student a different answer than the one
 * already on screen.
 */
import { type ModelFailure } from './failure.js';

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we will sit through; asked for more, we fail and tell the user. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

const RETRYABLE = new Set(['unreachable', 'rate_limited', 'server_error']);

export const isRetryable = (f: ModelFailure): boolean => RETRYABLE.has(f.code);

/** Exponential backoff with "equal jitter": half fixed, half random, so clients spread out. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Retry-After as milliseconds: either delay-seconds or an HTTP date. Null when absent or
 * unreadable. Never negative.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // HTTP dates name the weekday and month; this keeps "-5" or "2026" from parsing as years.
  if (!/[a-z]{3}/i.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}
