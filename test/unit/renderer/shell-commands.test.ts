import { describe, expect, it } from 'vitest';
import { parseShellCommand } from '../../../renderer/shell/shell-commands.js';

describe('parseShellCommand', () => {
  it('reads an import command sent by the desktop menu', () => {
    const event = { requestId: 'shell:3', type: 'done' as const, value: { command: 'importPack', fileName: 'a.json', content: '{}' } };
    expect(parseShellCommand(event)).toEqual({ command: 'importPack', fileName: 'a.json', content: '{}' });
    expect(parseShellCommand({ requestId: 'shell:4', type: 'done', value: { command: 'openSettings' } })).toEqual({ command: 'openSettings' });
  });

  it('ignores ordinary stream events and malformed commands', () => {
    expect(parseShellCommand({ requestId: 'req-1', type: 'done', value: { command: 'importPack', fileName: 'a', content: '' } })).toBeNull();
    expect(parseShellCommand({ requestId: 'shell:5', type: 'done', value: { command: 'importPack', fileName: 7 } })).toBeNull();
    expect(parseShellCommand({ requestId: 'shell:6', type: 'done', value: { command: 'formatDisk' } })).toBeNull();
    expect(parseShellCommand({ requestId: 'shell:7', type: 'cancelled' })).toBeNull();
    expect(parseShellCommand({ requestId: 'shell:8', type: 'done' })).toBeNull();
  });
});
