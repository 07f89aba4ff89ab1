/** Discovery over real loopback sockets: a scripted server on a custom port is found, closed ports are skipped fast. */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverLocalServers, ModelClient, SERVER_PRESETS } from '../../../../electron/core/model/index.js';
import { startModelServer, type ModelServer } from '../../../support/model-server.js';

let server: ModelServer;
let closedPorts: number[];
beforeAll(async () => {
  server = await startModelServer({ models: ['qwen-math-7b'] });
  // Ports that were just free: bind, note, close.
  closedPorts = [];
  for (let i = 0; i < 2; i++) {
    const s = await startModelServer();
    closedPorts.push(s.port);
    await s.close();
  }
});
afterAll(() => server.close());

describe('server presets', () => {
  it('cover the common local servers on their usual ports, plus a cloud preset', () => {
    const urls = Object.fromEntries(SERVER_PRESETS.map((p) => [p.id, p.baseUrl]));
    expect(urls).toMatchObject({
      vllm: 'http://127.0.0.1:8000/v1',
      sglang: 'http://127.0.0.1:30000/v1',
      ollama: 'http://127.0.0.1:11434/v1',
      lmstudio: 'http://127.0.0.1:1234/v1',
      llamacpp: 'http://127.0.0.1:8080/v1',
    });
    const cloud = SERVER_PRESETS.find((p) => p.id === 'openai-compatible')!;
    expect(cloud).toMatchObject({ local: false, needsApiKey: true });
    expect(SERVER_PRESETS.filter((p) => p.local).every((p) => p.baseUrl.startsWith('http://127.0.0.1:'))).toBe(true);
  });
});

describe('discoverLocalServers', () => {
  it('finds a server on a custom port list and skips closed ports quickly', async () => {
    const t0 = Date.now();
    const found = await discoverLocalServers(new ModelClient(), { ports: [closedPorts[0]!, server.port, closedPorts[1]!], timeoutMs: 2_000 });
    const elapsed = Date.now() - t0;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ baseUrl: server.url, models: ['qwen-math-7b'] });
    expect(found[0]!.preset.label).toContain(String(server.port));
    // Refused connections fail at once; nowhere near the 2 s probe timeout.
    expect(elapsed).toBeLessThan(1_000);
  });

  it('gives up on a port that accepts but never answers after the short timeout', async () => {
    // Something else holding a port: it accepts the connection and never says a word.
    const held = new Set<Socket>();
    const silent = createServer((socket) => void held.add(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    try {
      const t0 = Date.now();
      const found = await discoverLocalServers(new ModelClient(), { ports: [port, server.port], timeoutMs: 200 });
      expect(found.map((f) => f.baseUrl)).toEqual([server.url]);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(180);
      expect(Date.now() - t0).toBeLessThan(1_500);
    } finally {
      for (const s of held) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
