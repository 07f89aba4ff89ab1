/**
 * Issue 10 point 2: the host's event loop is never held by model output or CAS bombs. Each
 * hostile case runs against the real browser host (its own process) while `app.info` is
 * called every 500 ms; the slowest probe answer must stay under 2 s (the bench prints the
 * figures against the 200 ms target). Before the fix these cases held the host for 15 s to
 * minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_CASES, startProbeRig, type CaseResult, type ProbeRig } from './support/host-probe.js';

let rig: ProbeRig;
const results: CaseResult[] = [];

beforeAll(async () => {
  rig = await startProbeRig();
}, 120_000);

afterAll(async () => {
  console.log(`\nHost probe (app.info every 500 ms)\n${results.map((r) => `  ${r.name.padEnd(56)} max ${r.maxLatencyMs.toFixed(0).padStart(5)} ms over ${r.probes} probes, case ${r.durationMs.toFixed(0)} ms`).join('\n')}\n`);
  await rig?.close();
});

describe('the host answers app.info within 2 s while', () => {
  for (const c of HOSTILE_CASES) {
    it(c.name, async () => {
      const result = await rig.runCase(c);
      results.push(result);
      expect(result.probes).toBeGreaterThanOrEqual(2);
      expect(result.maxLatencyMs).toBeLessThan(2_000);
    }, 120_000);
  }

  it('and after all of them the app still plans and checks answers', async () => {
    const view = await rig.harness.ok<{ status: string; id: string }>('tutor.startSession', {
      problem: 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.',
      requestId: 'after-all',
    });
    expect(view.status).toBe('active');
    rig.harness.server.scriptReference({ content: 'ANSWER: \\boxed{19}' });
    const checked = await rig.harness.ok<{ finalAttempts: { verdict: string }[] }>('tutor.submitAnswer', { sessionId: view.id, answer: '19' });
    expect(checked.finalAttempts.at(-1)?.verdict).toBe('correct');
  }, 60_000);
});
