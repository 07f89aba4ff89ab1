/**
 * A child process for the data-folder tests (they need a umask or a user of their own):
 *
 *   umask0 DATA_DIR   with umask 000: open the core (file secret store), save a key, write
 *                     settings; print the mode of every file and folder while the database
 *                     is open and again after close, as JSON on stdout
 *   open DIR...       open the core on each; print [{"ok":true} | {"error": AppError}, …] (never a stack)
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../../../shared/result.js';
import { createCore } from '../../../../electron/core/core.js';

type Modes = Record<string, string>;

function modesUnder(root: string): Modes {
  const out: Modes = {};
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    out[path.relative(root, p) || '.'] = (st.mode & 0o777).toString(8).padStart(3, '0');
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
  };
  walk(root);
  return out;
}

async function main(): Promise<void> {
  const [mode, dataDir] = process.argv.slice(2) as [string, string];
  if (mode === 'umask0') {
    process.umask(0);
    const root = path.dirname(dataDir);
    const core = createCore({ dataDir, shell: 'cli', skipBuiltIns: true, env: {} });
    const set = await core.dispatch('settings.setModel', {
      role: 'navigator',
      settings: { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: 'sk-umask-Test0123456789abcdef' },
    });
    if (!set.ok) throw new Error(set.error.message);
    const open = modesUnder(root);
    core.close();
    process.stdout.write(JSON.stringify({ umask: process.umask(), open, closed: modesUnder(root) }));
    return;
  }
  if (mode === 'open') {
    const results = process.argv.slice(3).map((dir) => {
      try {
        createCore({ dataDir: dir, shell: 'cli', skipBuiltIns: true, env: {} }).close();
        return { ok: true };
      } catch (err) {
        if (!(err instanceof AppFailure)) throw err;
        return { error: err.error };
      }
    });
    process.stdout.write(JSON.stringify(results));
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`child failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
