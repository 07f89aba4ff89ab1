/** The pack's own details: id, name, version, language, authors, license, description. */
import { useT } from '../../i18n/translate.js';
import { useAuthoring } from '../../state/authoring-store.js';
import { withOptional, type DraftPack } from './draft-model.js';
import { ListField, TextField } from './fields.js';

export function PackMetaForm() {
  const t = useT();
  const draft = useAuthoring((s) => s.draft);
  const edit = useAuthoring((s) => s.edit);
  if (!draft) return null;
  const set = (patch: Partial<DraftPack>) => edit((d) => ({ ...d, ...patch }));

  return (
    <section className="author-section" aria-labelledby="pack-meta-heading">
      <h3 id="pack-meta-heading">{t('author.packHeading')}</h3>
      <div className="author-grid">
        <TextField path="name" label={t('author.packName')} value={draft.name} onChange={(name) => set({ name })} />
        <TextField path="id" label={t('author.packId')} value={draft.id} onChange={(id) => set({ id })} hint={t('author.idHint')} />
        <TextField path="version" label={t('author.version')} value={draft.version} onChange={(version) => set({ version })} hint={t('author.versionHint')} />
        <TextField path="language" label={t('author.language')} value={draft.language} onChange={(language) => set({ language })} hint={t('author.languageHint')} />
        <TextField path="license" label={t('author.license')} value={draft.license} onChange={(license) => set({ license })} />
        <TextField
          path="attribution"
          label={t('author.attribution')}
          value={draft.attribution ?? ''}
          onChange={(value) => edit((d) => withOptional(d, 'attribution', value))}
        />
      </div>
      <TextField path="description" label={t('author.packDescription')} value={draft.description} multiline onChange={(description) => set({ description })} />
      <ListField
        path="authors"
        legend={t('author.authors')}
        values={draft.authors}
        onChange={(authors) => set({ authors })}
        itemLabel={(i) => t('author.authorN', { number: i + 1 })}
        removeLabel={(i) => t('author.removeAuthor', { number: i + 1 })}
        addLabel={t('author.addAuthor')}
      />
    </section>
  );
}
