/**
 * The Author screen: the list of drafts, the draft being edited, and its auto-save. Every
 * edit goes through `edit`, which updates the form at once and saves to the core after a
 * short pause, so nothing typed is lost on reload; validate/export/install save first.
 */
import { create } from 'zustand';
import type { DraftSummary, DraftValidation } from '../../shared/domain.js';
import type { AppError } from '../../shared/result.js';
import { getApi } from '../api/index.js';
import { t } from '../i18n/translate.js';
import {
  coerceDraft,
  emptyDraft,
  emptyTemplate,
  suggestTemplateId,
  type DraftPack,
  type DraftTemplate,
} from '../screens/authoring/draft-model.js';
import { downloadText } from '../util/download.js';
import { useLibrary } from './library-store.js';
import { useNotices } from './notices-store.js';

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface AuthoringState {
  drafts: DraftSummary[];
  listLoaded: boolean;
  listError: AppError | null;

  draftId: string | null;
  draft: DraftPack | null;
  /** Index of the template shown in the form and preview (-1: none). */
  selected: number;
  saveStatus: SaveStatus;
  saveError: AppError | null;
  validation: DraftValidation | null;
  actionError: AppError | null;
  busy: boolean;

  loadDrafts(): Promise<void>;
  newDraft(): Promise<boolean>;
  openDraft(draftId: string): Promise<boolean>;
  /** Reopen the draft open before a reload, if it still exists. */
  restoreLastDraft(): Promise<void>;
  closeDraft(): Promise<void>;
  deleteDraft(draftId: string): Promise<boolean>;
  startFromPack(packId: string): Promise<boolean>;

  edit(recipe: (draft: DraftPack) => DraftPack): void;
  updateTemplate(index: number, patch: Partial<DraftTemplate>): void;
  addTemplate(): void;
  duplicateTemplate(index: number): void;
  deleteTemplate(index: number): void;
  moveTemplate(index: number, delta: -1 | 1): void;
  selectTemplate(index: number): void;

  /** Save now if anything is unsaved; false when saving failed. */
  flush(): Promise<boolean>;
  validate(): Promise<DraftValidation | null>;
  exportDraft(): Promise<boolean>;
  install(): Promise<boolean>;
}

/** Long enough to batch a burst of typing, short enough that a reload rarely loses anything. */
export const AUTOSAVE_DELAY_MS = 600;
const LAST_DRAFT_KEY = 'rf-authoring-draft';

let saveTimer: ReturnType<typeof setTimeout> | null = null;
/** The save running now, so saves never overlap and a flush can wait for it. */
let inFlight: Promise<boolean> | null = null;
let dirty = false;

function remember(draftId: string | null): void {
  try {
    if (draftId) globalThis.localStorage?.setItem(LAST_DRAFT_KEY, draftId);
    else globalThis.localStorage?.removeItem(LAST_DRAFT_KEY);
  } catch {
    // Storage may be off; the draft is still in the list.
  }
}

function lastDraft(): string | null {
  try {
    return globalThis.localStorage?.getItem(LAST_DRAFT_KEY) ?? null;
  } catch {
    return null;
  }
}

const opened = (draftId: string, draft: DraftPack) => ({
  draftId,
  draft,
  selected: draft.templates.length > 0 ? 0 : -1,
  saveStatus: 'saved' as SaveStatus,
  saveError: null,
  validation: null,
  actionError: null,
});

export const useAuthoring = create<AuthoringState>((set, get) => {
  const saveNow = async (): Promise<boolean> => {
    if (inFlight) await inFlight;
    const { draftId, draft } = get();
    if (!draftId || !draft || !dirty) return get().saveStatus !== 'error';
    dirty = false;
    set({ saveStatus: 'saving' });
    inFlight = (async () => {
      const result = await getApi().authoring.saveDraft({ draftId, draft: draft as unknown as Record<string, unknown> });
      if (get().draftId !== draftId) return result.ok;
      if (!result.ok) {
        dirty = true;
        set({ saveStatus: 'error', saveError: result.error });
        return false;
      }
      set({ saveStatus: dirty ? 'pending' : 'saved', saveError: null });
      return true;
    })();
    try {
      return await inFlight;
    } finally {
      inFlight = null;
    }
  };

  const cancelTimer = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
  };

  const withTemplates = (recipe: (templates: DraftTemplate[]) => DraftTemplate[]) =>
    get().edit((draft) => ({ ...draft, templates: recipe(draft.templates) }));

  return {
    drafts: [],
    listLoaded: false,
    listError: null,
    draftId: null,
    draft: null,
    selected: -1,
    saveStatus: 'idle',
    saveError: null,
    validation: null,
    actionError: null,
    busy: false,

    async loadDrafts() {
      const result = await getApi().authoring.listDrafts({});
      if (result.ok) set({ drafts: result.value, listLoaded: true, listError: null });
      else set({ listLoaded: true, listError: result.error });
    },

    async newDraft() {
      await get().flush();
      const draft = emptyDraft();
      const result = await getApi().authoring.saveDraft({ draft: draft as unknown as Record<string, unknown> });
      if (!result.ok) {
        set({ listError: result.error });
        return false;
      }
      dirty = false;
      set(opened(result.value.draftId, draft));
      remember(result.value.draftId);
      return true;
    },

    async openDraft(draftId) {
      await get().flush();
      const result = await getApi().authoring.getDraft({ draftId });
      if (!result.ok) {
        set({ listError: result.error });
        return false;
      }
      dirty = false;
      set(opened(draftId, coerceDraft(result.value.draft)));
      remember(draftId);
      return true;
    },

    async restoreLastDraft() {
      const id = lastDraft();
      if (!id || get().draftId) return;
      const result = await getApi().authoring.getDraft({ draftId: id });
      if (!result.ok) {
        remember(null);
        return;
      }
      if (get().draftId) return;
      dirty = false;
      set(opened(id, coerceDraft(result.value.draft)));
    },

    async closeDraft() {
      await get().flush();
      cancelTimer();
      remember(null);
      set({ draftId: null, draft: null, selected: -1, saveStatus: 'idle', validation: null, actionError: null });
      await get().loadDrafts();
    },

    async deleteDraft(draftId) {
      const result = await getApi().authoring.deleteDraft({ draftId });
      if (!result.ok) {
        set({ listError: result.error });
        return false;
      }
      if (get().draftId === draftId) {
        cancelTimer();
        dirty = false;
        remember(null);
        set({ draftId: null, draft: null, selected: -1, saveStatus: 'idle' });
      }
      useNotices.getState().notify(t('author.draftDeleted'));
      await get().loadDrafts();
      return true;
    },

    async startFromPack(packId) {
      await get().flush();
      const result = await getApi().authoring.draftFromPack({ packId });
      if (!result.ok) {
        set({ listError: result.error });
        return false;
      }
      dirty = false;
      set(opened(result.value.draftId, coerceDraft(result.value.draft)));
      remember(result.value.draftId);
      return true;
    },

    edit(recipe) {
      const { draft } = get();
      if (!draft) return;
      dirty = true;
      set({ draft: recipe(draft), saveStatus: 'pending' });
      cancelTimer();
      saveTimer = setTimeout(() => {
        saveTimer = null;
        void saveNow();
      }, AUTOSAVE_DELAY_MS);
    },

    updateTemplate(index, patch) {
      withTemplates((templates) =>
        templates.map((template, i) => {
          if (i !== index) return template;
          const next = { ...template, ...patch };
          // The id follows the name until the teacher types an id of their own.
          if (patch.name !== undefined && patch.id === undefined) {
            const others = templates.filter((_, j) => j !== index).map((x) => x.id);
            if (template.id === '' || template.id === suggestTemplateId(template.name, others)) {
              next.id = suggestTemplateId(patch.name, others);
            }
          }
          return next;
        }),
      );
    },

    addTemplate() {
      const draft = get().draft;
      if (!draft) return;
      // New templates start in the topic of the one being edited, or the first topic.
      const current = draft.templates[get().selected];
      const topic = draft.topics[0];
      const template: DraftTemplate = {
        ...emptyTemplate(),
        chapter: current?.chapter ?? topic?.chapter ?? '',
        section: current?.section ?? topic?.sections[0] ?? '',
      };
      withTemplates((templates) => [...templates, template]);
      set({ selected: draft.templates.length });
    },

    duplicateTemplate(index) {
      const source = get().draft?.templates[index];
      if (!source) return;
      withTemplates((templates) => {
        const copy = structuredClone(source);
        copy.id = suggestTemplateId(source.id || source.name, templates.map((x) => x.id));
        return [...templates.slice(0, index + 1), copy, ...templates.slice(index + 1)];
      });
      set({ selected: index + 1 });
    },

    deleteTemplate(index) {
      withTemplates((templates) => templates.filter((_, i) => i !== index));
      const count = get().draft?.templates.length ?? 0;
      set({ selected: Math.min(index, count - 1) });
    },

    moveTemplate(index, delta) {
      const target = index + delta;
      const count = get().draft?.templates.length ?? 0;
      if (target < 0 || target >= count) return;
      withTemplates((templates) => {
        const next = [...templates];
        [next[index], next[target]] = [next[target]!, next[index]!];
        return next;
      });
      set({ selected: target });
    },

    selectTemplate(index) {
      set({ selected: index });
    },

    async flush() {
      cancelTimer();
      return saveNow();
    },

    async validate() {
      const { draftId } = get();
      if (!draftId) return null;
      set({ busy: true, actionError: null });
      if (!(await get().flush())) {
        set({ busy: false });
        return null;
      }
      const result = await getApi().authoring.validateDraft({ draftId });
      if (!result.ok) {
        set({ busy: false, actionError: result.error });
        return null;
      }
      set({ busy: false, validation: result.value });
      return result.value;
    },

    async exportDraft() {
      const { draftId } = get();
      if (!draftId) return false;
      set({ busy: true, actionError: null });
      const saved = await get().flush();
      const result = saved ? await getApi().authoring.exportDraft({ draftId }) : null;
      set({ busy: false });
      if (!result) return false;
      if (!result.ok) {
        set({ actionError: result.error });
        return false;
      }
      downloadText(result.value.fileName, result.value.content);
      useNotices.getState().notify(t('packs.exported', { fileName: result.value.fileName }));
      return true;
    },

    async install() {
      const { draftId, draft } = get();
      if (!draftId || !draft) return false;
      set({ busy: true, actionError: null });
      const saved = await get().flush();
      const result = saved ? await getApi().authoring.installDraft({ draftId }) : null;
      set({ busy: false });
      if (!result) return false;
      if (!result.ok) {
        set({ actionError: result.error });
        return false;
      }
      useNotices.getState().notify(t(`packs.outcome.${result.value.action}`, { name: draft.name, version: result.value.version }));
      await useLibrary.getState().refresh();
      return true;
    },
  };
});
