/**
 * Only the main process and the preload may import 'electron'. The launcher, the build
 * scripts and the channel list run in plain Node (tests, npm start before Electron exists),
 * and `require('electron')` from Node would start a binary download.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const withoutComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const importsElectron = (src: string) =>
  /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\(\s*)['"]electron['"]/.test(
    withoutComments(src).replace(/\bimport\s+type\b[^;]+;/g, ''),
  );

function files(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [abs];
  return fs
    .readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|mts|cts|js|cjs|mjs)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('who imports electron', () => {
  it('the checker sees value imports but not type-only ones', () => {
    expect(importsElectron("import { app } from 'electron';")).toBe(true);
    expect(importsElectron("const e = require('electron');")).toBe(true);
    expect(importsElectron("import type { Rectangle } from 'electron';")).toBe(false);
  });

  it('nothing outside electron/main and electron/preload loads it at run time', () => {
    const offenders = ['electron/build', 'electron/launch.ts', 'electron/ipc-channels.ts', 'electron/core', 'electron/host', 'electron/cli']
      .flatMap(files)
      .filter((f) => importsElectron(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('the main process and the preload do', () => {
    expect(importsElectron(fs.readFileSync(path.join(root, 'electron/main/main.ts'), 'utf8'))).toBe(true);
    expect(importsElectron(fs.readFileSync(path.join(root, 'electron/preload/preload.ts'), 'utf8'))).toBe(true);
  });
});
