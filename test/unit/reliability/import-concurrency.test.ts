/**
 * Issue 10 point 6, with real processes on one library: a teacher's CLI import
 * (`npm run packs -- import`) while the app streams a worked step through the browser host
 * never breaks the stream or a learner's write; two imports at once are serialised with a
 * clear message (or a clear refusal with --no-wait), never an internal error.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackSummary } from '../../../shared/domain.js';
import type { SessionView } from '../../../shared/tutor.js';
import { databaseFile } from '../../../electron/core/data-dir.js';
import { IMPORT_LOCK_OWNER_FILE } from '../../../electron/core/db/import-lock.js';
import { generatePack } from '../../bench/generate-pack.js';
import { promptText, startModelServer, type ModelServer } from '../../support/model-server.js';
import { hasStackTrace, runCli, startCli, type CliRun } from '../cli/run-cli.js';
import { startAppOverHttp, type AppOverHttp } from './support/app-over-http.js';
import { integrityProblems, offlineCore, tempDataDir } from './support/library-state.js';

const SCRIPT = 'electron/cli/packs.ts';
/** Big enough that an import holds the write lock for seconds. */
const TEMPLATES = 12_000;
const PLAN = JSON.stringify({
  analysis: 'Use the sum and product of the roots.',
  steps: [
    { title: 'Sum and product', goal: 'Find r+s and rs.', template_id: 'starter/vietas-formulas', produces: 'r+s and rs' },
    { title: 'Sum of squares', goal: 'Combine them.', template_id: 'starter/vietas-formulas', produces: 'r^2+s^2' },
  ],
});
const WORK = Array.from({ length: 150 }, (_, i) => `Line ${i + 1}: by Vieta $r + s = 5$ and $rs = 3$, so we continue.`).join('\n');

let tmp: string;
let server: ModelServer;
const packFile = (id: string) => path.join(tmp, `${id}.json`);

beforeAll(async () => {
  tmp = tempDataDir('rf-import-conc-');
  for (const id of ['bulk-a', 'bulk-b', 'bulk-c', 'bulk-d']) fs.writeFileSync(packFile(id), JSON.stringify(generatePack(TEMPLATES, id.length + id.charCodeAt(5), id)));
  server = await startModelServer({ idleTimeoutMs: 0 });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A CLI run that must have gone well, with plain words only. */
function expectClean(run: CliRun): void {
  expect(hasStackTrace(run.stderr)).toBe(false);
  expect(run.stderr).not.toMatch(/internal|Something went wrong|database is locked|SQLITE_/i);
}

function runningCli(args: string[]): { done: Promise<CliRun & { endedAt: number }>; stderr: () => string } {
  const child = startCli(SCRIPT, args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => (stdout += c));
  child.stderr!.on('data', (c) => (stderr += c));
  const done = new Promise<CliRun & { endedAt: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, endedAt: performance.now() }));
  });
  return { done, stderr: () => stderr };
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function listPacks(dataDir: string): Promise<PackSummary[]> {
  const core = offlineCore(dataDir);
  try {
    const r = await core.dispatch('library.listPacks', {});
    if (!r.ok) throw new Error(r.error.message);
    return r.value as PackSummary[];
  } finally {
    core.close();
  }
}

describe('two CLI imports on one library', () => {
  it('run one after the other: the second says it is waiting, both succeed', { timeout: 180_000 }, async () => {
    const dataDir = path.join(tmp, 'two-imports');
    const a = runningCli(['import', packFile('bulk-a'), '--data-dir', dataDir]);
    // The second starts once the first holds the lock, so it must find it running.
    await until(() => fs.existsSync(path.join(dataDir, IMPORT_LOCK_OWNER_FILE)), 120_000, 'the first import to take the lock');
    const b = runningCli(['import', packFile('bulk-b'), '--data-dir', dataDir]);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    for (const r of [ra, rb]) expectClean(r);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    expect(ra.stdout).toContain('Pack bulk-a 1.0.0: installed.');
    expect(rb.stdout).toContain('Pack bulk-b 1.0.0: installed.');
    expect(ra.stderr).toBe('');
    expect(rb.stderr).toMatch(/^Another pack import is running on this library \(process \d+: import .*bulk-a\.json, since .*\); waiting for it to finish…$/m);
    // It waited: it finished after the first.
    expect(rb.endedAt).toBeGreaterThan(ra.endedAt);
    const packs = await listPacks(dataDir);
    expect(packs.filter((p) => p.id.startsWith('bulk-')).map((p) => [p.id, p.templateCount])).toEqual([
      ['bulk-a', TEMPLATES],
      ['bulk-b', TEMPLATES],
    ]);
  });

  it('with --no-wait the second stops at once with a clear message and changes nothing', { timeout: 180_000 }, async () => {
    const dataDir = path.join(tmp, 'no-wait');
    const first = runningCli(['import', packFile('bulk-c'), '--data-dir', dataDir]);
    await until(() => fs.existsSync(path.join(dataDir, IMPORT_LOCK_OWNER_FILE)), 60_000, 'the first import to take the lock');
    const second = await runCli(SCRIPT, ['import', packFile('bulk-d'), '--no-wait', '--data-dir', dataDir]);
    expect(second.code).toBe(1);
    expectClean(second);
    expect(second.stderr).toMatch(/^Error: Another pack import is running on this library \(process \d+: import .*bulk-c\.json, since .*\); nothing was changed\./m);
    expect(second.stderr).toMatch(/^Next: /m);
    const r = await first.done;
    expectClean(r);
    expect(r.code).toBe(0);
    expect((await listPacks(dataDir)).map((p) => p.id)).not.toContain('bulk-d');
    // The lock is free again: the same import now goes through without waiting.
    const again = await runCli(SCRIPT, ['import', packFile('bulk-d'), '--no-wait', '--data-dir', dataDir]);
    expectClean(again);
    expect(again.code).toBe(0);
  });
});

describe('a CLI import while the app streams a worked step', () => {
  let app: AppOverHttp;
  beforeAll(async () => {
    server.setDefaultReply((req) =>
      promptText(req.body).includes('You plan solutions') ? { content: PLAN } : { content: WORK, chunkChars: 10, tokensPerSecond: 50 },
    );
    app = await startAppOverHttp({ env: { OPENAI_BASE_URL: server.url, RF_NAVIGATOR_MODEL: 'scripted-model' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the stream ends complete with every character, and learners can start sessions meanwhile', { timeout: 300_000 }, async () => {
    const session = await app.call('tutor.startSession', { problem: 'Let r, s be the roots of x^2-5x+3. Find r^2+s^2.', requestId: 'plan-1' });
    if (!session.ok) throw new Error(session.error.message);
    const sessionId = (session.value as SessionView).id;

    // The import first, until it holds the write lock; then the worked step streams into it.
    const cli = runningCli(['import', packFile('bulk-a'), '--data-dir', app.dataDir]);
    let importDone = false;
    void cli.done.then(() => (importDone = true));
    const probe = new Database(databaseFile(app.dataDir));
    probe.pragma('busy_timeout = 0');
    /** True while another connection holds the write lock (the probe takes it for a moment only). */
    const locked = () => {
      try {
        probe.exec('BEGIN IMMEDIATE; ROLLBACK');
        return false;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
        return true;
      }
    };
    try {
      await until(() => importDone || locked(), 120_000, 'the import to hold the write lock');
      expect(importDone).toBe(false);

      let streamEnded = false;
      const reveal = app.call('tutor.reveal', { sessionId, stepIndex: 0, rung: 'instantiation', requestId: 'work-1' }).finally(() => (streamEnded = true));
      let lockedWhileStreaming = 0;
      let maxProbeMs = 0;
      const others: SessionView[] = [];
      for (let n = 0; !importDone || !streamEnded; n++) {
        if (!streamEnded && !importDone && app.sse.forRequest('work-1').some((e) => e.type === 'delta') && locked()) lockedWhileStreaming++;
        const t0 = performance.now();
        const info = await app.call('app.info', {});
        maxProbeMs = Math.max(maxProbeMs, performance.now() - t0);
        expect(info.ok).toBe(true);
        if (!importDone && n % 10 === 5) {
          const started = await app.call('tutor.startSession', { problem: `Problem ${n}: find x if x + ${n} = 10.`, requestId: `plan-other-${n}` });
          if (!started.ok) throw new Error(`a session could not start during the import: ${started.error.code} ${started.error.message}`);
          others.push(started.value as SessionView);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      const imported = await cli.done;
      const r = await reveal;
      expectClean(imported);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toContain('Pack bulk-a 1.0.0: installed.');
      // The import really held the database while pieces of the step were being saved.
      expect(lockedWhileStreaming).toBeGreaterThan(0);

      if (!r.ok) throw new Error(`the worked step failed: ${r.error.code} ${r.error.message}`);
      expect((r.value as SessionView).steps[0]!.revealed.instantiation).toEqual({ text: WORK, complete: true, heldBack: false });
      expect(app.sse.forRequest('work-1').filter((e) => e.type === 'error')).toEqual([]);
      expect((await app.sse.terminal('work-1')).type).toBe('done');
      expect(app.internalErrors).toEqual([]);
      for (const o of others) expect(o.status).toBe('active');
      // Safety bound only (the bench prints the figure): the host was never held for seconds.
      expect(maxProbeMs).toBeLessThan(2_000);
      console.log(
        `[import-during-stream] ${TEMPLATES}-template CLI import overlapping a streamed worked step: stream complete, ` +
          `lock seen held ${lockedWhileStreaming}× while streaming; max app.info ${maxProbeMs.toFixed(0)} ms; ${others.length} sessions started meanwhile`,
      );

      // Everything reaches the file once the lock is free.
      await until(() => rowCount(app.dataDir, 'SELECT COUNT(*) AS n FROM sessions') === 1 + others.length, 10_000, 'kept writes to be flushed');
      await until(() => rowCount(app.dataDir, `SELECT COUNT(*) AS n FROM session_events WHERE session_id = '${sessionId}' AND type = 'rung'`) === 1, 10_000, 'the worked step to be written');
    } finally {
      probe.close();
    }
  });

  it('an import from the app waits for the CLI import (the host answers meanwhile) instead of failing', { timeout: 300_000 }, async () => {
    const cli = runningCli(['import', packFile('bulk-c'), '--data-dir', app.dataDir]);
    await until(() => fs.existsSync(path.join(app.dataDir, IMPORT_LOCK_OWNER_FILE)), 120_000, 'the CLI import to take the lock');
    const small = JSON.stringify(generatePack(3, 5, 'small-from-app'));
    const fromApp = app.call('packs.applyImport', { fileName: 'small.json', content: small }).then((r) => ({ r, endedAt: performance.now() }));
    let answered = 0;
    let cliDone = false;
    void cli.done.then(() => (cliDone = true));
    while (!cliDone) {
      expect((await app.call('app.info', {})).ok).toBe(true);
      answered++;
      await new Promise((r) => setTimeout(r, 100));
    }
    const imported = await cli.done;
    const { r, endedAt } = await fromApp;
    expectClean(imported);
    expect(imported.code).toBe(0);
    if (!r.ok) throw new Error(`the app's import failed: ${r.error.code} ${r.error.message}`);
    expect(r.value).toMatchObject({ packId: 'small-from-app', action: 'installed' });
    expect(endedAt).toBeGreaterThan(imported.endedAt);
    expect(answered).toBeGreaterThan(0);
    expect(app.internalErrors).toEqual([]);
  });

  it('a stream that ends while another process holds the write lock completes, and is written when the lock is free', { timeout: 60_000 }, async () => {
    const session = await app.call('tutor.startSession', { problem: 'Let r, s be the roots of x^2-5x+3. Find r^2+s^2.', requestId: 'plan-2' });
    if (!session.ok) throw new Error(session.error.message);
    const sessionId = (session.value as SessionView).id;
    const reveal = app.call('tutor.reveal', { sessionId, stepIndex: 0, rung: 'instantiation', requestId: 'work-2' });
    await until(() => app.sse.forRequest('work-2').some((e) => e.type === 'delta'), 20_000, 'the first streamed piece');
    // Another process's import transaction, held across the end of the stream.
    const other = new Database(databaseFile(app.dataDir));
    other.exec("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('other-import', 'running')");
    try {
      const r = await reveal;
      if (!r.ok) throw new Error(`the worked step failed: ${r.error.code} ${r.error.message}`);
      expect((r.value as SessionView).steps[0]!.revealed.instantiation).toEqual({ text: WORK, complete: true, heldBack: false });
      // Reads show it while it waits for the lock.
      const got = await app.call('tutor.getSession', { sessionId });
      expect(got.ok && (got.value as SessionView).steps[0]!.revealed.instantiation?.complete).toBe(true);
      expect(rowCount(app.dataDir, `SELECT COUNT(*) AS n FROM session_events WHERE session_id = '${sessionId}' AND type = 'rung'`)).toBe(0);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    await until(() => rowCount(app.dataDir, `SELECT COUNT(*) AS n FROM session_events WHERE session_id = '${sessionId}' AND type = 'rung'`) === 1, 10_000, 'the worked step to be written');
    expect(app.internalErrors).toEqual([]);
    const db = new Database(databaseFile(app.dataDir));
    try {
      expect(integrityProblems(db)).toEqual([]);
    } finally {
      db.close();
    }
  });
});

function rowCount(dataDir: string, sql: string): number {
  const db = new Database(databaseFile(dataDir), { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
