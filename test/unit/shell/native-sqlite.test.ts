import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  BINDING_FILE,
  electronBuildEnv,
  electronSqliteFile,
  ensureElectronSqlite,
  type RunStep,
} from '../../../electron/build/native-sqlite.js';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-native-'));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

/** A checkout with a fake better-sqlite3 whose Node build must survive untouched. */
function fakeCheckout(name: string, withPrebuild = true): { root: string; nodeBuild: string } {
  const root = path.join(base, name);
  const pkg = path.join(root, 'node_modules', 'better-sqlite3');
  fs.mkdirSync(path.join(pkg, 'build', 'Release'), { recursive: true });
  fs.mkdirSync(path.join(pkg, 'src'), { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
  fs.writeFileSync(path.join(pkg, 'binding.gyp'), '{}');
  fs.writeFileSync(path.join(pkg, 'src', 'better_sqlite3.cpp'), '// source');
  const nodeBuild = path.join(pkg, 'build', 'Release', BINDING_FILE);
  fs.writeFileSync(nodeBuild, 'node-abi-build');
  if (withPrebuild) {
    fs.mkdirSync(path.join(root, 'node_modules', 'prebuild-install'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules', 'prebuild-install', 'bin.js'), '');
  }
  return { root, nodeBuild };
}

/** Pretends to run a build step: writes the module into the temp copy when `produces`. */
const fakeStep = (produces: (args: string[]) => boolean): RunStep & { calls: string[][] } => {
  const calls: string[][] = [];
  const run = vi.fn(async (_cmd: string, args: string[], { cwd }: { cwd: string }) => {
    calls.push(args);
    // The temp copy must not contain Node's build (it would be mistaken for the result).
    expect(fs.existsSync(path.join(cwd, 'build', 'Release', BINDING_FILE))).toBe(false);
    expect(fs.existsSync(path.join(cwd, 'binding.gyp'))).toBe(true);
    if (!produces(args)) return { ok: false as const, output: 'prebuild-install warn install No prebuilt binaries found' };
    fs.mkdirSync(path.join(cwd, 'build', 'Release'), { recursive: true });
    fs.writeFileSync(path.join(cwd, 'build', 'Release', BINDING_FILE), `electron-abi-build ${args.join(' ')}`);
    return { ok: true as const };
  });
  return Object.assign(run, { calls });
};

describe('Electron build of better-sqlite3', () => {
  it('uses a prebuilt module when one downloads, caches it per Electron version, and leaves Node\'s build alone', async () => {
    const { root, nodeBuild } = fakeCheckout('prebuilt');
    const run = fakeStep((args) => args.includes('--runtime=electron'));
    const r = await ensureElectronSqlite({ root, electronVersion: '45.4.1', run });
    expect(r).toEqual({ ok: true, file: electronSqliteFile(root, '45.4.1'), built: true });
    expect(r.ok && r.file).toBe(path.join(root, 'node_modules', '.cache', 'rf-electron-native', '45.4.1', BINDING_FILE));
    expect(fs.readFileSync(electronSqliteFile(root, '45.4.1'), 'utf8')).toMatch(/^electron-abi-build .*--target=45\.4\.1/);
    expect(fs.readFileSync(nodeBuild, 'utf8')).toBe('node-abi-build');
    expect(run.calls).toHaveLength(1);

    // Second start: nothing to do.
    const again = fakeStep(() => true);
    expect(await ensureElectronSqlite({ root, electronVersion: '45.4.1', run: again })).toMatchObject({ ok: true, built: false });
    expect(again.calls).toHaveLength(0);
    // Temp copies are cleaned up.
    expect(fs.readdirSync(path.dirname(electronSqliteFile(root, '45.4.1')))).toEqual([BINDING_FILE]);
  });

  it('compiles against Electron headers when no prebuilt module is available', async () => {
    const { root, nodeBuild } = fakeCheckout('compile');
    const run = fakeStep((args) => args.includes('rebuild'));
    const r = await ensureElectronSqlite({ root, electronVersion: '45.4.1', run });
    expect(r).toMatchObject({ ok: true, built: true });
    const compile = run.calls.find((a) => a.includes('rebuild'));
    expect(compile).toEqual(expect.arrayContaining(['--runtime=electron', '--target=45.4.1', '--dist-url=https://electronjs.org/headers']));
    expect(fs.readFileSync(nodeBuild, 'utf8')).toBe('node-abi-build');
  });

  it('says why when neither way works, and leaves no half-written module', async () => {
    const { root } = fakeCheckout('fails');
    const r = await ensureElectronSqlite({ root, electronVersion: '45.4.1', run: fakeStep(() => false) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/prebuilt download: .*No prebuilt binaries found/);
    expect(fs.existsSync(electronSqliteFile(root, '45.4.1'))).toBe(false);
  });

  it('never builds against Node headers by accident (npm nodedir is dropped)', () => {
    const env = electronBuildEnv({ PATH: '/bin', npm_config_nodedir: '/usr', NODEDIR: '/usr', npm_config_runtime: 'node', HOME: '/h' });
    expect(env).toEqual({ PATH: '/bin', HOME: '/h' });
  });
});
