/** Chapters and their sections, in display order. Renaming one refiles its templates with it. */
import { useT } from '../../i18n/translate.js';
import { useAuthoring } from '../../state/authoring-store.js';
import type { DraftPack } from './draft-model.js';
import { ListField, TextField } from './fields.js';

function renameChapter(draft: DraftPack, index: number, title: string): DraftPack {
  const old = draft.topics[index]?.chapter;
  return {
    ...draft,
    topics: draft.topics.map((topic, i) => (i === index ? { ...topic, chapter: title } : topic)),
    templates: draft.templates.map((tpl) => (old && tpl.chapter === old ? { ...tpl, chapter: title } : tpl)),
  };
}

function setSections(draft: DraftPack, index: number, sections: string[]): DraftPack {
  const topic = draft.topics[index];
  if (!topic) return draft;
  // A section renamed in place carries its templates along.
  const renamed = new Map<string, string>();
  if (sections.length === topic.sections.length) {
    topic.sections.forEach((old, k) => {
      if (old && sections[k] !== old) renamed.set(old, sections[k]!);
    });
  }
  return {
    ...draft,
    topics: draft.topics.map((tp, i) => (i === index ? { ...tp, sections } : tp)),
    templates: draft.templates.map((tpl) =>
      tpl.chapter === topic.chapter && renamed.has(tpl.section) ? { ...tpl, section: renamed.get(tpl.section)! } : tpl,
    ),
  };
}

export function TopicsEditor() {
  const t = useT();
  const topics = useAuthoring((s) => s.draft?.topics ?? []);
  const edit = useAuthoring((s) => s.edit);

  return (
    <section className="author-section" aria-labelledby="topics-heading">
      <h3 id="topics-heading">{t('author.topicsHeading')}</h3>
      <p className="hint">{t('author.topicsHint')}</p>
      <div id="af-topics">
        {topics.map((topic, i) => (
          <fieldset key={i} className="topic-field">
            <legend>{t('author.chapterN', { number: i + 1 })}</legend>
            <TextField path={`topics[${i}].chapter`} label={t('author.chapterTitle', { number: i + 1 })} value={topic.chapter} onChange={(value) => edit((d) => renameChapter(d, i, value))} />
            <ListField
              path={`topics[${i}].sections`}
              legend={t('author.sections')}
              values={topic.sections}
              onChange={(sections) => edit((d) => setSections(d, i, sections))}
              itemLabel={(k) => t('author.sectionN', { number: k + 1, chapter: i + 1 })}
              removeLabel={(k) => t('author.removeSection', { number: k + 1, chapter: i + 1 })}
              addLabel={t('author.addSection')}
            />
            <button type="button" className="danger" onClick={() => edit((d) => ({ ...d, topics: d.topics.filter((_, j) => j !== i) }))}>
              {t('author.removeChapter', { number: i + 1 })}
            </button>
          </fieldset>
        ))}
      </div>
      <button type="button" onClick={() => edit((d) => ({ ...d, topics: [...d.topics, { chapter: '', sections: [''] }] }))}>
        {t('author.addChapter')}
      </button>
    </section>
  );
}
