/** Builds valid PackV1 objects in code for store, library and search tests. */
import type { TemplateType } from '../../../../shared/domain.js';
import {
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  type PackProblemV1,
  type PackTemplateV1,
  type PackV1,
} from '../../../../shared/packs/schema.js';

export const TOPICS: PackV1['topics'] = [
  { chapter: 'Algebra', sections: ['Equations', 'Inequalities'] },
  { chapter: 'Geometry', sections: ['Triangles', 'Circles'] },
];

/** A template filed under TOPICS; pass overrides for the fields a test cares about. */
export function makeTemplate(i: number, overrides: Partial<PackTemplateV1> = {}): PackTemplateV1 {
  const topic = TOPICS[i % TOPICS.length]!;
  return {
    id: `t-${i}`,
    name: `Template number ${i}`,
    type: (['method', 'theorem', 'formula'] as TemplateType[])[i % 3]!,
    chapter: topic.chapter,
    section: topic.sections[Math.floor(i / TOPICS.length) % topic.sections.length]!,
    tags: [`tag-${i % 5}`, 'common'],
    description: `Plain description of template ${i}.`,
    scope: [`Use when problem ${i} appears.`],
    steps: [`First step for ${i}.`, `Second step for ${i}.`],
    examples: [{ problem: `Problem for ${i}`, solution: [`Work ${i}`], answer: `${i}` }],
    ...overrides,
  };
}

/** A practice problem whose one step uses template t-0 of its own pack. */
export function makeProblem(i: number, overrides: Partial<PackProblemV1> = {}): PackProblemV1 {
  return {
    id: `p-${i}`,
    title: `Practice ${i}`,
    problem: `Solve $x + ${i} = ${2 * i}$.`,
    subject: 'Algebra',
    level: 1 + (i % 5),
    answer: `${i}`,
    analysis: 'Isolate x.',
    steps: [{ title: 'Isolate', goal: 'Get x alone', templateId: 't-0', produces: 'x', hint: 'Subtract.', instantiation: `x = ${i}` }],
    ...overrides,
  };
}

const PACK_KEY_ORDER = ['$schema', 'format', 'formatVersion', 'id', 'version', 'name', 'language', 'authors', 'license', 'attribution', 'description', 'topics', 'templates', 'problems'];

/** A valid pack; keys come out in schema order (as an export writes them) whatever is overridden. */
export function makePack(overrides: Partial<PackV1> = {}, templateCount = 6): PackV1 {
  const pack: PackV1 = {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    id: 'test-pack',
    version: '1.0.0',
    name: 'Test pack',
    language: 'en',
    authors: ['Test Author'],
    license: 'CC-BY-4.0',
    description: 'A pack built in code for tests.',
    topics: TOPICS,
    templates: Array.from({ length: templateCount }, (_, i) => makeTemplate(i)),
    ...overrides,
  };
  const ordered = PACK_KEY_ORDER.filter((k) => k in pack).map((k) => [k, pack[k as keyof PackV1]]);
  return Object.fromEntries(ordered) as PackV1;
}
