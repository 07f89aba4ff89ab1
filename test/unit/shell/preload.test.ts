import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../shared/contract.js';
import { EVENT_CHANNEL, channelFor } from '../../../electron/common/ipc-channels.js';
import { bundleOptions } from '../../../electron/build/bundle.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** A stand-in for Electron's contextBridge and ipcRenderer that records what the preload does. */
function fakeElectron() {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
  return {
    exposed,
    listeners,
    invoke,
    module: {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: {
        invoke,
        on: (channel: string, l: (event: unknown, ...args: unknown[]) => void) => {
          if (!listeners.has(channel)) listeners.set(channel, new Set());
          listeners.get(channel)!.add(l);
        },
        removeListener: (channel: string, l: (event: unknown, ...args: unknown[]) => void) => listeners.get(channel)?.delete(l),
      },
    },
  };
}

/** Dotted names of every function in the exposed object, except onEvent. */
function exposedMethodNames(api: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const [ns, value] of Object.entries(api)) {
    if (typeof value === 'function') names.push(ns);
    else for (const [fn, f] of Object.entries(value as Record<string, unknown>)) if (typeof f === 'function') names.push(`${ns}.${fn}`);
  }
  return names.filter((n) => n !== 'onEvent').sort();
}

function checkExposedApi(fake: ReturnType<typeof fakeElectron>) {
  expect([...fake.exposed.keys()]).toEqual(['api']);
  const api = fake.exposed.get('api') as Record<string, unknown>;
  expect(exposedMethodNames(api)).toEqual([...methodNames].sort());
  expect(typeof api.onEvent).toBe('function');
  // No escape hatch that would let the page pick a channel.
  for (const key of ['invoke', 'send', 'call', 'ipcRenderer', 'on']) expect(api).not.toHaveProperty(key);
  return api as Record<string, Record<string, (input?: unknown) => Promise<unknown>>> & {
    onEvent(l: (e: unknown) => void): () => void;
  };
}

const current = { fake: fakeElectron() };
// Delegates to the fake of the running test: the mocked module itself is created only once.
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => current.fake.module.contextBridge.exposeInMainWorld(key, value) },
  ipcRenderer: {
    invoke: (channel: string, input: unknown) => current.fake.module.ipcRenderer.invoke(channel, input),
    on: (channel: string, l: (event: unknown, ...args: unknown[]) => void) => current.fake.module.ipcRenderer.on(channel, l),
    removeListener: (channel: string, l: (event: unknown, ...args: unknown[]) => void) =>
      current.fake.module.ipcRenderer.removeListener(channel, l),
  },
}));

describe('preload (source)', () => {
  beforeEach(() => {
    current.fake = fakeElectron();
    vi.resetModules();
  });

  it('exposes exactly the contract methods, nested, plus onEvent', async () => {
    await import('../../../electron/preload/preload.js');
    checkExposedApi(current.fake);
  });

  it('invokes only the channel derived from the method name', async () => {
    await import('../../../electron/preload/preload.js');
    const api = checkExposedApi(current.fake);
    const result = await api.library!.search!({ query: 'quadratic' });
    expect(current.fake.invoke).toHaveBeenCalledWith(channelFor('library.search'), { query: 'quadratic' });
    expect(result).toEqual({ ok: true, value: { channel: 'rf:call:library.search', input: { query: 'quadratic' } } });
    await api.library!.listPacks!();
    expect(current.fake.invoke).toHaveBeenLastCalledWith(channelFor('library.listPacks'), {});
  });

  it('passes events to the page without the IPC event object, and unsubscribes', async () => {
    await import('../../../electron/preload/preload.js');
    const api = checkExposedApi(current.fake);
    const received: unknown[] = [];
    const off = api.onEvent((e) => received.push(e));
    const [forward] = [...current.fake.listeners.get(EVENT_CHANNEL)!];
    const payload = { requestId: 'r1', type: 'done' };
    forward!({ sender: 'secret ipc internals' }, payload);
    expect(received).toEqual([payload]);
    off();
    expect(current.fake.listeners.get(EVENT_CHANNEL)!.size).toBe(0);
    expect(() => api.onEvent('not a function' as never)).toThrow(TypeError);
  });
});

describe('preload (bundled as shipped)', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-preload-'));
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('is one CommonJS file needing only electron, and exposes the same api', async () => {
    const outfile = path.join(outDir, 'preload.cjs');
    await build({ ...bundleOptions(root).preload, outfile, sourcemap: false, logLevel: 'silent' });
    const code = fs.readFileSync(outfile, 'utf8');
    const fake = fakeElectron();
    const required: string[] = [];
    // A sandboxed preload's require knows 'electron' (and a few Node shims); we allow only electron.
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name === 'electron') return fake.module;
      throw new Error(`sandboxed preload cannot require ${name}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console, TextEncoder, TextDecoder, URL });
    expect([...new Set(required)]).toEqual(['electron']);
    const api = checkExposedApi(fake);
    await api.packs!.previewImport!({ fileName: 'a.json', content: '{}' });
    expect(fake.invoke).toHaveBeenCalledWith('rf:call:packs.previewImport', { fileName: 'a.json', content: '{}' });
  });
});
