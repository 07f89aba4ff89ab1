/**
 * Sustained streaming: a worked step of about ten seconds at 200 tokens/s (4 characters every
 * 5 ms) on the last step of a plan, where every piece goes to the screen at once. In the page,
 * a requestAnimationFrame gap monitor and a 'longtask' observer run for the whole stream.
 */
import { percentile, type Row } from '../harness.js';
import { startFrameMonitor, stopFrameMonitor } from './page-probes.js';
import { CHECK_REPLY, HINT, planJson, PROBLEM, REFERENCE_REPLY, workedText } from './replies.js';
import { climbToWorkedStep, revealWorkedStep, startTypedSession, type SolveUi } from './solve-ui.js';

const TOKENS_PER_SECOND = 200;
const CHUNK_CHARS = 4;

export async function measureStreaming(ui: SolveUi, opts: { seconds: number }): Promise<Row[]> {
  const chars = opts.seconds * TOKENS_PER_SECOND * CHUNK_CHARS;
  const content = workedText(chars);
  ui.setReplies((_req, kind) => {
    if (kind === 'plan') return { content: planJson(['Sum of the squares']) };
    if (kind === 'hint') return { content: HINT };
    if (kind === 'check') return { content: CHECK_REPLY };
    if (kind === 'reference') return { content: REFERENCE_REPLY };
    return { content, chunkChars: CHUNK_CHARS, tokensPerSecond: TOKENS_PER_SECOND };
  });
  await startTypedSession(ui.page, `${PROBLEM} (streaming)`, 1);
  await climbToWorkedStep(ui.page);
  await ui.page.evaluate(startFrameMonitor);
  const started = performance.now();
  await revealWorkedStep(ui.page);
  const seconds = (performance.now() - started) / 1000;
  const stats = await ui.page.evaluate(stopFrameMonitor);
  const gaps = [...stats.gaps].sort((a, b) => a - b);
  const maxLongTask = stats.longTasks.length ? Math.max(...stats.longTasks) : 0;
  const maxGap = gaps.length ? gaps[gaps.length - 1]! : NaN;
  // A stall is the main thread busy past one frame: the longest task, or the longest frame gap.
  const maxStall = Math.max(maxLongTask, maxGap);
  return [
    {
      name: `stream ${chars.toLocaleString('en')} chars at ${TOKENS_PER_SECOND} tokens/s: max UI stall`,
      value: maxStall,
      unit: 'ms',
      target: { max: 50, label: '<= 50 ms' },
      note: `longest task ${maxLongTask.toFixed(0)} ms (${stats.longTasks.length} long tasks), longest frame gap ${maxGap.toFixed(0)} ms; stream took ${seconds.toFixed(1)} s, ${stats.shownChars.toLocaleString("en")} characters of text in the region after`,
    },
    { name: '  frame gap p50 / p95', value: percentile(gaps, 50), unit: 'ms', note: `p95 ${percentile(gaps, 95).toFixed(1)} ms over ${gaps.length} frames` },
  ];
}
