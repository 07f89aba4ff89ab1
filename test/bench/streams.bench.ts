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
import { openDatabase } from '../../electron/core/db/database.js';
import { createMemorySecretStore } from '../../electron/core/model-settings/secret-store.js';
import { SessionStore } from '../../electron/core/sessions/store.js';
import { MAX_RUNG_CHARS } from '../../electron/core/tutor/tutor.js';
import { isReferenceRequest, startModelServer, promptText, type ModelServer } from '../support/model-server.js';
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
  server.setDefaultReply((req) => (isReferenceRequest(req) ? { content: 'ANSWER: \\boxed{1}' } : isPlanning(req.body) ? { content: ONE_STEP_PLAN } : { hugeBytes: bytes, chunkChars: 64 }));
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
    // The tutor keeps at most MAX_RUNG_CHARS of a rung (with a note), so the text may be shorter than the reply.
    const kept = worked.text.length;
    if (!worked.complete || kept < Math.min(bytes, MAX_RUNG_CHARS)) throw new Error(`the ${bytes}-byte step came back ${worked.complete ? 'complete' : 'incomplete'} with ${kept} characters`);
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
        if (st?.view.steps[0]?.revealed.instantiation?.text.length !== kept) throw new Error('cold read lost the worked step');
      }
    } finally {
      db.close();
    }
    const mb = kept / 1_000_000;
    const label = kept === bytes ? `${bytes / 1e6} MB step` : `${bytes / 1e6} MB reply, ${(kept / 1e3).toFixed(0)} kB kept`;
    return [
      {
        name: `tutor: bytes stored per MB streamed (${label})`,
        value: added / mb / 1_000_000,
        unit: 'MB',
        target: { max: 2, label: '≤ 2 MB' },
        note: `peak while streaming ${(peak / 1e6).toFixed(2)} MB (WAL); stream ${streamMs.toFixed(0)} ms`,
      },
      { name: `tutor: session read (getSession, median; ${label})`, value: median(cached), unit: 'ms', target: { max: 20, label: '< 20 ms' } },
      { name: `tutor: session read, nothing cached (median; ${label})`, value: median(cold), unit: 'ms', target: { max: 20, label: '< 20 ms' } },
    ];
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A 1 MB worked step at the storage layer: saved the tutor's way (new text every 400 characters), then closed by its event. */
function measureStoredStep(bytes: number): Row[] {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-store-'));
  const file = databaseFile(dataDir);
  const db = openDatabase(file);
  try {
    const store = new SessionStore(db);
    store.create('s', 'A long computation.', null);
    store.append('s', 'created', { problem: 'A long computation.', practiceId: null, source: 'model' });
    const steps = [{ index: 1, title: 'Everything', goal: 'g', templateId: null, produces: '' }];
    store.append('s', 'plan', { plan: { version: 1, createdAt: 'now', reason: 'initial', analysis: '', steps, changes: [] }, keepFrom: 0 });
    const line = 'Then $x_{n+1} = \\frac{x_n + 3}{2}$, and the sum grows by one more term.\n';
    const text = line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
    const before = storedBytes(file);
    let saved = 0;
    let peak = 0;
    for (let end = 400; saved < bytes; end += 400) {
      saved = store.savePartial('s', 0, saved, text.slice(saved, Math.min(end, bytes))) ?? saved;
      if (end % 40_000 === 0) peak = Math.max(peak, liveBytes(file) - before);
    }
    store.append('s', 'rung', { stepIndex: 0, rung: 'instantiation', text, complete: true, heldBack: false });
    const added = storedBytes(file) - before;
    const warm: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < 30; i++) {
      let t = now();
      store.state('s', () => null);
      warm.push(now() - t);
      t = now();
      new SessionStore(db).state('s', () => null);
      cold.push(now() - t);
    }
    return [
      { name: `store: bytes stored per MB streamed (${bytes / 1e6} MB step)`, value: added / (bytes / 1e6) / 1e6, unit: 'MB', target: { max: 2, label: '≤ 2 MB' }, note: `peak while streaming ${(peak / 1e6).toFixed(2)} MB (WAL)` },
      { name: `store: session read (cached fold, median; ${bytes / 1e6} MB step)`, value: median(warm), unit: 'ms', target: { max: 20, label: '< 20 ms' } },
      { name: `store: session read, nothing cached (median; ${bytes / 1e6} MB step)`, value: median(cold), unit: 'ms', target: { max: 20, label: '< 20 ms' } },
    ];
  } finally {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A CLI import of a big pack holding the library while the app streams a worked step through the host. */
async function measureImportDuringStream(server: ModelServer, templates: number): Promise<Row[]> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-import-'));
  const packFile = path.join(tmp, 'big.json');
  fs.writeFileSync(packFile, JSON.stringify(generatePack(templates, 9, 'bench-import')));
  const work = Array.from({ length: 600 }, (_, i) => `Line ${i + 1}: by Vieta $r + s = 5$ and $rs = 3$, so we continue.`).join('\n');
  server.setDefaultReply((req) => (isReferenceRequest(req) ? { content: 'ANSWER: \\boxed{1}' } : isPlanning(req.body) ? { content: ONE_STEP_PLAN } : { content: work, chunkChars: 20, tokensPerSecond: 100 }));
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
    return [...measureStoredStep(1_000_000), ...(await measureLongStep(server, 1_000_000)), ...(await measureImportDuringStream(server, opts.quick ? 10_000 : 60_000))];
  } finally {
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRows('Streams and storage', await runStreamsBench({ quick: process.argv.includes('--quick') }));
}
