/**
 * The Packs screen's import flow (choose file → preview → apply or cancel) and pack
 * removal/export. The installed-pack list itself lives in the library store, which is
 * refreshed after every change so both screens agree.
 */
import { create } from 'zustand';
import type { ImportPreview } from '../../shared/domain.js';
import type { AppError } from '../../shared/result.js';
import { PACK_LIMITS } from '../../shared/packs/schema.js';
import { getApi } from '../api/index.js';
import { t } from '../i18n/translate.js';
import { downloadText } from '../util/download.js';
import { useLibrary } from './library-store.js';
import { useNotices } from './notices-store.js';

export interface ChosenFile {
  fileName: string;
  content: string;
}

export interface PacksState {
  file: ChosenFile | null;
  preview: ImportPreview | null;
  importError: AppError | null;
  /** Allow replacing an installed pack with an older version. */
  force: boolean;
  busy: boolean;
  actionError: AppError | null;

  chooseFile(file: ChosenFile): Promise<void>;
  /** Reads a file picked in the browser, refusing oversized ones before sending them. */
  chooseLocalFile(file: File): Promise<void>;
  cancelImport(): void;
  setForce(force: boolean): void;
  applyImport(): Promise<boolean>;
  removePack(packId: string): Promise<boolean>;
  exportPack(packId: string): Promise<void>;
}

const cleared = { file: null, preview: null, importError: null, force: false };

export const usePacks = create<PacksState>((set, get) => ({
  ...cleared,
  busy: false,
  actionError: null,

  async chooseFile(file) {
    set({ ...cleared, file, busy: true, actionError: null });
    const result = await getApi().packs.previewImport(file);
    if (get().file !== file) return; // another file was chosen meanwhile
    if (result.ok) set({ preview: result.value, busy: false });
    else set({ importError: result.error, busy: false });
  },

  async chooseLocalFile(file) {
    if (file.size > PACK_LIMITS.maxFileBytes) {
      set({
        ...cleared,
        file: { fileName: file.name, content: '' },
        importError: {
          code: 'pack_too_large',
          message: t('packs.tooLarge', { fileName: file.name, limit: PACK_LIMITS.maxFileBytes / (1024 * 1024) }),
          action: t('packs.tooLargeAction'),
        },
      });
      return;
    }
    let content: string;
    try {
      content = await file.text();
    } catch {
      set({
        ...cleared,
        file: { fileName: file.name, content: '' },
        importError: { code: 'pack_unreadable', message: t('packs.unreadable', { fileName: file.name }), action: t('packs.unreadableAction') },
      });
      return;
    }
    await get().chooseFile({ fileName: file.name, content });
  },

  cancelImport() {
    set({ ...cleared, busy: false });
  },

  setForce(force) {
    set({ force });
  },

  async applyImport() {
    const { file, force, preview } = get();
    if (!file || !preview) return false;
    set({ busy: true });
    const result = await getApi().packs.applyImport({ ...file, ...(preview.action === 'downgrade' ? { force } : {}) });
    if (!result.ok) {
      set({ busy: false, importError: result.error, preview: null });
      return false;
    }
    set({ ...cleared, busy: false });
    useNotices.getState().notify(
      t(`packs.outcome.${result.value.action}`, { name: preview.name, version: result.value.version }),
    );
    await useLibrary.getState().refresh();
    return true;
  },

  async removePack(packId) {
    set({ busy: true, actionError: null });
    const result = await getApi().packs.remove({ packId });
    set({ busy: false });
    if (!result.ok) {
      set({ actionError: result.error });
      return false;
    }
    useNotices.getState().notify(t('packs.removed', { id: packId, count: result.value.removedTemplates }));
    await useLibrary.getState().refresh();
    return true;
  },

  async exportPack(packId) {
    set({ actionError: null });
    const result = await getApi().packs.export({ packId });
    if (!result.ok) {
      set({ actionError: result.error });
      return;
    }
    downloadText(result.value.fileName, result.value.content);
    useNotices.getState().notify(t('packs.exported', { fileName: result.value.fileName }));
  },
}));
