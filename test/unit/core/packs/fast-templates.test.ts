/**
 * The fast template check must give exactly zod's output whenever it vouches for a pack, and
 * must step aside (undefined) for anything zod would refuse, so zod writes every message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastParseTemplates } from '../../../../electron/core/packs/fast-templates.js';
import { parsePackFile } from '../../../../electron/core/packs/parse.js';
import { packSchema, templateSchema } from '../../../../shared/packs/schema.js';
import { makePack } from '../helpers/make-pack.js';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');

describe('fastParseTemplates', () => {
  it('gives byte-for-byte what zod gives for valid templates (trimmed text, schema key order, optional keys)', () => {
    const pack = JSON.parse(JSON.stringify(makePack({}, 12))) as Record<string, unknown> & { templates: Record<string, unknown>[] };
    // Key order scrambled, padded text, optional keys present and absent, empty tags and examples.
    pack.templates[0] = Object.fromEntries(Object.entries(pack.templates[0]!).reverse());
    pack.templates[1]!.name = '  Padded name \n';
    pack.templates[2]!.license = ' CC0-1.0 ';
    pack.templates[2]!.attribution = 'Someone';
    pack.templates[3]!.tags = [];
    pack.templates[4]!.examples = [{ answer: ' 4 ', solution: [' a ', 'b'], problem: 'p', answerCheck: 'manual' }];
    pack.templates[5]!.examples = [];
    const fast = fastParseTemplates(pack.templates);
    expect(fast).toBeDefined();
    expect(JSON.stringify(fast)).toBe(JSON.stringify(packSchema.parse(pack).templates));
  });

  it('vouches for the shipped packs exactly as zod does', () => {
    for (const file of ['core.json', 'starter.json']) {
      const data = JSON.parse(fs.readFileSync(path.join(repoRoot, 'resources/packs', file), 'utf8')) as { templates: unknown[] };
      const fast = fastParseTemplates(data.templates);
      expect(fast, file).toBeDefined();
      expect(JSON.stringify(fast)).toBe(JSON.stringify(data.templates.map((t) => templateSchema.parse(t))));
    }
  });

  it('steps aside for anything zod would refuse or that it is not sure about', () => {
    const base = () => JSON.parse(JSON.stringify(makePack({}, 3).templates)) as Record<string, unknown>[];
    const cases: [string, (t: Record<string, unknown>) => void][] = [
      ['blank name', (t) => (t.name = '   ')],
      ['long name', (t) => (t.name = 'x'.repeat(301))],
      ['bad id', (t) => (t.id = 'Bad Id')],
      ['unknown type', (t) => (t.type = 'recipe')],
      ['unknown key', (t) => (t.extra = 1)],
      ['tag too long', (t) => (t.tags = ['x'.repeat(81)])],
      ['empty steps', (t) => (t.steps = [])],
      ['number in scope', (t) => (t.scope = [1])],
      ['bad answerCheck', (t) => (t.examples = [{ problem: 'p', solution: ['s'], answer: 'a', answerCheck: 'maybe' }])],
      ['example unknown key', (t) => (t.examples = [{ problem: 'p', solution: ['s'], answer: 'a', note: 'n' }])],
      ['license undefined', (t) => (t.license = undefined)],
      ['missing description', (t) => delete t.description],
      ['prototype key', (t) => Object.defineProperty(t, '__proto__', { value: {}, enumerable: true })],
    ];
    for (const [label, mutate] of cases) {
      const templates = base();
      mutate(templates[1]!);
      expect(fastParseTemplates(templates), label).toBeUndefined();
    }
    expect(fastParseTemplates('not a list')).toBeUndefined();
  });

  it('leaves the messages of an invalid pack to zod (same issues as before)', () => {
    const pack = JSON.parse(JSON.stringify(makePack({}, 4))) as { templates: Record<string, unknown>[] };
    pack.templates[2]!.name = '';
    pack.templates[3]!.steps = 'one step';
    let issues: unknown;
    try {
      parsePackFile('broken.json', JSON.stringify(pack));
    } catch (err) {
      issues = (err as { error: { details: { issues: { path: string; rule: string }[] } } }).error.details.issues.map((i) => [i.path, i.rule]);
    }
    expect(issues).toEqual([
      ['templates[2].name', 'non_empty_text'],
      ['templates[3].steps', 'wrong_type'],
    ]);
  });

  it('still reports text-rule problems inside templates it vouched for, in walk order', () => {
    const pack = JSON.parse(JSON.stringify(makePack({}, 4))) as { templates: Record<string, unknown>[] };
    pack.templates[1]!.steps = ['fine', 'see <script>x</script>'];
    pack.templates[3]!.examples = [{ problem: 'p', solution: ['\\href{x}{y}'], answer: 'a' }];
    // Trimmed it fits the schema; untrimmed it is longer than the field limit.
    pack.templates[2]!.description = `ok${' '.repeat(70 * 1024)}`;
    expect(fastParseTemplates(pack.templates)).toBeDefined();
    let issues: unknown;
    try {
      parsePackFile('rules.json', JSON.stringify(pack));
    } catch (err) {
      issues = (err as { error: { details: { issues: { path: string; rule: string }[] } } }).error.details.issues.map((i) => [i.path, i.rule]);
    }
    expect(issues).toEqual([
      ['templates[1].steps[1]', 'html_tag'],
      ['templates[2].description', 'too_long'],
      ['templates[3].examples[0].solution[0]', 'unsafe_tex'],
    ]);
  });
});
