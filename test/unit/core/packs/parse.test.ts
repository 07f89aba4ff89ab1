import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACK_LIMITS, type PackV1 } from '../../../../shared/packs/schema.js';
import { parsePackFile } from '../../../../electron/core/packs/parse.js';
import { REPO_ROOT, failureOf, issuesOf } from './helpers.js';

const SMALL = readFileSync(path.join(REPO_ROOT, 'test/fixtures/packs/valid-small.json'), 'utf8');
const small = () => JSON.parse(SMALL) as PackV1;
const text = (pack: unknown) => JSON.stringify(pack, null, 2);

describe('parsePackFile: native packs', () => {
  it('accepts the hand-written sample pack and round-trips it unchanged', () => {
    const parsed = parsePackFile('valid-small.json', SMALL);
    expect(parsed.sourceFormat).toBe('native');
    expect(parsed.warnings).toEqual([]);
    expect(parsed.pack.templates.map((t) => t.id)).toEqual(['balance-a-linear-equation', 'sum-of-an-arithmetic-sequence', 'quadratic-formula']);
    expect(parsed.pack).toEqual(small());
    // Export → import gives the identical pack.
    const again = parsePackFile('exported.json', text(parsed.pack));
    expect(again.pack).toEqual(parsed.pack);
  });

  it('strips a BOM and accepts CRLF line endings', () => {
    const parsed = parsePackFile('bom.json', `\ufeff${SMALL.replace(/\n/g, '\r\n')}`);
    expect(parsed.pack.id).toBe('sample-small');
  });

  it('normalises \\( \\) and \\[ \\] math to $ and $$', () => {
    const pack = small();
    pack.templates[0]!.description = 'Keep \\( a = b \\) true; then \\[x = 5\\] and $y$.';
    const parsed = parsePackFile('p.json', text(pack));
    expect(parsed.pack.templates[0]!.description).toBe('Keep $a = b$ true; then $$x = 5$$ and $y$.');
  });

  it('lets opts.packId install a copy under another id', () => {
    expect(parsePackFile('p.json', SMALL, { packId: 'copy-of-sample' }).pack.id).toBe('copy-of-sample');
  });

  it('warns (not fails) about the same name twice in one section', () => {
    const pack = small();
    pack.templates[2]!.name = pack.templates[0]!.name;
    const parsed = parsePackFile('p.json', text(pack));
    expect(parsed.warnings).toEqual([
      'templates[2].name: "Balance a linear equation" is also the name of templates[0] in section "Equations"; learners may confuse them',
    ]);
  });
});

describe('parsePackFile: error messages', () => {
  it('formats zod problems as path: readable message', () => {
    const pack = small() as unknown as { templates: Record<string, unknown>[] };
    pack.templates[1]!.steps = [];
    pack.templates[2]!.name = 7;
    pack.templates[0]!.colour = 'red';
    const error = failureOf(() => parsePackFile('algebra.json', text(pack)));
    expect(error.code).toBe('pack_invalid');
    expect(error.message).toBe('3 problems in algebra.json');
    expect(error.action).toBe('Fix the listed places in the file and import it again.');
    expect(issuesOf(error)).toEqual([
      { file: 'algebra.json', path: 'templates[0].colour', rule: 'unknown_key', message: 'unknown key "colour" (check the spelling; see docs/pack-format.md)' },
      { file: 'algebra.json', path: 'templates[1].steps', rule: 'non_empty_list', message: 'expected a non-empty list of application steps' },
      { file: 'algebra.json', path: 'templates[2].name', rule: 'wrong_type', message: 'expected name, got a number (7)' },
    ]);
  });

  it('names duplicate ids with the first place they were used', () => {
    const pack = small();
    pack.templates[2]!.id = pack.templates[0]!.id;
    const issues = issuesOf(failureOf(() => parsePackFile('p.json', text(pack))));
    expect(issues).toContainEqual({
      file: 'p.json',
      path: 'templates[2].id',
      rule: 'duplicate_id',
      message: 'duplicate id "balance-a-linear-equation", first used at templates[0]',
      // The same words, coded for the renderer's languages.
      words: { code: 'pack.duplicateTemplateId', params: { id: 'balance-a-linear-equation', first: 'templates[0]' } },
    });
  });

  it('reports invalid JSON with line and column', () => {
    const broken = SMALL.replace('"version": "1.0.0",', '"version": "1.0.0"');
    const error = failureOf(() => parsePackFile('small.json', broken));
    expect(error.code).toBe('pack_unreadable');
    expect(error.message).toBe(`small.json is not valid JSON: Unexpected '"' (expected ',' or '}') at line 7 column 3`);
    expect(error.action).toMatch(/text editor/);
  });

  it('reports ALL problems at once, capped at maxIssues plus one "…and N more"', () => {
    const pack = small();
    const template = pack.templates[0]!;
    pack.templates = Array.from({ length: 80 }, (_, i) => ({ ...template, id: `t${i}`, name: `T ${i}`, steps: [] }));
    const error = failureOf(() => parsePackFile('big.json', text(pack)));
    expect(error.message).toBe('80 problems in big.json');
    const issues = issuesOf(error);
    expect(issues).toHaveLength(PACK_LIMITS.maxIssues + 1);
    expect(issues[0]!.path).toBe('templates[0].steps');
    expect(issues[PACK_LIMITS.maxIssues - 1]!.path).toBe(`templates[${PACK_LIMITS.maxIssues - 1}].steps`);
    expect(issues[PACK_LIMITS.maxIssues]).toMatchObject({ rule: 'too_many_issues', message: expect.stringContaining('…and 30 more') });
  });

  it('lists the accepted formats for a file it cannot recognise', () => {
    const error = failureOf(() => parsePackFile('data.json', '{"hello": "world"}'));
    expect(error.code).toBe('pack_unreadable');
    expect(error.message).toContain('reasonflux-tutor-pack');
    expect(error.message).toContain('template_library.json');
    expect(error.message).toContain('### Problem Type');
  });
});

describe('parsePackFile: limits', () => {
  it('refuses content over maxFileBytes with pack_too_large', () => {
    const error = failureOf(() => parsePackFile('huge.json', ' '.repeat(PACK_LIMITS.maxFileBytes + 1)));
    expect(error.code).toBe('pack_too_large');
    expect(error.message).toMatch(/larger than 160 MB/);
  });

  it('refuses a 1 MB field by path, without crashing', () => {
    const pack = small();
    pack.templates[1]!.description = 'x'.repeat(1024 * 1024);
    const issues = issuesOf(failureOf(() => parsePackFile('p.json', text(pack))));
    expect(issues).toEqual([
      { file: 'p.json', path: 'templates[1].description', rule: 'too_long', message: `is longer than ${PACK_LIMITS.maxFieldChars} characters` },
    ]);
  });

  it('refuses 1,000-level nesting before JSON.parse, with a clear error', () => {
    const deep = `${'['.repeat(1000)}${']'.repeat(1000)}`;
    const error = failureOf(() => parsePackFile('deep.json', deep));
    expect(error.code).toBe('pack_invalid');
    expect(issuesOf(error)).toEqual([
      { file: 'deep.json', path: `line 1 column ${PACK_LIMITS.maxDepth + 1}`, rule: 'too_deep', message: 'is nested more than 32 levels deep' },
    ]);
    // Brackets inside strings do not count.
    const pack = small();
    pack.templates[0]!.description = '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ is fine in text';
    expect(parsePackFile('p.json', text(pack)).pack.templates[0]!.description).toContain('[[[[');
  });
});

describe('docs/pack-format.md', () => {
  it('contains a complete example pack that imports cleanly', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs/pack-format.md'), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)![1]!;
    const parsed = parsePackFile('example.json', example);
    expect(parsed.pack.templates.map((t) => t.id)).toEqual(['add-fractions-common-denominator', 'fraction-of-an-amount']);
    expect(parsed.warnings).toEqual([]);
  });
});
