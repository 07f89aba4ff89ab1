/**
 * Finding the Electron executable without ever letting `require('electron')` start a
 * download behind our back: the npm package writes path.txt once its binary is unpacked.
 * If it is missing we run the package's own install.js once, quietly and with a time limit.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { ok: true; executable: string; version: string } | { ok: false; reason: string };

export const INSTALL_TIMEOUT_MS = 90_000;

export function electronVersion(electronPkgDir: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(electronPkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Reads node_modules/electron/path.txt and checks that the executable it names exists. */
export function findElectronBinary(electronPkgDir: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  if (!fs.existsSync(path.join(electronPkgDir, 'package.json'))) {
    return { ok: false, reason: `the electron package is not installed (${electronPkgDir}); run npm install` };
  }
  let relative: string;
  try {
    relative = fs.readFileSync(path.join(electronPkgDir, 'path.txt'), 'utf8').trim();
  } catch {
    return { ok: false, reason: 'the Electron binary has not been downloaded yet (node_modules/electron/path.txt is missing)' };
  }
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronPkgDir, 'dist');
  const executable = path.join(distDir, relative);
  if (!relative || !fs.existsSync(executable)) {
    return { ok: false, reason: `the Electron binary named in path.txt is missing (${executable})` };
  }
  return { ok: true, executable, version: electronVersion(electronPkgDir) };
}

/** Last meaningful line of the installer's output, e.g. "fetch failed", without stack frames. */
export function summarizeInstallOutput(output: string): string {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^at\s/.test(l) && !/^\^+$/.test(l) && !l.startsWith('Node.js v') && !l.startsWith('node:'));
  const errorLine = lines.find((l) => /error|failed|ENOTFOUND|ECONN|EAI_AGAIN|timed out/i.test(l));
  return (errorLine ?? lines.at(-1) ?? 'no output').slice(0, 300);
}

/** Runs node_modules/electron/install.js once; resolves with a one-line reason on failure. */
export function runElectronInstall(
  electronPkgDir: string,
  opts: { timeoutMs?: number; nodePath?: string } = {},
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const script = path.join(electronPkgDir, 'install.js');
  if (!fs.existsSync(script)) return Promise.resolve({ ok: false, reason: 'node_modules/electron/install.js is missing' });
  return new Promise((resolve) => {
    const child = spawn(opts.nodePath ?? process.execPath, [script], {
      cwd: electronPkgDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ ok: false, reason: `the download did not finish within ${Math.round((opts.timeoutMs ?? INSTALL_TIMEOUT_MS) / 1000)} s` });
    }, opts.timeoutMs ?? INSTALL_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: err.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? { ok: true } : { ok: false, reason: summarizeInstallOutput(output) });
    });
  });
}

/** The binary if present; otherwise one install attempt, then a second look. */
export async function obtainElectronBinary(
  electronPkgDir: string,
  opts: { timeoutMs?: number; nodePath?: string; onInstallStart?: () => void } = {},
): Promise<ElectronBinary> {
  const found = findElectronBinary(electronPkgDir);
  if (found.ok || !fs.existsSync(path.join(electronPkgDir, 'package.json'))) return found;
  opts.onInstallStart?.();
  const installed = await runElectronInstall(electronPkgDir, opts);
  const again = findElectronBinary(electronPkgDir);
  if (again.ok) return again;
  return { ok: false, reason: installed.ok ? again.reason : installed.reason };
}

/** The one paragraph `npm start` prints before falling back to the browser. */
export function electronUnavailableMessage(reason: string): string {
  return [
    `The desktop window needs the Electron program, which could not be downloaded (${reason}).`,
    'This usually means the computer is offline or the download host is blocked.',
    'To fix it, set ELECTRON_MIRROR to a mirror you can reach and run npm start again.',
    'Meanwhile the same app runs in your browser: open the address printed below.',
  ].join(' ');
}
