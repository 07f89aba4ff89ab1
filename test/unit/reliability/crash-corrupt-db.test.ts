/**
 * A damaged library file at start: the core moves it (with -wal/-shm) aside byte for byte,
 * starts on a fresh database with the built-in packs, and says so in app.info. A file from a
 * newer app version is refused and left exactly where and as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/contract.js';
import type { PackSummary } from '../../../shared/domain.js';
import { AppFailure } from '../../../shared/result.js';
import { databaseFile } from '../../../electron/core/data-dir.js';
import { openDatabaseWithRecovery } from '../../../electron/core/db/recovery.js';
import { generatePack } from '../../bench/generate-pack.js';
import { builtInPackIds, integrityProblems, offlineCore, sha256File, tempDataDir } from './support/library-state.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A real library: built-ins plus a 600-template pack, closed cleanly (WAL checkpointed). */
async function realLibrary(): Promise<{ dataDir: string; file: string }> {
  const dataDir = tempDataDir('rf-corrupt-');
  dirs.push(dataDir);
  const core = offlineCore(dataDir);
  const r = await core.dispatch('packs.applyImport', { fileName: 'big.json', content: JSON.stringify(generatePack(600, 7, 'big-pack')) });
  expect(r.ok).toBe(true);
  core.close();
  const file = databaseFile(dataDir);
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
  return { dataDir, file };
}

/** Deterministic bytes (xorshift), so a failing case can be reproduced. */
function garbage(length: number, seed = 12345): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A b-tree leaf page of the templates table, about in the middle of the file. */
function middleTemplatesPage(file: string): { pageNo: number; pageSize: number } {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'templates' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[];
  db.close();
  expect(pages.length).toBeGreaterThan(4);
  return { pageNo: pages[Math.floor(pages.length / 2)]!.pageno, pageSize };
}

async function startAndExpectRecovery(dataDir: string, damaged: Buffer) {
  const file = databaseFile(dataDir);
  const core = offlineCore(dataDir);
  try {
    const info = await core.dispatch('app.info', {});
    expect(info.ok).toBe(true);
    const { recovery, templateCount, packCount } = (info as { value: AppInfo }).value;
    expect(recovery, 'app.info reports the recovery').toBeDefined();
    expect(path.dirname(recovery!.backupFile)).toBe(dataDir);
    expect(path.basename(recovery!.backupFile)).toMatch(/^library\.sqlite\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(recovery!.reason).toMatch(/damaged/);
    expect(recovery!.reason).toContain(recovery!.backupFile);
    expect(fs.readFileSync(recovery!.backupFile).equals(damaged), 'the backup holds the damaged bytes unchanged').toBe(true);

    // Fresh library: the built-ins are back, the lost pack is not, and imports work.
    const packs = (await core.dispatch('library.listPacks', {})) as { ok: true; value: PackSummary[] };
    expect(packs.value.map((p) => p.id).sort()).toEqual(builtInPackIds());
    expect(packCount).toBe(builtInPackIds().length);
    expect(templateCount).toBeGreaterThan(0);
    const small = fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/packs/valid-small.json'), 'utf8');
    const imported = await core.dispatch('packs.applyImport', { fileName: 'valid-small.json', content: small });
    expect(imported.ok).toBe(true);
    const hits = await core.dispatch('library.search', { query: 'arithmetic sequence' });
    expect(hits.ok && (hits.value as unknown[]).length).toBeGreaterThan(0);
    return recovery!;
  } finally {
    core.close();
    const db = new Database(file);
    expect(integrityProblems(db)).toEqual([]);
    db.close();
  }
}

describe('a damaged library file at start', () => {
  it('a file cut in half is detected, backed up byte for byte and replaced by a fresh library', async () => {
    const { dataDir, file } = await realLibrary();
    const half = fs.readFileSync(file).subarray(0, Math.floor(fs.statSync(file).size / 2));
    fs.writeFileSync(file, half);
    await startAndExpectRecovery(dataDir, half);
  });

  it('garbage bytes (not a database at all) are moved aside with the -wal and -shm beside them', async () => {
    const { dataDir, file } = await realLibrary();
    const junk = garbage(64 * 1024);
    fs.writeFileSync(file, junk);
    fs.writeFileSync(`${file}-wal`, garbage(4096, 99));
    fs.writeFileSync(`${file}-shm`, garbage(32768, 7));
    const recovery = await startAndExpectRecovery(dataDir, junk);
    expect(fs.readFileSync(`${recovery.backupFile}-wal`).equals(garbage(4096, 99))).toBe(true);
    expect(fs.readFileSync(`${recovery.backupFile}-shm`).equals(garbage(32768, 7))).toBe(true);
  });

  it('a zeroed page in the middle of the templates table is detected by the start-up check', async () => {
    const { dataDir, file } = await realLibrary();
    const { pageNo, pageSize } = middleTemplatesPage(file);
    const bytes = fs.readFileSync(file);
    bytes.fill(0, (pageNo - 1) * pageSize, pageNo * pageSize);
    fs.writeFileSync(file, bytes);
    const recovery = await startAndExpectRecovery(dataDir, bytes);
    expect(recovery.reason).toMatch(/integrity check|malformed/);
  });

  it('a truncated file is caught even when the full check is skipped (large libraries): SQLite refuses the short file', async () => {
    const { file } = await realLibrary();
    const bytes = fs.readFileSync(file);
    const cut = bytes.subarray(0, bytes.length - 8192);
    fs.writeFileSync(file, cut);
    const { db, recovery } = openDatabaseWithRecovery(file, { quickCheckMaxBytes: 0, now: () => new Date('2026-01-02T03:04:05.678Z') });
    db.close();
    expect(recovery?.backupFile).toBe(`${file}.corrupt-2026-01-02T03-04-05-678Z`);
    expect(recovery?.reason).toMatch(/not a readable database|malformed/);
    expect(fs.readFileSync(recovery!.backupFile).equals(cut)).toBe(true);
  });

  it('a second damaged start never overwrites the first backup', async () => {
    const { file } = await realLibrary();
    const at = () => new Date('2026-01-02T03:04:05.678Z');
    fs.writeFileSync(file, garbage(8192, 1));
    openDatabaseWithRecovery(file, { now: at }).db.close();
    fs.writeFileSync(file, garbage(8192, 2));
    const second = openDatabaseWithRecovery(file, { now: at });
    second.db.close();
    expect(second.recovery?.backupFile).toBe(`${file}.corrupt-2026-01-02T03-04-05-678Z-2`);
    expect(fs.readFileSync(`${file}.corrupt-2026-01-02T03-04-05-678Z`).equals(garbage(8192, 1))).toBe(true);
    expect(fs.readFileSync(second.recovery!.backupFile).equals(garbage(8192, 2))).toBe(true);
  });

  it('a healthy library reports no recovery and keeps its packs', async () => {
    const { dataDir } = await realLibrary();
    const core = offlineCore(dataDir);
    const info = (await core.dispatch('app.info', {})) as { ok: true; value: AppInfo };
    core.close();
    expect(info.value.recovery).toBeUndefined();
    expect(info.value.packCount).toBe(builtInPackIds().length + 1);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('a library from a newer app version is refused with a clear message and NOT moved aside', async () => {
    const { dataDir, file } = await realLibrary();
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    const before = sha256File(file);
    let error: unknown;
    try {
      offlineCore(dataDir).close();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).error.code).toBe('db_newer_version');
    expect((error as AppFailure).error.message).toMatch(/newer version/);
    expect((error as AppFailure).error.action).toMatch(/Update the app/);
    expect(sha256File(file)).toBe(before);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });
});
