/**
 * The data folder: owner-only whatever the umask (folders 0700; the database, its WAL/SHM and
 * secrets.json 0600), loosened files tightened again, no copy of the keys left behind by a
 * failed write, and a clear error (what, where, what to do) for a data folder that is a file,
 * a path through a file, a database path that is a folder, or a folder this user may not write.
 * The umask and the unprivileged user need a process of their own (support/data-dir-child.ts).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppFailure, type AppError } from '../../../shared/result.js';
import { createCore } from '../../../electron/core/core.js';
import { databaseFile } from '../../../electron/core/data-dir.js';
import { SECRETS_FILE_NAME } from '../../../electron/core/model-settings/secret-store.js';
import { runPacksCli } from '../../../electron/cli/packs-cli.js';

const CHILD = path.join(import.meta.dirname, 'support', 'data-dir-child.ts');
const posix = process.platform !== 'win32';
const roots: string[] = [];
const tempRoot = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-datadir-'));
  roots.push(dir);
  return dir;
};
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

/** Runs the child (as `uid` when given: root's tests need a user that permissions apply to). */
function child(args: string[], uid?: number): unknown {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    ...(uid !== undefined ? { uid, gid: uid, env: { ...process.env, HOME: os.tmpdir() } } : {}),
  });
  if (r.status !== 0) throw new Error(`child ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown;
}

function openError(dataDir: string): AppError {
  try {
    createCore({ dataDir, shell: 'cli', skipBuiltIns: true, env: {} }).close();
  } catch (err) {
    if (err instanceof AppFailure) return err.error;
    throw err;
  }
  throw new Error(`expected ${dataDir} to be refused`);
}

/** What a person reads: the code, the place, a next step, and no bare errno. */
function expectClear(error: AppError, place: string, why: RegExp): void {
  expect(error.code).toBe('data_dir_unusable');
  expect(error.message).toContain(place);
  expect(error.message).toMatch(why);
  expect(error.message).not.toMatch(/EISDIR|EEXIST|ENOTDIR|EACCES|mkdir|illegal operation/);
  expect(error.action ?? '').toMatch(/choose another data folder|Choose another data folder/);
}

describe.skipIf(!posix)('owner-only files and folders', () => {
  it('with umask 000: folders 0700, database, WAL, SHM and secrets.json 0600, open and after close', () => {
    const root = tempRoot();
    const dataDir = path.join(root, 'made-by-app', 'data');
    const out = child(['umask0', dataDir]) as { umask: number; open: Record<string, string>; closed: Record<string, string> };
    expect(out.umask).toBe(0);
    // The database was open in WAL mode: its side files existed and are listed.
    expect(Object.keys(out.open)).toEqual(
      expect.arrayContaining(['.', 'data', 'data/library.sqlite', 'data/library.sqlite-wal', 'data/library.sqlite-shm', `data/${SECRETS_FILE_NAME}`]),
    );
    for (const listing of [out.open, out.closed]) {
      for (const [entry, mode] of Object.entries(listing)) {
        const isDir = entry === '.' || entry === 'data';
        expect(`${entry} ${mode}`).toBe(`${entry} ${isDir ? '700' : '600'}`);
      }
    }
  });

  it('tightens a loosened data folder, database and secrets.json when it opens them again', () => {
    const dataDir = path.join(tempRoot(), 'data');
    const core = createCore({ dataDir, shell: 'cli', skipBuiltIns: true, env: {} });
    return core
      .dispatch('settings.setModel', { role: 'navigator', settings: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: 'sk-loose-0123456789abcdefABC' } })
      .then((r) => {
        expect(r.ok).toBe(true);
        core.close();
        const files = [databaseFile(dataDir), path.join(dataDir, SECRETS_FILE_NAME)];
        fs.chmodSync(dataDir, 0o777);
        for (const f of files) fs.chmodSync(f, 0o666);
        createCore({ dataDir, shell: 'cli', skipBuiltIns: true, env: {} }).close();
        expect(modeOf(dataDir)).toBe(0o700);
        for (const f of files) expect(`${path.basename(f)} ${modeOf(f).toString(8)}`).toBe(`${path.basename(f)} 600`);
      });
  });

  it('leaves a folder it did not create alone unless it holds the app data', () => {
    const shared = path.join(tempRoot(), 'shared');
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o755);
    fs.mkdirSync(path.join(shared, 'data'));
    createCore({ dataDir: path.join(shared, 'data'), shell: 'cli', skipBuiltIns: true, env: {} }).close();
    expect(modeOf(shared)).toBe(0o755);
  });
});

describe('a failed write of the keys', () => {
  it.skipIf(!posix)('leaves no secrets.json.<pid>.tmp behind, changes nothing and says why', async () => {
    const dataDir = path.join(tempRoot(), 'data');
    const core = createCore({ dataDir, shell: 'cli', skipBuiltIns: true, env: {} });
    try {
      // A folder where secrets.json should be: the final rename fails after the temp file was written.
      fs.mkdirSync(path.join(dataDir, SECRETS_FILE_NAME, 'inside'), { recursive: true });
      const r = await core.dispatch('settings.setModel', { role: 'navigator', settings: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: 'sk-fail-0123456789abcdefABC' } });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('data_dir_unusable');
      expect(r.error.message).toContain(path.join(dataDir, SECRETS_FILE_NAME));
      expect(r.error.message).toContain('Nothing was changed');
      expect(fs.readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      // The endpoint was not half-saved without its key.
      const view = await core.dispatch('settings.getModels', {});
      expect(view).toMatchObject({ ok: true, value: { navigator: null } });
    } finally {
      core.close();
    }
  });

  it('removes a copy left by a write that was killed half-way', () => {
    const dataDir = path.join(tempRoot(), 'data');
    fs.mkdirSync(dataDir, { recursive: true });
    const stale = path.join(dataDir, `${SECRETS_FILE_NAME}.4242.tmp`);
    fs.writeFileSync(stale, '{"version":1,"secrets":{"model.navigator.apiKey":"sk-stale"}}');
    const unrelated = path.join(dataDir, 'notes.tmp');
    fs.writeFileSync(unrelated, 'mine');
    createCore({ dataDir, shell: 'cli', skipBuiltIns: true, env: {} }).close();
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(unrelated)).toBe(true);
  });
});

describe('odd data folders get a clear error', () => {
  it('a data folder that is a file', () => {
    const file = path.join(tempRoot(), 'not-a-folder');
    fs.writeFileSync(file, 'x');
    expectClear(openError(file), file, /it is a file, not a folder/);
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  it('a data folder under a file', () => {
    const file = path.join(tempRoot(), 'a-file');
    fs.writeFileSync(file, 'x');
    const dir = path.join(file, 'sub', 'data');
    const error = openError(dir);
    expectClear(error, dir, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a file, so no folder can be made inside it`));
  });

  it('a database path that is a folder', () => {
    const dataDir = path.join(tempRoot(), 'data');
    fs.mkdirSync(path.join(dataDir, 'library.sqlite'), { recursive: true });
    expectClear(openError(dataDir), databaseFile(dataDir), /is a folder, not a database file/);
  });

  it.skipIf(!posix)('a folder this user may not write, and one that cannot be created', () => {
    const root = tempRoot();
    const readOnly = path.join(root, 'read-only');
    fs.mkdirSync(readOnly);
    // Root ignores permissions, so as root the check runs as "nobody" in a child process.
    const asRoot = process.getuid?.() === 0;
    fs.chmodSync(root, 0o755);
    fs.chmodSync(readOnly, 0o555);
    const below = path.join(readOnly, 'new', 'data');
    const [inside, under] = asRoot ? (child(['open', readOnly, below], 65534) as { error: AppError }[]).map((r) => r.error) : [openError(readOnly), openError(below)];
    expectClear(inside!, readOnly, /this user may not write in it \(permission denied\)/);
    expectClear(under!, below, /the folder could not be created \(permission denied\)/);
    expect(fs.existsSync(path.join(readOnly, 'new'))).toBe(false);
  });

  it('the packs CLI says the same for list and import (no "EEXIST mkdir")', async () => {
    const file = path.join(tempRoot(), 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const pack = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'packs', 'valid-small.json');
    for (const args of [['list'], ['import', pack]]) {
      const lines: string[] = [];
      const code = await runPacksCli([...args, '--data-dir', file], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
      expect(code, args[0]).not.toBe(0);
      const text = lines.join('\n');
      expect(text, args[0]).toContain(`The data folder ${file} cannot be used: it is a file, not a folder.`);
      expect(text, args[0]).not.toMatch(/EEXIST|mkdir|Something went wrong/);
    }
  });
});
