/**
 * Crash-test child for streamed help: loads the core, prints "ready", then on "go" opens the
 * data dir with the scripted model server from its environment, starts a tutor session
 * (printing "session <id>") and asks for step 1's worked step, which streams slowly
 * ("reveal" before the request, "delta" at the first streamed text, "done" at the end).
 * The parent SIGKILLs it mid-stream.
 *
 *   OPENAI_BASE_URL=… RF_NAVIGATOR_MODEL=… node --import tsx stream-child.ts <dataDir>
 */
import readline from 'node:readline';
import { createCore } from '../../../../electron/core/core.js';
import { createMemorySecretStore } from '../../../../electron/core/model-settings/secret-store.js';
import { ModelClient } from '../../../../electron/core/model/index.js';

const [dataDir] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: stream-child.ts <dataDir>');
  process.exit(2);
}
const say = (line: string) => process.stdout.write(`${line}\n`);
say('ready');

const input = readline.createInterface({ input: process.stdin });
for await (const line of input) {
  if (line !== 'go') continue;
  const core = createCore({
    dataDir,
    shell: 'cli',
    env: process.env,
    secretStore: createMemorySecretStore(),
    modelClient: new ModelClient({ maxRetries: 0, firstByteTimeoutMs: 10_000, idleTimeoutMs: 10_000 }),
    logError: (err) => console.error(err),
  });
  let sawDelta = false;
  core.onEvent((e) => {
    if (e.type === 'delta' && e.requestId === 'work' && !sawDelta) {
      sawDelta = true;
      say('delta');
    }
  });
  const started = await core.dispatch('tutor.startSession', { problem: 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.', requestId: 'plan' });
  if (!started.ok) {
    say(`failed ${JSON.stringify(started.error)}`);
    break;
  }
  const sessionId = (started.value as { id: string }).id;
  say(`session ${sessionId}`);
  say('reveal');
  const revealed = await core.dispatch('tutor.reveal', { sessionId, stepIndex: 0, rung: 'instantiation', requestId: 'work' });
  say(revealed.ok ? 'done' : `failed ${JSON.stringify(revealed.error)}`);
  core.close();
  break;
}
input.close();
