/**
 * Navigator-guided retrieval (ReasonFlux): before planning, the navigator names the problem's
 * knowledge in ReasonFlux v1's four fields (General Knowledge Category, Specific Direction,
 * Applied Method, Examined Knowledge); retrieval then searches those words beside the problem.
 *
 * The call is optional in every way: it runs beside the hidden reference request, is never
 * retried, and any failure other than a cancel means "no guide" and plain retrieval. The reply
 * is read in linear time, as JSON or as v1's "key: value" lines (thinking is already stripped
 * by the model client).
 */
import path from 'node:path';
import { ModelFailure, type CompletionResult, type ModelClient, type ModelEndpoint } from '../model/index.js';
import { renderPrompt } from '../model/render-prompt.js';
import { PROMPTS_DIR, renderContext, sharedSystem } from '../prompts/messages.js';
import type { ChatMessage } from '../model/types.js';

/** What the navigator said the problem is about. Stored with the plan (see docs/grounding.md). */
export interface NavigatorGuide {
  category: string;
  direction: string;
  methods: string[];
  knowledge: string[];
}

export const CATEGORY_PROMPT = path.join(PROMPTS_DIR, 'category.v1.md');
export const categoryRequestId = (requestId: string): string => `${requestId}:category`;

/** Only this much of a reply is read; the answer asked for is four short lines. */
const MAX_REPLY_CHARS = 8_000;
const MAX_LINES = 200;
const MAX_KEY_CHARS = 60;
const MAX_FIELD_CHARS = 200;
const MAX_ITEMS = 6;
const MAX_ITEM_CHARS = 120;

type Field = keyof NavigatorGuide;

const KEYS: Record<string, Field> = {
  'general knowledge category': 'category',
  'knowledge category': 'category',
  'general category': 'category',
  category: 'category',
  'specific direction': 'direction',
  direction: 'direction',
  'applied method': 'methods',
  'applied methods': 'methods',
  'candidate methods': 'methods',
  method: 'methods',
  methods: 'methods',
  'examined knowledge': 'knowledge',
  'knowledge points': 'knowledge',
  knowledge: 'knowledge',
};

const fieldOf = (key: string): Field | undefined => KEYS[key.toLowerCase().replace(/[^a-z]+/g, ' ').trim()];

const EDGE = new Set([' ', '\t', '\r', '\n', '"', "'", '`', '[', ']', ',', '*']);

/** Trim quotes, emphasis, brackets and trailing commas a model puts around a value (one pass each way). */
function clean(value: string): string {
  let a = 0;
  let b = value.length;
  while (a < b && EDGE.has(value[a]!)) a++;
  while (b > a && EDGE.has(value[b - 1]!)) b--;
  return value.slice(a, b).replace(/\*\*/g, '').replace(/\s+/g, ' ');
}

function items(value: string): string[] {
  const parts = value.split(/;|\n|","|', '|",\s*"/);
  // One item with commas and no semicolons: a comma-separated list.
  const list = parts.length === 1 ? value.split(',') : parts;
  return list
    .map((s) => clean(s).slice(0, MAX_ITEM_CHARS))
    .filter(Boolean)
    .slice(0, MAX_ITEMS);
}

function assign(out: Partial<Record<Field, string | string[]>>, field: Field, value: unknown): void {
  if (out[field] !== undefined) return;
  const text = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').join('; ') : typeof value === 'string' ? value : '';
  const v = text.slice(0, MAX_FIELD_CHARS * 4);
  if (!clean(v)) return;
  out[field] = field === 'methods' || field === 'knowledge' ? items(v) : clean(v).slice(0, MAX_FIELD_CHARS);
}

/** Reads the fields from a JSON object anywhere in the reply (first `{` to last `}`). */
function fromJson(text: string, out: Partial<Record<Field, string | string[]>>): void {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch {
    return;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const field = fieldOf(k);
    if (field) assign(out, field, v);
  }
}

/** Reads "Key: value" lines (markdown bullets, bold keys and quoted JSON-ish lines included). */
function fromLines(text: string, out: Partial<Record<Field, string | string[]>>): void {
  let lines = 0;
  let start = 0;
  while (start <= text.length && lines < MAX_LINES) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    lines++;
    const colon = line.indexOf(':');
    if (colon <= 0 || colon > MAX_KEY_CHARS) continue;
    const field = fieldOf(line.slice(0, colon));
    if (field) assign(out, field, line.slice(colon + 1));
  }
}

/** The guide in a category reply, or null when it names none of the four fields. */
export function parseGuide(reply: string): NavigatorGuide | null {
  if (typeof reply !== 'string') return null;
  const text = reply.slice(0, MAX_REPLY_CHARS);
  const found: Partial<Record<Field, string | string[]>> = {};
  fromJson(text, found);
  fromLines(text, found);
  const guide: NavigatorGuide = {
    category: typeof found.category === 'string' ? found.category : '',
    direction: typeof found.direction === 'string' ? found.direction : '',
    methods: Array.isArray(found.methods) ? found.methods : [],
    knowledge: Array.isArray(found.knowledge) ? found.knowledge : [],
  };
  const empty = !guide.category && !guide.direction && !guide.methods.length && !guide.knowledge.length;
  return empty ? null : guide;
}

/**
 * The texts retrieval searches beside the problem, one ranking each: the methods (technique
 * names), then the direction with the examined knowledge, then category and direction (the
 * topic tree's chapter and section words). Empty fields give no query.
 */
export function guideQueries(guide: NavigatorGuide | null): string[] {
  if (!guide) return [];
  const queries = [guide.methods.join('; '), [guide.direction, ...guide.knowledge].filter(Boolean).join('; '), [guide.category, guide.direction].filter(Boolean).join(' ')];
  return queries.map((q) => q.trim()).filter(Boolean);
}

/** The category call's messages: the shared system message and problem context (so a serving engine's prefix cache reuses them), then its task. */
export function categoryMessages(problem: string): ChatMessage[] {
  return [
    { role: 'system', content: sharedSystem() },
    { role: 'user', content: `${renderContext({ problem })}\n\n${renderPrompt(CATEGORY_PROMPT, {}).trim()}` },
  ];
}

/** The answer asked for is four short lines: a reply is read no further than this. */
export const CATEGORY_MAX_CHARS = 1_500;
/** A reply that has named no field by this point is not answering the question. */
export const CATEGORY_NO_FIELD_CHARS = 400;
/** Room for a reasoning model to think before its four lines (the client retries once with more). */
export const CATEGORY_MAX_TOKENS = 1_024;
const FIELD_WORD = /category|direction|method|knowledge/i;

/** The text up to its last line end (all of it when there is none). */
const wholeLines = (text: string): string => {
  const end = text.lastIndexOf('\n');
  return end < 0 ? text : text.slice(0, end);
};

const complete = (g: NavigatorGuide | null): boolean => !!g && !!g.category && !!g.direction && g.methods.length > 0 && g.knowledge.length > 0;

/**
 * Asks the navigator's endpoint for the guide. Never retried; a failure (other than a cancel,
 * which is rethrown so planning stops) or an unreadable reply is null: plan with plain retrieval.
 * The reply is streamed and stopped early once the four fields are in, once it passes
 * CATEGORY_MAX_CHARS, or when its first CATEGORY_NO_FIELD_CHARS name no field (a model that
 * answers something else must not hold planning up); what arrived by then is read.
 */
export async function askGuide(
  client: ModelClient,
  ep: ModelEndpoint,
  problem: string,
  ctx: { requestId: string; onCompletion?: (r: CompletionResult) => void },
): Promise<NavigatorGuide | null> {
  const requestId = categoryRequestId(ctx.requestId);
  let text = '';
  let stopped = false;
  const stop = () => {
    stopped = true;
    client.cancel(requestId);
  };
  const onDelta = (delta: string) => {
    if (stopped) return;
    text += delta;
    if (text.length > CATEGORY_MAX_CHARS) return stop();
    if (text.length > CATEGORY_NO_FIELD_CHARS && !FIELD_WORD.test(text)) return stop();
    // Read again only at line ends, and only whole lines (a field may still be arriving):
    // at most CATEGORY_MAX_CHARS characters, a few dozen times.
    if (delta.includes('\n') && complete(parseGuide(wholeLines(text)))) stop();
  };
  const maxTokens = Math.min(ep.maxTokens ?? CATEGORY_MAX_TOKENS, CATEGORY_MAX_TOKENS);
  let result: CompletionResult;
  try {
    result = await client.complete(ep, { requestId, messages: categoryMessages(problem), maxRetries: 0, maxTokens }, onDelta);
  } catch (err) {
    // Our own early stop: read what arrived.
    if (stopped) return parseGuide(wholeLines(text.slice(0, CATEGORY_MAX_CHARS)));
    if (err instanceof ModelFailure && err.code === 'cancelled') throw err;
    return null;
  }
  ctx.onCompletion?.(result);
  return parseGuide(result.text);
}
