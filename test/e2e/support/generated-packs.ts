/** Pack files written on the fly for e2e runs (big packs, older versions of a fixture). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'rf-e2e-pack-'));

/** A valid pack with `count` templates spread over 10 chapters × 10 sections. */
export function writeLargePack(count: number): string {
  const chapters = Array.from({ length: 10 }, (_, c) => ({
    chapter: `Chapter ${c + 1}`,
    sections: Array.from({ length: 10 }, (_, s) => `Section ${c + 1}.${s + 1}`),
  }));
  const templates = Array.from({ length: count }, (_, i) => {
    const c = i % 10;
    const s = Math.floor(i / 10) % 10;
    const n = String(i + 1).padStart(5, '0');
    return {
      id: `bulk-${n}`,
      name: `Bulk template ${n}`,
      type: 'method',
      chapter: `Chapter ${c + 1}`,
      section: `Section ${c + 1}.${s + 1}`,
      tags: [`group-${i % 7}`],
      description: `Generated template number ${n} with a formula $x_{${i}} = ${i}$.`,
      scope: ['Generated for a load test.'],
      steps: ['Look at the problem.', 'Apply the idea.'],
      examples: [],
    };
  });
  const pack = {
    format: 'reasonflux-tutor-pack',
    formatVersion: 1,
    id: 'bulk-load',
    version: '1.0.0',
    name: 'Bulk load pack',
    language: 'en',
    authors: ['E2E'],
    license: 'CC0-1.0',
    description: 'Many generated templates to check that the list stays usable.',
    topics: chapters,
    templates,
  };
  const file = path.join(tempDir(), 'bulk-load.json');
  writeFileSync(file, JSON.stringify(pack));
  return file;
}

/** A copy of a pack file with another version number, under the same file name. */
export function writeWithVersion(source: string, version: string): string {
  const pack = JSON.parse(readFileSync(source, 'utf8')) as { version: string };
  pack.version = version;
  const file = path.join(tempDir(), path.basename(source));
  writeFileSync(file, JSON.stringify(pack, null, 2));
  return file;
}
