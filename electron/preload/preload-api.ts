/**
 * What the preload hands to the page: the contract's methods, nested exactly like
 * createApi builds them (api.library.search(...)), plus onEvent. Each method invokes only its
 * own channel from ../ipc-channels.ts; there is no generic invoke(channel) for the page to
 * misuse, and the IPC event object (which carries the sender) never reaches the page.
 */
import { createApi, type Api, type StreamEvent } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import { EVENT_CHANNEL, channelFor } from '../common/ipc-channels.js';

/** The parts of ipcRenderer the preload uses. */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function buildPreloadApi(ipc: PreloadIpc): Api {
  return createApi({
    call: (method, input) => ipc.invoke(channelFor(method), input) as Promise<Result<unknown>>,
    onEvent(listener) {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      const forward = (_event: unknown, payload: unknown) => listener(payload as StreamEvent);
      ipc.on(EVENT_CHANNEL, forward);
      return () => void ipc.removeListener(EVENT_CHANNEL, forward);
    },
  });
}
