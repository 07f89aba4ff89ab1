/**
 * `npm run dist`: installers for this platform with electron-builder (config in
 * electron-builder.yml). The packaging tools are not project dependencies, because they
 * download Electron and other binaries; this says how to get them when they are missing.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build as viteBuild } from 'vite';
import { bundleElectron } from './bundle.js';

const root = path.resolve(import.meta.dirname, '..', '..');
export const PACKAGING_TOOLS = ['electron-builder@26.17.0', '@electron/fuses@2.1.3'];

export function missingPackagingTools(resolveFrom: string): string[] {
  const require = createRequire(path.join(resolveFrom, 'package.json'));
  return PACKAGING_TOOLS.filter((spec) => {
    const name = spec.slice(0, spec.lastIndexOf('@'));
    try {
      require.resolve(`${name}/package.json`);
      return false;
    } catch {
      return true;
    }
  });
}

async function main(): Promise<void> {
  const missing = missingPackagingTools(root);
  if (missing.length) {
    console.error(
      `Packaging needs ${missing.join(' and ')}, which are not installed (they are kept out of the project's ` +
        'dependencies because they download Electron and packaging tools). On a machine with internet access run:\n\n' +
        `  npm install --no-save ${PACKAGING_TOOLS.join(' ')}\n  npm run dist\n\nSee docs/desktop.md.`,
    );
    process.exitCode = 1;
    return;
  }
  process.chdir(root);
  console.log('Building the app page…');
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  await bundleElectron(root);
  const require = createRequire(path.join(root, 'package.json'));
  const pkgFile = require.resolve('electron-builder/package.json');
  const bin = (require(pkgFile) as { bin: string | Record<string, string> }).bin;
  const cli = path.join(path.dirname(pkgFile), typeof bin === 'string' ? bin : bin['electron-builder']!);
  const r = spawnSync(process.execPath, [cli, '--config', 'electron-builder.yml', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}

const isEntry = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isEntry) await main();
