/**
 * Which library templates the navigator may choose from: full-text retrieval on the problem,
 * falling back to the first templates of the library so the model always sees some.
 */
import type { Template, TemplateSummary } from '../../../shared/domain.js';
import type { Library } from '../library/library.js';

export const DEFAULT_CANDIDATES = 8;
const SHORT_CHARS = 160;
const SCOPE_ITEMS = 2;

export function retrieveCandidates(library: Library, text: string, k = DEFAULT_CANDIDATES): TemplateSummary[] {
  const hits = library.search({ query: text.slice(0, 2_000), limit: k }).map((h) => h.template);
  if (hits.length) return hits;
  // No word matched anything: any templates are better than none for the model to choose from.
  return library.listTemplates({ offset: 0, limit: k }).items;
}

const oneLine = (s: string, max = SHORT_CHARS) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** One line per template: id | name | description | scope | in short (first step). */
export function formatCandidates(library: Library, candidates: TemplateSummary[]): string {
  if (!candidates.length) return '(the library is empty; use null for every template_id)';
  return candidates
    .map((c) => {
      const full: Template | null = library.findTemplate(c.id);
      const scope = full ? full.scope.slice(0, SCOPE_ITEMS).map((x) => oneLine(x, 100)).join('; ') : '';
      const short = full?.steps[0] ? oneLine(full.steps[0]) : '';
      return `- ${c.id} | ${c.name} | ${full ? oneLine(full.description) : ''} | ${scope} | ${short}`;
    })
    .join('\n');
}
