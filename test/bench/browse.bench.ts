/**
 * Browsing a 100,000-template library (issue "Reliability and security", point 5; the library
 * bench covers import and search): the pages the Library screen asks for (500 at a time, at the
 * start, middle and end of the list, and inside one chapter and one section) and the topic tree.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/core/db/database.js';
import { Library } from '../../electron/core/library/library.js';
import { applyPack } from '../../electron/core/packs/pack-store.js';
import { generatePack } from './generate-pack.js';
import { now, percentile, type Row } from './harness.js';

/** The Library screen's page size (renderer/state/library-store.ts BROWSE_PAGE_SIZE). */
const PAGE = 500;
const ROUNDS = 20;

function timed(fn: () => void, rounds = ROUNDS): number[] {
  fn(); // warm the statement cache and pages
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = now();
    fn();
    out.push(now() - t);
  }
  return out.sort((a, b) => a - b);
}

export function runBrowseBench(opts: { quick?: boolean } = {}): Row[] {
  const count = opts.quick ? 20_000 : 100_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-browse-'));
  const db = openDatabase(path.join(dir, 'browse.sqlite'));
  try {
    const pack = generatePack(count);
    applyPack(db, pack, { sourceFormat: 'native' });
    const library = new Library(db);
    const packId = pack.id;
    const chapter = pack.topics[3]!.chapter;
    const section = pack.topics[3]!.sections[2]!;
    const label = count.toLocaleString('en');
    const rows: Row[] = [];
    const pageRow = (name: string, input: Parameters<Library['listTemplates']>[0], max: number) => {
      const samples = timed(() => {
        const r = library.listTemplates(input);
        if (!r.items.length) throw new Error(`empty page for ${name}`);
      });
      rows.push({ name: `browse ${label}: ${name}, p95`, value: percentile(samples, 95), unit: 'ms', target: { max, label: `< ${max} ms` }, note: `p50 ${percentile(samples, 50).toFixed(1)} ms` });
    };
    pageRow(`first page of ${PAGE}`, { packId, offset: 0, limit: PAGE }, 50);
    pageRow(`middle page of ${PAGE}`, { packId, offset: Math.floor(count / 2), limit: PAGE }, 50);
    pageRow(`last page of ${PAGE}`, { packId, offset: count - PAGE, limit: PAGE }, 50);
    pageRow(`one chapter, first page`, { packId, chapter, offset: 0, limit: PAGE }, 50);
    pageRow(`one chapter, last page`, { packId, chapter, offset: Math.floor(count / 20) - PAGE, limit: PAGE }, 50);
    pageRow(`one section, first page`, { packId, chapter, section, offset: 0, limit: PAGE }, 50);
    const tree = timed(() => library.topicTree(packId));
    rows.push({ name: `browse ${label}: topic tree, p95`, value: percentile(tree, 95), unit: 'ms', target: { max: 100, label: '< 100 ms' }, note: `p50 ${percentile(tree, 50).toFixed(1)} ms` });
    return rows;
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
