import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY_POLICY, parseRetryAfter } from '../../../../electron/core/model/retry-policy.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads delay-seconds, including fractions', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 0.5 ', now)).toBe(500);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });
  it('returns null for absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});

describe('backoffMs', () => {
  it('doubles per attempt, jitters within the upper half, and is capped', () => {
    const p = DEFAULT_RETRY_POLICY;
    expect([0, 1, 2].map((a) => backoffMs(a, p, () => 0))).toEqual([250, 500, 1_000]);
    expect([0, 1, 2].map((a) => backoffMs(a, p, () => 1))).toEqual([500, 1_000, 2_000]);
    expect(backoffMs(20, p, () => 1)).toBe(p.maxDelayMs);
    expect(backoffMs(20, p, () => 0)).toBe(p.maxDelayMs / 2);
  });
});
