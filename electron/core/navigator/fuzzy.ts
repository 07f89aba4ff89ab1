/**
 * Matching a name or id a model wrote ("Solving Non-Homogeneous Linear Recurrences",
 * "core/first-order-recurence-fixed-point") to a library template. Everything here is a
 * confidence in [0, 1]; below the documented thresholds (docs/grounding.md) we say "no match"
 * rather than tie a step to an unrelated template.
 *
 * Names: a weighted Dice coefficient over Porter-stemmed words, where a word may also match a
 * word one typo away (two for long words), and generic words ("theorem", "formula", "method")
 * count for little, so "Law of Tangents" does not become "Law of Sines". Ids: the optimal
 * string alignment distance between slugs, allowed only a few edits for the slug's length.
 * All work is bounded: inputs are cut to a few hundred characters and at most 32 words.
 */
import { stemmer } from 'stemmer';

export interface NameCandidate {
  id: string;
  name: string;
  /** Chapter / section / tags: only breaks near-ties, never makes a match on its own. */
  context?: string;
}

/** Minimum name confidence (weighted Dice over stemmed, typo-tolerant words) to count as a match. */
export const NAME_MATCH_THRESHOLD = 0.7;
/** The best match must beat the best differently named candidate by this much, else it is ambiguous. */
export const AMBIGUITY_MARGIN = 0.08;
/** Tie-break weight of the chapter/section/tags words. */
const CONTEXT_WEIGHT = 0.01;
/** A name qualified by its chapter/section words counts this much of an exact name. */
const QUALIFIED_CREDIT = 0.9;
/** A query whose words all appear in a longer name that starts the same way counts this much. */
const CONTAINED_CREDIT = 0.8;
/** A word matched through a typo counts this much of an exact match. */
const TYPO_CREDIT = 0.85;
/** Generic words ("theorem", "formula") weigh this much of a distinctive word. */
const GENERIC_WEIGHT = 0.3;
const MAX_WORDS = 32;
const MAX_WORD_CHARS = 40;

const STOPWORDS = new Set([
  'a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'by', 'with', 'using', 'use', 'via', 'its', 'their', 'or', 'from', 'into', 'at', 'as',
  'is', 'are', 'be', 'this', 'that', 'it', 'then', 'how', 'what', 'method', 'methods', 'step', 'steps', 'template', 'technique', 'techniques',
]);

/** Words every other template name has: they may match, but never carry a match alone. */
const GENERIC = new Set(
  [
    'law', 'laws', 'theorem', 'formula', 'rule', 'identity', 'equation', 'problem', 'solve', 'find', 'basic', 'general', 'principle',
    'property', 'approach', 'trick', 'lemma', 'form', 'standard', 'simple', 'value', 'number', 'compute', 'calculate', 'apply',
    'argument', 'expression', 'sum', 'inequality', 'function', 'one', 'two', 'three', 'n',
  ].map((w) => stemmer(w)),
);

const normaliseSpelling = (w: string): string => w.replace(/is(ation|ing|ed|es|e)$/, 'iz$1').replace(/isations$/, 'izations');

const stemWord = (w: string): string => stemmer(normaliseSpelling(w));

/** Lower-cased, accent-free words of `text` without stop words, unstemmed (at most MAX_WORDS). */
export function contentWords(text: string): string[] {
  return text
    .slice(0, MAX_WORDS * 16)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && !STOPWORDS.has(w) && w.length <= MAX_WORD_CHARS)
    .slice(0, MAX_WORDS);
}

/** The content words of `text`, each Porter-stemmed, without repeats. */
export function nameTokens(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const w of contentWords(text)) {
    const s = stemWord(w);
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(s);
    if (out.length >= MAX_WORDS) break;
  }
  return out;
}

const weightOf = (token: string): number => (GENERIC.has(token) ? GENERIC_WEIGHT : 1);

/** The retrieval's bounded edit distance, one implementation for ids, names and search words. */
export { boundedEditDistance as editDistance } from '../retrieval/typo.js';
import { boundedEditDistance as editDistance } from '../retrieval/typo.js';

/** 1 for the same stem, TYPO_CREDIT for a typo of it (same first letter, long enough), else 0. */
function wordMatch(a: string, b: string): number {
  if (a === b) return 1;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 5 || a[0] !== b[0]) return 0;
  const allowed = shorter >= 9 ? 2 : 1;
  return editDistance(a, b, allowed) <= allowed ? TYPO_CREDIT : 0;
}

/**
 * Weighted Dice: twice the weight of the query words found in the name (each name word used
 * once; typos at reduced credit) over the weight of both. 1 for the same words in any order.
 */
export function nameSimilarity(query: readonly string[], name: readonly string[]): number {
  if (!query.length || !name.length) return 0;
  const used = new Array<boolean>(name.length).fill(false);
  let shared = 0;
  for (const q of query) {
    let best = 0;
    let at = -1;
    for (let j = 0; j < name.length; j++) {
      if (used[j]) continue;
      const m = wordMatch(q, name[j]!);
      if (m > best) {
        best = m;
        at = j;
        if (m === 1) break;
      }
    }
    if (at >= 0) {
      used[at] = true;
      shared += best * Math.min(weightOf(q), weightOf(name[at]!));
    }
  }
  const total = query.reduce((s, t) => s + weightOf(t), 0) + name.reduce((s, t) => s + weightOf(t), 0);
  // A match made only of generic words ("sum formula" against "Sum Formula") stays possible,
  // but never one where a distinctive query word is missing and only generic ones met.
  return total ? (2 * shared) / total : 0;
}

/**
 * How much of `name` the words of `text` cover (weighted; typos at reduced credit): 1 when
 * the text mentions every word of the template's name. Used to trust a search hit for a
 * step's own text only when the step names the technique.
 */
export function nameCoverage(name: readonly string[], text: readonly string[]): number {
  if (!name.length) return 0;
  let covered = 0;
  let total = 0;
  for (const n of name) {
    const w = weightOf(n);
    total += w;
    let best = 0;
    for (const t of text) {
      best = Math.max(best, wordMatch(n, t));
      if (best === 1) break;
    }
    covered += w * best;
  }
  return total ? covered / total : 0;
}

/**
 * The query names the technique the way the name starts: its first word is the name's first
 * word, every query word is in the name (same stem: no typos here) and one is distinctive.
 */
function isContained(q: readonly string[], name: readonly string[], head: readonly string[]): boolean {
  if (q[0] !== name[0] || !q.some((t) => weightOf(t) === 1)) return false;
  // One word names a topic ("Quadratic", "Circles"), not a technique: only when it is the
  // whole title of the name ("Derangements: nobody in their own place").
  if (q.length === 1) return head.length === 1 && head[0] === q[0];
  return q.every((t) => name.includes(t));
}

/** The title part of a template name: before a colon, dash or parenthesis. */
const headOf = (name: string): string => name.split(/[:—–(]| - /)[0] ?? name;

/** A template name a model writes is a few words; longer text is read only this far. */
const MAX_QUERY_CHARS = 1_000;

export interface ScoredName {
  id: string;
  score: number;
  /** The candidate's name as tokens, to tell same-named candidates (different packs) apart from rivals. */
  key: string;
}

/** Every candidate with a name confidence above zero, best first. */
export function scoreNames(query: string, candidates: readonly NameCandidate[]): ScoredName[] {
  const q = nameTokens(typeof query === 'string' ? query.slice(0, MAX_QUERY_CHARS) : '');
  if (!q.length) return [];
  const out: ScoredName[] = [];
  for (const c of candidates) {
    const tokens = nameTokens(c.name ?? '');
    const head = nameTokens(headOf(c.name ?? ''));
    // One word names a topic ("Triangles", "Quadratic"), not a technique: it matches only a
    // name whose whole title is that word; several words are compared as usual.
    let score = q.length > 1 ? nameSimilarity(q, tokens) : head.length === 1 && head[0] === q[0] ? 1 : 0;
    if (score <= 0) continue;
    // A query that is part of the name ("Stewart's theorem" for "Stewart's theorem for the
    // length of a cevian") counts as a match, if it says something distinctive; a query
    // contained in several names stays ambiguous (confidentBest's margin).
    if (score < CONTAINED_CREDIT && isContained(q, tokens, head)) score = CONTAINED_CREDIT;
    if (c.context) {
      const context = nameTokens(c.context).filter((t) => !tokens.includes(t));
      // A query that says the whole name and more ("geometric sequence sum formula" for "Sum
      // Formula" under Geometric sequences) may count the chapter/section words as the name's.
      if (context.length && nameCoverage(tokens, q) >= 0.99) score = Math.max(score, QUALIFIED_CREDIT * nameSimilarity(q, [...tokens, ...context]));
      // Otherwise the context only breaks ties.
      score += CONTEXT_WEIGHT * nameSimilarity(q, context);
    }
    out.push({ id: c.id, score: Math.round(score * 10_000) / 10_000, key: [...tokens].sort().join(' ') });
  }
  return out.sort((a, b) => b.score - a.score);
}

/**
 * The one confident match, or null: the best score must reach `threshold` and beat every
 * differently named candidate by AMBIGUITY_MARGIN (same-named candidates are the same
 * technique in another pack: the first, i.e. the caller's preferred order, wins).
 */
export function confidentBest(scored: readonly ScoredName[], threshold = NAME_MATCH_THRESHOLD): ScoredName | null {
  const best = scored[0];
  if (!best || best.score < threshold) return null;
  const rival = scored.find((s) => s.key !== best.key);
  if (rival && best.score - rival.score < AMBIGUITY_MARGIN) return null;
  return best;
}

export function bestNameMatch(query: string, candidates: NameCandidate[]): { id: string; score: number } | null {
  try {
    const best = confidentBest(scoreNames(query, candidates));
    return best ? { id: best.id, score: Math.min(1, Math.round(best.score * 1000) / 1000) } : null;
  } catch {
    return null;
  }
}
