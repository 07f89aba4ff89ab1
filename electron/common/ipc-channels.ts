/**
 * The IPC channel names, derived once from the contract and shared by the main process and
 * the preload. Renderer-supplied data never becomes a channel name: both sides only ever
 * use the names listed here.
 */
import { methodNames, type MethodName } from '../../shared/contract.js';

/** One invoke channel per contract method: `rf:call:library.search`. */
export const channelFor = (method: MethodName): string => `rf:call:${method}`;

/**
 * Main → renderer: every StreamEvent goes out here, the core's request events and the menu's
 * shell events (`{ type: 'shell', command }`, ShellEvent in shared/contract.ts) alike; riding
 * the one event stream keeps the preload's surface to the contract plus onEvent.
 */
export const EVENT_CHANNEL = 'rf:event';

/** The complete allowlist of renderer → main channels. */
export const invokeChannels: readonly string[] = Object.freeze(methodNames.map(channelFor));
