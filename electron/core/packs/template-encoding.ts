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
  const tags = JSON.stringify(t.tags);
  const scope = JSON.stringify(t.scope);
  const steps = JSON.stringify(t.steps);
  // Canonical key order, so the hash ignores how the source file ordered its keys.
  const examples = JSON.stringify(t.examples.map(canonicalExample));
  const license = t.license ?? null;
  const attribution = t.attribution ?? null;
  // One JSON array of the text fields, then the four lists' JSON: each part is a complete
  // JSON value, so no two different templates give the same stream, and it is hashed in one
  // update() call (per-field work showed up in a 100,000-template import).
  const head = JSON.stringify([t.id, t.name, t.type, t.chapter, t.section, t.description, license, attribution]);
  const contentHash = createHash('sha256').update(head + tags + scope + steps + examples).digest('hex');
  return {
    templateId: t.id,
    name: t.name,
    type: t.type,
    chapter: t.chapter,
    section: t.section,
    tags,
    description: t.description,
    scope,
    steps,
    examples,
    license,
    attribution,
    contentHash,
  };
}
