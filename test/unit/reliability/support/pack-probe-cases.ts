/**
 * Hostile pack files previewed through the real browser host (the app in its own process,
 * load-host-child.ts) while `app.info` is called every 500 ms: ReasonFlux blank runs, a
 * native pack of `\[`, Buffer-of-Thoughts headings with blank runs, text-rule worst cases, and
 * a large valid pack whose check alone takes seconds. Each preview must end in a result or a
 * clear pack error; the probe's slowest answer is what is measured. Used by pack-probe.test.ts
 * (asserts < 2 s) and test/bench/pack-probe.bench.ts (prints the max per case).
 */
import type { Result } from '../../../../shared/result.js';
import { generatePack } from '../../../bench/generate-pack.js';
import { hostilePacks, nativePack } from '../../../bench/hostile-packs.js';
import { startLoadApp, type LoadApp } from './load-app.js';

export const PACK_PROBE_INTERVAL_MS = 500;

/** What a hostile preview may end in: a preview, or a pack error that says what is wrong. */
const CLEAR_PACK_ERRORS = new Set(['pack_invalid', 'pack_unreadable', 'pack_too_large']);

export interface PackProbeCase {
  name: string;
  fileName: string;
  content: string;
}

export interface PackProbeResult {
  name: string;
  maxLatencyMs: number;
  probes: number;
  durationMs: number;
  outcome: string;
}

export function packProbeCases(): PackProbeCase[] {
  const cases: PackProbeCase[] = hostilePacks().map((p) => ({ name: p.name, fileName: p.fileName, content: p.content }));
  // Large enough that checking it on the main thread would hold the host for seconds; small
  // enough that the host's own JSON.parse of the request body (main thread, ~0.1 s per MB on
  // a busy machine) stays well inside the bound. The core-level test covers 20,000 templates.
  const big = JSON.stringify(generatePack(6_000, 11, 'probe-big-pack'));
  cases.push({ name: `valid, 6,000 templates (${(big.length / 1024 / 1024).toFixed(0)} MB)`, fileName: 'big.json', content: big });
  return cases;
}

export interface PackProbeRig {
  app: LoadApp;
  runCase(c: PackProbeCase): Promise<PackProbeResult>;
  close(): Promise<void>;
}

export async function startPackProbeRig(): Promise<PackProbeRig> {
  const app = await startLoadApp({});
  // Warm up: the first call and the pack checker's start (tsx compiles the worker) are not measured.
  const warm = await app.call('packs.previewImport', { fileName: 'warm.json', content: JSON.stringify(nativePack({ id: 'warm-up' })) });
  if (!warm.ok) throw new Error(`warm-up preview failed: ${warm.error.message}`);
  return {
    app,
    async runCase(c) {
      const latencies: number[] = [];
      let running = true;
      const probe = (async () => {
        while (running) {
          const sent = performance.now();
          const r = await app.call('app.info', {});
          latencies.push(performance.now() - sent);
          if (!r.ok) throw new Error(`app.info failed: ${r.error.message}`);
          const wait = PACK_PROBE_INTERVAL_MS - (performance.now() - sent);
          if (wait > 0) await new Promise((res) => setTimeout(res, wait));
        }
      })();
      const started = performance.now();
      let result: Result<unknown>;
      try {
        result = await app.call('packs.previewImport', { fileName: c.fileName, content: c.content });
        // At least one probe lands after the case, so a block at its very end is seen too.
        await new Promise((res) => setTimeout(res, PACK_PROBE_INTERVAL_MS + 50));
      } finally {
        running = false;
        await probe;
      }
      if (!result.ok && !CLEAR_PACK_ERRORS.has(result.error.code)) throw new Error(`packs.previewImport: ${result.error.code}: ${result.error.message}`);
      const outcome = result.ok ? `preview (${(result.value as { action: string }).action})` : `${result.error.code}: ${result.error.message.slice(0, 80)}`;
      return { name: c.name, maxLatencyMs: Math.max(...latencies), probes: latencies.length, durationMs: performance.now() - started, outcome };
    },
    close: () => app.stop(),
  };
}
