/**
 * Importer for the ReasonFlux v1 template library (`template_library.json`):
 * `{ chapter: { section: [ {template_name, template_type, knowledge_tag, description,
 * application_scenario, reason_flow, example_application} ] } }`. Cleans its escaping and
 * layout mess into PackV1 data; the caller validates the result with the common validator.
 */
import type { PackIssue } from '../../../../shared/domain.js';
import { PACK_FORMAT, PACK_FORMAT_VERSION, type PackTemplateV1 } from '../../../../shared/packs/schema.js';
import { stableTemplateId } from '../ids.js';
import { invalidPack } from '../issues.js';
import { cleanText, mapTemplateType, toExamples, toScope, toSteps } from './reasonflux-fields.js';
import type { ImportResult } from './types.js';

export const REASONFLUX_DEFAULT_PACK_ID = 'reasonflux-v1-library';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for `{chapter: {section: [ {template_name…} ]}}`, even when some entries are broken. */
export function looksLikeReasonFlux(data: unknown): boolean {
  if (!isRecord(data)) return false;
  const chapters = Object.values(data);
  if (chapters.length === 0 || !chapters.every(isRecord)) return false;
  const sections = chapters.flatMap((c) => Object.values(c as Record<string, unknown>));
  if (sections.length === 0 || !sections.every(Array.isArray)) return false;
  return sections.some((s) => (s as unknown[]).some((t) => isRecord(t) && 'template_name' in t));
}

const KNOWN_KEYS = new Set([
  'template_name',
  'template_type',
  'knowledge_tag',
  'description',
  'application_scenario',
  'reason_flow',
  'example_application',
]);

/** PackV1 field → the ReasonFlux key it came from, to point validator issues at the source. */
export const REASONFLUX_FIELD_OF: Record<string, string> = {
  name: 'template_name',
  type: 'template_type',
  tags: 'knowledge_tag',
  description: 'description',
  scope: 'application_scenario',
  steps: 'reason_flow',
  examples: 'example_application',
};

/** `["Chapter"]["Section"][3]`: chapter and section titles always quoted, as typed in the file. */
const sourcePath = (chapter: string, section: string, index: number) =>
  `[${JSON.stringify(chapter)}][${JSON.stringify(section)}][${index}]`;

export function importReasonFlux(fileName: string, data: Record<string, unknown>, opts: { packId?: string } = {}): ImportResult {
  const issues: PackIssue[] = [];
  const warnings: string[] = [];
  const templates: PackTemplateV1[] = [];
  const sourcePaths: string[] = [];
  const topics: { chapter: string; sections: string[] }[] = [];
  const unknownTypes = new Map<string, number>();
  let duplicateNames = 0;
  let mathRepairs = 0;
  let missingExamples = 0;
  const clean = (s: string) => cleanText(s, () => mathRepairs++);

  for (const [chapterKey, sections] of Object.entries(data)) {
    const chapter = clean(chapterKey);
    const topic = { chapter, sections: [] as string[] };
    topics.push(topic);
    for (const [sectionKey, list] of Object.entries(sections as Record<string, unknown[]>)) {
      const section = clean(sectionKey);
      topic.sections.push(section);
      const seenNames = new Map<string, number>();
      list.forEach((entry, index) => {
        const at = sourcePath(chapterKey, sectionKey, index);
        const issue = (key: string, rule: string, message: string) =>
          issues.push({ file: fileName, path: `${at}.${key}`, rule, message });
        if (!isRecord(entry)) {
          issues.push({ file: fileName, path: at, rule: 'wrong_type', message: 'expected a template object' });
          return;
        }
        const rawName = entry.template_name;
        if (typeof rawName !== 'string' || !rawName.trim()) {
          issue('template_name', rawName === undefined ? 'required' : 'wrong_type', 'expected the template name as text');
          return;
        }
        const name = clean(rawName);
        const occurrence = seenNames.get(name) ?? 0;
        seenNames.set(name, occurrence + 1);
        if (occurrence > 0) duplicateNames++;

        const type = mapTemplateType(entry.template_type);
        if (!type) {
          const label = String(entry.template_type ?? '(missing)');
          unknownTypes.set(label, (unknownTypes.get(label) ?? 0) + 1);
        }
        if (typeof entry.description !== 'string' || !entry.description.trim()) {
          issue('description', entry.description === undefined ? 'required' : 'wrong_type', 'expected the description as text');
        }
        const scope = toScope(entry.application_scenario, clean);
        if (scope.length === 0) issue('application_scenario', 'non_empty_list', 'expected text or a non-empty list of texts');
        const steps = toSteps(entry.reason_flow, clean);
        if (steps.length === 0) issue('reason_flow', 'non_empty_list', 'expected a non-empty list of steps');
        const examples = toExamples(entry.example_application, clean);
        if (entry.example_application !== undefined && examples.length === 0) missingExamples++;
        for (const key of Object.keys(entry)) {
          if (!KNOWN_KEYS.has(key)) warnings.push(`${at}.${key}: unknown key "${key}" was ignored`);
        }
        const tags = Array.isArray(entry.knowledge_tag)
          ? entry.knowledge_tag.filter((t): t is string => typeof t === 'string').map(clean)
          : typeof entry.knowledge_tag === 'string'
            ? entry.knowledge_tag.split(/[,;，]/).map(clean)
            : [];
        const uniqueTags = [...new Map(tags.filter(Boolean).map((t) => [t.toLowerCase(), t])).values()];

        templates.push({
          id: stableTemplateId([chapterKey, sectionKey, rawName, String(occurrence)]),
          name,
          type: type ?? 'method',
          chapter,
          section,
          tags: uniqueTags,
          description: typeof entry.description === 'string' ? clean(entry.description) : '',
          scope,
          steps,
          examples,
        });
        sourcePaths.push(at);
      });
    }
  }
  if (issues.length > 0) throw invalidPack(fileName, issues, 'Fix the listed templates in the library file and import it again.');

  if (duplicateNames > 0) {
    warnings.push(`${duplicateNames} template name${duplicateNames === 1 ? ' was' : 's were'} used twice in the same section; each copy was given its own id`);
  }
  for (const [label, count] of unknownTypes) {
    warnings.push(`template_type "${label}" (${count}×) is not a known kind; imported as "method"`);
  }
  if (mathRepairs > 0) warnings.push(`${mathRepairs} text${mathRepairs === 1 ? '' : 's'} had unclosed math delimiters that were closed or escaped`);
  if (missingExamples > 0) warnings.push(`${missingExamples} worked example${missingExamples === 1 ? '' : 's'} had no recognisable problem text and were left out`);

  const pack = {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    id: opts.packId ?? REASONFLUX_DEFAULT_PACK_ID,
    version: '1.0.0',
    name: 'ReasonFlux template library',
    language: 'en',
    authors: ['Gen-Verse ReasonFlux team'],
    license: 'Apache-2.0',
    attribution:
      'Thought templates from Gen-Verse/ReasonFlux (https://github.com/Gen-Verse/ReasonFlux), ReasonFlux_v1/data/template_library.json, Apache License 2.0. Text cleaned on import (line breaks, math delimiters, template kinds).',
    description: `The ReasonFlux v1 thought-template library (arXiv 2502.06772): ${templates.length} high-school mathematics templates in ${topics.length} chapters, each with when to use it, the steps to apply it, and worked examples.`,
    topics,
    templates,
  };
  const locate = (i: number, field: string, rest: string) =>
    `${sourcePaths[i] ?? `templates[${i}]`}${field ? `.${REASONFLUX_FIELD_OF[field] ?? field}` : ''}${rest}`;
  return { data: pack, warnings, locate };
}
