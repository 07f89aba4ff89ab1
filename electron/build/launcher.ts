/**
 * What `npm start` does, with every outside effect passed in so tests can run it without an
 * Electron binary: build the page and the shell, find Electron (one quiet download attempt),
 * prepare the Electron build of the database module, then start the desktop app; if any of
 * that is impossible, explain it in one paragraph and serve the same app to the browser.
 */
import type { ElectronBinary } from './electron-binary.js';
import { electronUnavailableMessage } from './electron-binary.js';
import type { NativeBinding } from './native-sqlite.js';

export interface LauncherDeps {
  argv: string[];
  buildRenderer(): Promise<void>;
  bundleShell(): Promise<{ mainFile: string }>;
  obtainElectron(): Promise<ElectronBinary>;
  prepareNativeModule(electronVersion: string): Promise<NativeBinding>;
  /** Starts Electron and resolves with its exit code. */
  startElectron(executable: string, mainFile: string, sqliteBinding: string): Promise<number>;
  /** The browser host (electron/host/cli.ts runHost); keeps running until the process stops. */
  startBrowser(argv: string[]): Promise<void>;
  log(paragraph: string): void;
}

export type LaunchOutcome = { mode: 'electron'; exitCode: number } | { mode: 'browser'; reason: string };

export function nativeModuleMessage(reason: string): string {
  return [
    `The desktop window needs a copy of the database module built for Electron, which could not be prepared (${reason}).`,
    'Connect to the internet (for the prebuilt download) or install Python and a C++ compiler, then run npm start again.',
    'Meanwhile the same app runs in your browser: open the address printed below.',
  ].join(' ');
}

export async function launchApp(deps: LauncherDeps): Promise<LaunchOutcome> {
  await deps.buildRenderer();
  const { mainFile } = await deps.bundleShell();

  const electron = await deps.obtainElectron();
  if (!electron.ok) {
    deps.log(electronUnavailableMessage(electron.reason));
    await deps.startBrowser(deps.argv);
    return { mode: 'browser', reason: electron.reason };
  }

  const native = await deps.prepareNativeModule(electron.version);
  if (!native.ok) {
    deps.log(nativeModuleMessage(native.reason));
    await deps.startBrowser(deps.argv);
    return { mode: 'browser', reason: native.reason };
  }

  const exitCode = await deps.startElectron(electron.executable, mainFile, native.file);
  return { mode: 'electron', exitCode };
}
