import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames, type StreamEvent } from '../../../shared/contract.js';
import type { Result } from '../../../shared/result.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import { EVENT_CHANNEL, channelFor, invokeChannels } from '../../../electron/common/ipc-channels.js';
import {
  forwardEvents,
  registerIpcHandlers,
  type InvokeEvent,
  type IpcMainLike,
  type IpcWindow,
} from '../../../electron/main/ipc.js';

type Handler = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

function fakeWindow(url = 'app://renderer/index.html') {
  const mainFrame = { url };
  const sent: unknown[][] = [];
  let destroyed = false;
  const onDestroyed: (() => void)[] = [];
  const win: IpcWindow & { destroy(): void; sent: unknown[][]; mainFrame: { url: string } } = {
    isDestroyed: () => destroyed,
    webContents: {
      mainFrame,
      send: (...args: unknown[]) => void sent.push(args),
      isDestroyed: () => destroyed,
      once: (_event, l) => onDestroyed.push(l),
    },
    destroy() {
      destroyed = true;
      onDestroyed.forEach((l) => l());
    },
    sent,
    mainFrame,
  };
  return win;
}

describe('IPC channels', () => {
  it('are exactly one per contract method, derived from its name', () => {
    expect(invokeChannels).toEqual(methodNames.map((m) => `rf:call:${m}`));
    expect(new Set(invokeChannels).size).toBe(methodNames.length);
    expect(invokeChannels).not.toContain(EVENT_CHANNEL);
  });

  it('are the only channels the adapter listens on', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispose = registerIpcHandlers(ipcMain, vi.fn(), () => null);
    expect([...handlers.keys()].sort()).toEqual([...invokeChannels].sort());
    dispose();
    expect(handlers.size).toBe(0);
  });
});

describe('sender checks', () => {
  const setup = () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const win = fakeWindow();
    const dispatch = vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: 'reached the core' }));
    registerIpcHandlers(ipcMain, dispatch, () => win);
    const call = (event: InvokeEvent, input: unknown = {}) => handlers.get(channelFor('library.listPacks'))!(event, input);
    return { win, dispatch, call };
  };

  it('answers our window main frame showing our bundle', async () => {
    const { win, dispatch, call } = setup();
    await expect(call({ senderFrame: win.mainFrame }, { a: 1 })).resolves.toEqual({ ok: true, value: 'reached the core' });
    expect(dispatch).toHaveBeenCalledWith('library.listPacks', { a: 1 });
  });

  it('refuses a message from a foreign frame (e.g. an iframe) without calling the core', async () => {
    const { dispatch, call } = setup();
    const result = (await call({ senderFrame: { url: 'app://renderer/index.html' } })) as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses our own frame once it shows a foreign page', async () => {
    const { win, dispatch, call } = setup();
    for (const url of ['https://evil.example/', 'app://renderer.evil/index.html', 'file:///tmp/x.html', 'about:blank']) {
      win.mainFrame.url = url;
      expect(await call({ senderFrame: win.mainFrame })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses when the frame is gone or the window is destroyed', async () => {
    const { win, dispatch, call } = setup();
    expect(await call({ senderFrame: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    win.destroy();
    expect(await call({ senderFrame: win.mainFrame })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('through the real core', () => {
  let dataDir: string;
  let core: Core;
  let handlers: Map<string, Handler>;
  let win: ReturnType<typeof fakeWindow>;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-ipc-core-'));
    core = createCore({ dataDir, shell: 'electron', skipBuiltIns: true, logError: () => {} });
    const fake = fakeIpcMain();
    handlers = fake.handlers;
    win = fakeWindow();
    registerIpcHandlers(fake.ipcMain, core.dispatch, () => win);
  });
  afterAll(() => {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('carries a valid call to the core and back', async () => {
    const result = (await handlers.get(channelFor('app.info'))!({ senderFrame: win.mainFrame }, {})) as Result<{ shell: string; dataDir: string }>;
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ shell: 'electron', dataDir });
  });

  it('rejects invalid input with a clear invalid_input error', async () => {
    const result = (await handlers.get(channelFor('library.search'))!({ senderFrame: win.mainFrame }, { query: 42 })) as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).toMatch(/library\.search.*query/);
  });

  it('rejects unexpected fields (strict schemas) rather than passing them on', async () => {
    const result = (await handlers.get(channelFor('library.listPacks'))!({ senderFrame: win.mainFrame }, { extra: true })) as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('streamed events', () => {
  it('go to the window on the event channel and stop when it is destroyed', () => {
    const listeners = new Set<(e: StreamEvent) => void>();
    const subscribe = (l: (e: StreamEvent) => void) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    };
    const win = fakeWindow();
    forwardEvents(subscribe, win);
    const event: StreamEvent = { requestId: 'r1', type: 'delta', channel: 'solver', text: 'x' };
    listeners.forEach((l) => l(event));
    expect(win.sent).toEqual([[EVENT_CHANNEL, event]]);
    win.destroy();
    expect(listeners.size).toBe(0);
  });
});
