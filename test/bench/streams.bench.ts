/**
 * Issue 10 points 1 and 6: what a long streamed worked step costs on disk and to read back,
 * and what happens to a stream when a teacher's CLI import of a 60,000-template pack runs
 * meanwhile. Everything goes through the real core (and, for the import, the real browser
 * host, the scripted model server and `npm run packs -- import` as its own process).
 *
 *   npx tsx test/bench/streams.bench.ts [--quick]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { SessionView } from '../../shared/tutor.js';
import { createCore } from '../../electron/core/core.js';
import { databaseFile } from '../../electron/core/data-dir.js';
import { createMemorySecretStore } from '../../electron/core/model-settings/secret-store.js';
import { SessionStore } from '../../electron/core/sessions/store.js';
import { startModelServer, promptText, type ModelServer } from '../support/model-server.js';
import { startCli } from '../unit/cli/run-cli.js';
import { startAppOverHttp } from '../unit/reliability/support/app-over-http.js';
import { generatePack } from './generate-pack.js';
import { median, now, printRows, type Row } from './harness.js';

const ONE_STEP_PLAN = JSON.stringify({
  analysis: 'Work it out in one go.',
  steps: [{ title: 'Everything', goal: 'Do the whole computation.', template_id: 'starter/vietas-formulas', produces: 'the answer' }],
});
const isPlanning = (body: Parameters<typeof promptText>[0]) => promptText(body).includes('You plan solutions');

/** Database plus WAL bytes once the WAL is folded back (another connection, like an outside observer). */
function storedBytes(file: string): number {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  return size(file) + size(`${file}-wal`);
}

const liveBytes = (file: string) => [file, `${file}-wal`].reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);

async function ok<T>(p: Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error!.code}: ${r.error!.message}`);
  return r.value as T;
}

/** A 1 MB worked step streamed through the core: bytes added to the library, and the session read time. */
async function measureLongStep(server: ModelServer, bytes: number): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-stream-'));
  const file = databaseFile(dataDir);
  server.setDefaultReply((req) => (isPlanning(req.body) ? { content: ONE_STEP_PLAN } : { hugeBytes: bytes, chunkChars: 64 }));
  const core = createCore({
    dataDir,
    shell: 'browser',
    env: { OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'scripted-model' },
    secretStore: createMemorySecretStore(),
    logError: (err) => console.error('[bench] internal error', err),
  });
  try {
    const view = await ok<SessionView>(core.dispatch('tutor.startSession', { problem: 'A long computation.', requestId: 'plan' }));
    const before = storedBytes(file);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, liveBytes(file) - before)), 50);
    const t0 = now();
    const done = await ok<SessionView>(core.dispatch('tutor.reveal', { sessionId: view.id, stepIndex: 0, rung: 'instantiation', requestId: 'work' }));
    const streamMs = now() - t0;
    clearInterval(sampler);
    const worked = done.steps[0]!.revealed.instantiation!;
    if (!worked.complete || worked.text.length !== bytes) throw new Error(`the ${bytes}-byte step came back ${worked.complete ? 'complete' : 'incomplete'} with ${worked.text.length} characters`);
    const added = storedBytes(file) - before;

    const cached: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = now();
      await ok(core.dispatch('tutor.getSession', { sessionId: view.id }));
      cached.push(now() - t);
    }
    // A read with nothing cached: a new store on its own connection folds the whole log.
    const cold: number[] = [];
    const db = new Database(file, { readonly: true });
    try {
      for (let i = 0; i < 15; i++) {
        const t = now();
        const st = new SessionStore(db).state(view.id, () => null);
        cold.push(now() - t);
        if (st?.view.steps[0]?.revealed.instantiation?.text.length !== bytes) throw new Error('cold read lost the worked step');
      }
    } finally {
      db.close();
    }
    const mb = bytes / 1_000_000;
    return [
      { name: `bytes stored per MB streamed (${mb} MB step)`, value: added / mb / 1_000_000, unit: 'MB', target: { max: 2, label: '≤ 2 MB' }, note: `peak while streaming ${(peak / 1e6).toFixed(2)} MB; stream ${streamMs.toFixed(0)} ms` },
      { name: 'session read, 1 MB step (getSession, median)', value: median(cached), unit: 'ms', target: { max: 20, label: '< 20 ms' } },
      { name: 'session read, 1 MB step, nothing cached (median)', value: median(cold), unit: 'ms', target: { max: 20, label: '< 20 ms' } },
    ];
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A CLI import of a big pack holding the library while the app streams a worked step through the host. */
async function measureImportDuringStream(server: ModelServer, templates: number): Promise<Row[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-import-'));
  const packFile = path.join(tmp, 'big.json');
  fs.writeFileSync(packFile, JSON.stringify(generatePack(templates, 9, 'bench-import')));
  const work = Array.from({ length: 600 }, (_, i) => `Line ${i + 1}: by Vieta $r + s = 5$ and $rs = 3$, so we continue.`).join('\n');
  server.setDefaultReply((req) => (isPlanning(req.body) ? { content: ONE_STEP_PLAN } : { content: work, chunkChars: 20, tokensPerSecond: 100 }));
  const app = await startAppOverHttp({ env: { OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'scripted-model' } });
  const probe = new Database(databaseFile(app.dataDir));
  probe.pragma('busy_timeout = 0');
  const locked = () => {
    try {
      probe.exec('BEGIN IMMEDIATE; ROLLBACK');
      return false;
    } catch {
      return true;
    }
  };
  try {
    const view = await ok<SessionView>(app.call('tutor.startSession', { problem: 'Let r, s be the roots of x^2-5x+3. Find r^2+s^2.', requestId: 'plan' }));
    // The same probe with nothing else going on, for comparison (the machine may be shared).
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = now();
      await app.call('app.info', {});
      idle.push(now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
    const t0 = now();
    const child = startCli('electron/cli/packs.ts', ['import', packFile, '--data-dir', app.dataDir]);
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    let importEnd = 0;
    const exit = new Promise<number | null>((resolve) => child.on('close', (code) => ((importEnd = now()), resolve(code))));
    // Start the stream once the import holds the write lock, so it runs into it.
    while (!importEnd && !locked()) await new Promise((r) => setTimeout(r, 20));
    const lockSeen = now();
    const streamStart = now();
    let streamEnd = 0;
    const reveal = app.call('tutor.reveal', { sessionId: view.id, stepIndex: 0, rung: 'instantiation', requestId: 'work' }).finally(() => (streamEnd = now()));
    const probes: number[] = [];
    let lockedDuringStream = 0;
    while (!streamEnd || !importEnd) {
      const t = now();
      await app.call('app.info', {});
      probes.push(now() - t);
      if (!streamEnd && !importEnd && locked()) lockedDuringStream++;
      await new Promise((r) => setTimeout(r, 500));
    }
    const code = await exit;
    const r = await reveal;
    const worked = r.ok ? (r.value as SessionView).steps[0]!.revealed.instantiation : undefined;
    const complete = worked?.complete === true && worked.text === work;
    const lost = work.length - (worked?.text.length ?? 0);
    const terminal = (await app.sse.terminal('work', 30_000)).type;
    // Kept writes reach the file once the lock is free.
    let flushed = false;
    for (let i = 0; i < 100 && !flushed; i++) {
      const n = (probe.prepare("SELECT COUNT(*) AS n FROM session_events WHERE session_id = ? AND type = 'rung'").get(view.id) as { n: number }).n;
      flushed = n === 1;
      if (!flushed) await new Promise((res) => setTimeout(res, 50));
    }
    const outcome =
      `import exit ${code}${/internal|locked/i.test(stderr) ? ' (ERROR TEXT)' : ''}; stream ${terminal}, ${complete ? 'complete' : 'NOT complete'}, ${lost} characters lost; ` +
      `written to the file ${flushed ? 'yes' : 'NO'}; app.info errors ${app.internalErrors.length}; lock seen held ${lockedDuringStream}× (probe every 500 ms) while streaming`;
    console.log(`  [import during stream] ${outcome}`);
    const good = code === 0 && complete && terminal === 'done' && flushed && app.internalErrors.length === 0;
    const wal = `${databaseFile(app.dataDir)}-wal`;
    console.log(`  [import during stream] WAL file after the import, app still open: ${((fs.existsSync(wal) ? fs.statSync(wal).size : 0) / 1e6).toFixed(1)} MB`);
    return [
      {
        name: `CLI import of ${templates} templates during a stream: broken streams`,
        value: good ? 0 : 1,
        unit: '',
        target: { max: 0, label: '0' },
        note: `import ${((importEnd - t0) / 1000).toFixed(1)} s (lock from ${((lockSeen - t0) / 1000).toFixed(1)} s), stream ${((streamEnd - streamStart) / 1000).toFixed(1)} s`,
      },
      {
        name: 'app.info latency during that import (max, every 500 ms)',
        value: Math.max(...probes),
        unit: 'ms',
        target: { max: 200, label: '< 200 ms' },
        note: `median ${median(probes).toFixed(1)} ms over ${probes.length}; before the import: median ${median(idle).toFixed(1)} ms, max ${Math.max(...idle).toFixed(0)} ms`,
      },
    ];
  } finally {
    probe.close();
    await app.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export async function runStreamsBench(opts: { quick?: boolean } = {}): Promise<Row[]> {
  const server = await startModelServer({ idleTimeoutMs: 0 });
  try {
    return [...(await measureLongStep(server, 1_000_000)), ...(await measureImportDuringStream(server, opts.quick ? 10_000 : 60_000))];
  } finally {
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRows('Streams and storage', await runStreamsBench({ quick: process.argv.includes('--quick') }));
}
