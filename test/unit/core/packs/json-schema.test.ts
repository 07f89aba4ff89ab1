import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PACK_FORMAT } from '../../../../shared/packs/schema.js';
import { renderPackJsonSchema, SCHEMA_PATH } from '../../../../shared/packs/write-json-schema.js';

describe('resources/schema/pack-v1.schema.json', () => {
  it('is exactly what `npm run schema` generates from the zod schema (no drift)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(renderPackJsonSchema());
  });

  it('describes the pack format an editor needs', () => {
    const schema = JSON.parse(renderPackJsonSchema()) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { const?: unknown }>;
    };
    expect(schema.properties.format!.const).toBe(PACK_FORMAT);
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'formatVersion', 'id', 'version', 'templates', 'topics']));
    expect(schema.additionalProperties).toBe(false);
  });
});
