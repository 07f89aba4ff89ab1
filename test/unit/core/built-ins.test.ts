/** Built-in packs: installed on first start, and a pack the user removed stays removed. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core.js';
import type { PackSummary } from '../../../shared/domain.js';
import { makeTempDir, removeTempDir } from './helpers/temp-db.js';

const starterFile = path.resolve(import.meta.dirname, '..', '..', '..', 'resources', 'packs', 'starter.json');
let dir: string;
afterEach(() => removeTempDir(dir));

async function packIds(dataDir: string): Promise<string[]> {
  const core = createCore({ dataDir, shell: 'cli' });
  try {
    const r = await core.dispatch('library.listPacks', {});
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as PackSummary[]).map((p) => p.id).sort();
  } finally {
    core.close();
  }
}

describe('built-in packs', () => {
  it('are installed on first start; a removed one is not brought back at the next start, until imported by hand', async () => {
    dir = makeTempDir('rf-built-ins-');
    expect(await packIds(dir)).toEqual(['core', 'practice', 'starter']);

    const core = createCore({ dataDir: dir, shell: 'cli' });
    expect((await core.dispatch('packs.remove', { packId: 'starter' })).ok).toBe(true);
    core.close();
    expect(await packIds(dir)).toEqual(['core', 'practice']);

    const again = createCore({ dataDir: dir, shell: 'cli' });
    const imported = await again.dispatch('packs.applyImport', { fileName: 'starter.json', content: fs.readFileSync(starterFile, 'utf8') });
    expect(imported.ok).toBe(true);
    expect((await again.dispatch('packs.remove', { packId: 'core' })).ok).toBe(true);
    again.close();
    // starter is wanted again (no longer on the removed list); core now is.
    expect(await packIds(dir)).toEqual(['practice', 'starter']);
  });
});
