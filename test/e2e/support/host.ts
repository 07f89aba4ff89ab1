/**
 * Starts the real browser host (`electron/host/cli.ts`) as a subprocess on a free port with a
 * fresh data folder, waits for its "Listening on …" line and stops it afterwards. Builds
 * nothing: run `npm run build:renderer` before the e2e run (or point RF_E2E_STATIC_DIR at
 * another build of the renderer).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

export interface E2eHost {
  /** The full address with the token, as printed: http://127.0.0.1:PORT/?token=T */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 45_000;

export interface StartHostOptions {
  /**
   * Extra environment for the host (e.g. OPENAI_BASE_URL, RF_NAVIGATOR_MODEL). A value of
   * undefined removes the variable, so a test can make sure no model is configured.
   */
  env?: Record<string, string | undefined>;
  /** Reuse this data folder (to restart on the same data); it is then left in place on stop. */
  dataDir?: string;
}

/** The variables through which a model endpoint can reach the host from the environment. */
export const MODEL_ENV_VARS = ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'RF_NAVIGATOR_MODEL', 'RF_SOLVER_MODEL', 'RF_SOLVER_BASE_URL'] as const;

/** Environment overrides that make sure the host sees no model endpoint at all. */
export const NO_MODEL_ENV: Record<string, undefined> = Object.fromEntries(MODEL_ENV_VARS.map((name) => [name, undefined]));

export async function startHost(opts: StartHostOptions = {}): Promise<E2eHost> {
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'rf-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  // detached: the host runs in its own process group, so stopping it also stops tsx's child.
  const args = ['tsx', 'electron/host/cli.ts', '--port', '0', '--data-dir', dataDir];
  // Optional: serve a private build (parallel builds into dist/renderer would race the run).
  if (process.env.RF_E2E_STATIC_DIR) args.push('--static-dir', process.env.RF_E2E_STATIC_DIR);
  const child = spawn('npx', args, { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in time:\n${output}`)), STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with code ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    stop: () => stopProcess(child).finally(() => (ownsDataDir ? rmSync(dataDir, { recursive: true, force: true }) : undefined)),
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      clearTimeout(killTimer);
      resolve();
    }
  });
}
