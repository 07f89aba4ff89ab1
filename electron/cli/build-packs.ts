/**
 * `npm run build:packs`: assembles the built-in packs from their sources in
 * resources/packs-src/ (content is written in parts, one per subject group, so several
 * authors can work at once) into resources/packs/core.json and resources/packs/practice.json.
 * A test rebuilds them and fails when the committed files have drifted from their sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PackProblemV1, PackTemplateV1, PackV1 } from '../../shared/packs/schema.js';

/** Chapters in the order a student meets them. Unknown chapters follow, alphabetically. */
export const CHAPTER_ORDER = [
  'Prealgebra',
  'Algebra',
  'Intermediate Algebra',
  'Number Theory',
  'Counting & Probability',
  'Geometry',
  'Precalculus',
  'Calculus',
];

interface Part {
  topics?: { chapter: string; sections: string[] }[];
  templates?: PackTemplateV1[];
  problems?: PackProblemV1[];
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

function readParts(dir: string): Part[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'meta.json')
    .sort()
    .map((f) => readJson<Part>(path.join(dir, f)));
}

const chapterRank = (chapter: string) => {
  const i = CHAPTER_ORDER.indexOf(chapter);
  return i === -1 ? CHAPTER_ORDER.length : i;
};

/** Topics of all parts merged: chapters in curriculum order, sections in order of appearance. */
export function mergeTopics(parts: Part[]): { chapter: string; sections: string[] }[] {
  const byChapter = new Map<string, string[]>();
  for (const part of parts)
    for (const t of part.topics ?? []) {
      const sections = byChapter.get(t.chapter) ?? [];
      for (const s of t.sections) if (!sections.includes(s)) sections.push(s);
      byChapter.set(t.chapter, sections);
    }
  return [...byChapter.entries()]
    .sort(([a], [b]) => chapterRank(a) - chapterRank(b) || a.localeCompare(b))
    .map(([chapter, sections]) => ({ chapter, sections }));
}

export function buildPacks(resourcesDir: string): { core: PackV1; practice: PackV1 } {
  const src = path.join(resourcesDir, 'packs-src');
  const coreParts = readParts(path.join(src, 'core'));
  const topics = mergeTopics(coreParts);
  const sectionRank = new Map(topics.flatMap((t, c) => t.sections.map((s, i) => [`${t.chapter}\u0000${s}`, c * 1000 + i])));
  const templates = coreParts
    .flatMap((p) => p.templates ?? [])
    .map((t, i) => ({ t, i }))
    .sort((a, b) => (sectionRank.get(`${a.t.chapter}\u0000${a.t.section}`) ?? 1e9) - (sectionRank.get(`${b.t.chapter}\u0000${b.t.section}`) ?? 1e9) || a.i - b.i)
    .map(({ t }) => t);
  const core = { ...readJson<Omit<PackV1, 'topics' | 'templates'>>(path.join(src, 'core', 'meta.json')), topics, templates } as PackV1;

  const problems = [...readParts(path.join(src, 'practice')), ...coreParts].flatMap((p) => p.problems ?? []);
  const practice = {
    ...readJson<Omit<PackV1, 'topics' | 'templates' | 'problems'>>(path.join(src, 'practice', 'meta.json')),
    topics: [],
    templates: [],
    problems,
  } as PackV1;
  return { core, practice };
}

export const packText = (pack: PackV1) => JSON.stringify(pack, null, 2) + '\n';

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const resourcesDir = path.resolve(import.meta.dirname, '..', '..', 'resources');
  const { core, practice } = buildPacks(resourcesDir);
  for (const [name, pack] of [['core', core], ['practice', practice]] as const) {
    const file = path.join(resourcesDir, 'packs', `${name}.json`);
    fs.writeFileSync(file, packText(pack));
    console.log(`wrote ${path.relative(process.cwd(), file)}: ${pack.templates.length} templates, ${pack.problems?.length ?? 0} problems`);
  }
}
