/**
 * Bundles the main process and the preload with esbuild into out/.
 *   out/main/main.mjs        ESM, Node target; npm packages stay external (shipped in
 *                            node_modules, better-sqlite3 is native anyway)
 *   out/main/cas-worker.mjs  the answer checker's CAS worker thread, its own entry point:
 *                            cas-pool.ts looks for it beside itself (import.meta.dirname,
 *                            out/main once bundled); from source it runs cas-worker.ts
 *   out/main/pack-check-worker.mjs  the pack checker's worker thread (parse + validate of pack
 *                            files, electron/core/packs/check-worker.ts), found the same way
 *                            by electron/core/packs/off-thread.ts
 *   out/main/prompts/*.md    the core's prompt files (electron/core/prompts/*.md): the module
 *                            beside them (prompts/messages.ts) looks in import.meta.dirname/prompts
 *                            first, which is out/main/prompts once bundled
 *   out/preload/preload.cjs  one CommonJS file with everything inlined except 'electron',
 *                            because a sandboxed preload cannot require local files
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';

/** Electron 45 runs Node 22 in the main process and Chromium 142 in the preload. */
const MAIN_TARGET = 'node22';
const PRELOAD_TARGET = 'chrome142';

export interface BundleResult {
  mainFile: string;
  preloadFile: string;
}

/** The CAS worker's source; bundled beside main.mjs as cas-worker.mjs. */
export const CAS_WORKER_ENTRY = 'electron/core/tutor/answer/cas-worker.ts';
/** The pack checker's worker source; bundled beside main.mjs as pack-check-worker.mjs. */
export const PACK_WORKER_ENTRY = 'electron/core/packs/check-worker.ts';

export function bundleOptions(root: string, outDir = path.join(root, 'out')): { main: BuildOptions; preload: BuildOptions; casWorker: BuildOptions; packWorker: BuildOptions } {
  const common: BuildOptions = { bundle: true, sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root, legalComments: 'none' };
  return {
    main: {
      ...common,
      entryPoints: [path.join(root, 'electron/main/main.ts')],
      outfile: path.join(outDir, 'main/main.mjs'),
      platform: 'node',
      format: 'esm',
      target: MAIN_TARGET,
      packages: 'external',
      external: ['electron'],
    },
    casWorker: {
      ...common,
      entryPoints: [path.join(root, CAS_WORKER_ENTRY)],
      outfile: path.join(outDir, 'main/cas-worker.mjs'),
      platform: 'node',
      format: 'esm',
      target: MAIN_TARGET,
      packages: 'external',
      external: ['electron'],
    },
    packWorker: {
      ...common,
      entryPoints: [path.join(root, PACK_WORKER_ENTRY)],
      outfile: path.join(outDir, 'main/pack-check-worker.mjs'),
      platform: 'node',
      format: 'esm',
      target: MAIN_TARGET,
      packages: 'external',
      external: ['electron'],
    },
    preload: {
      ...common,
      entryPoints: [path.join(root, 'electron/preload/preload.ts')],
      outfile: path.join(outDir, 'preload/preload.cjs'),
      platform: 'browser',
      format: 'cjs',
      target: PRELOAD_TARGET,
      // The contract (and so zod) is inlined; minifying keeps the preload quick to parse.
      minify: true,
      external: ['electron'],
    },
  };
}

/** Every prompt file (`*.md`) in a `prompts` folder under electron/core (today: electron/core/prompts, beside the module that builds the messages). */
export function corePromptFiles(root: string): string[] {
  const coreDir = path.join(root, 'electron', 'core');
  return fs
    .readdirSync(coreDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md') && path.basename(e.parentPath) === 'prompts')
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Copies the prompt files beside the bundle; two prompts with one name would shadow each other. */
export function copyCorePrompts(root: string, mainOutDir: string): string[] {
  const target = path.join(mainOutDir, 'prompts');
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  const seen = new Map<string, string>();
  for (const file of corePromptFiles(root)) {
    const name = path.basename(file);
    const earlier = seen.get(name);
    if (earlier) throw new Error(`Two prompt files are both called ${name} (${earlier} and ${file}); rename one.`);
    seen.set(name, file);
    fs.copyFileSync(file, path.join(target, name));
  }
  return [...seen.keys()].sort();
}

export async function bundleElectron(root: string, outDir = path.join(root, 'out')): Promise<BundleResult> {
  const options = bundleOptions(root, outDir);
  await Promise.all([build(options.main), build(options.preload), build(options.casWorker), build(options.packWorker)]);
  copyCorePrompts(root, path.dirname(options.main.outfile!));
  return { mainFile: options.main.outfile!, preloadFile: options.preload.outfile! };
}
