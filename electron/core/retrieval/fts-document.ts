/**
 * The searchable text of a template, one string per FTS column. Column order here is the
 * column order of `templates_fts` and of the ranking weights in search.ts.
 */
import type { PackTemplateV1 } from '../../../shared/packs/schema.js';

export const FTS_COLUMNS = ['name', 'tags', 'description', 'scope', 'steps', 'examples'] as const;
export type FtsColumn = (typeof FTS_COLUMNS)[number];

export function ftsDocument(t: PackTemplateV1): Record<FtsColumn, string> {
  return {
    name: t.name,
    tags: t.tags.join(', '),
    description: t.description,
    // Where in the curriculum the template applies: its chapter and section follow its scope.
    scope: [...t.scope, t.chapter, t.section].join('\n'),
    steps: t.steps.join('\n'),
    examples: t.examples.map((e) => [e.problem, ...e.solution, e.answer].join('\n')).join('\n\n'),
  };
}
