/**
 * The architecture's layering, checked mechanically (eslint.config.js says the same for
 * editors): the core and the browser host never import electron, react or the renderer;
 * the renderer never imports the main-process side or Node built-ins; shared/ imports
 * neither side.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|js)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every module specifier a file imports: static, dynamic, `export … from`, require. */
export function importsOf(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  const specs = new Set<string>();
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*{}\s,]+\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[\w*{}\s,]+\s+from\s+['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of src.matchAll(re)) specs.add(m[1]!);
  return [...specs];
}

const resolvesInto = (file: string, spec: string, folder: string) =>
  spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(path.join(root, folder) + path.sep);

function violations(dirs: string[], isForbidden: (file: string, spec: string) => boolean): string[] {
  const found: string[] = [];
  for (const dir of dirs)
    for (const file of sourceFiles(dir))
      for (const spec of importsOf(file))
        if (isForbidden(file, spec)) found.push(`${path.relative(root, file)} imports ${spec}`);
  return found;
}

describe('layer boundaries', () => {
  it('finds the imports of a file, including dynamic ones (the checker itself works)', () => {
    const me = importsOf(path.join(root, 'test/unit/boundaries.test.ts'));
    expect(me).toEqual(expect.arrayContaining(['node:fs', 'node:path', 'vitest']));
  });

  it('the core, the browser host and the CLIs import nothing from electron, react or the renderer', () => {
    const bad = violations(['electron/core', 'electron/host', 'electron/cli'], (file, spec) =>
      spec === 'electron' || spec.startsWith('electron/') || spec === 'react' || spec.startsWith('react-dom') ||
      resolvesInto(file, spec, 'renderer') || resolvesInto(file, spec, 'electron/main'),
    );
    expect(bad).toEqual([]);
  });

  it('the renderer imports neither electron, the main-process side, nor Node built-ins', () => {
    const bad = violations(['renderer'], (file, spec) =>
      spec === 'electron' || spec === 'better-sqlite3' || spec.startsWith('node:') || resolvesInto(file, spec, 'electron'),
    );
    expect(bad).toEqual([]);
  });

  it('shared/ imports neither side and no runtime-specific module', () => {
    const bad = violations(['shared'], (file, spec) =>
      spec === 'electron' || spec === 'react' || spec === 'better-sqlite3' || spec.startsWith('node:') ||
      resolvesInto(file, spec, 'electron') || resolvesInto(file, spec, 'renderer'),
    );
    // write-json-schema.ts is a build script living next to the schema it writes.
    expect(bad.filter((b) => !b.startsWith('shared/packs/write-json-schema.ts'))).toEqual([]);
  });
});
