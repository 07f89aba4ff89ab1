import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  electronUnavailableMessage,
  findElectronBinary,
  obtainElectronBinary,
  summarizeInstallOutput,
} from '../../../electron/build/electron-binary.js';
import { launchApp, type LauncherDeps } from '../../../electron/build/launcher.js';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-launch-'));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

/** A fake node_modules/electron: package.json, and optionally an install.js and a binary. */
function fakeElectronPackage(name: string, opts: { installScript?: string; binary?: boolean } = {}): string {
  const dir = path.join(base, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  if (opts.installScript) fs.writeFileSync(path.join(dir, 'install.js'), opts.installScript);
  if (opts.binary) {
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
  }
  return dir;
}

// What electron's install.js prints here when the download host is unreachable.
const OFFLINE_INSTALL = `
require('fs').appendFileSync(require('path').join(__dirname, 'runs.txt'), 'x');
console.error('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:13510:13\\n    at async downloadArtifact (/x/get/index.js:1:1) {\\n  [cause]: Error: getaddrinfo EAI_AGAIN github.com');
process.exit(1);
`;

describe('finding the Electron binary', () => {
  it('explains a missing path.txt', () => {
    const r = findElectronBinary(fakeElectronPackage('no-binary'));
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('path.txt is missing') });
  });

  it('explains a missing electron package', () => {
    expect(findElectronBinary(path.join(base, 'nowhere'))).toEqual({ ok: false, reason: expect.stringContaining('npm install') });
  });

  it('finds the executable named in path.txt', () => {
    const dir = fakeElectronPackage('with-binary', { binary: true });
    expect(findElectronBinary(dir, {})).toEqual({ ok: true, executable: path.join(dir, 'dist', 'electron'), version: '45.4.1' });
  });

  it('tries the installer once and reports its one-line reason, no stack', async () => {
    const dir = fakeElectronPackage('offline', { installScript: OFFLINE_INSTALL });
    const started = Date.now();
    const onInstallStart = vi.fn();
    const r = await obtainElectronBinary(dir, { timeoutMs: 20_000, onInstallStart });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r).toEqual({ ok: false, reason: 'TypeError: fetch failed' });
    expect(onInstallStart).toHaveBeenCalledTimes(1);
    expect(fs.readFileSync(path.join(dir, 'runs.txt'), 'utf8')).toBe('x');
  });

  it('gives up on an installer that hangs', async () => {
    const dir = fakeElectronPackage('hangs', { installScript: 'setInterval(() => {}, 1000);' });
    const r = await obtainElectronBinary(dir, { timeoutMs: 500 });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/did not finish within/) });
  });

  it('summarizes installer output without stack frames', () => {
    expect(summarizeInstallOutput('Error: connect ECONNREFUSED 1.2.3.4:443\n    at TCPConnectWrap.afterConnect')).toBe(
      'Error: connect ECONNREFUSED 1.2.3.4:443',
    );
    expect(summarizeInstallOutput('')).toBe('no output');
  });
});

describe('npm start', () => {
  const deps = (overrides: Partial<LauncherDeps>): LauncherDeps & { logged: string[] } => {
    const logged: string[] = [];
    return {
      argv: ['--port', '0'],
      buildRenderer: vi.fn(async () => {}),
      bundleShell: vi.fn(async () => ({ mainFile: '/app/out/main/main.mjs' })),
      obtainElectron: vi.fn(async () => ({ ok: true as const, executable: '/e/electron', version: '45.4.1' })),
      prepareNativeModule: vi.fn(async () => ({ ok: true as const, file: '/cache/better_sqlite3.node', built: false })),
      startElectron: vi.fn(async () => 0),
      startBrowser: vi.fn(async () => {}),
      log: (p: string) => void logged.push(p),
      logged,
      ...overrides,
    };
  };

  it('falls back to the browser with one clear paragraph when Electron cannot be downloaded', async () => {
    const dir = fakeElectronPackage('start-offline', { installScript: OFFLINE_INSTALL });
    const d = deps({ obtainElectron: () => obtainElectronBinary(dir, { timeoutMs: 20_000 }) });
    const outcome = await launchApp(d);
    expect(outcome).toEqual({ mode: 'browser', reason: 'TypeError: fetch failed' });
    expect(d.logged).toEqual([electronUnavailableMessage('TypeError: fetch failed')]);
    expect(d.logged[0]).toMatch(/ELECTRON_MIRROR/);
    expect(d.logged[0]).toMatch(/browser/);
    expect(d.logged[0]).not.toMatch(/\n\s+at /);
    expect(d.startBrowser).toHaveBeenCalledWith(['--port', '0']);
    expect(d.startElectron).not.toHaveBeenCalled();
    expect(d.buildRenderer).toHaveBeenCalled();
  });

  it('starts Electron with the Electron build of the database module when everything is there', async () => {
    const d = deps({});
    expect(await launchApp(d)).toEqual({ mode: 'electron', exitCode: 0 });
    expect(d.prepareNativeModule).toHaveBeenCalledWith('45.4.1');
    expect(d.startElectron).toHaveBeenCalledWith('/e/electron', '/app/out/main/main.mjs', '/cache/better_sqlite3.node');
    expect(d.startBrowser).not.toHaveBeenCalled();
    expect(d.logged).toEqual([]);
  });

  it('falls back to the browser when the database module cannot be prepared for Electron', async () => {
    const d = deps({ prepareNativeModule: async () => ({ ok: false, reason: 'compile: gyp ERR! find Python' }) });
    expect(await launchApp(d)).toEqual({ mode: 'browser', reason: 'compile: gyp ERR! find Python' });
    expect(d.logged).toHaveLength(1);
    expect(d.logged[0]).toMatch(/database module/);
    expect(d.startBrowser).toHaveBeenCalled();
    expect(d.startElectron).not.toHaveBeenCalled();
  });
});
