/**
 * The library store against a scripted transport: search waits for the typing to pause,
 * stale replies never overwrite newer ones, and browse pages load on demand.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApi, type MethodName, type StreamEvent, type Transport } from '../../../../shared/contract.js';
import type { SearchHit, Template, TemplateSummary } from '../../../../shared/domain.js';
import { ok, type Result } from '../../../../shared/result.js';
import { setApi } from '../../../../renderer/api/index.js';
import { BROWSE_PAGE_SIZE, SEARCH_DEBOUNCE_MS, useLibrary } from '../../../../renderer/state/library-store.js';

const summary = (n: number): TemplateSummary => ({
  id: `p/t${n}`,
  packId: 'p',
  templateId: `t${n}`,
  name: `Template ${n}`,
  type: 'method',
  chapter: 'C',
  section: 'S',
  tags: [],
});
const hit = (n: number): SearchHit => ({ template: summary(n), score: 1, snippet: `s${n}`, snippetField: 'name' });

interface Call {
  method: MethodName;
  input: Record<string, unknown>;
  resolve(result: Result<unknown>): void;
}

/** Every call waits until the test answers it, so replies can arrive out of order. */
function scriptedTransport(): { transport: Transport; calls: Call[] } {
  const calls: Call[] = [];
  const transport: Transport = {
    call: (method, input) =>
      new Promise((resolve) => calls.push({ method, input: input as Record<string, unknown>, resolve })),
    onEvent: (_l: (e: StreamEvent) => void) => () => {},
  };
  return { transport, calls };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const initial = useLibrary.getState();

describe('library store', () => {
  let calls: Call[];

  beforeEach(() => {
    const scripted = scriptedTransport();
    calls = scripted.calls;
    setApi(createApi(scripted.transport));
    useLibrary.setState(initial, true);
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('searches once after typing pauses, not on every keystroke', async () => {
    const store = useLibrary.getState();
    store.setQuery('q');
    store.setQuery('qu');
    store.setQuery('quad');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 10);
    expect(calls.filter((c) => c.method === 'library.search')).toHaveLength(0);
    vi.advanceTimersByTime(20);
    const searches = calls.filter((c) => c.method === 'library.search');
    expect(searches).toHaveLength(1);
    expect(searches[0]?.input.query).toBe('quad');
    expect(useLibrary.getState().query).toBe('quad');
  });

  it('ignores a slow reply to an older query', async () => {
    const store = useLibrary.getState();
    store.setQuery('old');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    store.setQuery('new');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    const [oldCall, newCall] = calls.filter((c) => c.method === 'library.search');
    newCall?.resolve(ok([hit(2)]));
    await vi.runAllTimersAsync();
    oldCall?.resolve(ok([hit(1), hit(3)]));
    await vi.runAllTimersAsync();
    const state = useLibrary.getState();
    expect(state.mode).toBe('search');
    expect(state.hits.map((h) => h.template.id)).toEqual(['p/t2']);
  });

  it('browses when the query is empty and loads later pages only when asked', async () => {
    vi.useRealTimers();
    const store = useLibrary.getState();
    store.selectScope({ packId: 'p', chapter: 'C', section: null });
    await flush();
    const first = calls.find((c) => c.method === 'library.listTemplates');
    expect(first?.input).toMatchObject({ packId: 'p', chapter: 'C', offset: 0, limit: BROWSE_PAGE_SIZE });
    const total = BROWSE_PAGE_SIZE * 24; // 12,000 templates
    first?.resolve(ok({ total, items: Array.from({ length: BROWSE_PAGE_SIZE }, (_, i) => summary(i)) }));
    await flush();
    expect(useLibrary.getState().browseItems).toHaveLength(total);
    expect(useLibrary.getState().browseItems[BROWSE_PAGE_SIZE]).toBeUndefined();

    store.ensureRange(BROWSE_PAGE_SIZE * 10 + 3, BROWSE_PAGE_SIZE * 10 + 20);
    store.ensureRange(BROWSE_PAGE_SIZE * 10 + 5, BROWSE_PAGE_SIZE * 10 + 25); // same page: no second request
    const pageCalls = calls.filter((c) => c.method === 'library.listTemplates' && c.input.offset !== 0);
    expect(pageCalls.map((c) => c.input.offset)).toEqual([BROWSE_PAGE_SIZE * 10]);
    pageCalls[0]?.resolve(ok({ total, items: [summary(5000)] }));
    await flush();
    expect(useLibrary.getState().browseItems[BROWSE_PAGE_SIZE * 10]?.id).toBe('p/t5000');
  });

  it('drops the open template and scope when its pack disappears on refresh', async () => {
    vi.useRealTimers();
    useLibrary.setState({ packId: 'gone', selectedId: 'gone/t1', detail: null, packsLoaded: true });
    const refreshing = useLibrary.getState().refresh();
    await flush();
    calls.find((c) => c.method === 'library.listPacks')?.resolve(ok([]));
    await flush();
    for (const c of calls.filter((x) => x.method !== 'library.listPacks')) c.resolve(ok(c.method === 'library.tags' ? [] : { total: 0, items: [] }));
    await refreshing;
    const state = useLibrary.getState();
    expect(state.packId).toBeNull();
    expect(state.selectedId).toBeNull();
    expect(calls.some((c) => c.method === 'library.getTemplate')).toBe(false);
  });

  it('keeps one cache of whole templates: the detail pane and the template cards share it, and a refresh empties it', async () => {
    vi.useRealTimers();
    const template = { ...summary(1), description: 'd', scope: '', steps: [], examples: [] } as unknown as Template;
    const opening = useLibrary.getState().openTemplate('p/t1');
    await flush();
    const fetches = () => calls.filter((c) => c.method === 'library.getTemplate');
    expect(fetches()).toHaveLength(1);
    fetches()[0]!.resolve(ok(template));
    await opening;
    expect(useLibrary.getState().detail).toBe(template);
    // A template card on the Solve screen asks for the same id: no second fetch.
    expect(await useLibrary.getState().loadTemplate('p/t1')).toEqual(ok(template));
    expect(fetches()).toHaveLength(1);

    // The packs changed (an import): the cache is emptied, so the next read fetches again.
    useLibrary.setState({ packsLoaded: true });
    const changed = { ...template, description: 'rewritten by the import' } as Template;
    const answered = new Set<Call>(fetches());
    const refreshing = useLibrary.getState().refresh();
    for (let round = 0; round < 5; round++) {
      await flush();
      for (const c of calls.filter((x) => !answered.has(x))) {
        answered.add(c);
        const reply = { 'library.listPacks': [{ id: 'p' }], 'library.tags': [], 'library.getTemplate': changed }[c.method as string];
        c.resolve(ok(reply ?? { total: 0, items: [] }));
      }
    }
    await refreshing;
    await flush();
    // The template is read again, not served from before the import.
    expect(await useLibrary.getState().loadTemplate('p/t1')).toEqual(ok(changed));
    expect(fetches()).toHaveLength(2);
  });
});
