/**
 * Informal figures for the template store (run by hand: `npx tsx test/bench/store-figures.ts [count]`):
 * applying a generated pack into a fresh database file, and search latency over it.
 * The team's benchmark (npm run bench) is the reference; this isolates the store from parsing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/core/db/database.js';
import { Library } from '../../electron/core/library/library.js';
import { applyPack } from '../../electron/core/packs/pack-store.js';
import { generatePack } from './generate-pack.js';
import { now, percentile } from './harness.js';
import { benchQueries } from './search-queries.js';

const count = Number(process.argv[2] ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-store-'));
try {
  const pack = generatePack(count);
  const db = openDatabase(path.join(dir, 'library.sqlite'));
  let t = now();
  applyPack(db, pack, { sourceFormat: 'native' });
  console.log(`apply ${count} templates (fresh): ${((now() - t) / 1000).toFixed(2)} s`);
  t = now();
  pack.templates[0] = { ...pack.templates[0]!, name: 'changed name' };
  applyPack(db, { ...pack, version: '1.0.1' }, { sourceFormat: 'native' });
  console.log(`apply update with 1 changed template: ${((now() - t) / 1000).toFixed(2)} s`);
  console.log(`file size: ${(fs.statSync(path.join(dir, 'library.sqlite')).size / 1e6).toFixed(0)} MB`);

  const library = new Library(db);
  const queries = benchQueries();
  for (let i = 0; i < 20; i++) library.search({ query: queries[i]!, limit: 50 });
  const samples: number[] = [];
  const slow: [number, string][] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of queries) {
      const s = now();
      library.search({ query: q, limit: 50 });
      const ms = now() - s;
      samples.push(ms);
      if (round === 0) slow.push([ms, q]);
    }
  }
  samples.sort((a, b) => a - b);
  console.log(`search p50 ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms, max ${samples[samples.length - 1]!.toFixed(1)} ms`);
  console.log('slowest:', slow.sort((a, b) => b[0] - a[0]).slice(0, 5).map(([ms, q]) => `${q} (${ms.toFixed(1)} ms)`).join(', '));

  t = now();
  const page = library.listTemplates({ packId: pack.id, chapter: pack.topics[3]!.chapter, offset: 2000, limit: 200 });
  console.log(`listTemplates chapter page: ${(now() - t).toFixed(2)} ms (total ${page.total})`);
  t = now();
  library.tags();
  console.log(`tags(): ${(now() - t).toFixed(2)} ms`);
  db.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
