/**
 * A template as stored: list fields as JSON text, plus a content hash. Encoded once per
 * import and reused for both the hash and the row, since serialising 100,000 templates
 * twice is a noticeable share of a large import.
 */
import { createHash } from 'node:crypto';
import type { PackTemplateV1 } from '../../../shared/packs/schema.js';
import { canonicalExample } from './canonical.js';

export interface EncodedTemplate {
  templateId: string;
  name: string;
  type: string;
  chapter: string;
  section: string;
  tags: string;
  description: string;
  scope: string;
  steps: string;
  examples: string;
  license: string | null;
  attribution: string | null;
  contentHash: string;
}

export function encodeTemplate(t: PackTemplateV1): EncodedTemplate {
  const fields = {
    templateId: t.id,
    name: t.name,
    type: t.type,
    chapter: t.chapter,
    section: t.section,
    tags: JSON.stringify(t.tags),
    description: t.description,
    scope: JSON.stringify(t.scope),
    steps: JSON.stringify(t.steps),
    // Canonical key order, so the hash ignores how the source file ordered its keys.
    examples: JSON.stringify(t.examples.map(canonicalExample)),
    license: t.license ?? null,
    attribution: t.attribution ?? null,
  };
  const hash = createHash('sha256');
  // Length-prefixed fields: no two different templates can produce the same byte stream.
  for (const value of Object.values(fields)) {
    const text = value ?? '\u0000absent';
    hash.update(`${text.length}:`).update(text);
  }
  return { ...fields, contentHash: hash.digest('hex') };
}
