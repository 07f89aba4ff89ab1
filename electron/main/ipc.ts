/**
 * The IPC adapter: one `ipcMain.handle` per contract method, on the channel derived from
 * its name. A call is answered only when it comes from our window's main frame showing our
 * bundle; anything else gets a `forbidden` Result and never reaches the core. The core's
 * dispatcher then validates the input against the contract.
 */
import { methodNames, type Dispatch, type MethodName, type StreamEvent } from '../../shared/contract.js';
import { fail, type Result } from '../../shared/result.js';
import { EVENT_CHANNEL, channelFor } from '../common/ipc-channels.js';
import { isAppUrl } from './app-protocol.js';

/** The parts of an IpcMainInvokeEvent the sender check reads. */
export interface InvokeEvent {
  senderFrame: { url: string } | null;
}

/** The parts of a BrowserWindow the adapter needs. */
export interface IpcWindow {
  isDestroyed(): boolean;
  webContents: {
    mainFrame: unknown;
    send(channel: string, ...args: unknown[]): void;
    isDestroyed(): boolean;
    once(event: 'destroyed', listener: () => void): unknown;
  };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export const FORBIDDEN_MESSAGE = 'This request did not come from the tutor window, so it was refused.';

/** Our window's main frame, currently showing our own bundle. */
export function isTrustedSender(event: InvokeEvent, win: IpcWindow | null): boolean {
  if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return false;
  const frame = event.senderFrame;
  return frame !== null && frame === win.webContents.mainFrame && isAppUrl(frame.url);
}

export function createMethodHandler(method: MethodName, dispatch: Dispatch, getWindow: () => IpcWindow | null) {
  return async (event: InvokeEvent, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, getWindow())) return fail('forbidden', FORBIDDEN_MESSAGE);
    return dispatch(method, input);
  };
}

/** Register every contract method; returns a function that removes them again. */
export function registerIpcHandlers(ipcMain: IpcMainLike, dispatch: Dispatch, getWindow: () => IpcWindow | null): () => void {
  for (const method of methodNames) {
    const handler = createMethodHandler(method, dispatch, getWindow);
    ipcMain.handle(channelFor(method), (event, input) => handler(event, input));
  }
  return () => {
    for (const method of methodNames) ipcMain.removeHandler(channelFor(method));
  };
}

/** Forward streamed events to one window until its contents are destroyed. */
export function forwardEvents(subscribe: (listener: (e: StreamEvent) => void) => () => void, win: IpcWindow): () => void {
  const unsubscribe = subscribe((event) => {
    if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  });
  win.webContents.once('destroyed', unsubscribe);
  return unsubscribe;
}
