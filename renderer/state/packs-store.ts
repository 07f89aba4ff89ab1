/**
 * The Packs screen's import flow (choose file → preview → apply or cancel) and pack
 * removal/export. The installed-pack list itself lives in the library store, which is
 * refreshed after every change so both screens agree.
 *
 * The core checks a file once, at preview, and holds the checked pack under the preview's
 * importId; Apply sends only that id (the file's text is not sent again), Cancel lets the core
 * drop it. A file picked from the desktop menu arrives already previewed (showPickedPreview).
 */
import { create } from 'zustand';
import type { StagedImportPreview } from '../../shared/contract.js';
import type { AppError, Result } from '../../shared/result.js';
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
  /** The file being imported (its text is not kept: the core holds the checked pack). */
  fileName: string | null;
  preview: StagedImportPreview | null;
  importError: AppError | null;
  /** Allow replacing an installed pack with an older version. */
  force: boolean;
  busy: boolean;
  actionError: AppError | null;

  chooseFile(file: ChosenFile): Promise<void>;
  /** Reads a file picked in the browser, refusing oversized ones before sending them. */
  chooseLocalFile(file: File): Promise<void>;
  /** A file the desktop menu picked and the core already checked: its preview, or why it cannot be imported. */
  showPickedPreview(fileName: string, result: Result<StagedImportPreview>): void;
  cancelImport(): void;
  setForce(force: boolean): void;
  applyImport(): Promise<boolean>;
  removePack(packId: string): Promise<boolean>;
  exportPack(packId: string): Promise<void>;
}

const cleared = { fileName: null, preview: null, importError: null, force: false };

/** Which choice is current: a preview that arrives after another file was chosen is dropped. */
let choice = 0;

/** Let the core forget a preview nobody will apply (it would expire anyway). */
function discard(preview: StagedImportPreview | null): void {
  if (preview) void getApi().packs.discardImport({ importId: preview.importId });
}

export const usePacks = create<PacksState>((set, get) => ({
  ...cleared,
  busy: false,
  actionError: null,

  async chooseFile(file) {
    const mine = ++choice;
    discard(get().preview);
    set({ ...cleared, fileName: file.fileName, busy: true, actionError: null });
    const result = await getApi().packs.previewImport(file);
    if (mine !== choice) {
      if (result.ok) discard(result.value); // another file was chosen meanwhile
      return;
    }
    if (result.ok) set({ preview: result.value, busy: false });
    else set({ importError: result.error, busy: false });
  },

  showPickedPreview(fileName, result) {
    ++choice;
    discard(get().preview);
    set({ ...cleared, fileName, busy: false, actionError: null, ...(result.ok ? { preview: result.value } : { importError: result.error }) });
  },

  async chooseLocalFile(file) {
    // Refusals here never reach the core: the held preview (if any) is dropped as for any new choice.
    const refuse = (importError: AppError) => {
      ++choice;
      discard(get().preview);
      set({ ...cleared, fileName: file.name, importError });
    };
    if (file.size > PACK_LIMITS.maxFileBytes) {
      refuse({
        code: 'pack_too_large',
        message: t('packs.tooLarge', { fileName: file.name, limit: PACK_LIMITS.maxFileBytes / (1024 * 1024) }),
        action: t('packs.tooLargeAction'),
      });
      return;
    }
    let content: string;
    try {
      content = await file.text();
    } catch {
      refuse({ code: 'pack_unreadable', message: t('packs.unreadable', { fileName: file.name }), action: t('packs.unreadableAction') });
      return;
    }
    await get().chooseFile({ fileName: file.name, content });
  },

  cancelImport() {
    ++choice;
    discard(get().preview);
    set({ ...cleared, busy: false });
  },

  setForce(force) {
    set({ force });
  },

  async applyImport() {
    const { force, preview } = get();
    if (!preview) return false;
    set({ busy: true });
    // The id is used up either way: after a failure (import_expired included) the error says to choose the file again.
    const result = await getApi().packs.applyImport({ importId: preview.importId, ...(preview.action === 'downgrade' ? { force } : {}) });
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
