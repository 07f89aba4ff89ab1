/**
 * Words as stored in session events. Sessions written since messages were coded store a
 * `Message`; older ones hold the English sentence the core wrote then. When a session is
 * folded, an old sentence the catalog still has (same English, parameters filled in) becomes
 * its code again, so old sessions follow a language switch too; any other text (a model's
 * words, a wording since changed) is kept as written. Pure and deterministic: the same event
 * always folds to the same message.
 */
import { CORE_MESSAGES_EN, type CatalogEntry, type CoreMessageCode, isMessage, type Message, msg, TEXT_CODE, textMessage } from '../../../shared/messages.js';

/** A Message, or an English sentence from a session stored before codes. */
export type StoredWords = Message | string;

/** Old sentences longer than this are kept as text without matching (no real sentence of ours is). */
const MAX_MATCH_CHARS = 600;

interface Pattern {
  code: CoreMessageCode;
  regex: RegExp;
  names: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Sentences {
  /** Sentences without parameters, by their English text. */
  literals: Map<string, Message>;
  /** Sentences with parameters (each placeholder lazily matches within one line; at most two per sentence). */
  patterns: Pattern[];
}

let sentences: Sentences | null = null;

function catalogSentences(): Sentences {
  if (sentences) return sentences;
  const literals = new Map<string, Message>();
  const patterns: Pattern[] = [];
  for (const [code, entry] of Object.entries(CORE_MESSAGES_EN) as [CoreMessageCode, CatalogEntry][]) {
    if (code === TEXT_CODE || code === 'message.join') continue;
    const forms = typeof entry === 'string' ? [entry] : [entry.other, ...(entry.one ? [entry.one] : [])];
    for (const text of forms) {
      const names = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      // The singular form of a plural sentence ("revised once") says its count in words.
      if (!names.length) literals.set(text, typeof entry !== 'string' && text === entry.one ? msg(code, { count: 1 }) : msg(code));
      else patterns.push({ code, names, regex: new RegExp(`^${text.split(/\{\w+\}/).map(escape).join('([^\\n]+?)')}$`) });
    }
  }
  return (sentences = { literals, patterns });
}

function matchSentence(text: string): Message | null {
  const { literals, patterns } = catalogSentences();
  const literal = literals.get(text);
  if (literal) return literal;
  for (const p of patterns) {
    const m = p.regex.exec(text);
    if (m) return msg(p.code, Object.fromEntries(p.names.map((n, i) => [n, /^\d{1,9}$/.test(m[i + 1]!) ? Number(m[i + 1]) : m[i + 1]!])));
  }
  return null;
}

/** An old stored sentence as a Message: its code when the catalog still says it, else the text as written. */
export function legacyMessage(text: string): Message {
  if (!text || text.length > MAX_MATCH_CHARS) return textMessage(text);
  const whole = matchSentence(text);
  if (whole) return whole;
  // A verdict detail was stored as two sentences ("Not correct yet. The answer should have…"):
  // the first is always one without parameters, so only those split points are tried.
  const { literals } = catalogSentences();
  for (let i = text.indexOf('. '); i > 0; i = text.indexOf('. ', i + 1)) {
    const first = literals.get(text.slice(0, i + 1));
    const second = first ? matchSentence(text.slice(i + 2)) : null;
    if (first && second) return msg('message.join', { first, second });
  }
  return textMessage(text);
}

/** Stored words as a Message (sessions from before codes included). */
export function storedMessage(words: StoredWords | undefined | null): Message {
  if (isMessage(words)) return words;
  return legacyMessage(typeof words === 'string' ? words : '');
}

/** A plan's stored reason: old sessions stored 'initial' for the first plan. */
export function storedReason(reason: StoredWords | undefined): Message {
  return reason === 'initial' ? msg('plan.initial') : storedMessage(reason);
}
