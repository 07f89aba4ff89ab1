/**
 * The Library screen's state: installed packs, the browse scope (pack → chapter → section,
 * tag), the query, the visible list (browse pages or search hits) and the open template.
 * Search runs as you type, debounced; every list request carries a sequence number so a
 * slow, stale reply never overwrites a newer one.
 */
import { create } from 'zustand';
import type { PackSummary, SearchHit, Template, TemplateSummary, TopicTree } from '../../shared/domain.js';
import { ok, type AppError, type Result } from '../../shared/result.js';
import { getApi } from '../api/index.js';

export const SEARCH_DEBOUNCE_MS = 120;
export const BROWSE_PAGE_SIZE = 500;
export const SEARCH_LIMIT = 200;

export interface LibraryScope {
  packId: string | null;
  chapter: string | null;
  section: string | null;
  tag: string;
}

export interface LibraryState extends LibraryScope {
  packs: PackSummary[];
  packsLoaded: boolean;
  trees: Record<string, TopicTree>;
  tags: { tag: string; count: number }[];
  query: string;
  /** 'browse' lists templates in scope; 'search' shows ranked hits for the query. */
  mode: 'browse' | 'search';
  /** Sparse: pages fill in as the list scrolls. Length is the total. */
  browseItems: (TemplateSummary | undefined)[];
  hits: SearchHit[];
  listLoading: boolean;
  listError: AppError | null;
  packsError: AppError | null;
  selectedId: string | null;
  detail: Template | null;
  detailLoading: boolean;
  detailError: AppError | null;
  /**
   * The renderer's one cache of whole templates, by id: the detail pane and the Solve screen's
   * template cards both read it. Emptied when the packs change (an import may rewrite a template).
   */
  templates: Record<string, Template>;
  templateErrors: Record<string, AppError>;

  init(): Promise<void>;
  refresh(): Promise<void>;
  selectScope(scope: Partial<Omit<LibraryScope, 'tag'>>): void;
  setTag(tag: string): void;
  setQuery(query: string): void;
  ensureRange(start: number, end: number): void;
  openTemplate(id: string): Promise<void>;
  /** Fetch a template into `templates` (or `templateErrors`) unless it is there already. */
  loadTemplate(id: string): Promise<Result<Template>>;
}

let listSeq = 0;
let detailSeq = 0;
let debounceTimer: ReturnType<typeof setTimeout> | null = null;
/** `${listSeq}:${page}` of browse pages being fetched, so scrolling never asks twice. */
const pagesInFlight = new Set<string>();

const scopeInput = (s: LibraryScope) => ({
  ...(s.packId ? { packId: s.packId } : {}),
  ...(s.chapter ? { chapter: s.chapter } : {}),
  ...(s.section ? { section: s.section } : {}),
  ...(s.tag ? { tag: s.tag } : {}),
});

export const useLibrary = create<LibraryState>((set, get) => {
  async function loadBrowsePage(page: number, seq: number): Promise<void> {
    const key = `${seq}:${page}`;
    if (pagesInFlight.has(key)) return;
    pagesInFlight.add(key);
    const result = await getApi().library.listTemplates({
      ...scopeInput(get()),
      offset: page * BROWSE_PAGE_SIZE,
      limit: BROWSE_PAGE_SIZE,
    });
    pagesInFlight.delete(key);
    if (seq !== listSeq) return;
    if (!result.ok) {
      set({ listLoading: false, listError: result.error });
      return;
    }
    const { total, items } = result.value;
    set((s) => {
      const next = page === 0 ? new Array<TemplateSummary | undefined>(total) : s.browseItems.slice();
      next.length = total;
      items.forEach((item, i) => {
        next[page * BROWSE_PAGE_SIZE + i] = item;
      });
      return { browseItems: next, listLoading: false, listError: null };
    });
  }

  async function runList(): Promise<void> {
    const seq = ++listSeq;
    pagesInFlight.clear();
    const state = get();
    const query = state.query.trim();
    set({ listLoading: true, mode: query ? 'search' : 'browse' });
    if (!query) {
      await loadBrowsePage(0, seq);
      return;
    }
    const result = await getApi().library.search({ query, limit: SEARCH_LIMIT, ...scopeInput(state) });
    if (seq !== listSeq) return;
    if (result.ok) set({ hits: result.value, listLoading: false, listError: null });
    else set({ hits: [], listLoading: false, listError: result.error });
  }

  async function loadTags(): Promise<void> {
    const packId = get().packId;
    const result = await getApi().library.tags(packId ? { packId } : {});
    if (get().packId !== packId) return;
    set({ tags: result.ok ? result.value : [] });
  }

  async function loadTree(packId: string): Promise<void> {
    const result = await getApi().library.topicTree({ packId });
    if (result.ok) set((s) => ({ trees: { ...s.trees, [packId]: result.value } }));
  }

  async function loadPacks(): Promise<void> {
    const result = await getApi().library.listPacks({});
    if (!result.ok) {
      set({ packsError: result.error, packsLoaded: true });
      return;
    }
    const packs = result.value;
    const { packId, selectedId } = get();
    const packGone = packId !== null && !packs.some((p) => p.id === packId);
    const detailGone = selectedId !== null && !packs.some((p) => selectedId.startsWith(`${p.id}/`));
    set({
      packs,
      packsLoaded: true,
      packsError: null,
      // Trees and templates may have changed with an import; fetch again on demand.
      trees: {},
      templates: {},
      templateErrors: {},
      ...(packGone ? { packId: null, chapter: null, section: null } : {}),
      ...(detailGone ? { selectedId: null, detail: null, detailError: null } : {}),
    });
  }

  return {
    packs: [],
    packsLoaded: false,
    trees: {},
    tags: [],
    packId: null,
    chapter: null,
    section: null,
    tag: '',
    query: '',
    mode: 'browse',
    browseItems: [],
    hits: [],
    listLoading: false,
    listError: null,
    packsError: null,
    selectedId: null,
    detail: null,
    templates: {},
    templateErrors: {},
    detailLoading: false,
    detailError: null,

    async init() {
      await get().refresh();
    },

    async refresh() {
      await loadPacks();
      const { packId, selectedId } = get();
      await Promise.all([runList(), loadTags(), packId ? loadTree(packId) : Promise.resolve()]);
      if (selectedId) await get().openTemplate(selectedId);
    },

    selectScope(scope) {
      const current = get();
      const packId = scope.packId !== undefined ? scope.packId : current.packId;
      const packChanged = packId !== current.packId;
      set({
        packId,
        chapter: scope.chapter !== undefined ? scope.chapter : packChanged ? null : current.chapter,
        section: scope.section !== undefined ? scope.section : packChanged ? null : current.section,
        ...(packChanged ? { tag: '' } : {}),
      });
      if (packId && !get().trees[packId]) void loadTree(packId);
      if (packChanged) void loadTags();
      void runList();
    },

    setTag(tag) {
      set({ tag });
      void runList();
    },

    setQuery(query) {
      set({ query });
      if (debounceTimer) clearTimeout(debounceTimer);
      debounceTimer = setTimeout(() => {
        debounceTimer = null;
        void runList();
      }, SEARCH_DEBOUNCE_MS);
    },

    ensureRange(start, end) {
      const { mode, browseItems } = get();
      if (mode !== 'browse') return;
      const first = Math.floor(start / BROWSE_PAGE_SIZE);
      const last = Math.floor(Math.min(end, browseItems.length - 1) / BROWSE_PAGE_SIZE);
      for (let page = first; page <= last; page++) {
        if (browseItems[page * BROWSE_PAGE_SIZE] === undefined) void loadBrowsePage(page, listSeq);
      }
    },

    async openTemplate(id) {
      const seq = ++detailSeq;
      set({ selectedId: id, detailLoading: true, detailError: null });
      const result = await get().loadTemplate(id);
      if (seq !== detailSeq) return;
      if (result.ok) set({ detail: result.value, detailLoading: false });
      else set({ detail: null, detailLoading: false, detailError: result.error });
    },

    async loadTemplate(id) {
      const cached = get().templates[id];
      if (cached) return ok(cached);
      const result = await getApi().library.getTemplate({ id });
      if (result.ok) set((s) => ({ templates: { ...s.templates, [id]: result.value } }));
      else set((s) => ({ templateErrors: { ...s.templateErrors, [id]: result.error } }));
      return result;
    },
  };
});
