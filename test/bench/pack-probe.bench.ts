/**
 * Host responsiveness while it previews hostile pack files (issue 10, point 2, pack side):
 * for each case (a ReasonFlux library with long blank runs, a native pack whose description is
 * `\[` repeated, Buffer-of-Thoughts headings with blank runs, text-rule worst cases, a 6,000-
 * template valid pack), the slowest answer to an `app.info` probe sent every 500 ms while the
 * preview runs. Median over runs of that maximum; target < 200 ms. The app runs in its own
 * process behind the real browser host.
 *
 *   npx tsx test/bench/pack-probe.bench.ts [--quick]
 */
import { pathToFileURL } from 'node:url';
import { median, printRows, type Row } from './harness.js';
import { packProbeCases, startPackProbeRig } from '../unit/reliability/support/pack-probe-cases.js';

export async function runPackProbeBench(opts: { quick?: boolean } = {}): Promise<Row[]> {
  const runs = opts.quick ? 1 : 3;
  const cases = packProbeCases();
  const rig = await startPackProbeRig();
  const rows: Row[] = [];
  try {
    const maxima = new Map<string, number[]>(cases.map((c) => [c.name, []]));
    // Interleaved, so one slow moment of the machine does not land on one case's every run.
    for (let r = 0; r < runs; r++) {
      for (const c of cases) maxima.get(c.name)!.push((await rig.runCase(c)).maxLatencyMs);
    }
    for (const c of cases) {
      const values = maxima.get(c.name)!;
      rows.push({ name: `app.info max latency, pack preview: ${c.name}`, value: median(values), unit: 'ms', target: { max: 200, label: '< 200 ms' }, note: `runs: ${values.map((v) => v.toFixed(0)).join(', ')}` });
    }
    rows.push({ name: 'app.info max latency: worst pack preview', value: Math.max(...rows.map((r) => r.value)), unit: 'ms', target: { max: 200, label: '< 200 ms' } });
  } finally {
    await rig.close();
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRows('Host while previewing hostile packs', await runPackProbeBench({ quick: process.argv.includes('--quick') }));
}
