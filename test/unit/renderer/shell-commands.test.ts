import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../shared/contract.js';
import { parseShellCommand } from '../../../renderer/shell/shell-commands.js';

const preview = { importId: 'imp-1', packId: 'algebra', action: 'install', counts: { added: 1 }, changes: [], warnings: [] };

describe('parseShellCommand', () => {
  it('reads the commands the desktop menu sends as shell events', () => {
    const importPack = { command: 'importPack', fileName: 'a.json', result: { ok: true, value: preview } } as const;
    expect(parseShellCommand({ type: 'shell', command: importPack } as unknown as StreamEvent)).toEqual(importPack);
    const refused = { command: 'importPack', fileName: 'a.json', result: { ok: false, error: { code: 'pack_unreadable', message: 'Not a pack.' } } } as const;
    expect(parseShellCommand({ type: 'shell', command: refused })).toEqual(refused);
    expect(parseShellCommand({ type: 'shell', command: { command: 'openSettings' } })).toEqual({ command: 'openSettings' });
  });

  it('ignores request events and malformed or unknown commands', () => {
    const cast = (e: unknown) => e as StreamEvent;
    // The old form (a done event of a request id that looks like a shell one) is just a request event now.
    expect(parseShellCommand({ requestId: 'shell:1', type: 'done', value: { command: 'openSettings' } })).toBeNull();
    expect(parseShellCommand({ requestId: 'req-1', type: 'cancelled' })).toBeNull();
    expect(parseShellCommand(cast({ type: 'shell', command: { command: 'importPack', fileName: 7, result: { ok: true, value: preview } } }))).toBeNull();
    expect(parseShellCommand(cast({ type: 'shell', command: { command: 'importPack', fileName: 'a.json', result: { ok: true, value: { packId: 'x' } } } }))).toBeNull();
    expect(parseShellCommand(cast({ type: 'shell', command: { command: 'importPack', fileName: 'a.json', content: '{}' } }))).toBeNull();
    expect(parseShellCommand(cast({ type: 'shell', command: { command: 'formatDisk' } }))).toBeNull();
    expect(parseShellCommand(cast({ type: 'shell' }))).toBeNull();
  });
});
