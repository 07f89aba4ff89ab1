/**
 * better-sqlite3 is a native module: Node (tests, browser host, CLI) and Electron need
 * builds for different ABIs. Node's own build in node_modules is never touched; for
 * Electron a second copy is made once per Electron version in a cache folder, from a temp
 * copy of the package (a prebuilt download first, else a compile against Electron's headers).
 * The main process opens the database with better-sqlite3's `nativeBinding` pointing there.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const CACHE_DIR = path.join('node_modules', '.cache', 'rf-electron-native');
export const BINDING_FILE = 'better_sqlite3.node';
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

export type StepResult = { ok: true } | { ok: false; output: string };
export type RunStep = (cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }) => Promise<StepResult>;
export type NativeBinding = { ok: true; file: string; built: boolean } | { ok: false; reason: string };

export const electronSqliteFile = (root: string, electronVersion: string): string =>
  path.join(root, CACHE_DIR, electronVersion, BINDING_FILE);

/** Env for building against Electron: npm's `nodedir` (set on some machines) would pick Node's headers. */
export function electronBuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch)$/i.test(key) || key === 'NODEDIR') continue;
    clean[key] = value;
  }
  return clean;
}

/** node-gyp: a local install, else the one bundled with npm next to this Node. */
export function findNodeGyp(root: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates: string[] = [];
  try {
    candidates.push(createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a local dependency; fall through to npm's copy
  }
  if (env.npm_config_node_gyp) candidates.push(env.npm_config_node_gyp);
  const nodeDir = path.dirname(process.execPath);
  candidates.push(
    path.join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(nodeDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  );
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

export const runStep: RunStep = (cmd, args, { cwd, env, timeoutMs }) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, output: err.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? { ok: true } : { ok: false, output: output || `exit code ${code}` });
    });
  });

const lastLine = (text: string) =>
  text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).filter((l) => !/^at\s/.test(l)).at(-1) ?? '';

export interface EnsureOptions {
  root: string;
  electronVersion: string;
  /** Defaults to <root>/node_modules/better-sqlite3. */
  packageDir?: string;
  run?: RunStep;
  log?: (line: string) => void;
  arch?: string;
  platform?: string;
}

export async function ensureElectronSqlite(opts: EnsureOptions): Promise<NativeBinding> {
  const target = electronSqliteFile(opts.root, opts.electronVersion);
  if (fs.existsSync(target)) return { ok: true, file: target, built: false };

  const packageDir = opts.packageDir ?? path.join(opts.root, 'node_modules', 'better-sqlite3');
  if (!fs.existsSync(path.join(packageDir, 'package.json'))) return { ok: false, reason: 'better-sqlite3 is not installed; run npm install' };
  const run = opts.run ?? runStep;
  const log = opts.log ?? (() => {});
  const arch = opts.arch ?? process.arch;
  const platform = opts.platform ?? process.platform;
  const env = electronBuildEnv(process.env);

  fs.mkdirSync(path.dirname(target), { recursive: true });
  const work = fs.mkdtempSync(path.join(path.dirname(target), 'build-'));
  const builtDir = path.join(packageDir, 'build');
  try {
    // A private copy: Node's build in node_modules/better-sqlite3/build stays as it is.
    fs.cpSync(packageDir, work, { recursive: true, filter: (src) => src !== builtDir && !src.startsWith(builtDir + path.sep) });
    const produced = path.join(work, 'build', 'Release', BINDING_FILE);
    const failures: string[] = [];

    log(`Preparing the database module for Electron ${opts.electronVersion} (once per Electron version)…`);
    const prebuild = path.join(opts.root, 'node_modules', 'prebuild-install', 'bin.js');
    if (fs.existsSync(prebuild)) {
      const r = await run(process.execPath, [prebuild, '--runtime=electron', `--target=${opts.electronVersion}`, `--arch=${arch}`, `--platform=${platform}`], { cwd: work, env, timeoutMs: 120_000 });
      if (!r.ok) failures.push(`prebuilt download: ${lastLine(r.output)}`);
    }
    if (!fs.existsSync(produced)) {
      const nodeGyp = findNodeGyp(opts.root);
      if (!nodeGyp) failures.push('compile: node-gyp was not found (it ships with npm)');
      else {
        log('No prebuilt module could be downloaded; compiling it (a few minutes, needs Python and a C++ compiler)…');
        const r = await run(process.execPath, [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${opts.electronVersion}`, `--dist-url=${ELECTRON_HEADERS_URL}`, `--arch=${arch}`], { cwd: work, env, timeoutMs: 20 * 60_000 });
        if (!r.ok) failures.push(`compile: ${lastLine(r.output)}`);
      }
    }
    if (!fs.existsSync(produced)) return { ok: false, reason: failures.join('; ') || 'no module was produced' };
    fs.copyFileSync(produced, `${target}.tmp`);
    fs.renameSync(`${target}.tmp`, target);
    return { ok: true, file: target, built: true };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
