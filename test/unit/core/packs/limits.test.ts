/**
 * One set of pack size limits (issue 10, point 8): the CLI/desktop file reader, the contract's
 * input check, the pack parser and the browser host's body limit all derive from
 * PACK_LIMITS.maxFileBytes, and the docs state those same numbers (they said 32 MB while the
 * code took 160 MB and the host read 321 MB bodies).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packFileInput } from '../../../../shared/contract.js';
import { MAX_BODY_BYTES } from '../../../../shared/host-protocol.js';
import { PACK_LIMITS } from '../../../../shared/packs/schema.js';
import { parsePackFile } from '../../../../electron/core/packs/parse.js';
import { readPackFile } from '../../../../electron/core/packs/read-file.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-db.js';
import { REPO_ROOT, asyncFailureOf, failureOf } from './helpers.js';

const MB = 1024 * 1024;
const fileMb = PACK_LIMITS.maxFileBytes / MB;

describe('pack size limits', () => {
  it('the contract, the parser and the file reader refuse one byte over the same limit', async () => {
    expect(packFileInput.safeParse({ fileName: 'a.json', content: 'x'.repeat(PACK_LIMITS.maxFileBytes) }).success).toBe(true);
    const over = 'x'.repeat(PACK_LIMITS.maxFileBytes + 1);
    expect(packFileInput.safeParse({ fileName: 'a.json', content: over }).success).toBe(false);
    expect(failureOf(() => parsePackFile('a.json', over)).code).toBe('pack_too_large');
    const dir = makeTempDir('rf-limits-');
    try {
      const file = path.join(dir, 'big.json');
      fs.writeFileSync(file, '');
      fs.truncateSync(file, PACK_LIMITS.maxFileBytes + 1); // sparse: nothing is written
      const error = await asyncFailureOf(() => readPackFile(file));
      expect(error.code).toBe('pack_too_large');
      expect(error.message).toContain(`larger than ${fileMb} MB`);
    } finally {
      removeTempDir(dir);
    }
  });

  it('the host takes bodies of a full-size pack sent as a JSON string, and no more than twice that', () => {
    expect(MAX_BODY_BYTES).toBe(2 * PACK_LIMITS.maxFileBytes + MB);
  });

  it('the docs state the limits the code applies', () => {
    const packFormat = fs.readFileSync(path.join(REPO_ROOT, 'docs/pack-format.md'), 'utf8');
    const security = fs.readFileSync(path.join(REPO_ROOT, 'docs/security.md'), 'utf8');
    for (const doc of [packFormat, security]) {
      expect(doc).toContain(`${fileMb} MB`);
      const sizes = [...doc.matchAll(/(\d+) MB (?:per file|\(`pack_too_large`)|files? (?:larger than|over) (\d+) MB/g)].map((m) => Number(m[1] ?? m[2]));
      for (const size of sizes) expect(size).toBe(fileMb);
    }
    expect(packFormat).toContain(PACK_LIMITS.maxFieldChars.toLocaleString('en-US'));
    expect(packFormat).not.toMatch(/\b32 MB\b/);
  });
});
