import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_TYPES } from '../../../shared/domain.js';
import { packSchema, slugId } from '../../../shared/packs/schema.js';
import { mapTemplateType } from '../../../electron/core/packs/importers/reasonflux-fields.js';
import { type ParsedPack, parsePackFile } from '../../../electron/core/packs/parse.js';
import { referenceFile } from '../reference-dir.js';

const LIBRARY = referenceFile('template_library.json');

/** Every string in a template, with where it is. */
function textsOf(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => textsOf(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => textsOf(v, `${at}.${k}`));
  return [];
}

describe('ReasonFlux v1 library import (real reference file)', () => {
  let content: string;
  let parsed: ParsedPack;
  beforeAll(() => {
    content = readFileSync(LIBRARY, 'utf8');
    parsed = parsePackFile('template_library.json', content);
  });

  it('yields exactly 420 templates in 18 chapters and 76 sections', () => {
    expect(parsed.sourceFormat).toBe('reasonflux-v1');
    expect(parsed.pack.templates).toHaveLength(420);
    expect(parsed.pack.topics).toHaveLength(18);
    expect(parsed.pack.topics.reduce((n, t) => n + t.sections.length, 0)).toBe(76);
    const used = new Set(parsed.pack.templates.map((t) => `${t.chapter}|${t.section}`));
    expect(used.size).toBe(76);
  });

  it('fills the pack metadata with the source attribution', () => {
    const { pack } = parsed;
    expect(pack.id).toBe('reasonflux-v1-library');
    expect(pack.name).toBe('ReasonFlux template library');
    expect(pack.version).toBe('1.0.0');
    expect(pack.language).toBe('en');
    expect(pack.authors).toEqual(['Gen-Verse ReasonFlux team']);
    expect(pack.license).toBe('Apache-2.0');
    expect(pack.attribution).toContain('Gen-Verse/ReasonFlux');
    expect(parsePackFile('template_library.json', content, { packId: 'my-copy' }).pack.id).toBe('my-copy');
  });

  it('gives every template a unique, schema-valid id that is stable across parses', () => {
    const ids = parsed.pack.templates.map((t) => t.id);
    expect(new Set(ids).size).toBe(420);
    for (const id of ids) expect(slugId.safeParse(id).success, id).toBe(true);
    const again = parsePackFile('template_library.json', content);
    expect(again.pack.templates.map((t) => t.id)).toEqual(ids);
    expect(ids[0]).toMatch(/^quadratic-inequality-always-possibly-hold-[a-z0-9-]*[0-9a-f]{8}$/);
  });

  it('gives the duplicated names distinct ids and says so in a warning', () => {
    const byKey = new Map<string, string[]>();
    for (const t of parsed.pack.templates) {
      const key = `${t.chapter}|${t.section}|${t.name}`;
      byKey.set(key, [...(byKey.get(key) ?? []), t.id]);
    }
    const dups = [...byKey.values()].filter((v) => v.length > 1);
    expect(dups).toHaveLength(7);
    for (const d of dups) expect(new Set(d).size).toBe(d.length);
    expect(parsed.warnings.some((w) => w.startsWith('7 template names were used twice'))).toBe(true);
  });

  it('leaves no literal "\\n", no control characters and no over-escaped TeX in any text', () => {
    for (const t of parsed.pack.templates) {
      for (const [at, text] of textsOf(t)) {
        expect(/\\n(?![a-z])/.test(text), `${t.id}${at}: ${text.slice(0, 80)}`).toBe(false);
        // eslint-disable-next-line no-control-regex
        expect(/[\u0000-\u0008\u000B-\u001F]/.test(text), `${t.id}${at}`).toBe(false);
        expect(/\\\\[A-Za-z]/.test(text), `${t.id}${at}: ${text.slice(0, 80)}`).toBe(false);
        expect(text, `${t.id}${at}`).toBe(text.trim());
      }
    }
  });

  it('turns \\( \\) math into $ $ and repairs TeX that JSON escapes had eaten', () => {
    const all = parsed.pack.templates.flatMap((t) => textsOf(t).map(([, s]) => s)).join('\n');
    expect(all).not.toMatch(/(?<!\\)\\\(/);
    // "\frac" stored with a single backslash in the source JSON became a form feed.
    expect(all).toContain('$y=\\frac{1}{3}x+\\frac{8}{3}$');
    expect(all).toContain('\\arccos');
  });

  it('maps every template_type spelling to the fixed type set', () => {
    for (const t of parsed.pack.templates) expect(TEMPLATE_TYPES).toContain(t.type);
    const raw = JSON.parse(content) as Record<string, Record<string, { template_type: string }[]>>;
    const spellings = new Set(Object.values(raw).flatMap((c) => Object.values(c).flatMap((s) => s.map((t) => t.template_type))));
    expect(spellings.size).toBe(29);
    for (const s of spellings) expect(mapTemplateType(s), s).not.toBeNull();
    expect(mapTemplateType('Problem-solving Methods')).toBe('method');
    expect(mapTemplateType('Theorem of Properties')).toBe('theorem');
    expect(mapTemplateType('Level 2 Conclusion')).toBe('corollary');
    expect(mapTemplateType('Important Formula, Law')).toBe('formula');
    expect(mapTemplateType('Knowledge application')).toBe('application');
    expect(mapTemplateType('Mnemonic')).toBeNull();
    expect(parsed.warnings.some((w) => w.includes('is not a known kind'))).toBe(false);
  });

  it('splits scope text and reads worked examples from text and object layouts', () => {
    const first = parsed.pack.templates[0]!;
    expect(first.scope).toHaveLength(3);
    expect(first.examples[0]!.problem).toMatch(/^Given the function y=x²\+ax\+3-a/);
    expect(first.examples[0]!.answer).toBe('a ∈ [-5, 2√2-2]');
    const withExamples = parsed.pack.templates.filter((t) => t.examples.length > 0);
    expect(withExamples.length).toBeGreaterThan(390);
    for (const t of withExamples) {
      for (const ex of t.examples) {
        expect(ex.problem).not.toMatch(/^example\s*(problem)?\s*\d*\s*[:：]/i);
        expect(ex.solution.length).toBeGreaterThan(0);
        expect(ex.answer.length).toBeGreaterThan(0);
      }
    }
    // "Example 7: …\nSolution: …\n\nExample 8: …" gives two worked examples.
    const twoInOne = parsed.pack.templates.find((t) => t.examples.some((e) => e.problem.startsWith('Given (sinα + cosα)/(sinα - cosα) = 2')));
    expect(twoInOne?.examples[0]?.problem).toBe('Given cosα = -3/5, find the values of sinα and tanα.');
    expect(parsed.pack.templates.filter((t) => t.examples.length > 1).length).toBeGreaterThanOrEqual(10);
  });

  it('produces data that the pack schema accepts as is', () => {
    expect(packSchema.safeParse(parsed.pack).success).toBe(true);
  });
});
