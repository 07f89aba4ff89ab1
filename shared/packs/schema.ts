/**
 * Pack format v1: the one on-disk format for template packs. Importers for other formats
 * (ReasonFlux library JSON, Buffer-of-Thoughts markdown) convert into this shape, and it is
 * validated by this schema before anything is written. The JSON Schema file for editors
 * (resources/schema/pack-v1.schema.json) is generated from it: `npm run schema`.
 */
import { z } from 'zod';
import { TEMPLATE_TYPES } from '../domain.js';

export const PACK_FORMAT = 'reasonflux-tutor-pack';
export const PACK_FORMAT_VERSION = 1;

/** Limits that keep a hostile or broken file from eating the app. */
export const PACK_LIMITS = {
  /** Room for a 100,000-template pack; a 200 MB file is refused before it is read. */
  maxFileBytes: 160 * 1024 * 1024,
  maxFieldChars: 64 * 1024,
  maxTemplates: 200_000,
  maxListItems: 200,
  maxDepth: 32,
  maxIssues: 50,
} as const;

const text = (what = 'text') =>
  z
    .string({ error: `expected ${what}` })
    .trim()
    .min(1, { error: `expected non-empty ${what}` })
    .max(PACK_LIMITS.maxFieldChars, { error: `is longer than ${PACK_LIMITS.maxFieldChars} characters` });

const textList = (what: string) =>
  z
    .array(text(what), { error: `expected a non-empty list of ${what}s` })
    .min(1, { error: `expected a non-empty list of ${what}s` })
    .max(PACK_LIMITS.maxListItems, { error: `has more than ${PACK_LIMITS.maxListItems} items` });

export const slugId = z
  .string({ error: 'expected an id string' })
  .regex(/^[a-z0-9][a-z0-9._-]{0,95}$/, {
    error: 'expected an id of lowercase letters, digits, ".", "_" or "-" (at most 96 characters)',
  });

export const semver = z
  .string({ error: 'expected a version string' })
  .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, {
    error: 'expected a semantic version like 1.2.0',
  });

export const workedExampleSchema = z.strictObject({
  problem: text('problem text'),
  solution: textList('solution step'),
  answer: text('answer'),
  /** 'manual': the answer is a proof or a description that no checker can verify. */
  answerCheck: z.enum(['auto', 'manual'], { error: 'expected "auto" or "manual"' }).optional(),
});

export const templateSchema = z.strictObject({
  id: slugId,
  name: text('name').max(300, { error: 'is longer than 300 characters' }),
  type: z.enum(TEMPLATE_TYPES, { error: `expected one of ${TEMPLATE_TYPES.join(', ')}` }),
  chapter: text('chapter title'),
  section: text('section title'),
  tags: z
    .array(text('tag').max(80, { error: 'is longer than 80 characters' }))
    .max(PACK_LIMITS.maxListItems, { error: `has more than ${PACK_LIMITS.maxListItems} items` }),
  description: text('description'),
  scope: textList('scope item'),
  steps: textList('application step'),
  examples: z
    .array(workedExampleSchema)
    .max(PACK_LIMITS.maxListItems, { error: `has more than ${PACK_LIMITS.maxListItems} items` }),
  license: text('license').optional(),
  attribution: text('attribution').optional(),
});

export const topicSchema = z.strictObject({
  chapter: text('chapter title'),
  sections: z.array(text('section title')),
});

/** A global template id: `packId/templateId`. */
const templateRef = z
  .string({ error: 'expected a template id' })
  .regex(/^(?:[a-z0-9][a-z0-9._-]{0,95}\/)?[a-z0-9][a-z0-9._-]{0,95}$/, {
    error: 'expected a template id of this pack, or "packId/templateId" for another pack',
  });

/** One step of a practice problem's precomputed trajectory: the help the tutor shows, no model needed. */
export const problemStepSchema = z.strictObject({
  title: text('step title').max(300, { error: 'is longer than 300 characters' }),
  goal: text('step goal'),
  templateId: templateRef,
  produces: text('what the step produces'),
  hint: text('hint'),
  instantiation: text('worked step'),
  /** An expression the step's result should equal, for symbolic step checks. */
  expected: text('expected result').optional(),
});

/** A practice problem with its worked trajectory (works with no model configured). */
export const problemSchema = z.strictObject({
  id: slugId,
  title: text('title').max(300, { error: 'is longer than 300 characters' }),
  problem: text('problem text'),
  subject: text('subject').max(100, { error: 'is longer than 100 characters' }),
  level: z.number({ error: 'expected a level from 1 to 5' }).int({ error: 'expected a whole number from 1 to 5' }).min(1, { error: 'expected a level from 1 to 5' }).max(5, { error: 'expected a level from 1 to 5' }),
  answer: text('answer'),
  /** 'manual': the answer cannot be machine-checked (a proof, a description). */
  answerCheck: z.enum(['auto', 'manual'], { error: 'expected "auto" or "manual"' }).optional(),
  analysis: text('analysis'),
  steps: z
    .array(problemStepSchema)
    .min(1, { error: 'expected at least one step' })
    .max(30, { error: 'has more than 30 steps' }),
});

export const packSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(PACK_FORMAT, { error: `expected "${PACK_FORMAT}"` }),
  formatVersion: z.literal(PACK_FORMAT_VERSION, { error: `expected ${PACK_FORMAT_VERSION}` }),
  id: slugId,
  version: semver,
  name: text('pack name').max(200, { error: 'is longer than 200 characters' }),
  language: z
    .string({ error: 'expected a language tag' })
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'expected a language tag like "en" or "zh-CN"' }),
  authors: textList('author'),
  license: text('license'),
  attribution: text('attribution').optional(),
  description: text('description'),
  /** Chapter → sections, in display order. Every template's chapter/section must appear here. */
  topics: z.array(topicSchema),
  templates: z
    .array(templateSchema)
    .max(PACK_LIMITS.maxTemplates, { error: `has more than ${PACK_LIMITS.maxTemplates} templates` }),
  /** Practice problems with precomputed trajectories. A pack may hold only problems. */
  problems: z
    .array(problemSchema)
    .max(PACK_LIMITS.maxListItems * 50, { error: `has more than ${PACK_LIMITS.maxListItems * 50} problems` })
    .optional(),
}).superRefine((pack, ctx) => {
  // Templates and topics may be empty only in a pack that brings practice problems.
  if (pack.problems?.length) return;
  const empty = (key: 'topics' | 'templates', message: string) =>
    ctx.addIssue({ code: 'too_small', origin: 'array', minimum: 1, inclusive: true, input: pack[key], path: [key], message });
  if (!pack.topics.length) empty('topics', 'expected at least one chapter');
  if (!pack.templates.length) empty('templates', 'expected at least one template');
});

export type PackV1 = z.infer<typeof packSchema>;
export type PackTemplateV1 = z.infer<typeof templateSchema>;
export type PackProblemV1 = z.infer<typeof problemSchema>;
