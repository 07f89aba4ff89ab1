/**
 * The core template pack and the practice set, checked as content (issue: content):
 *  - the committed files are exactly what `npm run build:packs` makes from resources/packs-src;
 *  - they pass the real import path, every formula renders in MathJax without an error;
 *  - every worked example's and practice problem's answer is recomputed independently
 *    (test/unit/content/recompute/*.ts) and checked with the app's own answer checker;
 *  - every template a trajectory references exists; names and ids are unique;
 *  - retrieval: for most practice problems a template of its trajectory is in the top 5.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPacks, packText } from '../../../electron/cli/build-packs.js';
import { createCore, type Core } from '../../../electron/core/core.js';
import { parsePackFile } from '../../../electron/core/packs/parse.js';
import { checkAnswer } from '../../../electron/core/tutor/answer/index.js';
import type { SearchHit } from '../../../shared/domain.js';
import type { PackTemplateV1, PackV1 } from '../../../shared/packs/schema.js';
import { splitMath } from '../../../renderer/math/split.js';
import { texToSvg } from '../../../renderer/math/tex-to-svg.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const resources = path.join(root, 'resources');
const readPack = (name: string) => JSON.parse(fs.readFileSync(path.join(resources, 'packs', `${name}.json`), 'utf8')) as PackV1;
const core = readPack('core');
const practice = readPack('practice');
const starter = readPack('starter');

type Recompute = Record<string, () => string | number>;
async function loadRecompute(): Promise<Recompute> {
  const dir = path.join(import.meta.dirname, 'recompute');
  const all: Recompute = {};
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(path.join(dir, f))) as { recompute: Recompute };
    for (const [k, fn] of Object.entries(mod.recompute)) {
      if (k in all) throw new Error(`recompute key ${k} is defined twice (${f})`);
      all[k] = fn;
    }
  }
  return all;
}

/** Every displayed string of a pack with where it came from. */
function texts(pack: PackV1): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const walk = (v: unknown, where: string) => {
    if (typeof v === 'string') out.push({ where, text: v });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== '$schema') walk(x, `${where}.${k}`);
  };
  walk(pack.templates, 'templates');
  walk(pack.problems ?? [], 'problems');
  return out;
}

/**
 * A recomputation in floating point (30.000000000000036 for a 30° angle) is written as a person
 * would type it: twelve significant digits. The checker compares typed integers and exact values
 * exactly, so the float noise must not reach it.
 */
const typed = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toPrecision(12))) : String(v));

describe('built-in packs are built from their sources', () => {
  it('core.json and practice.json equal what npm run build:packs makes', () => {
    const built = buildPacks(resources);
    expect(packText(core), 'run `npm run build:packs`').toBe(packText(built.core));
    expect(packText(practice), 'run `npm run build:packs`').toBe(packText(built.practice));
  });
});

describe('core template pack', () => {
  it('passes the real import path without warnings', () => {
    const parsed = parsePackFile('core.json', fs.readFileSync(path.join(resources, 'packs', 'core.json'), 'utf8'));
    expect(parsed.warnings).toEqual([]);
    expect(parsed.pack.templates.length).toBeGreaterThanOrEqual(150);
    console.log(`core pack: ${core.templates.length} templates in ${core.topics.length} chapters, ${core.topics.reduce((n, t) => n + t.sections.length, 0)} sections`);
  });

  it('covers the MATH subjects, each template with 3-7 steps and a worked example', () => {
    const chapters = new Set(core.templates.map((t) => t.chapter));
    for (const subject of ['Prealgebra', 'Algebra', 'Intermediate Algebra', 'Number Theory', 'Counting & Probability', 'Geometry', 'Precalculus'])
      expect(chapters, subject).toContain(subject);
    const bad = core.templates.filter((t) => t.steps.length < 3 || t.steps.length > 7 || t.examples.length < 1).map((t) => t.id);
    expect(bad).toEqual([]);
  });

  it('has no duplicate names or ids, here or against the starter pack', () => {
    const names = [...core.templates, ...starter.templates].map((t) => t.name.toLowerCase());
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const ids = core.templates.map((t) => t.id);
    expect(ids.filter((n, i) => ids.indexOf(n) !== i)).toEqual([]);
  });
});

describe('every formula renders', () => {
  it.each([['core'], ['practice']])('%s: MathJax renders every formula without an error node', (name) => {
    const failures: string[] = [];
    let formulas = 0;
    for (const { where, text } of texts(name === 'core' ? core : practice)) {
      for (const seg of splitMath(text)) {
        if (seg.kind !== 'math') continue;
        formulas++;
        const r = texToSvg(seg.tex, seg.display);
        if (!r.ok) failures.push(`${where}: ${seg.tex} → ${r.reason === 'forbidden' ? `forbidden ${r.macro}` : r.reason === 'tex_error' ? r.message : `too long (${r.limit})`}`);
        else if (/data-mjx-error|<merror/i.test(r.svg)) failures.push(`${where}: ${seg.tex} → error node`);
      }
    }
    console.log(`${name}: ${formulas} formulas rendered`);
    expect(failures).toEqual([]);
  });
});

describe('answers are machine-checked', () => {
  let recompute: Recompute;
  beforeAll(async () => {
    recompute = await loadRecompute();
  });

  it('every worked example answer equals its independent recomputation (manual ones at most 10%)', async () => {
    const failures: string[] = [];
    let manual = 0;
    let checked = 0;
    const examples = core.templates.flatMap((t) => t.examples.map((e, i) => ({ key: `template:${t.id}#${i}`, e })));
    for (const { key, e } of examples) {
      if (e.answerCheck === 'manual') {
        manual++;
        continue;
      }
      const fn = recompute[key];
      if (!fn) {
        failures.push(`${key}: no recomputation`);
        continue;
      }
      const verdict = await checkAnswer(e.answer, typed(fn()));
      checked++;
      if (verdict.verdict !== 'correct' && verdict.verdict !== 'equivalent_form')
        failures.push(`${key}: answer ${e.answer} vs recomputed ${typed(fn())} → ${verdict.verdict}`);
    }
    console.log(`worked examples: ${examples.length}, machine-checked ${checked}, manual ${manual} (${((100 * manual) / examples.length).toFixed(1)}%)`);
    expect(failures).toEqual([]);
    expect(manual / examples.length).toBeLessThanOrEqual(0.1);
  });

  it('every practice problem answer equals its recomputation, and its trajectory references existing templates', async () => {
    const problems = practice.problems ?? [];
    expect(problems.length).toBeGreaterThanOrEqual(40);
    const known = new Set([...core.templates.map((t) => `core/${t.id}`), ...starter.templates.map((t) => `starter/${t.id}`)]);
    const failures: string[] = [];
    let manual = 0;
    for (const p of problems) {
      for (const [i, s] of p.steps.entries()) if (s.templateId && !known.has(s.templateId)) failures.push(`problem ${p.id} step ${i + 1}: unknown template ${s.templateId}`);
      if (p.answerCheck === 'manual') {
        manual++;
        continue;
      }
      const fn = recompute[`problem:${p.id}`];
      if (!fn) {
        failures.push(`problem ${p.id}: no recomputation`);
        continue;
      }
      const verdict = await checkAnswer(p.answer, typed(fn()));
      if (verdict.verdict !== 'correct' && verdict.verdict !== 'equivalent_form')
        failures.push(`problem ${p.id}: answer ${p.answer} vs recomputed ${typed(fn())} → ${verdict.verdict}`);
    }
    console.log(`practice problems: ${problems.length}, manual ${manual}`);
    expect(failures).toEqual([]);
    expect(manual / problems.length).toBeLessThanOrEqual(0.1);
  });
});

describe('the template card never gives a practice problem away', () => {
  it('no template on a trajectory has that same problem as its worked example', () => {
    const templates = new Map<string, PackTemplateV1>([
      ...core.templates.map((t): [string, PackTemplateV1] => [`core/${t.id}`, t]),
      ...starter.templates.map((t): [string, PackTemplateV1] => [`starter/${t.id}`, t]),
    ]);
    const formulas = (text: string) =>
      splitMath(text)
        .flatMap((seg) => (seg.kind === 'math' ? [seg.tex.replace(/\s+/g, '')] : []))
        .filter((tex) => tex.length >= 5);
    const words = (text: string) => text.toLowerCase().replace(/[\s$]+/g, ' ').trim();
    const clashes: string[] = [];
    for (const p of practice.problems ?? []) {
      const own = [...new Set(formulas(p.problem))];
      for (const id of new Set(p.steps.map((s) => s.templateId))) {
        for (const [i, e] of (templates.get(id ?? '')?.examples ?? []).entries()) {
          const theirs = new Set(formulas(e.problem));
          // The same text, or every formula of a problem with several formulas.
          const same = words(e.problem) === words(p.problem) || (own.length >= 2 && own.every((f) => theirs.has(f)));
          if (same) clashes.push(`${p.id} is worked out in ${id} example ${i + 1}`);
        }
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('retrieval finds the templates a trajectory uses', () => {
  let dir: string;
  let app: Core;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-content-'));
    app = createCore({ dataDir: dir, shell: 'cli' });
  });
  afterAll(() => {
    app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('for at least 80% of practice problems, a trajectory template is in the top 5 for the problem text', async () => {
    const problems = practice.problems ?? [];
    const misses: string[] = [];
    for (const p of problems) {
      const r = await app.dispatch('library.search', { query: p.problem, limit: 5 });
      if (!r.ok) throw new Error(r.error.message);
      const top = new Set((r.value as SearchHit[]).map((h) => h.template.id));
      if (!p.steps.some((s) => s.templateId && top.has(s.templateId))) misses.push(p.id);
    }
    const rate = (problems.length - misses.length) / problems.length;
    console.log(`retrieval: ${problems.length - misses.length}/${problems.length} problems (${(100 * rate).toFixed(0)}%) have a trajectory template in the top 5; misses: ${misses.join(', ') || 'none'}`);
    expect(rate).toBeGreaterThanOrEqual(0.8);
  });
});
