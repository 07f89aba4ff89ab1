/**
 * The Packs store's import flow against a fake transport: the file's text goes to the core
 * once (preview), Apply sends only the import id, Cancel and a newer choice let the core drop
 * the held preview, a preview from the desktop menu is shown as it came, and an expired id
 * shows the core's "choose the file again" error.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createApi, type MethodName, type StagedImportPreview, type StreamEvent, type Transport } from '../../../../shared/contract.js';
import { fail, ok, type Result } from '../../../../shared/result.js';
import { setApi } from '../../../../renderer/api/index.js';
import { usePacks } from '../../../../renderer/state/packs-store.js';

const preview = (importId: string, overrides: Partial<StagedImportPreview> = {}): StagedImportPreview => ({
  importId,
  packId: 'algebra',
  name: 'Algebra',
  version: '1.0.0',
  installedVersion: null,
  action: 'install',
  sourceFormat: 'native',
  counts: { added: 2, changed: 0, removed: 0, unchanged: 0, templates: 2, chapters: 1, sections: 1 },
  changes: [],
  warnings: [],
  ...overrides,
});

interface Call {
  method: MethodName;
  input: Record<string, unknown>;
}

let calls: Call[];
let answers: Partial<Record<MethodName, (input: Record<string, unknown>) => Result<unknown> | Promise<Result<unknown>>>>;

beforeEach(() => {
  calls = [];
  answers = {
    'library.listPacks': () => ok([]),
    'library.topicTree': () => ok({ chapters: [] }),
    'library.listTemplates': () => ok({ total: 0, items: [] }),
    'library.tags': () => ok([]),
    'packs.discardImport': () => ok({ discarded: true }),
    'packs.applyImport': () => ok({ packId: 'algebra', version: '1.0.0', action: 'installed', counts: { added: 2, changed: 0, removed: 0, unchanged: 0 } }),
  };
  const transport: Transport = {
    call: async (method, input) => {
      calls.push({ method, input: input as Record<string, unknown> });
      const answer = answers[method];
      return answer ? answer(input as Record<string, unknown>) : fail('internal', `no answer scripted for ${method}`);
    },
    onEvent: (_l: (e: StreamEvent) => void) => () => {},
  };
  setApi(createApi(transport));
  usePacks.getState().cancelImport();
  calls = [];
});

const packCalls = () => calls.filter((c) => c.method.startsWith('packs.'));

describe('packs store: staged import', () => {
  it('sends the file once to preview, then applies by the import id alone', async () => {
    answers['packs.previewImport'] = () => ok(preview('id-1'));
    await usePacks.getState().chooseFile({ fileName: 'algebra.json', content: '{"a pack": true}' });
    expect(usePacks.getState()).toMatchObject({ fileName: 'algebra.json', preview: { importId: 'id-1' }, busy: false, importError: null });
    expect(usePacks.getState()).not.toHaveProperty('file');

    expect(await usePacks.getState().applyImport()).toBe(true);
    expect(packCalls()).toEqual([
      { method: 'packs.previewImport', input: { fileName: 'algebra.json', content: '{"a pack": true}' } },
      { method: 'packs.applyImport', input: { importId: 'id-1' } },
    ]);
    expect(usePacks.getState()).toMatchObject({ preview: null, fileName: null });
  });

  it('passes force only for a downgrade the teacher confirmed', async () => {
    answers['packs.previewImport'] = () => ok(preview('id-2', { action: 'downgrade', installedVersion: '2.0.0' }));
    await usePacks.getState().chooseFile({ fileName: 'old.json', content: '{}' });
    usePacks.getState().setForce(true);
    await usePacks.getState().applyImport();
    expect(packCalls().at(-1)).toEqual({ method: 'packs.applyImport', input: { importId: 'id-2', force: true } });
  });

  it('lets the core drop the held preview on Cancel and when another file is chosen', async () => {
    answers['packs.previewImport'] = (input) => ok(preview(`id-${String(input.fileName)}`));
    await usePacks.getState().chooseFile({ fileName: 'a.json', content: '{}' });
    await usePacks.getState().chooseFile({ fileName: 'b.json', content: '{}' });
    usePacks.getState().cancelImport();
    expect(packCalls().filter((c) => c.method === 'packs.discardImport').map((c) => c.input)).toEqual([{ importId: 'id-a.json' }, { importId: 'id-b.json' }]);
    expect(usePacks.getState().preview).toBeNull();
  });

  it('drops a preview that arrives after a newer choice, and tells the core to forget it', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    answers['packs.previewImport'] = async (input) => {
      if (input.fileName === 'slow.json') await slow;
      return ok(preview(`id-${String(input.fileName)}`));
    };
    const first = usePacks.getState().chooseFile({ fileName: 'slow.json', content: '{}' });
    await usePacks.getState().chooseFile({ fileName: 'fast.json', content: '{}' });
    release();
    await first;
    expect(usePacks.getState()).toMatchObject({ fileName: 'fast.json', preview: { importId: 'id-fast.json' } });
    expect(packCalls().filter((c) => c.method === 'packs.discardImport').map((c) => c.input)).toEqual([{ importId: 'id-slow.json' }]);
  });

  it('shows a preview the desktop menu made without sending the file anywhere, and applies it by id', async () => {
    usePacks.getState().showPickedPreview('menu.json', ok(preview('id-menu')));
    expect(usePacks.getState()).toMatchObject({ fileName: 'menu.json', preview: { importId: 'id-menu' } });
    await usePacks.getState().applyImport();
    expect(packCalls()).toEqual([{ method: 'packs.applyImport', input: { importId: 'id-menu' } }]);
  });

  it('shows why a file from the menu cannot be imported', () => {
    const error = { code: 'pack_invalid' as const, message: '1 problem in bad.json', details: { issues: [] } };
    usePacks.getState().showPickedPreview('bad.json', { ok: false, error });
    expect(usePacks.getState()).toMatchObject({ fileName: 'bad.json', preview: null, importError: error });
  });

  it('shows the core\'s import_expired error when the held preview is gone', async () => {
    answers['packs.previewImport'] = () => ok(preview('id-old'));
    answers['packs.applyImport'] = () => fail('import_expired', 'This import preview is no longer held.', { action: 'Choose the pack file again to see a fresh preview, then apply it.' });
    await usePacks.getState().chooseFile({ fileName: 'old.json', content: '{}' });
    expect(await usePacks.getState().applyImport()).toBe(false);
    expect(usePacks.getState()).toMatchObject({ preview: null, fileName: 'old.json', importError: { code: 'import_expired' } });
  });
});
