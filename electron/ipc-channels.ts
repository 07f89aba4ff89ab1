/**
 * The IPC channel names, derived once from the contract and shared by the main process and
 * the preload. Renderer-supplied data never becomes a channel name: both sides only ever
 * use the names listed here.
 */
import { methodNames, type MethodName } from '../shared/contract.js';

/** One invoke channel per contract method: `rf:call:library.search`. */
export const channelFor = (method: MethodName): string => `rf:call:${method}`;

/** Main → renderer: every StreamEvent (and shell commands, see below) goes out here. */
export const EVENT_CHANNEL = 'rf:event';

/** The complete allowlist of renderer → main channels. */
export const invokeChannels: readonly string[] = Object.freeze(methodNames.map(channelFor));

/**
 * Shell commands (menu items such as "Import pack…" or "Settings") reach the renderer as a
 * StreamEvent on EVENT_CHANNEL: `{ requestId: 'shell:<n>', type: 'done', value: ShellCommand }`.
 * Riding the existing event stream keeps the preload's surface to the contract plus onEvent.
 */
export const SHELL_REQUEST_PREFIX = 'shell:';

export type ShellCommand =
  | { command: 'importPack'; fileName: string; content: string }
  | { command: 'openSettings' };
