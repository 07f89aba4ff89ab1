/**
 * Menu actions the renderer carries out (show an import preview, open settings) travel as
 * shell events (`{ type: 'shell', command }`, ShellEvent in shared/contract.ts) on the
 * event channel the core's request events use.
 */
import type { ShellCommand, ShellEvent } from '../../shared/contract.js';
import { EVENT_CHANNEL } from '../common/ipc-channels.js';

export function shellCommandEvent(command: ShellCommand): ShellEvent {
  return { type: 'shell', command };
}

export interface CommandTarget {
  isDestroyed(): boolean;
  webContents: { send(channel: string, ...args: unknown[]): void };
}

export function sendShellCommand(win: CommandTarget | null, command: ShellCommand): boolean {
  if (!win || win.isDestroyed()) return false;
  win.webContents.send(EVENT_CHANNEL, shellCommandEvent(command));
  return true;
}
