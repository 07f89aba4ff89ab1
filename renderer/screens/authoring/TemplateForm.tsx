/** Every field of one template, lists as add/remove rows; ids follow validator paths. */
import { TEMPLATE_TYPES, type TemplateType } from '../../../shared/domain.js';
import { useT } from '../../i18n/translate.js';
import { useAuthoring } from '../../state/authoring-store.js';
import { emptyExample, fieldId, type DraftExample, type DraftTemplate } from './draft-model.js';
import { ListField, TextField } from './fields.js';

export function TemplateForm({ index, template }: { index: number; template: DraftTemplate }) {
  const t = useT();
  const topics = useAuthoring((s) => s.draft?.topics ?? []);
  const update = useAuthoring((s) => s.updateTemplate);
  const path = (field: string) => `templates[${index}].${field}`;
  const set = (patch: Partial<DraftTemplate>) => update(index, patch);

  const chapters = topics.map((topic) => topic.chapter).filter(Boolean);
  const sections = topics.find((topic) => topic.chapter === template.chapter)?.sections.filter(Boolean) ?? [];
  const setExamples = (examples: DraftExample[]) => set({ examples });

  return (
    <form className="template-form" aria-label={t('author.templateForm')} onSubmit={(event) => event.preventDefault()}>
      <TextField path={path('name')} label={t('author.templateName')} value={template.name} onChange={(name) => set({ name })} />
      <TextField path={path('id')} label={t('author.templateId')} value={template.id} onChange={(id) => set({ id })} hint={t('author.templateIdHint')} />
      <div className="author-grid">
        <Select
          path={path('type')}
          label={t('author.type')}
          value={template.type}
          options={TEMPLATE_TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }))}
          onChange={(type) => set({ type: type as TemplateType })}
        />
        <Select
          path={path('chapter')}
          label={t('author.chapter')}
          value={template.chapter}
          placeholder={t('author.chooseChapter')}
          options={chapters.map((c) => ({ value: c, label: c }))}
          onChange={(chapter) => set({ chapter, section: topics.find((x) => x.chapter === chapter)?.sections[0] ?? '' })}
        />
        <Select
          path={path('section')}
          label={t('author.section')}
          value={template.section}
          placeholder={t('author.chooseSection')}
          options={sections.map((s) => ({ value: s, label: s }))}
          onChange={(section) => set({ section })}
        />
      </div>
      <TextField path={path('description')} label={t('author.description')} value={template.description} multiline hint={t('author.mathHint')} onChange={(description) => set({ description })} />
      <ListField
        path={path('tags')}
        legend={t('author.tags')}
        values={template.tags}
        onChange={(tags) => set({ tags })}
        itemLabel={(i) => t('author.tagN', { number: i + 1 })}
        removeLabel={(i) => t('author.removeTag', { number: i + 1 })}
        addLabel={t('author.addTag')}
      />
      <ListField
        path={path('scope')}
        legend={t('author.scope')}
        values={template.scope}
        onChange={(scope) => set({ scope })}
        itemLabel={(i) => t('author.scopeN', { number: i + 1 })}
        removeLabel={(i) => t('author.removeScope', { number: i + 1 })}
        addLabel={t('author.addScope')}
        multiline
      />
      <ListField
        path={path('steps')}
        legend={t('author.steps')}
        hint={t('author.stepsHint')}
        values={template.steps}
        onChange={(steps) => set({ steps })}
        itemLabel={(i) => t('author.stepN', { number: i + 1 })}
        removeLabel={(i) => t('author.removeStep', { number: i + 1 })}
        addLabel={t('author.addStep')}
        multiline
      />
      <fieldset className="list-field" id={fieldId(path('examples'))}>
        <legend>{t('author.examples')}</legend>
        {template.examples.map((example, e) => (
          <ExampleFields
            key={e}
            path={path(`examples[${e}]`)}
            number={e + 1}
            example={example}
            onChange={(next) => setExamples(template.examples.map((x, j) => (j === e ? next : x)))}
            onRemove={() => setExamples(template.examples.filter((_, j) => j !== e))}
          />
        ))}
        <button type="button" onClick={() => setExamples([...template.examples, emptyExample()])}>
          {t('author.addExample')}
        </button>
      </fieldset>
    </form>
  );
}

interface ExampleProps {
  path: string;
  number: number;
  example: DraftExample;
  onChange(example: DraftExample): void;
  onRemove(): void;
}

function ExampleFields({ path, number, example, onChange, onRemove }: ExampleProps) {
  const t = useT();
  return (
    <fieldset className="example-field">
      <legend>{t('detail.example', { number })}</legend>
      <TextField path={`${path}.problem`} label={t('author.exampleProblem', { number })} value={example.problem} multiline onChange={(problem) => onChange({ ...example, problem })} />
      <ListField
        path={`${path}.solution`}
        legend={t('author.exampleSolution', { number })}
        values={example.solution}
        onChange={(solution) => onChange({ ...example, solution })}
        itemLabel={(i) => t('author.solutionStepN', { number: i + 1, example: number })}
        removeLabel={(i) => t('author.removeSolutionStep', { number: i + 1, example: number })}
        addLabel={t('author.addSolutionStep')}
        multiline
      />
      <TextField path={`${path}.answer`} label={t('author.exampleAnswer', { number })} value={example.answer} onChange={(answer) => onChange({ ...example, answer })} />
      <button type="button" className="danger" onClick={onRemove}>
        {t('author.removeExample', { number })}
      </button>
    </fieldset>
  );
}

interface SelectProps {
  path: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange(value: string): void;
  placeholder?: string;
}

function Select({ path, label, value, options, onChange, placeholder }: SelectProps) {
  const id = fieldId(path);
  // A value the topics no longer list stays visible until the teacher picks another.
  const listed = options.some((o) => o.value === value);
  return (
    <div className="author-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {placeholder !== undefined && !value ? <option value="">{placeholder}</option> : null}
        {!listed && value ? <option value={value}>{value}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
