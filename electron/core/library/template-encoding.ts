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
  // Length-prefixed fields, hashed in one call: no two different templates give the same
  // byte stream, and one update() per template is much cheaper than one per field.
  let stream = '';
  for (const value of Object.values(fields)) {
    const text = value ?? '\u0000absent';
    stream += `${text.length}:${text}`;
  }
  const contentHash = createHash('sha256').update(stream).digest('hex');
  return { ...fields, contentHash };
}
