/**
 * Matching a name a model wrote ("Solving Non-Homogeneous Linear Recurrences") to a library
 * template name. Token-set similarity on lightly stemmed words; below the threshold we say
 * "no match" rather than tie a step to an unrelated template.
 */

export interface NameCandidate {
  id: string;
  name: string;
  /** Chapter / section / tags: only breaks near-ties, never makes a match on its own. */
  context?: string;
}

/** Minimum name similarity (Dice coefficient over stemmed tokens) to count as a match. */
export const NAME_MATCH_THRESHOLD = 0.5;
const CONTEXT_WEIGHT = 0.1;

const STOPWORDS = new Set([
  'a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'by', 'with', 'using', 'use', 'via', 'its', 'their', 'or', 'from', 'into', 'at', 'as', 'method', 'methods',
]);

function stem(word: string): string {
  let w = word;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(?:ches|shes|sses|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  // "solving"→"solv" and "solve"→"solv" should meet.
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

export function nameTokens(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && !STOPWORDS.has(w));
  return new Set(words.map(stem));
}

function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** A template name a model writes is a few words; longer text is read only this far. */
const MAX_QUERY_CHARS = 1_000;

export function bestNameMatch(query: string, candidates: NameCandidate[]): { id: string; score: number } | null {
  try {
    const q = nameTokens(typeof query === 'string' ? query.slice(0, MAX_QUERY_CHARS) : '');
    if (!q.size) return null;
    let best: { id: string; score: number } | null = null;
    for (const c of candidates) {
      const nameScore = dice(q, nameTokens(c.name ?? ''));
      if (nameScore < NAME_MATCH_THRESHOLD) continue;
      const contextScore = c.context ? dice(q, nameTokens(c.context)) : 0;
      const score = Math.min(1, nameScore + CONTEXT_WEIGHT * contextScore);
      if (!best || score > best.score) best = { id: c.id, score: Math.round(score * 1000) / 1000 };
    }
    return best;
  } catch {
    return null;
  }
}
