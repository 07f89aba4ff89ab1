/**
 * Canonical shapes and content hashes of packs and templates. Key order follows the zod
 * schema (shared/packs/schema.ts) so an exported file reads like a hand-written one and
 * hashes don't depend on the key order of the source file.
 */
import { createHash } from 'node:crypto';
import type { PackTemplateV1, PackV1 } from '../../../shared/packs/schema.js';
import { canonicalExample } from '../library/template-rows.js';

export { canonicalExample };

export function canonicalTemplate(t: PackTemplateV1): PackTemplateV1 {
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    chapter: t.chapter,
    section: t.section,
    tags: [...t.tags],
    description: t.description,
    scope: [...t.scope],
    steps: [...t.steps],
    examples: t.examples.map(canonicalExample),
    ...(t.license !== undefined ? { license: t.license } : {}),
    ...(t.attribution !== undefined ? { attribution: t.attribution } : {}),
  };
}

export type PackMeta = Omit<PackV1, 'templates' | 'problems'>;

export function canonicalPackMeta(p: PackMeta): PackMeta {
  return {
    ...(p.$schema !== undefined ? { $schema: p.$schema } : {}),
    format: p.format,
    formatVersion: p.formatVersion,
    id: p.id,
    version: p.version,
    name: p.name,
    language: p.language,
    authors: [...p.authors],
    license: p.license,
    ...(p.attribution !== undefined ? { attribution: p.attribution } : {}),
    description: p.description,
    topics: p.topics.map((topic) => ({ chapter: topic.chapter, sections: [...topic.sections] })),
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The whole pack's content: metadata (less the editor-only $schema), every template in
 * order, and the practice problems (absent and empty count the same).
 */
export function hashPack(pack: PackV1, templateHashes: readonly string[]): string {
  const { $schema: _schema, ...meta } = canonicalPackMeta(pack);
  return sha256(`${JSON.stringify(meta)}\n${templateHashes.join('\n')}\n${JSON.stringify(pack.problems ?? [])}`);
}
