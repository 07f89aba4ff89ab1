/**
 * Turns whatever a person typed into a safe FTS5 MATCH expression. Every token is emitted
 * inside double quotes, so FTS5 operators (AND, OR, NOT, NEAR, *, ^, :, parentheses, -)
 * typed by the user are only ever searched for as words and can never cause a syntax error.
 */

/** Searching more words than this adds cost but almost never changes the top results. */
export const MAX_QUERY_TOKENS = 16;
/** Longer "words" are pasted noise (hashes, base64); FTS could never match them usefully. */
const MAX_TOKEN_CHARS = 64;
/** Words read from a long text in 'any' mode before choosing which to search (pasted essays stay cheap). */
const MAX_SCANNED_WORDS = 2_000;
/**
 * Words that say nothing about which template fits: dropped from 'any' queries, so a long
 * problem statement is searched by its mathematical words rather than its first sixteen.
 * Kept when nothing else is left (someone searching for "and" gets "and").
 */
const STOPWORDS = new Set(
  (
    'a an the of and or but nor not no is are was were be been being am to in on at by for with from into onto ' +
    'as that this these those it its it\'s what which who whom whose when where how why if then than so such ' +
    'there here we you your our us i me my he she him her his they them their do does did has have had having ' +
    'can could would should will shall may might must also only just very all any each some both either ' +
    'let find compute determine calculate show given suppose assume express write give evaluate'
  ).split(' '),
);
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
  /** The last thing in the text, so possibly still being typed. */
  last?: boolean;
}

export function buildFtsQuery(userText: string, mode: 'all' | 'any'): string | null {
  const terms = mode === 'all' ? collectTerms(userText) : chooseAnyTerms(userText);
  if (terms.length === 0) return null;

  const parts = terms.map((term, i) => {
    const phrase = `"${term.words.join(' ').replace(/"/g, '""')}"`;
    const last = term.words[term.words.length - 1]!;
    // The last word is probably still being typed, so it matches as a prefix.
    const isLast = mode === 'all' ? i === terms.length - 1 : term.last === true;
    const isPrefix = !term.quoted && isLast && [...last].length >= MIN_PREFIX_CHARS;
    return isPrefix ? `${phrase}*` : phrase;
  });
  return parts.join(mode === 'all' ? ' AND ' : ' OR ');
}

/**
 * Terms for an 'any' query: stopwords and one-character words dropped (unless nothing else is
 * left), repeats dropped,
 * and when more than MAX_QUERY_TOKENS words remain, the longest ones kept (longer words are
 * rarer and say more about the problem; ties keep text order). Kept terms stay in text order.
 */
function chooseAnyTerms(userText: string): Term[] {
  const all = collectTerms(userText, MAX_SCANNED_WORDS);
  if (all.length === 0) return all;
  all[all.length - 1]!.last = true;
  // Single letters and digits (x, n, 2) are in nearly every math text: as noise as stopwords.
  const meaningful = all.filter((t) => t.quoted || (!STOPWORDS.has(t.words[0]!) && [...t.words[0]!].length > 1));
  // A quoted phrase longer than the cap is searched by its first words, as in 'all' mode.
  const terms = (meaningful.length > 0 ? meaningful : all).map((t) =>
    t.words.length > MAX_QUERY_TOKENS ? { ...t, words: t.words.slice(0, MAX_QUERY_TOKENS) } : t,
  );
  const wordCount = terms.reduce((n, t) => n + t.words.length, 0);
  if (wordCount <= MAX_QUERY_TOKENS) return terms;

  const size = (t: Term) => t.words.reduce((n, w) => n + [...w].length, 0);
  const byLength = terms.map((term, order) => ({ term, order, size: size(term) })).sort((a, b) => b.size - a.size || a.order - b.order);
  const kept: { term: Term; order: number }[] = [];
  let budget = MAX_QUERY_TOKENS;
  for (const candidate of byLength) {
    if (candidate.term.words.length > budget) continue;
    kept.push(candidate);
    budget -= candidate.term.words.length;
    if (budget === 0) break;
  }
  return kept.sort((a, b) => a.order - b.order).map((k) => k.term);
}

function collectTerms(userText: string, maxWords = MAX_QUERY_TOKENS): Term[] {
  const terms: Term[] = [];
  let budget = maxWords;
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
    const words = wordsOf(pieces[i]!, maxWords);
    if (inPhrase) push(words, true);
    else for (const w of words) if (budget > 0) push([w], false);
  }
  return terms;
}

function wordsOf(text: string, maxWords: number): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (word.length <= MAX_TOKEN_CHARS) words.push(word);
    if (words.length >= maxWords) break;
  }
  return words;
}
