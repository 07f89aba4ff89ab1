/**
 * Issue 10 point 2, pack side: previewing hostile pack files (and a large valid one) through
 * the real browser host never holds its event loop. `app.info` is called every 500 ms while
 * each preview runs; the slowest answer must stay under 2 s (the bench prints the figures
 * against the 200 ms target). Before the fix, a 200 KB ReasonFlux file held the host ~68 s
 * and a 1.6 MB `\[` description over 2 minutes; a large valid pack held it for its whole check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativePack } from '../../bench/hostile-packs.js';
import { packProbeCases, startPackProbeRig, type PackProbeResult, type PackProbeRig } from './support/pack-probe-cases.js';

let rig: PackProbeRig;
const results: PackProbeResult[] = [];

beforeAll(async () => {
  rig = await startPackProbeRig();
}, 120_000);

afterAll(async () => {
  const lines = results.map((r) => `  ${r.name.padEnd(52)} max ${r.maxLatencyMs.toFixed(0).padStart(5)} ms over ${r.probes} probes, case ${r.durationMs.toFixed(0)} ms: ${r.outcome}`);
  console.log(`\nHost probe during pack previews (app.info every 500 ms)\n${lines.join('\n')}\n`);
  await rig?.close();
});

describe('the host answers app.info within 2 s while it previews', () => {
  for (const c of packProbeCases()) {
    it(c.name, async () => {
      const result = await rig.runCase(c);
      results.push(result);
      expect(result.probes).toBeGreaterThanOrEqual(2);
      expect(result.maxLatencyMs).toBeLessThan(2_000);
    }, 180_000);
  }

  it('and afterwards a valid pack still previews', async () => {
    const r = await rig.app.call('packs.previewImport', { fileName: 'small.json', content: JSON.stringify(nativePack({ id: 'after-probe' })) });
    expect(r.ok && (r.value as { action: string }).action).toBe('install');
  }, 60_000);
});
