/** The HTTP transport against a real loopback server speaking the host protocol. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../../shared/contract.js';
import { CALL_PREFIX, TOKEN_HEADER } from '../../../../shared/host-protocol.js';
import { createHttpTransport } from '../../../../renderer/api/http-transport.js';

const TOKEN = 'test-token-123';
let server: Server;
let base = '';
const seen: { url: string; token: string | undefined; body: string }[] = [];

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(body));
  });

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const token = req.headers[TOKEN_HEADER] as string | undefined;
      seen.push({ url: req.url ?? '', token, body });
      if (token !== TOKEN) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'no token' } }));
      } else if (req.url === `${CALL_PREFIX}library.tags`) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, value: [{ tag: 'algebra', count: 3 }] }));
      } else {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html>bad gateway</html>');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const absoluteFetch: typeof fetch = (url, init) => fetch(`${base}${String(url)}`, init);

describe('http transport', () => {
  it('posts the JSON input with the token header and returns the Result', async () => {
    const api = createApi(createHttpTransport(TOKEN, absoluteFetch));
    const result = await api.library.tags({ packId: 'algebra' });
    expect(result).toEqual({ ok: true, value: [{ tag: 'algebra', count: 3 }] });
    expect(seen.at(-1)).toEqual({ url: `${CALL_PREFIX}library.tags`, token: TOKEN, body: '{"packId":"algebra"}' });
  });

  it('passes the host’s own error Result through on 403', async () => {
    const api = createApi(createHttpTransport('wrong', absoluteFetch));
    const result = await api.library.listPacks({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('forbidden');
  });

  it('turns a non-JSON reply and an unreachable host into readable errors', async () => {
    const api = createApi(createHttpTransport(TOKEN, absoluteFetch));
    const bad = await api.app.info({});
    expect(bad).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('502') } });
    const down = createApi(createHttpTransport(TOKEN, () => Promise.reject(new TypeError('fetch failed'))));
    const result = await down.app.info({});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', action: expect.any(String) } });
  });
});
