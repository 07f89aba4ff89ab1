/**
 * Starts load-host-child.ts (the core behind the browser host, in its own process with
 * --expose-gc) and talks to it: contract calls over HTTP with the token, heap readings on stdin.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CALL_PREFIX, EVENTS_PATH, TOKEN_HEADER, TOKEN_QUERY } from '../../../../shared/host-protocol.js';
import type { Result } from '../../../../shared/result.js';
import { openLeanSse, type LeanSse } from './sse-client.js';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');

export interface HeapReading {
  heapUsed: number;
  rss: number;
  /** The highest heapUsed sampled since the previous reading. */
  peakHeapUsed: number;
}

export interface LoadApp {
  port: number;
  call(method: string, input: unknown): Promise<Result<unknown>>;
  openEvents(): Promise<LeanSse>;
  /** Forces two full collections in the app process, then reads its memory. */
  heap(): Promise<HeapReading>;
  stop(): Promise<void>;
}

export async function startLoadApp(env: Record<string, string>): Promise<LoadApp> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-load-'));
  const proc = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'load-host-child.ts'), root], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (c: string) => (stderr = (stderr + c).slice(-4000)));
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buffered = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      lines.push(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
    for (const w of waiters.splice(0)) w();
  });
  const nextLine = (prefix: string, timeoutMs = 30_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${prefix}" line from the app process; stderr:\n${stderr}`)), timeoutMs);
      const check = () => {
        const i = lines.findIndex((l) => l.startsWith(prefix));
        if (i >= 0) {
          clearTimeout(timer);
          resolve(lines.splice(i, 1)[0]!);
        } else waiters.push(check);
      };
      check();
    });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));

  const [, portText, token] = (await nextLine('listening ')).split(' ') as [string, string, string];
  const port = Number(portText);
  return {
    port,
    async call(method, input) {
      const res = await fetch(`http://127.0.0.1:${port}${CALL_PREFIX}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input),
      });
      return (await res.json()) as Result<unknown>;
    },
    openEvents: () => openLeanSse(port, `${EVENTS_PATH}?${TOKEN_QUERY}=${token}`),
    async heap() {
      proc.stdin.write('mem\n');
      const [, heapUsed, rss, peak] = (await nextLine('mem ')).split(' ').map(Number) as [number, number, number, number];
      return { heapUsed, rss, peakHeapUsed: peak };
    },
    async stop() {
      if (proc.exitCode === null) {
        proc.stdin.write('stop\n');
        const killer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
