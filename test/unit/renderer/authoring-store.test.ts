/**
 * The Author screen's store and draft model against a real core (temp SQLite folder): edits
 * auto-save after a pause and survive reopening, the id follows the name until it is edited,
 * reorder/duplicate keep ids unique, and validate/install go through the real validator.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { createApi, type Transport } from '../../../shared/contract.js';
import { setApi } from '../../../renderer/api/index.js';
import { coerceDraft, fieldId, slugify, suggestTemplateId } from '../../../renderer/screens/authoring/draft-model.js';
import { AUTOSAVE_DELAY_MS, useAuthoring } from '../../../renderer/state/authoring-store.js';

// The store refreshes the library after install; that store is not under test here.
vi.mock('../../../renderer/state/library-store.js', () => ({ useLibrary: { getState: () => ({ refresh: async () => {} }) } }));

let dir: string;
let core: Core;
const calls: string[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-author-store-'));
  core = createCore({ dataDir: dir, shell: 'cli', skipBuiltIns: true });
  const transport: Transport = {
    call: (method, input) => {
      calls.push(method);
      return core.dispatch(method, input);
    },
    onEvent: () => () => {},
  };
  setApi(createApi(transport));
});

afterAll(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await useAuthoring.getState().closeDraft();
  calls.length = 0;
});

const state = () => useAuthoring.getState();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('draft model', () => {
  it('suggests ids from names, unique among the others', () => {
    expect(slugify("Vieta's formulas: sum $r+s$")).toBe('vietas-formulas-sum');
    expect(slugify('Équation   du  second degré')).toBe('equation-du-second-degre');
    expect(suggestTemplateId('Sum rule', ['sum-rule', 'sum-rule-2'])).toBe('sum-rule-3');
    expect(suggestTemplateId('', [])).toBe('template');
  });

  it('fills what an incomplete stored draft lacks and keeps what the form does not edit', () => {
    const draft = coerceDraft({ name: 'Half', templates: [{ name: 'T', steps: ['a', 7] }], problems: [{ id: 'p' }] });
    expect(draft.templates[0]).toMatchObject({ name: 'T', id: '', type: 'method', steps: ['a', ''], scope: [], examples: [] });
    expect(draft.problems).toEqual([{ id: 'p' }]);
    expect(draft.format).toBe('reasonflux-tutor-pack');
  });

  it('maps validator paths to element ids', () => {
    expect(fieldId('templates[0].steps[2]')).toBe('af-templates-0-steps-2');
    expect(fieldId('version')).toBe('af-version');
  });
});

describe('authoring store', () => {
  it('auto-saves after a pause, and the saved draft reopens as typed', async () => {
    expect(await state().newDraft()).toBe(true);
    const draftId = state().draftId!;
    state().edit((d) => ({ ...d, name: 'Typed' }));
    state().edit((d) => ({ ...d, name: 'Typed more' }));
    expect(state().saveStatus).toBe('pending');
    await wait(AUTOSAVE_DELAY_MS + 300);
    expect(state().saveStatus).toBe('saved');
    // Two quick edits, one save.
    expect(calls.filter((c) => c === 'authoring.saveDraft')).toHaveLength(2);

    await state().closeDraft();
    expect(state().drafts.find((d) => d.draftId === draftId)?.name).toBe('Typed more');
    await state().openDraft(draftId);
    expect(state().draft?.name).toBe('Typed more');
  });

  it('lets the id follow the name until the teacher edits it, and keeps ids unique', async () => {
    await state().newDraft();
    state().addTemplate();
    state().updateTemplate(0, { name: 'Sum rule' });
    state().updateTemplate(0, { name: 'Sum rule for roots' });
    expect(state().draft?.templates[0]?.id).toBe('sum-rule-for-roots');
    state().updateTemplate(0, { id: 'my-own' });
    state().updateTemplate(0, { name: 'Renamed' });
    expect(state().draft?.templates[0]?.id).toBe('my-own');

    state().duplicateTemplate(0);
    state().addTemplate();
    state().updateTemplate(2, { name: 'Last' });
    expect(state().draft?.templates.map((t) => t.id)).toEqual(['my-own', 'my-own-2', 'last']);
    state().moveTemplate(2, -1);
    expect(state().draft?.templates.map((t) => t.id)).toEqual(['my-own', 'last', 'my-own-2']);
    expect(state().selected).toBe(1);
    state().moveTemplate(0, -1); // already first: nothing moves
    expect(state().draft?.templates.map((t) => t.id)).toEqual(['my-own', 'last', 'my-own-2']);
    state().deleteTemplate(1);
    expect(state().draft?.templates.map((t) => t.id)).toEqual(['my-own', 'my-own-2']);
  });

  it('saves before validating, reports issues with paths, then installs once fixed', async () => {
    await state().newDraft();
    state().edit((d) => ({
      ...d,
      id: 'store-pack',
      name: 'Store pack',
      authors: ['A'],
      description: 'Made in a test.',
      topics: [{ chapter: 'Algebra', sections: ['Roots'] }],
    }));
    state().addTemplate();
    state().updateTemplate(0, { name: 'Root sum', description: 'Use $r+s$.', scope: ['Quadratics'], steps: ['One', 'Two', ''] });
    // No waiting for the auto-save: validate must see the latest edit.
    const invalid = await state().validate();
    expect(invalid?.ok).toBe(false);
    expect(invalid?.issues.map((i) => i.path)).toEqual(['templates[0].steps[2]']);

    state().updateTemplate(0, { steps: ['One', 'Two', 'Three'] });
    expect((await state().validate())?.ok).toBe(true);
    expect(await state().install()).toBe(true);
    const packs = await core.dispatch('library.listPacks', {});
    expect(packs).toMatchObject({ ok: true, value: [{ id: 'store-pack', templateCount: 1 }] });
  });

  it('refuses to install an invalid draft and shows why', async () => {
    await state().newDraft();
    expect(await state().install()).toBe(false);
    expect(state().actionError?.code).toBe('pack_invalid');
  });
});
