import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../electron/core/data-dir.js';
import { TOKEN_HEADER } from '../../../shared/host-protocol.js';
import { hasStackTrace, runCli, startCli } from '../cli/run-cli.js';
import { rawRequest } from './http-helpers.js';

const SCRIPT = 'electron/host/cli.ts';
let tmp: string;
let staticDir: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'rf-web-cli-'));
  staticDir = path.join(tmp, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm run web', () => {
  it('prints one Listening line, serves the app with the core behind it, and stops on SIGTERM', async () => {
    const dataDir = path.join(tmp, 'data-ok');
    const child = startCli(SCRIPT, ['--port', '0', '--data-dir', dataDir, '--static-dir', staticDir]);
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      const listening = await new Promise<RegExpExecArray>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no Listening line; stderr: ${stderr}`)), 30_000);
        child.stdout!.on('data', (c) => {
          stdout += c;
          const m = /^Listening on http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/m.exec(stdout);
          if (m && stdout.includes('Data folder:')) {
            clearTimeout(timer);
            resolve(m);
          }
        });
        child.on('close', () => reject(new Error(`exited early; stderr: ${stderr}`)));
      });
      const port = Number(listening[1]);
      const token = listening[2]!;
      expect(stdout.match(/^Listening on /gm)).toHaveLength(1);
      expect(stdout).toContain(`Data folder: ${dataDir}`);

      const page = await rawRequest({ port, path: `/?token=${token}` });
      expect(page.status).toBe(200);
      expect(page.body).toContain(`<meta name="rf-token" content="${token}">`);

      const info = await rawRequest({
        port,
        method: 'POST',
        path: '/api/call/app.info',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: '{}',
      });
      expect(info.status).toBe(200);
      expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { dataDir, shell: 'browser' } });
    } finally {
      child.kill('SIGTERM');
    }
    const started = Date.now();
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(hasStackTrace(stderr)).toBe(false);
  });

  it('answers an unknown flag with usage and exit 2', async () => {
    const run = await runCli(SCRIPT, ['--prot', '8080']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown option --prot.');
    expect(run.stderr).toContain('Usage: npm run web');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('explains how to build the page files when they are missing', async () => {
    const run = await runCli(SCRIPT, ['--data-dir', path.join(tmp, 'data-nostatic'), '--static-dir', path.join(tmp, 'nowhere')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('npm run build:renderer');
    expect(run.stdout).not.toContain('Listening on');
  });

  it('says the port is taken, in one paragraph, without a stack', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const run = await runCli(SCRIPT, ['--port', String(port), '--data-dir', path.join(tmp, 'data-busy'), '--static-dir', staticDir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(run.stderr).toContain('--port');
      expect(hasStackTrace(run.stderr)).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a library written by a newer app version, without a stack', async () => {
    const dataDir = path.join(tmp, 'data-newer');
    mkdirSync(dataDir);
    const db = new Database(databaseFile(dataDir));
    db.pragma('user_version = 9999');
    db.close();
    const run = await runCli(SCRIPT, ['--data-dir', dataDir, '--static-dir', staticDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('newer version');
    expect(run.stderr).toContain('Next: ');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});
