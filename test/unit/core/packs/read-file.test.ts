import { mkdtempSync, rmSync, writeFileSync, truncateSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPackFile } from '../../../../electron/core/packs/read-file.js';
import { asyncFailureOf } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'rf-read-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readPackFile', () => {
  it('reads UTF-8 text and strips a BOM', async () => {
    const file = path.join(dir, 'pack.json');
    writeFileSync(file, '\ufeff{"a": "x² ∈ ℝ"}');
    expect(await readPackFile(file)).toEqual({ fileName: 'pack.json', content: '{"a": "x² ∈ ℝ"}' });
  });

  it('refuses a 200 MB file from its size alone, without reading it', async () => {
    const file = path.join(dir, 'huge.json');
    writeFileSync(file, '');
    truncateSync(file, 200 * 1024 * 1024); // sparse: no disk space used
    const before = process.memoryUsage().rss;
    const error = await asyncFailureOf(() => readPackFile(file));
    expect(error.code).toBe('pack_too_large');
    expect(error.message).toBe('huge.json is 200.0 MB; pack files larger than 160 MB are refused');
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses folders and missing files clearly', async () => {
    const sub = path.join(dir, 'folder.json');
    mkdirSync(sub);
    const folder = await asyncFailureOf(() => readPackFile(sub));
    expect(folder.code).toBe('pack_unreadable');
    expect(folder.message).toBe('folder.json is a folder, not a pack file');
    const missing = await asyncFailureOf(() => readPackFile(path.join(dir, 'nope.json')));
    expect(missing.message).toBe('nope.json does not exist');
  });

  it('names the byte offset of invalid UTF-8', async () => {
    const file = path.join(dir, 'latin1.json');
    writeFileSync(file, Buffer.concat([Buffer.from('{"name": "caf'), Buffer.from([0xe9]), Buffer.from('"}')]));
    const error = await asyncFailureOf(() => readPackFile(file));
    expect(error.code).toBe('pack_unreadable');
    expect(error.message).toBe('latin1.json is not UTF-8 text: invalid byte 0xe9 at byte offset 13');
    const overlong = path.join(dir, 'overlong.json');
    writeFileSync(overlong, Buffer.from([0x61, 0xc0, 0xaf]));
    expect((await asyncFailureOf(() => readPackFile(overlong))).message).toContain('at byte offset 1');
  });
});
