/**
 * Library benchmarks (issue: foundation): importing the real ReasonFlux library, importing a
 * generated 100,000-template pack, and ranked search over 100,000 templates.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/core/db/database.js';
import { parsePackFile } from '../../electron/core/packs/parse.js';
import { applyPack } from '../../electron/core/packs/pack-store.js';
import { Library } from '../../electron/core/library/library.js';
import { generatePack } from './generate-pack.js';
import { median, now, percentile, time, type Row } from './harness.js';
import { PROBLEM_SET } from '../quality/dev-sets.js';
import { benchQueries } from './search-queries.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const reasonfluxFile = path.resolve(root, '..', 'shared', 'reference', 'template_library.json');

function freshDb(dir: string, name: string) {
  return openDatabase(path.join(dir, `${name}.sqlite`));
}

export function runLibraryBench(opts: { quick?: boolean } = {}): Row[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bench-'));
  const rows: Row[] = [];
  try {
    // 1. ReasonFlux library: parse + validate + apply into a fresh database file.
    if (fs.existsSync(reasonfluxFile)) {
      const content = fs.readFileSync(reasonfluxFile, 'utf8');
      const runs: number[] = [];
      for (let i = 0; i < (opts.quick ? 3 : 9); i++) {
        const db = freshDb(dir, `rf-${i}`);
        runs.push(
          time(() => {
            const parsed = parsePackFile('template_library.json', content);
            applyPack(db, parsed.pack, { sourceFormat: parsed.sourceFormat });
          }),
        );
        db.close();
      }
      rows.push({ name: 'import ReasonFlux library (420 templates), median', value: median(runs), unit: 'ms', target: { max: 150, label: '< 150 ms' } });
    } else {
      console.log(`  (skipped ReasonFlux import: ${reasonfluxFile} not found)`);
    }

    // 2. A generated 100,000-template pack, from JSON text to committed rows.
    const count = opts.quick ? 20_000 : 100_000;
    const content = JSON.stringify(generatePack(count));
    const importRuns: number[] = [];
    let db = freshDb(dir, 'big-0');
    for (let i = 0; i < (opts.quick ? 1 : 3); i++) {
      if (i > 0) {
        db.close();
        db = freshDb(dir, `big-${i}`);
      }
      importRuns.push(
        time(() => {
          const parsed = parsePackFile('bench.json', content);
          applyPack(db, parsed.pack, { sourceFormat: parsed.sourceFormat });
        }),
      );
    }
    rows.push({
      name: `import generated ${count.toLocaleString('en')}-template pack (${(content.length / 1e6).toFixed(0)} MB), median`,
      value: median(importRuns) / 1000,
      unit: 's',
      target: { max: 10, label: '< 10 s' },
    });

    // 3. Ranked search over that library: a fixed query set, each query timed on its own.
    const library = new Library(db);
    const queries = benchQueries();
    for (let i = 0; i < 20; i++) library.search({ query: queries[i % queries.length]!, limit: 50 }); // warm caches
    const samples: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const q of queries) {
        const t = now();
        library.search({ query: q, limit: 50 });
        samples.push(now() - t);
      }
    }
    samples.sort((a, b) => a - b);
    rows.push({ name: `search over ${count.toLocaleString('en')} templates, p50 (${queries.length} queries x 5)`, value: percentile(samples, 50), unit: 'ms', target: { max: 5, label: '< 5 ms' } });
    rows.push({ name: `search over ${count.toLocaleString('en')} templates, p95`, value: percentile(samples, 95), unit: 'ms', target: { max: 20, label: '< 20 ms' } });

    // 4. Problem statements (offline suggestions, the navigator's candidates): the dev set's
    // 119 problems, each retrieved on its own (text, k = 12).
    const problems = PROBLEM_SET.map((p) => p.query);
    for (let i = 0; i < 20; i++) library.retrieve({ problem: problems[i % problems.length]! });
    const problemSamples: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const problem of problems) {
        const t = now();
        library.retrieve({ problem });
        problemSamples.push(now() - t);
      }
    }
    problemSamples.sort((a, b) => a - b);
    rows.push({ name: `retrieve for a problem over ${count.toLocaleString('en')} templates, p50 (${problems.length} problems x 3)`, value: percentile(problemSamples, 50), unit: 'ms' });
    rows.push({ name: `retrieve for a problem over ${count.toLocaleString('en')} templates, p95`, value: percentile(problemSamples, 95), unit: 'ms', target: { max: 20, label: '< 20 ms' } });
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
