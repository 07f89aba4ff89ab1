/**
 * Writes resources/schema/pack-v1.schema.json from the zod pack schema (`npm run schema`),
 * so editors can check pack files while a teacher types. A unit test regenerates it and
 * compares, so the committed file cannot drift from the schema.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { packSchema } from './schema.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../../resources/schema/pack-v1.schema.json', import.meta.url));

/** The JSON Schema text, stable byte for byte for the same zod schema. */
export function renderPackJsonSchema(): string {
  const schema = z.toJSONSchema(packSchema, { target: 'draft-2020-12', io: 'input' });
  const document = {
    ...schema,
    $id: 'https://reasonflux-tutor.local/schema/pack-v1.schema.json',
    title: 'ReasonFlux Tutor template pack, format version 1',
    description: 'A pack of thought templates for ReasonFlux Tutor. See docs/pack-format.md.',
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_PATH, renderPackJsonSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
}
