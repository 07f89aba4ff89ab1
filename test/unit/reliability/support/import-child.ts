/**
 * Crash-test child: loads the core, reads the pack files, prints "ready", then on "go <file>"
 * opens the data dir and imports that file through the real core, printing "start" right
 * before the import and "done <json>" once it committed. The parent SIGKILLs it anywhere.
 *
 *   node --import tsx import-child.ts <dataDir> <packFile>...
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { createCore } from '../../../../electron/core/core.js';
import { createMemorySecretStore } from '../../../../electron/core/model-settings/secret-store.js';

const [dataDir, ...packFiles] = process.argv.slice(2);
if (!dataDir || !packFiles.length) {
  console.error('usage: import-child.ts <dataDir> <packFile>...');
  process.exit(2);
}
const contents = new Map(packFiles.map((f) => [f, fs.readFileSync(f, 'utf8')]));
process.stdout.write('ready\n');

const input = readline.createInterface({ input: process.stdin });
for await (const line of input) {
  const file = line.startsWith('go ') ? line.slice(3) : null;
  const content = file ? contents.get(file) : undefined;
  if (content === undefined) continue;
  const core = createCore({ dataDir, shell: 'cli', skipBuiltIns: true, env: {}, secretStore: createMemorySecretStore(), logError: () => {} });
  process.stdout.write('start\n');
  const result = await core.dispatch('packs.applyImport', { fileName: 'crash-pack.json', content, force: true });
  process.stdout.write(`done ${JSON.stringify(result.ok ? result.value : result.error)}\n`);
  core.close();
  break;
}
input.close();
