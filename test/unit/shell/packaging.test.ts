import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingPackagingTools, PACKAGING_TOOLS } from '../../../electron/build/dist.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
const hook = require('../../../electron/build/after-pack.cjs') as {
  FUSE_SETTINGS: Record<string, boolean>;
  electronBinaryPath(context: object): string;
  fuseConfig(v: object, o: object): Record<string, unknown>;
};
const yml = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');

describe('electron-builder config', () => {
  it('ships the bundles, the page and the built-in packs, and unpacks the native module', () => {
    expect(yml).toMatch(/^productName: ReasonFlux Tutor$/m);
    expect(yml).toMatch(/^appId: \S+$/m);
    expect(yml).toMatch(/^ {2}main: out\/main\/main\.mjs$/m);
    for (const entry of ['out/**', 'dist/renderer/**', 'resources/**']) expect(yml).toContain(`  - ${entry}\n`);
    expect(yml).toMatch(/asarUnpack:\n\s+- "\*\*\/node_modules\/better-sqlite3\/\*\*\/\*\.node"/);
    expect(yml).toMatch(/linux:\n\s+target:\n\s+- AppImage\n\s+- deb/);
    expect(yml).toMatch(/mac:\n\s+target: dmg/);
    expect(yml).toMatch(/win:\n\s+target: nsis/);
  });

  it('names an afterPack hook that exists', () => {
    const hookPath = /^afterPack: (\S+)$/m.exec(yml)?.[1];
    expect(hookPath).toBe('electron/build/after-pack.cjs');
    expect(fs.existsSync(path.join(root, hookPath!))).toBe(true);
  });
});

describe('fuses hook', () => {
  it('turns off Node escape hatches and requires the integrity-checked asar', () => {
    expect(hook.FUSE_SETTINGS).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      EnableCookieEncryption: true,
    });
  });

  it('maps the settings onto @electron/fuses option ids and refuses unknown fuses', () => {
    // Shaped like @electron/fuses' enums: FuseV1Options.RunAsNode === 0, and so on.
    const options = { RunAsNode: 0, EnableCookieEncryption: 1, EnableNodeOptionsEnvironmentVariable: 2, EnableNodeCliInspectArguments: 3, EnableEmbeddedAsarIntegrityValidation: 4, OnlyLoadAppFromAsar: 5 };
    expect(hook.fuseConfig({ V1: '1' }, options)).toEqual({ version: '1', 0: false, 1: true, 2: false, 3: false, 4: true, 5: true });
    expect(() => hook.fuseConfig({ V1: '1' }, { RunAsNode: 0 })).toThrow(/does not know the fuse/);
  });

  it('finds the packaged executable on each platform', () => {
    const packager = { appInfo: { productFilename: 'ReasonFlux Tutor' }, executableName: 'reasonflux-tutor' };
    const at = (electronPlatformName: string) => hook.electronBinaryPath({ appOutDir: '/o', electronPlatformName, packager });
    expect(at('darwin')).toBe(path.join('/o', 'ReasonFlux Tutor.app'));
    expect(at('win32')).toBe(path.join('/o', 'ReasonFlux Tutor.exe'));
    expect(at('linux')).toBe(path.join('/o', 'reasonflux-tutor'));
  });
});

describe('npm run dist', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-dist-'));
  afterAll(() => fs.rmSync(empty, { recursive: true, force: true }));

  it('names the packaging tools that are missing', () => {
    expect(missingPackagingTools(empty)).toEqual(PACKAGING_TOOLS);
    expect(PACKAGING_TOOLS.every((s) => /@\d+\.\d+\.\d+$/.test(s))).toBe(true);
  });
});
