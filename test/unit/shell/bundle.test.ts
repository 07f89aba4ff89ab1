import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleElectron, corePromptFiles } from '../../../electron/build/bundle.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-bundle-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

/** Source files that locate data files relative to themselves. */
function coreFilesUsingOwnFolder(): string[] {
  return fs
    .readdirSync(path.join(root, 'electron/core'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => /import\.meta\.(dirname|url|filename)/.test(fs.readFileSync(f, 'utf8')));
}

describe('main-process bundle', () => {
  it('is one ESM file that keeps npm packages and electron external, with the core prompts beside it', async () => {
    const { mainFile, preloadFile } = await bundleElectron(root, outDir);
    expect(mainFile).toBe(path.join(outDir, 'main', 'main.mjs'));
    expect(preloadFile).toBe(path.join(outDir, 'preload', 'preload.cjs'));
    expect(fs.existsSync(path.join(outDir, 'main', 'cas-worker.mjs'))).toBe(true);
    const code = fs.readFileSync(mainFile, 'utf8');
    expect(code).toMatch(/from "electron"/);
    expect(code).toMatch(/from "better-sqlite3"/);
    expect(code).not.toMatch(/\brequire\(/); // ESM all the way: no CommonJS shims

    const prompts = corePromptFiles(root);
    for (const file of prompts) {
      expect(fs.readFileSync(path.join(outDir, 'main', 'prompts', path.basename(file)), 'utf8')).toBe(fs.readFileSync(file, 'utf8'));
    }
  });

  it('knows every way the core finds files next to itself', () => {
    // Bundled, import.meta.dirname is out/main. The prompts are copied there; core.ts
    // (package.json) and data-dir.ts (resources/) go two folders up: the app root, as in the
    // source tree. A new kind of use must be handled in electron/build/bundle.ts first.
    const handled = (f: string) => {
      const src = fs.readFileSync(f, 'utf8');
      const uses = [...src.matchAll(/import\.meta\.(dirname|url|filename)[^\n]*/g)].map((m) => m[0]);
      return uses.every(
        (u) =>
          u.startsWith("import.meta.dirname, 'prompts')") ||
          u.startsWith("import.meta.dirname, '..', '..',") ||
          u.startsWith("import.meta.url)('../../package.json')") ||
          // cas-pool.ts: cas-worker.mjs is bundled beside main.mjs; tsx is only used from source.
          u.startsWith('import.meta.dirname, casWorkerName)') ||
          // off-thread.ts: pack-check-worker.mjs is bundled beside main.mjs too (and named in its error).
          u.startsWith('import.meta.dirname, name)') ||
          u.startsWith('import.meta.dirname}`);') ||
          u.startsWith("import.meta.url).resolve('tsx/esm/api')"),
      );
    };
    expect(coreFilesUsingOwnFolder().filter((f) => !handled(f)).map((f) => path.relative(root, f))).toEqual([]);
  });
});
