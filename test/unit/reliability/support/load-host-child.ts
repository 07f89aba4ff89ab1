/**
 * The app as the load test's separate process: createCore on a temp data dir behind the real
 * browser host, run with --expose-gc so its heap can be measured after a forced collection.
 * Prints "listening <port> <token>"; on stdin "mem" it collects garbage twice and prints
 * "mem <heapUsed> <rss> <peakHeapUsed>" (the peak is sampled every 20 ms since the last "mem").
 *
 *   OPENAI_BASE_URL=… RF_NAVIGATOR_MODEL=… node --expose-gc --import tsx load-host-child.ts <root>
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createCore } from '../../../../electron/core/core.js';
import { createMemorySecretStore } from '../../../../electron/core/model-settings/secret-store.js';
import { startHost } from '../../../../electron/host/server.js';

const [root] = process.argv.slice(2);
if (!root) {
  console.error('usage: load-host-child.ts <root>');
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with --expose-gc');
  process.exit(2);
}
const staticDir = path.join(root, 'static');
fs.mkdirSync(staticDir, { recursive: true });
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Tutor</title>\n');
const core = createCore({ dataDir: path.join(root, 'data'), shell: 'browser', env: process.env, secretStore: createMemorySecretStore(), logError: (err) => console.error(err) });
const host = await startHost({ dispatch: core.dispatch, onEvent: core.onEvent, staticDir });

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}, 20);

process.stdout.write(`listening ${host.port} ${host.token}\n`);
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === 'mem') {
    const peakSeen = Math.max(peak, process.memoryUsage().heapUsed);
    gc();
    gc();
    const m = process.memoryUsage();
    process.stdout.write(`mem ${m.heapUsed} ${m.rss} ${peakSeen}\n`);
    peak = 0;
  } else if (line === 'stop') {
    break;
  }
}
clearInterval(sampler);
await host.close();
core.close();
process.exit(0);
