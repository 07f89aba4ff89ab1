/**
 * Turns a query (a few typed words or a whole problem statement) into the terms of one ranked
 * full-text search: content words (stop words dropped, one per Porter stem), phrases of
 * adjacent content words (so "odd function" outranks a text that only says "odd" a lot),
 * alias phrases from the alias table, and words read from the formulas.
 *
 * The full-text index stems with SQLite's Porter tokenizer, so terms are sent as written and
 * stemmed there; the JavaScript Porter stemmer (same algorithm) is used here only to decide
 * which words are the same word (dedup, alias keys, vocabulary look-ups).
 */
import { stemmer } from 'stemmer';
import { ALIASES } from './aliases.js';
import { formulaFeatures } from './formula-features.js';

/** Words that say nothing about which template fits (problem-statement filler included). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the of and or but nor not no is are was were be been being am to in on at by for with from into onto ' +
    "as that this these those it its it's what which who whom whose when where how why if then than so such " +
    'there here we you your our us i me my he she him her his they them their do does did has have had having ' +
    'can could would should will shall may might must also only just very all any each some both either ' +
    'let find compute determine calculate show given suppose assume express write give evaluate ' +
    'value values answer number numbers result following use using one two three four five six seven eight ' +
    'nine ten first second third much many more most less least other another same get got make made ' +
    'about above after again against before below between during over under up down out off per via ' +
    'same whether while within without yes ie eg etc thus hence therefore because since following respectively ' +
    'simplest form possible real positive negative integer integers whole exactly'
  ).split(' '),
);
/**
 * Stop words for typed searches: the problem-statement filler above is kept there ("real
 * roots", "positive integer", "first-order"), only the grammatical words are dropped.
 */
const GRAMMAR_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the of and or but nor is are was were be been being am to in on at by for with from into onto ' +
    "as that this these those it its it's what which who whom whose when where how why if then than so such " +
    'there here we you your our us i me my he she him her his they them their do does did has have had having'
  ).split(' '),
);

/** Longer "words" are pasted noise (hashes, base64): never searchable usefully. */
const MAX_WORD_CHARS = 64;
/** Words read from a long text before choosing (a pasted essay stays cheap). */
const MAX_SCANNED_WORDS = 2_000;
const WORD = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{M}\p{Co}]*/gu;
/** TeX control words (\frac, \sqrt) and the math between dollars are read by formulaFeatures, not as words. */
const TEX_COMMAND = /\\[a-zA-Z]+/g;

export type QueryMode = 'problem' | 'box';


export interface QueryTerms {
  /** Content words in text order, one per stem. */
  words: string[];
  /** Adjacent content-word pairs, as phrases. */
  bigrams: string[][];
  /** Phrases added by the alias table and by formula features. */
  expansions: string[][];
  /** The last word of a typed query (matched as a prefix while being typed); box mode only. */
  last: string | null;
  /** Phrases the user put in double quotes (box mode). */
  quoted: string[][];
}

export const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
export const stem = (word: string): string => stemmer(word);

interface Token {
  word: string;
  stem: string;
  /** A stop word or a single character: breaks phrases, never searched on its own. */
  stop: boolean;
}

function tokens(text: string, mode: QueryMode): Token[] {
  const stops = mode === 'box' ? GRAMMAR_STOPWORDS : STOPWORDS;
  const out: Token[] = [];
  for (const m of fold(text).replace(TEX_COMMAND, ' ').matchAll(WORD)) {
    const word = m[0];
    if (word.length > MAX_WORD_CHARS) continue;
    // Single letters and digits (x, n, 2) are in nearly every math text: noise, like stop words.
    // Math written as text ("2x", "tanx") is kept: templates' steps are written the same way.
    const stop = stops.has(word) || [...word].length < 2;
    out.push({ word, stem: stem(word), stop });
    if (out.length >= MAX_SCANNED_WORDS) break;
  }
  return out;
}

/** The text with math removed: formulas give features, their letters are not words. */
function prose(text: string): string {
  return text.replace(/\$\$[^$]*\$\$|\$[^$]*\$|\\\([\s\S]*?\\\)|\\\[[\s\S]*?\\\]/g, ' ; ');
}

export function analyzeQuery(text: string, mode: QueryMode): QueryTerms {
  const quoted: string[][] = [];
  let rest = text;
  if (mode === 'box') {
    rest = text.replace(/"([^"]*)"/g, (_, phrase: string) => {
      const words = tokens(phrase, 'box').map((t) => t.word);
      if (words.length) quoted.push(words);
      return ' ; ';
    });
  }
  const toks = tokens(mode === 'problem' ? prose(rest) : rest, mode);

  const words: string[] = [];
  const seenStems = new Set<string>();
  for (const t of toks) {
    if (t.stop || seenStems.has(t.stem)) continue;
    seenStems.add(t.stem);
    words.push(t.word);
  }
  // Someone searching only stop words ("the", "a") still gets a search.
  if (words.length === 0 && quoted.length === 0 && mode === 'box') {
    for (const t of toks) {
      if (seenStems.has(t.stem)) continue;
      seenStems.add(t.stem);
      words.push(t.word);
    }
  }

  const bigrams: string[][] = [];
  const seenBigrams = new Set<string>();
  for (let i = 0; i + 1 < toks.length; i++) {
    const a = toks[i]!;
    const b = toks[i + 1]!;
    if (a.stop || b.stop) continue;
    const key = `${a.stem} ${b.stem}`;
    if (a.stem === b.stem || seenBigrams.has(key)) continue;
    seenBigrams.add(key);
    bigrams.push([a.word, b.word]);
  }

  const expansions: string[][] = [];
  const seenExp = new Set<string>();
  const addPhrase = (phrase: string) => {
    const ws = tokens(phrase, 'box').map((t) => t.word);
    const key = ws.map(stem).join(' ');
    if (!ws.length || seenExp.has(key)) return;
    seenExp.add(key);
    expansions.push(ws);
  };
  // Alias keys are matched on stems over the whole token sequence (stop words included:
  // "how many ways", "factors of").
  const allStems = toks.map((t) => t.stem);
  for (let i = 0; i < allStems.length; i++) {
    for (let n = 1; n <= MAX_ALIAS_WORDS && i + n <= allStems.length; n++) {
      const targets = ALIAS_BY_STEMS.get(allStems.slice(i, i + n).join(' '));
      if (targets) for (const p of targets) addPhrase(p);
    }
  }
  const features = formulaFeatures(rest);
  for (const feature of features) for (const phrase of feature.split(',')) addPhrase(phrase);
  // The roots (or zeros) of a given polynomial, asked about: a tutor reaches for Vieta first.
  const polynomial = features.some((f) => /quadratic|cubic|polynomial/.test(f));
  if (polynomial && toks.some((t) => (t.stem === 'root' || t.stem === 'zero') && !t.stop)) for (const p of ROOT_QUESTION) addPhrase(p);

  const lastTok = mode === 'box' && !/["\s]$/.test(text) ? toks[toks.length - 1] : undefined;
  return { words, bigrams, expansions, last: lastTok ? lastTok.word : null, quoted };
}

const MAX_ALIAS_WORDS = 5;
const ROOT_QUESTION = ['vieta', 'sum of roots', 'product of roots'];
/** Alias keys by their stemmed words; built once. */
const ALIAS_BY_STEMS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [key, targets] of Object.entries(ALIASES)) {
    const ws = [...fold(key).matchAll(WORD)].map((m) => stem(m[0]));
    if (ws.length === 0 || ws.length > MAX_ALIAS_WORDS) continue;
    const k = ws.join(' ');
    map.set(k, [...(map.get(k) ?? []), ...targets]);
  }
  return map;
})();
