/**
 * The browser host against the requests another local page or process could make: without
 * the token, with a wrong one, with a rebound Host name, from a foreign Origin; and from
 * another machine, which cannot even connect because the host binds to loopback only.
 * Runs the real core behind it, and checks refused calls never reached the core.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_PREFIX, EVENTS_PATH, TOKEN_HEADER } from '../../../shared/host-protocol.js';
import { startAppOverHttp, type AppOverHttp } from '../reliability/support/app-over-http.js';

let app: AppOverHttp;
let port: number;

interface Sent {
  status: number;
  body: string;
}

function send(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string; host?: string }): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: opts.host ?? '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { Host: `127.0.0.1:${port}`, ...opts.headers },
        agent: false,
        timeout: 3_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A state-changing call: if any refused request got through, the saved model would change. */
const setModel = (headers: Record<string, string>) =>
  send({
    path: `${CALL_PREFIX}settings.setModel`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ role: 'navigator', settings: { baseUrl: 'http://attacker.example/v1', model: 'stolen' } }),
  });

beforeAll(async () => {
  app = await startAppOverHttp({ env: {} });
  port = app.host.port;
});
afterAll(async () => {
  await app?.close();
});

async function navigatorIsUnchanged(): Promise<void> {
  const r = await send({ path: `${CALL_PREFIX}settings.getModels`, method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: app.host.token }, body: '{}' });
  expect(r.status).toBe(200);
  expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { navigator: null } });
}

describe('token', () => {
  it.each([
    ['no token', {}],
    ['a wrong token', { [TOKEN_HEADER]: 'A'.repeat(43) }],
    ['the token with one character changed', { [TOKEN_HEADER]: 'x' }],
    ['an empty token', { [TOKEN_HEADER]: '' }],
  ])('an API call with %s is refused and never reaches the core', async (label, headers) => {
    const h = { ...headers } as Record<string, string>;
    if (label.includes('one character')) h[TOKEN_HEADER] = `${app.host.token.slice(0, -1)}${app.host.token.endsWith('A') ? 'B' : 'A'}`;
    const r = await setModel(h);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(r.body).not.toContain(app.host.token);
    await navigatorIsUnchanged();
  });

  it('the page and the event stream need the token too', async () => {
    for (const path of ['/', '/index.html', '/?token=wrong', EVENTS_PATH, `${EVENTS_PATH}?token=wrong`]) {
      const r = await send({ path });
      expect(r.status, path).toBe(403);
      expect(r.body).not.toContain(app.host.token);
    }
    expect((await send({ path: `/?token=${app.host.token}` })).status).toBe(200);
  });
});

describe('Host and Origin', () => {
  it.each(['evil.example', 'localhost.evil.example', '127.0.0.1', '127.0.0.1:1', '0.0.0.0', '[::1]'])(
    'a foreign Host header (DNS rebinding) "%s" is refused even with the token',
    async (host) => {
      const r = await setModel({ Host: host, [TOKEN_HEADER]: app.host.token });
      expect(r.status).toBe(403);
      await navigatorIsUnchanged();
      expect((await send({ path: `/?token=${app.host.token}`, headers: { Host: host } })).status).toBe(403);
    },
  );

  it('a rebound name with our own port is refused too', async () => {
    const r = await setModel({ Host: `evil.example:${port}`, [TOKEN_HEADER]: app.host.token });
    expect(r.status).toBe(403);
    await navigatorIsUnchanged();
  });

  it.each(['http://evil.example', 'https://evil.example', 'null', 'http://127.0.0.1:1', 'http://localhost', 'file://'])(
    'a foreign Origin "%s" is refused even with the token',
    async (origin) => {
      const r = await setModel({ Origin: origin, [TOKEN_HEADER]: app.host.token });
      expect(r.status).toBe(403);
      await navigatorIsUnchanged();
    },
  );

  it('a cross-site fetch (Sec-Fetch-Site) and a CORS preflight are refused', async () => {
    expect((await setModel({ 'Sec-Fetch-Site': 'cross-site', [TOKEN_HEADER]: app.host.token })).status).toBe(403);
    expect((await setModel({ 'Sec-Fetch-Site': 'same-site', [TOKEN_HEADER]: app.host.token })).status).toBe(403);
    const preflight = await send({ path: `${CALL_PREFIX}settings.setModel`, method: 'OPTIONS', headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(403);
    await navigatorIsUnchanged();
  });

  it('a body that is not JSON (a form post needs no preflight) is refused', async () => {
    const r = await send({ path: `${CALL_PREFIX}settings.setModel`, method: 'POST', headers: { 'content-type': 'text/plain', [TOKEN_HEADER]: app.host.token }, body: '{}' });
    expect(r.status).toBe(415);
    await navigatorIsUnchanged();
  });

  it('our own origin with the token is answered', async () => {
    const r = await send({ path: `${CALL_PREFIX}app.info`, method: 'POST', headers: { Origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json', [TOKEN_HEADER]: app.host.token }, body: '{}' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { shell: 'browser' } });
  });
});

describe('loopback only', () => {
  it('listens on 127.0.0.1 and nowhere else', () => {
    expect(new URL(app.host.url).hostname).toBe('127.0.0.1');
    // Linux lists listening sockets in /proc; the port must appear once, bound to 127.0.0.1.
    if (!fs.existsSync('/proc/net/tcp')) {
      console.log('skipped the /proc/net/tcp check: not a Linux /proc');
      return;
    }
    const hex = port.toString(16).toUpperCase().padStart(4, '0');
    const listening = (file: string) =>
      fs.existsSync(file)
        ? fs
            .readFileSync(file, 'utf8')
            .split('\n')
            .slice(1)
            .map((l) => l.trim().split(/\s+/))
            .filter((f) => f[1]?.endsWith(`:${hex}`) && f[3] === '0A')
            .map((f) => f[1]!.split(':')[0])
        : [];
    expect(listening('/proc/net/tcp')).toEqual(['0100007F']);
    expect(listening('/proc/net/tcp6')).toEqual([]);
  });

  it('cannot be reached through another interface of this machine', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!external) {
      console.log('skipped: this machine has no non-internal IPv4 interface to try');
      return;
    }
    const outcome = await send({ path: '/', host: external.address, headers: { Host: `127.0.0.1:${port}` } }).then(
      (r) => `HTTP ${r.status}`,
      (e: NodeJS.ErrnoException) => e.code ?? e.message,
    );
    expect(outcome, `connecting to ${external.address}:${port}`).toBe('ECONNREFUSED');
  });
});
