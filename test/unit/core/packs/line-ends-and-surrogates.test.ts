/**
 * Small text cases from issue 10: CR and CRLF inside pack text are line breaks (normalised to
 * LF), not refused as control characters; a lone UTF-16 surrogate is refused with its field
 * and position (it could not be stored: SQLite would turn it into U+FFFD, and the export would
 * silently differ); real astral characters (emoji, 𝑥) survive import and export unchanged.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../../electron/core/core.js';
import { parsePackFile } from '../../../../electron/core/packs/parse.js';
import { nativePack } from '../../../bench/hostile-packs.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-db.js';
import { failureOf, issuesOf } from './helpers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTempDir));

describe('line ends', () => {
  it('CRLF and CR inside text become LF', () => {
    const text = JSON.stringify(nativePack({ description: 'First line\r\nsecond line\rthird' }, { steps: ['Step one\r\ncontinued', 'Step two'] }));
    const { pack } = parsePackFile('windows.json', text);
    expect(pack.description).toBe('First line\nsecond line\nthird');
    expect(pack.templates[0]!.steps[0]).toBe('Step one\ncontinued');
  });

  it('other control characters are still refused', () => {
    const error = failureOf(() => parsePackFile('bell.json', JSON.stringify(nativePack({ description: 'ring\u0007' }))));
    expect(issuesOf(error)).toContainEqual(expect.objectContaining({ path: 'description', rule: 'control_character' }));
  });
});

describe('surrogates', () => {
  it('a lone surrogate is refused with the field and position', () => {
    const error = failureOf(() => parsePackFile('broken.json', JSON.stringify(nativePack({}, { name: 'Broken \ud83d name' }))));
    expect(issuesOf(error)).toContainEqual(
      expect.objectContaining({ path: 'templates[0].name', rule: 'lone_surrogate', message: expect.stringContaining('\\uD83D) at character 8') }),
    );
    const low = failureOf(() => parsePackFile('broken.json', JSON.stringify(nativePack({ description: '\udc00 first' }))));
    expect(issuesOf(low)).toContainEqual(expect.objectContaining({ path: 'description', rule: 'lone_surrogate' }));
  });

  it('emoji and other astral characters are kept exactly through import and export', async () => {
    const dir = makeTempDir('rf-surrogates-');
    dirs.push(dir);
    const core = createCore({ dataDir: dir, shell: 'cli', skipBuiltIns: true });
    try {
      const text = 'Count the apples 🍎 and solve for 𝑥.';
      const content = JSON.stringify(nativePack({ id: 'astral' }, { description: text }));
      const applied = await core.dispatch('packs.applyImport', { fileName: 'astral.json', content });
      expect(applied.ok, JSON.stringify(applied)).toBe(true);
      const exported = await core.dispatch('packs.export', { packId: 'astral' });
      if (!exported.ok) throw new Error(JSON.stringify(exported.error));
      const back = JSON.parse((exported.value as { content: string }).content) as { templates: { description: string }[] };
      expect(back.templates[0]!.description).toBe(text);
    } finally {
      core.close();
    }
  });
});
