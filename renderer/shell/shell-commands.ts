/**
 * Menu actions from the desktop shell ("Import pack…", "Settings") arrive on the ordinary
 * event stream as shell events (`{ type: 'shell', command }`, ShellEvent in
 * shared/contract.ts). Anything else is ignored, and a command is only trusted after the
 * contract has checked its shape.
 */
import { readShellCommand, type ShellCommand, type StreamEvent } from '../../shared/contract.js';

export type { ShellCommand };

export function parseShellCommand(event: StreamEvent): ShellCommand | null {
  return readShellCommand(event);
}
