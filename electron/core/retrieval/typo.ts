/**
 * Typo tolerance for typed searches: a word the index has never seen ("quadratc") is
 * corrected to the nearest word of the template names and tags ("quadratic") within a small
 * edit distance. Bounded: only words of the same first two letters are compared (read from
 * the name/tag index's vocabulary, at most MAX_CANDIDATES of them), and the distance
 * computation stops as soon as a row exceeds the allowed distance.
 */
import type Database from 'better-sqlite3';
import { cachedStatement } from '../db/statement-cache.js';

const MAX_CANDIDATES = 4_000;
/** Words shorter than this are never corrected (too many neighbours to guess from). */
const MIN_CORRECTABLE = 4;

/** Allowed edits for a word of this length: 1 up to 7 letters, 2 from 8. */
export const allowedEdits = (length: number): number => (length < MIN_CORRECTABLE ? 0 : length < 8 ? 1 : 2);

/**
 * Optimal-string-alignment distance (insert, delete, substitute, swap two neighbours), or
 * max + 1 as soon as it is certain to exceed max. O(|a|·|b|) at most, both short words.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

/** True when some template holds this word (one step of the index, whatever its size). */
export function isKnownWord(db: Database.Database, word: string): boolean {
  const phrase = `"${word.replace(/"/g, '""')}"`;
  return cachedStatement(db, 'SELECT 1 FROM templates_fts WHERE templates_fts MATCH ? LIMIT 1').get(phrase) !== undefined;
}

/** Completions of a word being typed: name/tag words that start with it (at most `max`, alphabetical). */
export const MAX_COMPLETIONS = 8;
export function completeWord(db: Database.Database, prefix: string, max = MAX_COMPLETIONS): string[] {
  const rows = cachedStatement(db, `SELECT term FROM templates_head_vocab WHERE term > ? AND term < ? LIMIT ${max}`).all(
    prefix,
    `${prefix}\u{10FFFF}`,
  ) as { term: string }[];
  return rows.map((r) => r.term);
}

/**
 * The closest name/tag word within the allowed distance (ties: the more common word, then
 * alphabetical), or null. `word` is lower case and accent-folded.
 */
export function correctWord(db: Database.Database, word: string): string | null {
  const max = allowedEdits([...word].length);
  if (max === 0) return null;
  // Same first two letters: a range of the vocabulary's b-tree (U+10FFFF sorts after any letter in UTF-8).
  const lo = [...word].slice(0, 2).join('');
  const hi = `${lo}\u{10FFFF}`;
  const rows = cachedStatement(
    db,
    'SELECT term, doc FROM templates_head_vocab WHERE term >= ? AND term < ? LIMIT ' + MAX_CANDIDATES,
  ).all(lo, hi) as { term: string; doc: number }[];
  let best: { term: string; d: number; doc: number } | null = null;
  for (const { term, doc } of rows) {
    if (term === word || Math.abs(term.length - word.length) > max) continue;
    const d = boundedEditDistance(word, term, max);
    if (d > max) continue;
    if (!best || d < best.d || (d === best.d && (doc > best.doc || (doc === best.doc && term < best.term)))) best = { term, d, doc };
  }
  return best?.term ?? null;
}
