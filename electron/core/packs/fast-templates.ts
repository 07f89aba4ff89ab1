/**
 * A hand-written check of a pack's templates array that gives exactly what zod's
 * templateSchema would give (trimmed text, keys in schema order) for the common case of valid
 * templates, at a fraction of zod's cost on a 100,000-template pack. It only ever says
 * "valid, here is the output" or "not sure": on any doubt the caller runs zod, which then
 * produces every message. So it may be stricter than the schema, never looser.
 */
import { TEMPLATE_TYPES } from '../../../shared/domain.js';
import { PACK_LIMITS, type PackTemplateV1 } from '../../../shared/packs/schema.js';

type WorkedExample = PackTemplateV1['examples'][number];

const TEMPLATE_KEYS = new Set(['id', 'name', 'type', 'chapter', 'section', 'tags', 'description', 'scope', 'steps', 'examples', 'license', 'attribution']);
const EXAMPLE_KEYS = new Set(['problem', 'solution', 'answer', 'answerCheck']);
const TYPES = new Set<string>(TEMPLATE_TYPES);
const SLUG_ID = /^[a-z0-9][a-z0-9._-]{0,95}$/;

const isPlainRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** zod's text(): a string, trimmed, non-empty, within the field limit (and `max`). Undefined: not sure. */
function text(v: unknown, max: number = PACK_LIMITS.maxFieldChars): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length >= 1 && t.length <= max && t.length <= PACK_LIMITS.maxFieldChars ? t : undefined;
}

function textList(v: unknown, minItems: number, maxChars?: number): string[] | undefined {
  if (!Array.isArray(v) || v.length < minItems || v.length > PACK_LIMITS.maxListItems) return undefined;
  const out: string[] = new Array<string>(v.length);
  for (let i = 0; i < v.length; i++) {
    const t = text(v[i], maxChars);
    if (t === undefined) return undefined;
    out[i] = t;
  }
  return out;
}

function onlyKeys(v: Record<string, unknown>, allowed: Set<string>): boolean {
  for (const key in v) if (!allowed.has(key)) return false;
  return true;
}

function example(v: unknown): WorkedExample | undefined {
  if (!isPlainRecord(v) || !onlyKeys(v, EXAMPLE_KEYS)) return undefined;
  const problem = text(v.problem);
  const solution = textList(v.solution, 1);
  const answer = text(v.answer);
  if (problem === undefined || solution === undefined || answer === undefined) return undefined;
  if (!('answerCheck' in v)) return { problem, solution, answer };
  if (v.answerCheck !== 'auto' && v.answerCheck !== 'manual') return undefined;
  return { problem, solution, answer, answerCheck: v.answerCheck };
}

function template(v: unknown): PackTemplateV1 | undefined {
  if (!isPlainRecord(v) || !onlyKeys(v, TEMPLATE_KEYS)) return undefined;
  const { id, type } = v;
  if (typeof id !== 'string' || !SLUG_ID.test(id) || typeof type !== 'string' || !TYPES.has(type)) return undefined;
  const name = text(v.name, 300);
  const chapter = text(v.chapter);
  const section = text(v.section);
  const tags = textList(v.tags, 0, 80);
  const description = text(v.description);
  const scope = textList(v.scope, 1);
  const steps = textList(v.steps, 1);
  if (
    name === undefined || chapter === undefined || section === undefined || tags === undefined ||
    description === undefined || scope === undefined || steps === undefined
  ) {
    return undefined;
  }
  const rawExamples = v.examples;
  if (!Array.isArray(rawExamples) || rawExamples.length > PACK_LIMITS.maxListItems) return undefined;
  const examples: WorkedExample[] = new Array<WorkedExample>(rawExamples.length);
  for (let i = 0; i < rawExamples.length; i++) {
    const e = example(rawExamples[i]);
    if (e === undefined) return undefined;
    examples[i] = e;
  }
  const out: PackTemplateV1 = { id, name, type: type as PackTemplateV1['type'], chapter, section, tags, description, scope, steps, examples };
  if ('license' in v) {
    const license = text(v.license);
    if (license === undefined) return undefined;
    out.license = license;
  }
  if ('attribution' in v) {
    const attribution = text(v.attribution);
    if (attribution === undefined) return undefined;
    out.attribution = attribution;
  }
  return out;
}

/** The templates as zod would output them, or undefined when any of them needs zod's judgement. */
export function fastParseTemplates(value: unknown): PackTemplateV1[] | undefined {
  if (!Array.isArray(value) || value.length > PACK_LIMITS.maxTemplates) return undefined;
  const out: PackTemplateV1[] = new Array<PackTemplateV1>(value.length);
  for (let i = 0; i < value.length; i++) {
    const t = template(value[i]);
    if (t === undefined) return undefined;
    out[i] = t;
  }
  return out;
}
