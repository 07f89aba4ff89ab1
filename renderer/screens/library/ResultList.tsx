/**
 * The middle column's list: search hits or the templates in scope. Virtualized so 10,000+
 * rows stay smooth; a listbox with aria-activedescendant so arrow keys move and Enter opens.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit, TemplateSummary } from '../../../shared/domain.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useT } from '../../i18n/translate.js';
import { HighlightedSnippet, MathText } from '../../math/MathText.js';
import { useLibrary } from '../../state/library-store.js';

const ROW_HEIGHT = { browse: 60, search: 84 } as const;
const PAGE_STEP = 10;

type Row = { summary: TemplateSummary | undefined; hit?: SearchHit };

const optionId = (index: number) => `result-option-${index}`;

export function ResultList() {
  const t = useT();
  const mode = useLibrary((s) => s.mode);
  const hits = useLibrary((s) => s.hits);
  const browseItems = useLibrary((s) => s.browseItems);
  const listError = useLibrary((s) => s.listError);
  const selectedId = useLibrary((s) => s.selectedId);
  const openTemplate = useLibrary((s) => s.openTemplate);
  const ensureRange = useLibrary((s) => s.ensureRange);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);

  const count = mode === 'search' ? hits.length : browseItems.length;
  const rowAt = (index: number): Row =>
    mode === 'search' ? { summary: hits[index]?.template, hit: hits[index] } : { summary: browseItems[index] };

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT[mode],
    overscan: 8,
  });
  const virtualRows = virtualizer.getVirtualItems();

  // A new list starts at its top.
  useEffect(() => {
    setActive(0);
    virtualizer.scrollToOffset(0);
  }, [mode, hits, browseItems.length, virtualizer]);

  useEffect(() => {
    virtualizer.measure();
  }, [mode, virtualizer]);

  const firstVisible = virtualRows[0]?.index ?? 0;
  const lastVisible = virtualRows[virtualRows.length - 1]?.index ?? 0;
  useEffect(() => {
    if (count > 0) ensureRange(firstVisible, lastVisible);
  }, [firstVisible, lastVisible, count, ensureRange]);

  const move = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const open = (index: number) => {
    const summary = rowAt(index).summary;
    if (summary) void openTemplate(summary.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + PAGE_STEP),
      PageUp: () => move(active - PAGE_STEP),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => open(active),
      ' ': () => open(active),
    };
    const action = keys[event.key];
    if (!action || count === 0) return;
    event.preventDefault();
    action();
  };

  if (listError) return <ErrorMessage error={listError} />;

  return (
    <div
      ref={scrollRef}
      className="result-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('library.resultsLabel')}
      aria-activedescendant={count > 0 ? optionId(active) : undefined}
      onKeyDown={onKeyDown}
    >
      {count === 0 ? (
        <p className="empty">{mode === 'search' ? t('library.noMatches') : t('library.noTemplates')}</p>
      ) : (
        <div className="result-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualRows.map((row) => {
            const { summary, hit } = rowAt(row.index);
            return (
              <div
                key={row.key}
                id={optionId(row.index)}
                role="option"
                aria-selected={summary !== undefined && summary.id === selectedId}
                aria-posinset={row.index + 1}
                aria-setsize={count}
                className={`result-row${row.index === active ? ' active' : ''}`}
                style={{ height: row.size, transform: `translateY(${row.start}px)` }}
                onClick={() => {
                  setActive(row.index);
                  open(row.index);
                }}
              >
                {summary ? <ResultRow summary={summary} hit={hit} /> : <span className="placeholder">{t('library.loading')}</span>}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

function ResultRow({ summary, hit }: { summary: TemplateSummary; hit: SearchHit | undefined }) {
  const t = useT();
  return (
    <>
      <span className="result-name">
        <MathText text={summary.name} />
      </span>
      <span className="result-meta">
        <span className={`type-badge type-${summary.type}`}>{t(`type.${summary.type}`)}</span>
        <span className="result-path">
          <MathText text={summary.chapter} /> › <MathText text={summary.section} />
        </span>
      </span>
      {hit ? (
        <span className="result-snippet">
          <HighlightedSnippet snippet={hit.snippet} />
        </span>
      ) : null}
    </>
  );
}
