/** Left column: every installed pack, and for the selected one its chapters and sections. */
import type { PackSummary, TopicTree as Tree } from '../../../shared/domain.js';
import { MathText } from '../../math/MathText.js';
import { useT } from '../../i18n/translate.js';
import { useLibrary } from '../../state/library-store.js';

export function TopicTree() {
  const t = useT();
  const packs = useLibrary((s) => s.packs);
  const packId = useLibrary((s) => s.packId);
  const trees = useLibrary((s) => s.trees);
  const selectScope = useLibrary((s) => s.selectScope);
  const allSelected = packId === null;

  return (
    <nav className="topic-tree" aria-labelledby="topic-tree-heading">
      <h3 id="topic-tree-heading">{t('library.browse')}</h3>
      <ul className="tree-root">
        <li>
          <button
            type="button"
            className="tree-item"
            aria-current={allSelected ? 'true' : undefined}
            onClick={() => selectScope({ packId: null, chapter: null, section: null })}
          >
            {t('library.allPacks')}
          </button>
        </li>
        {packs.map((pack) => (
          <PackNode key={pack.id} pack={pack} selected={pack.id === packId} tree={trees[pack.id]} />
        ))}
      </ul>
    </nav>
  );
}

function PackNode({ pack, selected, tree }: { pack: PackSummary; selected: boolean; tree: Tree | undefined }) {
  const t = useT();
  const chapter = useLibrary((s) => s.chapter);
  const section = useLibrary((s) => s.section);
  const selectScope = useLibrary((s) => s.selectScope);
  const packCurrent = selected && chapter === null;

  return (
    <li>
      <button
        type="button"
        className="tree-item tree-pack"
        aria-expanded={selected}
        aria-current={packCurrent ? 'true' : undefined}
        onClick={() => selectScope({ packId: pack.id, chapter: null, section: null })}
      >
        <span>{pack.name}</span>
        <span className="count">
          {pack.templateCount === 0 && pack.problemCount > 0
            ? t('library.problemCount', { count: pack.problemCount })
            : t('library.templateCount', { count: pack.templateCount })}
        </span>
      </button>
      {selected && tree ? (
        <ul>
          {tree.chapters.map((ch) => {
            const open = chapter === ch.title;
            return (
              <li key={ch.title}>
                <button
                  type="button"
                  className="tree-item tree-chapter"
                  aria-expanded={open}
                  aria-current={open && section === null ? 'true' : undefined}
                  onClick={() => selectScope({ packId: pack.id, chapter: ch.title, section: null })}
                >
                  <MathText text={ch.title} />
                </button>
                {open ? (
                  <ul>
                    {ch.sections.map((sec) => (
                      <li key={sec.title}>
                        <button
                          type="button"
                          className="tree-item tree-section"
                          aria-current={section === sec.title ? 'true' : undefined}
                          onClick={() => selectScope({ packId: pack.id, chapter: ch.title, section: sec.title })}
                        >
                          <MathText text={sec.title} />
                          <span className="count">{sec.templateCount}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </li>
  );
}
