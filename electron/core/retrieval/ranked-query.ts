/**
 * Builds the FTS5 MATCH expression of one ranked search from the analyzed query. Every term is
 * emitted inside double quotes, so FTS5 operators typed by a person (AND, OR, NOT, NEAR, *, ^,
 * :, parentheses) are only ever searched for as words and never cause a syntax error.
 *
 * The number of terms is capped (a pasted essay costs what a paragraph does): the rarest-looking
 * words (longest first, a cheap stand-in for inverse document frequency) and the first phrases.
 */
import type Database from 'better-sqlite3';
import { analyzeQuery, type QueryMode, type QueryTerms } from './analyze.js';
import { completeWord, correctWord, isKnownWord } from './typo.js';

export interface RankedTerm {
  /** The term as an FTS5 expression: `"word"`, `"word"*` or `"two words"`. */
  expr: string;
  /** Its words (one for a word or prefix, several for a phrase). */
  words: string[];
  prefix: boolean;
}

export interface RankedQuery {
  /** Every term, OR-ed (quoted phrases required): the one weighted ranking. */
  match: string;
  /** The distinct terms of `match` (search.ts bounds the work by their document counts). */
  terms: RankedTerm[];
  /** The quoted phrases, AND-ed (empty when none). */
  required: string;
  /** The expression holds a prefix term (changes how details are looked up). */
  hasPrefix: boolean;
  /** Words replaced by typo correction (typed → used), for tests and the quality script. */
  corrections: [string, string][];
}

export const MAX_WORDS = 24;
export const MAX_PHRASES = 16;
/**
 * The query's own words are listed twice: FTS5's bm25() sums over the query's phrases, so a
 * repeated word counts double against the phrases the analysis added (aliases, formula
 * features, word pairs), which help but must not outweigh what was written (dev sets: +2 R@5).
 */
const OWN_WORD_WEIGHT = 2;
/** Shortest last word that is searched as a prefix (a one-letter prefix matches too much). */
const MIN_PREFIX_CHARS = 2;

const quote = (words: readonly string[]) => `"${words.join(' ').replace(/"/g, '""')}"`;

export function buildRankedQuery(db: Database.Database | null, text: string, mode: QueryMode, extra: QueryTerms[] = []): RankedQuery | null {
  const terms = analyzeQuery(text, mode);
  return assemble(db, [terms, ...extra], mode);
}

/** One expression from several analyzed texts (the problem and the navigator's words). */
export function assemble(db: Database.Database | null, all: QueryTerms[], mode: QueryMode): RankedQuery | null {
  const corrections: [string, string][] = [];
  const seen = new Set<string>();
  const parts: string[] = [];
  const terms: RankedTerm[] = [];
  let hasPrefix = false;
  const add = (expr: string, words: string[] = [], prefix = false) => {
    if (seen.has(expr)) return;
    seen.add(expr);
    parts.push(expr);
    terms.push({ expr, words, prefix });
  };

  const words = pickWords(all.flatMap((t) => t.words));
  const last = mode === 'box' ? (all[0]?.last ?? null) : null;
  for (const w of words) {
    if (w === last && [...w].length >= MIN_PREFIX_CHARS) {
      // The word being typed: completed from the name/tag vocabulary ("telesc" → "telescoping",
      // "quadrati" → "quadratic"), never a prefix query on the full index (over 100,000
      // templates one such query merges thousands of doclists: seconds).
      if (!db) {
        add(`${quote([w])}*`, [w], true);
        hasPrefix = true;
        continue;
      }
      add(quote([w]), [w]);
      const completions = completeWord(db, w);
      for (const c of completions) add(quote([c]), [c]);
      // A finished but misspelled last word ("pigenhole"): its correction too.
      if (completions.length === 0 && !isKnownWord(db, w)) {
        const fixed = correctWord(db, w);
        if (fixed) {
          corrections.push([w, fixed]);
          add(quote([fixed]), [fixed]);
        }
      }
      continue;
    }
    add(quote([w]), [w]);
    for (let r = 1; r < OWN_WORD_WEIGHT; r++) parts.push(quote([w]));
    if (mode === 'box' && db && !isKnownWord(db, w)) {
      const fixed = correctWord(db, w);
      if (fixed) {
        corrections.push([w, fixed]);
        add(quote([fixed]), [fixed]);
      }
    }
  }
  const phrases = [...all.flatMap((t) => t.bigrams), ...all.flatMap((t) => t.expansions)];
  for (const p of phrases.slice(0, MAX_PHRASES * all.length)) add(quote(p), p);
  const cap = MAX_WORDS * OWN_WORD_WEIGHT * 2 + MAX_PHRASES * 2;
  if (parts.length > cap) parts.length = cap;

  const quoted = all.flatMap((t) => t.quoted).map(quote);
  if (parts.length === 0 && quoted.length === 0) return null;
  const required = quoted.join(' AND ');
  const optional = parts.join(' OR ');
  const match = required && optional ? `${required} AND (${required} OR ${optional})` : required || optional;
  return { match, terms: terms.filter((t) => parts.includes(t.expr)), required, hasPrefix, corrections };
}

/** At most MAX_WORDS words: the longest (rarer, more specific) ones, kept in text order. */
function pickWords(words: string[]): string[] {
  const unique = [...new Set(words)];
  if (unique.length <= MAX_WORDS) return unique;
  const keep = new Set(
    unique
      .map((w, i) => ({ w, i }))
      .sort((a, b) => [...b.w].length - [...a.w].length || a.i - b.i)
      .slice(0, MAX_WORDS)
      .map((x) => x.w),
  );
  return unique.filter((w) => keep.has(w));
}
