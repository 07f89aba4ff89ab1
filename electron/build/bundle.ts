/**
 * Bundles the main process and the preload with esbuild into out/.
 *   out/main/main.mjs        ESM, Node target; npm packages stay external (shipped in
 *                            node_modules, better-sqlite3 is native anyway)
 *   out/preload/preload.cjs  one CommonJS file with everything inlined except 'electron',
 *                            because a sandboxed preload cannot require local files
 */
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';

/** Electron 45 runs Node 22 in the main process and Chromium 142 in the preload. */
const MAIN_TARGET = 'node22';
const PRELOAD_TARGET = 'chrome142';

export interface BundleResult {
  mainFile: string;
  preloadFile: string;
}

export function bundleOptions(root: string): { main: BuildOptions; preload: BuildOptions } {
  const outDir = path.join(root, 'out');
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

export async function bundleElectron(root: string): Promise<BundleResult> {
  const options = bundleOptions(root);
  await Promise.all([build(options.main), build(options.preload)]);
  return { mainFile: options.main.outfile!, preloadFile: options.preload.outfile! };
}
