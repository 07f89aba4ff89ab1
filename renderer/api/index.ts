/**
 * The renderer's one door to the core. In Electron the preload exposes `window.api` with the
 * contract's shape; in a browser the page talks to the loopback host over HTTP.
 */
import { createApi, type Api } from '../../shared/contract.js';
import { createHttpTransport, readPageToken } from './http-transport.js';

declare global {
  interface Window {
    api?: Api;
  }
}

function pickApi(): Api {
  if (typeof window !== 'undefined' && window.api) return window.api;
  return createApi(createHttpTransport(readPageToken()));
}

let current: Api | null = null;

/** The active api (created on first use so tests can install their own first). */
export function getApi(): Api {
  current ??= pickApi();
  return current;
}

/** For tests: run the stores against a fake transport. */
export function setApi(api: Api): void {
  current = api;
}
