/**
 * Streaming holds at 1,000 tokens/s (issue 11, point 8): a 40,000-character worked step in
 * Markdown with math (headings, paragraphs, ordered and bullet lists, a table per part, a code
 * fence), streamed by the scripted model at 1,000 tokens/s (about 4 characters a token:
 * 16-character deltas, 250 a second, 10 s in all) into the real Solve screen in headless
 * Chromium through the browser host. In the page: the longest task (PerformanceObserver
 * 'longtask') and the largest gap between animation frames; from the DevTools protocol: the
 * deltas that reached the page (EventSource messages) and, over the stream, the main thread's
 * CPU time (Performance.getMetrics ThreadTime) and its tasks' wall time (TaskDuration), per
 * delta. Medians over the runs.
 *
 *   npx tsx test/bench/markdown-stream.bench.ts [--quick]     (also part of `npm run bench`)
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { median, printRows, type Row } from './harness.js';
import { startFrameMonitor, stopFrameMonitor } from './tutor/page-probes.js';
import { CHECK_REPLY, HINT, planJson, PROBLEM, REFERENCE_REPLY } from './tutor/replies.js';
import { climbToWorkedStep, revealWorkedStep, startSolveUi, startTypedSession, type SolveUi } from './tutor/solve-ui.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const STREAM_CHARS = 40_000;
const TOKENS_PER_SECOND = 1000;
const CHARS_PER_TOKEN = 4;
/** Four tokens per delta: 250 deltas a second. */
const DELTA_CHARS = 16;
const DELTAS_PER_SECOND = (TOKENS_PER_SECOND * CHARS_PER_TOKEN) / DELTA_CHARS;

/** One part of the worked step; every formula differs from part to part (no typesetting cache hits). */
function part(k: number): string {
  return [
    `### Part ${k}`,
    `We use $r + s = 5$ and $rs = 3$ once more, now with $x_{${k}} = ${k} + \\frac{1}{${k + 1}}$, so that $(r+s)^2 - ${k} = r^2 + 2rs + s^2 - ${k}$ holds as well.`,
    '',
    `1. Square the sum: $(r+s)^2 = 25$ and add $${k}^2 = ${k * k}$.`,
    `2. Subtract twice the product: $25 - 2 \\cdot 3 + ${k} = ${19 + k}$.`,
    `3. Keep $\\sqrt{${k + 2}}$ aside for the check.`,
    '',
    '| quantity | value | note |',
    '|:--|--:|---|',
    `| $r + s$ | $5$ | sum, part ${k} |`,
    `| $rs$ | $3$ | product |`,
    `| $y_{${k}}$ | $\\frac{${k}}{${k + 3}}$ | **new** |`,
    '',
    `- check: $\\frac{25 - 6 + ${k}}{1} = ${19 + k}$`,
    `- and *also* $\\sqrt{${k + 5}} > ${Math.floor(Math.sqrt(k + 5))}$`,
    '',
    '```',
    `check ${k}: 5*5 - 2*3 + ${k}`,
    '```',
    '',
  ].join('\n');
}

/** A Markdown worked step of exactly `chars` characters. */
export function markdownWorkedText(chars: number): string {
  let text = '';
  for (let k = 1; text.length < chars; k++) text += `${part(k)}\n`;
  return text.slice(0, chars);
}

interface RunFigures {
  longestTask: number;
  longTasks: number;
  largestGap: number;
  deltas: number;
  cpuMsPerDelta: number;
  busyMsPerDelta: number;
  seconds: number;
  shownChars: number;
}

async function streamOnce(ui: SolveUi, run: number): Promise<RunFigures> {
  const content = markdownWorkedText(STREAM_CHARS);
  ui.setReplies((_req, kind) => {
    if (kind === 'plan') return { content: planJson(['Sum of the squares']) };
    if (kind === 'hint') return { content: HINT };
    if (kind === 'check') return { content: CHECK_REPLY };
    if (kind === 'reference') return { content: REFERENCE_REPLY };
    // The scripted server paces chunks: `tokensPerSecond` there is chunks per second.
    return { content, chunkChars: DELTA_CHARS, tokensPerSecond: DELTAS_PER_SECOND };
  });
  await startTypedSession(ui.page, `${PROBLEM} (markdown stream ${run})`, 1);
  await climbToWorkedStep(ui.page);

  const cdp = await ui.page.context().newCDPSession(ui.page);
  await cdp.send('Performance.enable');
  await cdp.send('Network.enable');
  let deltas = 0;
  cdp.on('Network.eventSourceMessageReceived', (m: { data: string }) => {
    if (m.data.includes('"type":"delta"')) deltas++;
  });
  // ThreadTime: CPU time of the page's main thread; TaskDuration: wall time its tasks took (on a
  // loaded machine that includes time the thread waited for a core). Seconds; returned in ms.
  const metrics = async () => {
    const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const get = (name: string) => (list.find((m) => m.name === name)?.value ?? NaN) * 1000;
    return { cpu: get('ThreadTime'), busy: get('TaskDuration') };
  };

  await ui.page.evaluate(startFrameMonitor);
  const before = await metrics();
  const started = performance.now();
  await revealWorkedStep(ui.page);
  const seconds = (performance.now() - started) / 1000;
  const after = await metrics();
  const stats = await ui.page.evaluate(stopFrameMonitor);
  await cdp.detach();
  return {
    longestTask: stats.longTasks.length ? Math.max(...stats.longTasks) : 0,
    longTasks: stats.longTasks.length,
    largestGap: stats.gaps.length ? Math.max(...stats.gaps) : NaN,
    deltas,
    cpuMsPerDelta: deltas ? (after.cpu - before.cpu) / deltas : NaN,
    busyMsPerDelta: deltas ? (after.busy - before.busy) / deltas : NaN,
    seconds,
    shownChars: stats.shownChars,
  };
}

export async function runMarkdownStreamBench({ quick = false } = {}): Promise<Row[]> {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`  (skipped the Markdown streaming benchmark: no Chromium at ${CHROMIUM})`);
    return [];
  }
  const runs = quick ? 1 : 3;
  const ui = await startSolveUi();
  const results: RunFigures[] = [];
  try {
    for (let i = 0; i < runs; i++) results.push(await streamOnce(ui, i + 1));
  } finally {
    await ui.close();
  }
  const med = (f: (r: RunFigures) => number) => median(results.map(f));
  const each = (f: (r: RunFigures) => number, digits = 0) => results.map((r) => f(r).toFixed(digits)).join(', ');
  const label = `${STREAM_CHARS.toLocaleString('en')} chars of Markdown + math at ${TOKENS_PER_SECOND.toLocaleString('en')} tokens/s`;
  return [
    {
      name: `${label}: longest task`,
      value: med((r) => r.longestTask),
      unit: 'ms',
      target: { max: 50, label: '<= 50 ms' },
      note: `median of ${runs}; runs ${each((r) => r.longestTask)} ms; long tasks per run ${each((r) => r.longTasks)}`,
    },
    {
      name: `${label}: largest frame gap`,
      value: med((r) => r.largestGap),
      unit: 'ms',
      target: { max: 50, label: '<= 50 ms' },
      note: `runs ${each((r) => r.largestGap, 1)} ms`,
    },
    {
      name: `${label}: main-thread CPU per delta`,
      value: med((r) => r.cpuMsPerDelta),
      unit: 'ms',
      note: `runs ${each((r) => r.cpuMsPerDelta, 3)} ms; deltas per run ${each((r) => r.deltas)}; stream took ${each((r) => r.seconds, 1)} s; ${each((r) => r.shownChars)} characters shown after`,
    },
    {
      name: `${label}: main-thread task time per delta`,
      value: med((r) => r.busyMsPerDelta),
      unit: 'ms',
      note: `runs ${each((r) => r.busyMsPerDelta, 3)} ms (wall time of the page's tasks, waits for a core included)`,
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRows('Markdown streaming at 1,000 tokens/s', await runMarkdownStreamBench({ quick: process.argv.includes('--quick') }));
}
