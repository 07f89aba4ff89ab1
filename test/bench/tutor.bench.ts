/**
 * Tutor benchmarks (issue "main job", point 9): the app's own overhead from the model's
 * first byte to the first token on screen, sustained streaming at 200 tokens/s without UI
 * stalls, and tokens spent by the help ladder against instantiating every step up front.
 * The first two drive the real Solve screen in headless Chromium through the browser host.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { printRows, type Row } from './harness.js';
import { measureFirstToken } from './tutor/first-token.js';
import { measureStreaming } from './tutor/streaming.js';
import { measureTokens } from './tutor/tokens.js';
import { measurePromptPrefix } from './tutor/prompt-prefix.js';
import { startSolveUi } from './tutor/solve-ui.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function runTutorBench(opts: { quick?: boolean } = {}): Promise<Row[]> {
  const rows: Row[] = [];
  if (fs.existsSync(CHROMIUM)) {
    const ui = await startSolveUi();
    try {
      rows.push(...(await measureFirstToken(ui, opts.quick ? 5 : 15)).rows);
      rows.push(...(await measureStreaming(ui, { seconds: opts.quick ? 4 : 10 })));
    } finally {
      await ui.close();
    }
  } else {
    console.log(`  (skipped the on-screen tutor benchmarks: no Chromium at ${CHROMIUM})`);
  }
  rows.push(...(await measureTokens()));
  rows.push(...(await measurePromptPrefix()));
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRows('Tutor', await runTutorBench({ quick: process.argv.includes('--quick') }));
}
