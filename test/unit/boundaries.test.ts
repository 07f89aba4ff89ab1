/**
 * The layering is held by one mechanism, the `layers/imports` ESLint rule (eslint/layers.js,
 * wired in eslint.config.js). These tests run ESLint itself: on small files placed as if in
 * a low floor importing a high one (the rule must fire), on allowed imports (it must not),
 * and on the real tree (it must be clean).
 */
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { CORE_FLOORS, layersPlugin } from '../../eslint/layers.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** ESLint with the repository's own config (eslint.config.js). */
const repoEslint = new ESLint({ cwd: root });
/** ESLint with only the layering rule: quick enough to lint the whole tree in a test. */
const layersOnly = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-results/**', 'playwright-report/**'] },
    {
      files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      languageOptions: { parser: tseslint.parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
      plugins: { layers: layersPlugin },
      rules: { 'layers/imports': 'error' },
    },
  ],
});

async function layerErrors(file: string, code: string, eslint = layersOnly): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

describe('the layering rule', () => {
  it('is wired in eslint.config.js: a low core floor importing a high one fails the real lint', async () => {
    const errors = await layerErrors('electron/core/db/x.ts', "import { Tutor } from '../tutor/tutor.js';\nexport const t = Tutor;\n", repoEslint);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/electron\/core\/tutor\/ is on floor 6, above electron\/core\/db\/ on floor 2/);
  }, 60_000);

  it('fires on every import form that runs back up the core floors', async () => {
    const code = [
      "import { Tutor } from '../tutor/tutor.js';",
      "import type { Library } from '../library/library.js';",
      "export { createCore } from '../core.js';",
      "export * from '../navigator/navigator.js';",
      "const later = () => import('../authoring/service.js');",
      "const r = require('../packs/service.js');",
      'export { Tutor, later, r };',
      'export type L = Library;',
    ].join('\n');
    expect(await layerErrors('electron/core/db/x.ts', code)).toHaveLength(6);
    // From a nested folder too, and from a root file of the core.
    expect(await layerErrors('electron/core/model/parse/x.ts', "import '../../retrieval/search.js';")).toHaveLength(1);
    expect(await layerErrors('electron/core/events.ts', "import '../core/sessions/store.js';".replace('../core/', './'))).toHaveLength(1);
  });

  it('refuses imports between rooms of one floor (no circles) and rooms on no floor', async () => {
    expect((await layerErrors('electron/core/packs/x.ts', "import '../navigator/navigator.js';"))[0]).toMatch(/share floor 5/);
    expect((await layerErrors('electron/core/newroom/x.ts', "import '../db/database.js';"))[0]).toMatch(/on no floor/);
  });

  it('allows imports down the floors, inside a room and of shared/', async () => {
    const code = [
      "import '../db/database.js';",
      "import '../model/index.js';",
      "import '../events.js';",
      "import './context.js';",
      "import './answer/index.js';",
      "import '../../../shared/contract.js';",
      "import 'node:fs';",
      "import 'zod';",
    ].join('\n');
    expect(await layerErrors('electron/core/tutor/x.ts', code)).toEqual([]);
    expect(await layerErrors('electron/core/core.ts', "import './tutor/tutor.js';\nimport './packs/handlers.js';")).toEqual([]);
  });

  it('keeps the shells apart: each imports itself, shared/, electron/common/ and the core front door only', async () => {
    expect((await layerErrors('electron/host/x.ts', "import '../main/ipc.js';"))[0]).toMatch(/one shell never imports another/);
    expect(await layerErrors('electron/main/x.ts', "import '../host/static-files.js';")).toHaveLength(1);
    expect(await layerErrors('electron/host/x.ts', "import '../cli/packs-cli.js';")).toHaveLength(1);
    expect(await layerErrors('electron/preload/x.ts', "import '../main/ipc.js';")).toHaveLength(1);
    expect((await layerErrors('electron/main/x.ts', "import '../core/packs/read-file.js';"))[0]).toMatch(/front door, electron\/core\/core\.ts/);
    expect(await layerErrors('electron/common/x.ts', "import '../host/server.js';")).toHaveLength(1);
    expect(await layerErrors('electron/common/x.ts', "import '../core/core.js';")).toHaveLength(1);
    // The core never reaches out to a shell or the neutral folder.
    expect(await layerErrors('electron/core/util/x.ts', "import '../../common/args.js';")).toHaveLength(1);
    expect(await layerErrors('electron/core/tutor/x.ts', "import '../../main/ipc.js';")).toHaveLength(1);
    const allowed = [
      "import { createCore } from '../core/core.js';",
      "import '../common/ipc-channels.js';",
      "import '../../shared/contract.js';",
      "import './app-protocol.js';",
    ].join('\n');
    expect(await layerErrors('electron/main/x.ts', allowed)).toEqual([]);
  });

  it('holds the packages: electron only in main and preload, no UI in the core, no Node in the renderer or shared/', async () => {
    expect(await layerErrors('electron/core/util/x.ts', "import { app } from 'electron';")).toHaveLength(1);
    expect(await layerErrors('electron/host/x.ts', "const e = require('electron');")).toHaveLength(1);
    expect(await layerErrors('electron/core/tutor/x.ts', "import React from 'react';")).toHaveLength(1);
    expect(await layerErrors('electron/main/x.ts', "import { app } from 'electron';")).toEqual([]);
    expect(await layerErrors('electron/preload/x.ts', "import { contextBridge } from 'electron';")).toEqual([]);
    // The launcher may name electron's types but never load it.
    expect(await layerErrors('electron/build/x.ts', "import type { App } from 'electron';")).toEqual([]);
    expect(await layerErrors('electron/build/x.ts', "import { app } from 'electron';")).toHaveLength(1);

    expect(await layerErrors('renderer/x.tsx', "import fs from 'node:fs';")).toHaveLength(1);
    expect(await layerErrors('renderer/x.tsx', "import fs from 'fs';")).toHaveLength(1);
    expect(await layerErrors('renderer/x.tsx', "import Database from 'better-sqlite3';")).toHaveLength(1);
    expect(await layerErrors('renderer/x.tsx', "import { createCore } from '../electron/core/core.js';")).toHaveLength(1);
    expect(await layerErrors('renderer/x.tsx', "import '../shared/contract.js';\nimport React from 'react';")).toEqual([]);
    expect(await layerErrors('shared/x.ts', "import '../electron/core/core.js';")).toHaveLength(1);
    expect(await layerErrors('shared/x.ts', "import '../renderer/App.js';")).toHaveLength(1);
    expect(await layerErrors('shared/x.ts', "import path from 'node:path';")).toHaveLength(1);
  });

  it('names every room of the core once', () => {
    const rooms = CORE_FLOORS.flat();
    expect(new Set(rooms).size).toBe(rooms.length);
    expect(CORE_FLOORS.at(-1)).toEqual(['core.ts']);
  });

  it('the real tree keeps the layering (every folder of the core is on a floor)', async () => {
    const results = await layersOnly.lintFiles(['electron', 'renderer', 'shared']);
    expect(results.length).toBeGreaterThan(100);
    const errors = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'layers/imports' || m.fatal).map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.ruleId ?? 'parse'}: ${m.message}`),
    );
    expect(errors).toEqual([]);
  }, 120_000);
});
