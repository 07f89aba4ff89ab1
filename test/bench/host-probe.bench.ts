/**
 * Host responsiveness under hostile input (issue 10, point 2): for each hostile case (plans
 * that used to backtrack, a worked step of newlines, CAS bombs as the reference answer), the
 * slowest answer to an `app.info` probe sent every 500 ms while the case runs. Median over
 * runs of that maximum; target < 200 ms. The app runs in its own process behind the real
 * browser host, with the scripted model server.
 *
 *   npx tsx test/bench/host-probe.bench.ts [--quick]
 */
import { pathToFileURL } from 'node:url';
import { median, printRows, type Row } from './harness.js';
import { HOSTILE_CASES, startProbeRig } from '../unit/reliability/support/host-probe.js';

export async function runHostProbeBench(opts: { quick?: boolean } = {}): Promise<Row[]> {
  const runs = opts.quick ? 1 : 3;
  const rig = await startProbeRig();
  const rows: Row[] = [];
  try {
    const maxima = new Map<string, number[]>(HOSTILE_CASES.map((c) => [c.name, []]));
    // Interleaved, so one slow moment of the machine does not land on one case's every run.
    for (let r = 0; r < runs; r++) {
      for (const c of HOSTILE_CASES) maxima.get(c.name)!.push((await rig.runCase(c)).maxLatencyMs);
    }
    for (const c of HOSTILE_CASES) {
      const values = maxima.get(c.name)!;
      rows.push({ name: `app.info max latency: ${c.name}`, value: median(values), unit: 'ms', target: { max: 200, label: '< 200 ms' }, note: `runs: ${values.map((v) => v.toFixed(0)).join(', ')}` });
    }
    const all = rows.map((r) => r.value);
    rows.push({ name: 'app.info max latency: worst hostile case', value: Math.max(...all), unit: 'ms', target: { max: 200, label: '< 200 ms' } });
  } finally {
    await rig.close();
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRows('Host under hostile input', await runHostProbeBench({ quick: process.argv.includes('--quick') }));
}
