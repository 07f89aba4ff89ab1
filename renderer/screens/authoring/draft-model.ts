/**
 * The draft pack as the Author screen edits it: the pack format v1 shape with every field
 * present (empty while the teacher has not filled it in). Anything stored that the form does
 * not edit (practice problems, $schema, per-template license) is kept as it was.
 */
import { TEMPLATE_TYPES, type TemplateType } from '../../../shared/domain.js';
import { PACK_FORMAT, PACK_FORMAT_VERSION, type PackTemplateV1, type PackV1 } from '../../../shared/packs/schema.js';

/** Each type below is the pack file's own (shared/packs/schema.ts), so the form cannot drift from the format. */
export type DraftTemplate = PackTemplateV1;
export type DraftExample = DraftTemplate['examples'][number];
export type DraftTopic = PackV1['topics'][number];

/**
 * A pack file, except that the format tag and version are whatever was stored (checked on
 * validation, not here) and the practice problems the form does not edit are kept opaque.
 */
export type DraftPack = Omit<PackV1, 'format' | 'formatVersion' | 'templates' | 'problems'> & {
  format: string;
  formatVersion: number;
  templates: DraftTemplate[];
  problems?: unknown[];
};

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => str(x)) : []);
const optional = <K extends string>(key: K, v: unknown): Partial<Record<K, string>> =>
  typeof v === 'string' ? ({ [key]: v } as Record<K, string>) : {};

export function emptyTemplate(): DraftTemplate {
  return { id: '', name: '', type: 'method', chapter: '', section: '', tags: [], description: '', scope: [''], steps: ['', '', ''], examples: [] };
}

export function emptyExample(): DraftExample {
  return { problem: '', solution: [''], answer: '' };
}

export function emptyDraft(): DraftPack {
  return {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    id: '',
    version: '1.0.0',
    name: '',
    language: 'en',
    authors: [''],
    license: 'CC-BY-4.0',
    description: '',
    topics: [{ chapter: '', sections: [''] }],
    templates: [],
  };
}

function coerceExample(raw: unknown): DraftExample {
  const e = isRecord(raw) ? raw : {};
  const check = e.answerCheck === 'auto' || e.answerCheck === 'manual' ? { answerCheck: e.answerCheck as 'auto' | 'manual' } : {};
  return { problem: str(e.problem), solution: strList(e.solution), answer: str(e.answer), ...check };
}

function coerceTemplate(raw: unknown): DraftTemplate {
  const t = isRecord(raw) ? raw : {};
  const type = (TEMPLATE_TYPES as readonly string[]).includes(str(t.type)) ? (t.type as TemplateType) : 'method';
  return {
    id: str(t.id),
    name: str(t.name),
    type,
    chapter: str(t.chapter),
    section: str(t.section),
    tags: strList(t.tags),
    description: str(t.description),
    scope: strList(t.scope),
    steps: strList(t.steps),
    examples: Array.isArray(t.examples) ? t.examples.map(coerceExample) : [],
    ...optional('license', t.license),
    ...optional('attribution', t.attribution),
  };
}

/** Stored JSON (maybe incomplete, maybe from an older screen) → a draft the form can edit. */
export function coerceDraft(raw: Json): DraftPack {
  const base = emptyDraft();
  return {
    ...optional('$schema', raw.$schema),
    format: str(raw.format, base.format),
    formatVersion: typeof raw.formatVersion === 'number' ? raw.formatVersion : base.formatVersion,
    id: str(raw.id),
    version: str(raw.version),
    name: str(raw.name),
    language: str(raw.language),
    authors: strList(raw.authors),
    license: str(raw.license),
    ...optional('attribution', raw.attribution),
    description: str(raw.description),
    topics: Array.isArray(raw.topics)
      ? raw.topics.map((topic) => (isRecord(topic) ? { chapter: str(topic.chapter), sections: strList(topic.sections) } : { chapter: '', sections: [] }))
      : [],
    templates: Array.isArray(raw.templates) ? raw.templates.map(coerceTemplate) : [],
    ...(Array.isArray(raw.problems) ? { problems: raw.problems } : {}),
  };
}

/** A pack-format id from a name: "Vieta's formulas" → "vietas-formulas". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/\$[^$]*\$/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The id to suggest for a template named `name`, unique among the other templates. */
export function suggestTemplateId(name: string, takenIds: readonly string[]): string {
  const base = slugify(name) || 'template';
  let id = base;
  for (let n = 2; takenIds.includes(id); n++) id = `${base}-${n}`;
  return id;
}

/** An optional text field left empty is left out, so the validator does not ask for it. */
export function withOptional<T extends object, K extends string>(obj: T, key: K, value: string): T {
  const next = { ...obj } as Record<string, unknown>;
  if (value === '') delete next[key];
  else next[key] = value;
  return next as T;
}

/** The DOM id of the field for a validator path like `templates[0].steps[2]`. */
export function fieldId(path: string): string {
  return `af-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;
}
