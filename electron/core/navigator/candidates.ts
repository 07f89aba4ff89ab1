/**
 * Which library templates the navigator may choose from: the library's candidate retrieval
 * (retrieval/retrieve.ts) on the problem text, the navigator's guide words (category.ts:
 * methods, direction + knowledge, category + direction) and, when the endpoint offers
 * embeddings, the problem's vector; the retrievers' rankings are fused by reciprocal rank and
 * the best K (default 12) are offered. With no guide and no vector this is plain retrieval on
 * the problem. When nothing matches at all, the first templates of the library are offered so
 * the model always sees some.
 */
import type { Template, TemplateSummary } from '../../../shared/domain.js';
import type { Library } from '../library/library.js';

export const DEFAULT_CANDIDATES = 12;
const SHORT_CHARS = 160;
const SCOPE_ITEMS = 2;

/** The problem's embedding, for the vector retriever (semantic.ts). */
export interface QueryVector {
  model: string;
  query: ArrayLike<number>;
}

/** The K templates to offer for `text`, guided by `hints` (the navigator's words) and `vector`. */
export function retrieveCandidates(library: Library, text: string, k = DEFAULT_CANDIDATES, hints: readonly string[] = [], vector?: QueryVector | null): TemplateSummary[] {
  const found = library.retrieve({ problem: text, k, ...(hints.length ? { hints } : {}), ...(vector ? { vector } : {}) }).map((c) => c.template);
  if (found.length) return found;
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
