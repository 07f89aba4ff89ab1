/**
 * Menu actions the renderer carries out (show an import preview, open settings) travel as
 * StreamEvents on the event channel; see SHELL_REQUEST_PREFIX in ../ipc-channels.ts.
 */
import type { StreamEvent } from '../../shared/contract.js';
import { EVENT_CHANNEL, SHELL_REQUEST_PREFIX, type ShellCommand } from '../ipc-channels.js';

let sequence = 0;

export function shellCommandEvent(command: ShellCommand): StreamEvent {
  sequence += 1;
  return { requestId: `${SHELL_REQUEST_PREFIX}${sequence}`, type: 'done', value: command };
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
