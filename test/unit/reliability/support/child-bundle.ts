/**
 * The crash tests start a child process per kill; loading the core through tsx costs about a
 * second of CPU each time. Bundled once with esbuild (as the app's own main bundle is: npm
 * packages external, prompt files copied beside it), a child is ready in a third of that.
 * The bundle lives in a temp dir laid out like the repo, so the core's relative lookups
 * (../../package.json, ../../resources, ./prompts) find the real files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { copyCorePrompts } from '../../../../electron/build/bundle.js';
import { repoRoot } from './child.js';

export interface ChildBundle {
  /** The bundled file for a child script in this folder, e.g. file('import-child'). */
  file(name: string): string;
  remove(): void;
}

export async function bundleChildren(names: string[]): Promise<ChildBundle> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-crash-children-'));
  const outDir = path.join(tmp, 'bundle', 'children'); // two levels deep, like electron/core
  await build({
    entryPoints: names.map((n) => path.join(import.meta.dirname, `${n}.ts`)),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    absWorkingDir: repoRoot,
  });
  copyCorePrompts(repoRoot, outDir);
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(tmp, 'package.json'));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
  fs.symlinkSync(path.join(repoRoot, 'resources'), path.join(tmp, 'resources'), 'dir');
  return {
    file: (name) => path.join(outDir, `${name}.mjs`),
    remove: () => fs.rmSync(tmp, { recursive: true, force: true }),
  };
}
