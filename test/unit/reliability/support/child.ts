/**
 * Child processes for the crash tests: a bundled .mjs (see child-bundle.ts) or a .ts run
 * with `node --import tsx`, talking in lines on
 * stdout ("ready", "start", "done …") and taking commands on stdin ("go …"), so the parent can
 * start one ahead of time (module loading is most of a child's cost) and SIGKILL it at a
 * chosen moment of its real work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../../../..');

export interface Child {
  proc: ChildProcess;
  /** Resolves with the first stdout line starting with `prefix` (seen now or later). */
  waitFor(prefix: string, timeoutMs?: number): Promise<string>;
  /** True once a line starting with `prefix` was printed. */
  saw(prefix: string): boolean;
  send(line: string): void;
  /** Resolves when the process has exited, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export function spawnChild(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  // Only what node needs: no model endpoints or keys from the developer's shell.
  const node = script.endsWith('.ts') ? ['--import', 'tsx', script] : [script];
  const proc = spawn(process.execPath, [...node, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (l: string) => void }[] = [];
  let buffered = '';
  let err = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      lines.push(line);
      for (const w of waiters.filter((x) => line.startsWith(x.prefix))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (chunk: string) => (err = (err + chunk).slice(-4000)));
  // A killed child closes its stdin; writes after that must not crash the parent.
  proc.stdin!.on('error', () => {});
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    proc,
    waitFor(prefix, timeoutMs = 30_000) {
      const seen = lines.find((l) => l.startsWith(prefix));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child never printed "${prefix}…"; stderr: ${err}`)), timeoutMs);
        waiters.push({ prefix, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          reject(new Error(`child exited (${code ?? signal}) before "${prefix}…"; stderr: ${err}`));
        });
      });
    },
    saw: (prefix) => lines.some((l) => l.startsWith(prefix)),
    send: (line) => void proc.stdin!.write(`${line}\n`),
    exited,
    stderr: () => err,
  };
}

/** A seeded PRNG, so a failing run can be replayed with its seed. */
export { mulberry32 as seededRandom } from '../../../../electron/core/util/prng.js';
