/**
 * Which library templates the navigator may choose from. Retrieval runs on the problem text
 * and on each of the navigator's guide queries (category.ts: methods, direction + knowledge,
 * category + direction) and, when the endpoint offers embeddings, on vector similarity; the
 * rankings are fused by reciprocal-rank fusion and the best K (default 12) are offered. With
 * no guide and no vectors this is plain retrieval on the problem. When nothing matches at all,
 * the first templates of the library are offered so the model always sees some.
 */
import type { Template, TemplateSummary } from '../../../shared/domain.js';
import type { Library } from '../library/library.js';

export const DEFAULT_CANDIDATES = 12;
/** Reciprocal-rank fusion constant (Cormack et al. 2009): score = Σ 1 / (RRF_K + rank). */
export const RRF_K = 60;
/** Hits read from each ranking before fusing. */
const PER_RANKING = 30;
const MAX_QUERY_CHARS = 2_000;
const SHORT_CHARS = 160;
const SCOPE_ITEMS = 2;

/**
 * Reciprocal-rank fusion of rankings (best first): each item scores Σ 1/(k + rank) over the
 * rankings holding it (rank from 1); ties keep the order of first appearance.
 */
export function fuseByRank<T>(rankings: readonly (readonly T[])[], key: (item: T) => string, k = RRF_K): T[] {
  const scores = new Map<string, { item: T; score: number; first: number }>();
  let seen = 0;
  for (const ranking of rankings) {
    ranking.forEach((item, i) => {
      const id = key(item);
      const entry = scores.get(id);
      if (entry) entry.score += 1 / (k + i + 1);
      else scores.set(id, { item, score: 1 / (k + i + 1), first: seen++ });
    });
  }
  return [...scores.values()].sort((a, b) => b.score - a.score || a.first - b.first).map((e) => e.item);
}

const search = (library: Library, text: string, limit: number): TemplateSummary[] => {
  const query = text.slice(0, MAX_QUERY_CHARS);
  return query.trim() ? library.search({ query, limit }).map((h) => h.template) : [];
};

/**
 * The K templates to offer: the problem's hits fused with each extra query's (the navigator's
 * guide words) and with `nearest` (templates by embedding similarity, best first).
 */
export function retrieveCandidates(
  library: Library,
  text: string,
  k = DEFAULT_CANDIDATES,
  extra: readonly string[] = [],
  nearest: readonly TemplateSummary[] = [],
): TemplateSummary[] {
  const depth = Math.max(k, PER_RANKING);
  const rankings = [search(library, text, depth), ...extra.map((q) => search(library, q, depth))];
  if (nearest.length) rankings.push(nearest.slice(0, depth));
  const fused = rankings.filter((r) => r.length).length > 1 ? fuseByRank(rankings, (t) => t.id) : rankings.find((r) => r.length) ?? [];
  if (fused.length) return fused.slice(0, k);
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
