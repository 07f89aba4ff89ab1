/**
 * Menu actions from the desktop shell ("Import pack…", "Settings") arrive on the ordinary
 * event stream as `{ requestId: 'shell:<n>', type: 'done', value: ShellCommand }` (see
 * electron/ipc-channels.ts, which the renderer may not import). Anything else is ignored,
 * and a command is only trusted after its shape is checked.
 */
import type { StreamEvent } from '../../shared/contract.js';

/** Mirrors SHELL_REQUEST_PREFIX in electron/ipc-channels.ts. */
export const SHELL_REQUEST_PREFIX = 'shell:';

export type ShellCommand =
  | { command: 'importPack'; fileName: string; content: string }
  | { command: 'openSettings' };

export function parseShellCommand(event: StreamEvent): ShellCommand | null {
  if (event.type !== 'done' || !event.requestId.startsWith(SHELL_REQUEST_PREFIX)) return null;
  const value = event.value as Record<string, unknown> | null | undefined;
  if (!value || typeof value !== 'object') return null;
  if (value.command === 'importPack' && typeof value.fileName === 'string' && typeof value.content === 'string') {
    return { command: 'importPack', fileName: value.fileName, content: value.content };
  }
  if (value.command === 'openSettings') return { command: 'openSettings' };
  return null;
}
