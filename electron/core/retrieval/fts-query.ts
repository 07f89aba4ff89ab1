/**
 * Turns whatever a person typed into a safe FTS5 MATCH expression. Every token is emitted
 * inside double quotes, so FTS5 operators (AND, OR, NOT, NEAR, *, ^, :, parentheses, -)
 * typed by the user are only ever searched for as words and can never cause a syntax error.
 */

/** Searching more words than this adds cost but almost never changes the top results. */
export const MAX_QUERY_TOKENS = 16;
/** Longer "words" are pasted noise (hashes, base64); FTS could never match them usefully. */
const MAX_TOKEN_CHARS = 64;
/** Shortest last word that is searched as a prefix (a one-letter prefix matches too much to rank usefully). */
const MIN_PREFIX_CHARS = 2;

// What the unicode61 tokenizer treats as word characters: letters, digits, private-use
// (plus combining marks, which stay attached to their letter). A token must hold at least
// one letter/digit, otherwise FTS5 would see an empty phrase that matches nothing.
const WORD = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{M}\p{Co}]*/gu;

interface Term {
  words: string[];
  /** A phrase the user quoted: matched as words in sequence, never as a prefix. */
  quoted: boolean;
}

export function buildFtsQuery(userText: string, mode: 'all' | 'any'): string | null {
  const terms = collectTerms(userText);
  if (terms.length === 0) return null;

  const parts = terms.map((term, i) => {
    const phrase = `"${term.words.join(' ').replace(/"/g, '""')}"`;
    const last = term.words[term.words.length - 1]!;
    // The last word is probably still being typed, so it matches as a prefix.
    const isPrefix = !term.quoted && i === terms.length - 1 && [...last].length >= MIN_PREFIX_CHARS;
    return isPrefix ? `${phrase}*` : phrase;
  });
  return parts.join(mode === 'all' ? ' AND ' : ' OR ');
}

function collectTerms(userText: string): Term[] {
  const terms: Term[] = [];
  let budget = MAX_QUERY_TOKENS;
  const seen = new Set<string>();
  const push = (words: string[], quoted: boolean) => {
    const kept = words.slice(0, budget);
    if (kept.length === 0) return;
    const key = `${quoted ? 'q' : 'w'}:${kept.join(' ')}`;
    if (seen.has(key)) return; // repeated words add nothing but cost
    seen.add(key);
    budget -= kept.length;
    terms.push({ words: kept, quoted });
  };

  // Split on double quotes: odd-numbered pieces sit between a balanced pair of quotes.
  const pieces = userText.split('"');
  const balancedPairs = Math.floor((pieces.length - 1) / 2);
  for (let i = 0; i < pieces.length && budget > 0; i++) {
    const inPhrase = i % 2 === 1 && (i + 1) / 2 <= balancedPairs;
    const words = wordsOf(pieces[i]!);
    if (inPhrase) push(words, true);
    else for (const w of words) if (budget > 0) push([w], false);
  }
  return terms;
}

function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (word.length <= MAX_TOKEN_CHARS) words.push(word);
    if (words.length >= MAX_QUERY_TOKENS) break;
  }
  return words;
}
