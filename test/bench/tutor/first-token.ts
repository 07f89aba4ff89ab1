/**
 * The app's own overhead per model call: from the moment the scripted server writes the first
 * content chunk of a worked step to the moment that text is in the worked-step region of the
 * real Solve screen. Two kinds of step, because the core's leak screen treats them apart:
 * the last step is released piece by piece at once; an earlier step is released word by word,
 * up to the last space outside formulas, after the new words are screened for the final
 * answer by value, so its first chunk (96 characters) holds whole words and the screening
 * is part of what is timed.
 */
import type { Row } from '../harness.js';
import { percentile } from '../harness.js';
import { HINT, planJson, PROBLEM, REFERENCE_REPLY, CHECK_REPLY, wallNow, workedText } from './replies.js';
import { climbToWorkedStep, nextStep, revealWorkedStep, startTypedSession, type SolveUi } from './solve-ui.js';

export interface FirstTokenSample {
  kind: 'earlier step' | 'last step';
  /** Page mutation time minus server first-chunk time, ms. */
  toDom: number;
  /** Start of the frame after the mutation minus server time, ms. */
  toFrame: number;
  /** The same as toDom, with Date.now() on both sides (whole milliseconds). */
  toDomDateNow: number;
}

export async function measureFirstToken(ui: SolveUi, sessions: number): Promise<{ rows: Row[]; samples: FirstTokenSample[] }> {
  let serverFirst = { wall: 0, date: 0 };
  ui.setReplies((_req, kind) => {
    switch (kind) {
      case 'plan':
        return { content: planJson(['Sum and product of the roots', 'Sum of the squares']) };
      case 'hint':
        return { content: HINT };
      case 'check':
        return { content: CHECK_REPLY };
      case 'reference':
        return { content: REFERENCE_REPLY };
      default:
        // Returned just before the server writes the role chunk and the first content chunk in
        // the same turn of its event loop (no delay, no pacing before the first chunk).
        serverFirst = { wall: wallNow(), date: Date.now() };
        return kind === 'worked-last'
          ? { content: workedText(300), chunkChars: 4, tokensPerSecond: 200 }
          : { content: workedText(480), chunkChars: 96, tokensPerSecond: 25 };
    }
  });
  const samples: FirstTokenSample[] = [];
  for (let s = 0; s < sessions; s++) {
    await startTypedSession(ui.page, `${PROBLEM} (run ${s + 1})`, 2);
    for (const kind of ['earlier step', 'last step'] as const) {
      await climbToWorkedStep(ui.page);
      const seen = await revealWorkedStep(ui.page);
      samples.push({
        kind,
        toDom: seen.atMutation - serverFirst.wall,
        toFrame: (seen.atFrame ?? seen.atMutation) - serverFirst.wall,
        toDomDateNow: seen.dateNow - serverFirst.date,
      });
      if (kind === 'earlier step') await nextStep(ui.page);
    }
  }
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
  };
  const all = stats(samples.map((x) => x.toDom));
  const frame = stats(samples.map((x) => x.toFrame));
  const dateNow = stats(samples.map((x) => x.toDomDateNow));
  const rows: Row[] = [
    { name: `first token on screen after server's first byte, p50 (${samples.length} calls)`, value: all.p50, unit: 'ms', note: `Date.now() on both sides: ${dateNow.p50.toFixed(0)} ms` },
    { name: 'first token on screen after server\'s first byte, p95', value: all.p95, unit: 'ms', target: { max: 30, label: '< 30 ms' }, note: `Date.now(): ${dateNow.p95.toFixed(0)} ms` },
    { name: '  to the next animation frame (paint), p50 / p95', value: frame.p50, unit: 'ms', note: `p95 ${frame.p95.toFixed(1)} ms` },
  ];
  for (const kind of ['earlier step', 'last step'] as const) {
    const k = stats(samples.filter((x) => x.kind === kind).map((x) => x.toDom));
    rows.push({ name: `  ${kind} only, p50 / p95`, value: k.p50, unit: 'ms', note: `p95 ${k.p95.toFixed(1)} ms` });
  }
  return { rows, samples };
}
