/**
 * Crash safety of pack imports: a child process imports a 3,000-template pack through the real
 * core and is SIGKILLed at a random moment of the import (the import's duration is measured
 * once first). One data dir is reused and the versions alternate (install, update, downgrade),
 * so kills hit replacements of a whole library, not only fresh installs. After every kill the
 * file must open, pass integrity_check and both FTS5 integrity checks, and hold exactly one
 * whole version of the pack (or none): never a partial one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackV1 } from '../../../shared/packs/schema.js';
import { databaseFile } from '../../../electron/core/data-dir.js';
import { openDatabase } from '../../../electron/core/db/database.js';
import { generatePack } from '../../bench/generate-pack.js';
import { seededRandom, spawnChild, type Child } from './support/child.js';
import { bundleChildren, type ChildBundle } from './support/child-bundle.js';
import { integrityProblems, tempDataDir } from './support/library-state.js';

/** Loop bounds: whichever is reached first ends the loop. */
const MAX_KILLS = Number(process.env.RF_CRASH_KILLS ?? 100);
const WALL_CLOCK_CAP_MS = Number(process.env.RF_CRASH_WALL_MS ?? 90_000);
const TEMPLATES = 3_000;
const SEED = Number(process.env.RF_CRASH_SEED ?? 20261125);

const PACK_ID = 'crash-pack';

interface Version {
  file: string;
  version: string;
  templates: number;
  tagRows: number;
}

let dataDir: string;
let versions: [Version, Version];
let children: ChildBundle;

function writeVersion(dir: string, pack: PackV1, version: string): Version {
  pack.version = version;
  const file = path.join(dir, `crash-pack-${version}.json`);
  fs.writeFileSync(file, JSON.stringify(pack));
  const tagRows = pack.templates.reduce((n, t) => n + new Set(t.tags).size, 0);
  return { file, version, templates: pack.templates.length, tagRows };
}

beforeAll(async () => {
  children = await bundleChildren(['import-child']);
  dataDir = tempDataDir('rf-crash-import-');
  // Different seeds: every template's text changes between versions, and B drops 100.
  versions = [
    writeVersion(dataDir, generatePack(TEMPLATES, 1, PACK_ID), '1.0.0'),
    writeVersion(dataDir, generatePack(TEMPLATES - 100, 2, PACK_ID), '1.1.0'),
  ];
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  children?.remove();
});

const startChild = (): Child => spawnChild(children.file('import-child'), [path.join(dataDir, 'data'), versions[0].file, versions[1].file]);

/** What the file holds now; throws (failing the test) on anything but a whole version. */
function inspect(): { version: string | null; problems: string[] } {
  const db = openDatabase(databaseFile(path.join(dataDir, 'data')));
  try {
    const problems = integrityProblems(db);
    const pack = db.prepare('SELECT version FROM packs WHERE id = ?').get(PACK_ID) as { version: string } | undefined;
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const templates = count('SELECT count(*) AS n FROM templates');
    const tags = count('SELECT count(*) AS n FROM template_tags');
    const fts = count('SELECT count(*) AS n FROM templates_fts');
    const headFts = count('SELECT count(*) AS n FROM templates_head_fts');
    const want = pack ? versions.find((v) => v.version === pack.version) : { templates: 0, tagRows: 0 };
    if (!want) problems.push(`unknown version ${pack!.version}`);
    else if (templates !== want.templates || tags !== want.tagRows || fts !== want.templates || headFts !== want.templates) {
      problems.push(`partial pack: version ${pack?.version ?? '(none)'} with ${templates} templates, ${tags} tag rows, ${fts}/${headFts} FTS rows; expected ${want.templates}/${want.tagRows}`);
    }
    return { version: pack?.version ?? null, problems };
  } finally {
    db.close();
  }
}

/** Children loaded ahead of time, so their start-up overlaps the previous kill and check. */
const WARM_CHILDREN = 1;
const warm: Child[] = [];
async function takeChild(): Promise<Child> {
  while (warm.length < WARM_CHILDREN) warm.push(startChild());
  const child = warm.shift()!;
  await child.waitFor('ready');
  warm.push(startChild());
  return child;
}
afterAll(async () => {
  for (const c of warm.splice(0)) {
    c.proc.kill('SIGKILL');
    await c.exited;
  }
});

/** Import to the end, in the same conditions as the loop (the next children loading meanwhile). */
async function importToEnd(v: Version): Promise<number> {
  const child = await takeChild();
  child.send(`go ${v.file}`);
  await child.waitFor('start');
  const t0 = performance.now();
  const done = await child.waitFor('done', 60_000);
  const ms = performance.now() - t0;
  expect(done).toContain(`"version":"${v.version}"`);
  await child.exited;
  return ms;
}

describe('SIGKILL during a pack import', () => {
  it(`leaves the whole old version or the whole new one, never a partial pack (up to ${MAX_KILLS} kills)`, { timeout: WALL_CLOCK_CAP_MS + 120_000 }, async () => {
    // Measure once: install A, then update to B (the two kinds of import the loop kills).
    const installMs = await importToEnd(versions[0]);
    const updateMs = await importToEnd(versions[1]);
    expect(inspect()).toEqual({ version: '1.1.0', problems: [] });
    const windowMs = Math.max(installMs, updateMs) * 1.25;

    const random = seededRandom(SEED);
    const outcomes = { midImport: 0, afterDone: 0, keptPrevious: 0, gotNew: 0 };
    const failures: string[] = [];
    const spent = { ready: 0, inspect: 0 };
    const started = Date.now();
    let installed: string | null = '1.1.0';
    let kills = 0;
    while (kills < MAX_KILLS && Date.now() - started < WALL_CLOCK_CAP_MS) {
      let t = performance.now();
      const child = await takeChild();
      spent.ready += performance.now() - t;
      const target: Version = installed === versions[0].version ? versions[1] : versions[0];
      const delay = random() * windowMs;
      child.send(`go ${target.file}`);
      await child.waitFor('start');
      await new Promise((r) => setTimeout(r, delay));
      const finished = child.saw('done');
      child.proc.kill('SIGKILL');
      const exit = await child.exited;
      kills++;
      if (finished) outcomes.afterDone++;
      else outcomes.midImport++;

      t = performance.now();
      const { version, problems } = inspect();
      spent.inspect += performance.now() - t;
      if (version === target.version) outcomes.gotNew++;
      else outcomes.keptPrevious++;
      if (finished && version !== target.version) problems.push('the import reported done but its version is not installed');
      if (version !== target.version && version !== installed) problems.push(`version ${version} is neither the previous ${installed} nor the new ${target.version}`);
      if (!exit.signal && exit.code !== 0) problems.push(`child failed on its own (${exit.code}): ${child.stderr()}`);
      if (problems.length) failures.push(`kill ${kills} after ${delay.toFixed(0)} ms (${installed} → ${target.version}): ${problems.join('; ')}`);
      installed = version;
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `[crash-import] ${kills} kills in ${seconds} s (cap ${MAX_KILLS} kills / ${WALL_CLOCK_CAP_MS / 1000} s, seed ${SEED}); ` +
        `import measured ${installMs.toFixed(0)} ms install / ${updateMs.toFixed(0)} ms update; ` +
        `killed mid-import ${outcomes.midImport}, after done ${outcomes.afterDone}; ` +
        `afterwards previous version ${outcomes.keptPrevious}, new version ${outcomes.gotNew}; integrity failures ${failures.length}; ` +
        `per kill: ${(spent.ready / kills).toFixed(0)} ms waiting for a child, ${(spent.inspect / kills).toFixed(0)} ms checking`,
    );
    expect(failures).toEqual([]);
    // A killed import is not damage: start-up recovery never moved the library aside.
    expect(fs.readdirSync(path.join(dataDir, 'data')).filter((f) => f.includes('corrupt'))).toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(10);
    // The random window must really land inside imports, not only around them.
    expect(outcomes.midImport).toBeGreaterThanOrEqual(kills / 5);
  });
});
