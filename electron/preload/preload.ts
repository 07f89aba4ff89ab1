/**
 * The sandboxed preload: exposes `window.api` (see preload-api.ts) and nothing else.
 * Bundled by esbuild into one CommonJS file, because a sandboxed preload cannot require
 * local modules; only 'electron' stays external.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './preload-api.js';

contextBridge.exposeInMainWorld('api', buildPreloadApi(ipcRenderer));
