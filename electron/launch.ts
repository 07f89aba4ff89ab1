/**
 * `npm start`: the desktop app when Electron is available, otherwise the same app in the
 * browser (see electron/build/launcher.ts for the steps and the fallback).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build as viteBuild } from 'vite';
import { bundleElectron } from './build/bundle.js';
import { INSTALL_TIMEOUT_MS, obtainElectronBinary } from './build/electron-binary.js';
import { launchApp } from './build/launcher.js';
import { ensureElectronSqlite } from './build/native-sqlite.js';
import { HostStartError, runHost } from './host/cli.js';
import { DEV_ENV } from './main/app-paths.js';

const root = path.resolve(import.meta.dirname, '..');
// vite.config.ts names its folders relative to the repository root.
process.chdir(root);

function startElectron(executable: string, mainFile: string, sqliteBinding: string): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, [DEV_ENV.sqliteBinding]: sqliteBinding };
  // Inherited from some shells/IDEs, it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  return new Promise((resolve) => {
    const child = spawn(executable, [mainFile, ...process.argv.slice(2)], { stdio: 'inherit', env });
    child.on('error', (err) => {
      console.error(`Electron could not be started: ${err.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function startBrowser(argv: string[]): Promise<void> {
  const running = await runHost(argv);
  const stop = () => {
    setTimeout(() => process.exit(0), 3_000).unref();
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

try {
  const outcome = await launchApp({
    argv: process.argv.slice(2),
    buildRenderer: async () => {
      console.log('Building the app page…');
      await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
    },
    bundleShell: () => bundleElectron(root),
    obtainElectron: () =>
      obtainElectronBinary(path.join(root, 'node_modules', 'electron'), {
        timeoutMs: INSTALL_TIMEOUT_MS,
        onInstallStart: () => console.log('The Electron program is not downloaded yet; trying to fetch it (up to 90 s)…'),
      }),
    prepareNativeModule: (version) => ensureElectronSqlite({ root, electronVersion: version, log: (l) => console.log(l) }),
    startElectron,
    startBrowser,
    log: (paragraph) => console.log(`\n${paragraph}\n`),
  });
  if (outcome.mode === 'electron') process.exitCode = outcome.exitCode;
} catch (err) {
  // Expected failures carry their own readable lines; anything else gets one line, no stack.
  if (err instanceof HostStartError) {
    console.error(err.lines.join('\n'));
    process.exitCode = err.exitCode;
  } else {
    console.error(`npm start failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
