/**
 * Answer-checker figures for `npm run quality`: the hand-written corpus (test/fixtures/answers,
 * see docs/answer-checking.md) through checkAnswer as the tutor calls it (CAS worker with its
 * budget, quick path as fallback). `--verbose` lists every miss.
 */
import { casPool } from '../../electron/core/tutor/answer/cas-pool.js';
import { checkAnswer } from '../../electron/core/tutor/answer/index.js';
import { CORPUS_FILE, describeScore, HOLDOUT_FILE, loadCorpus, scoreCorpus } from '../fixtures/answers/corpus.js';

export async function printAnswerFigures(log: (line: string) => void): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  // The worker's start-up is not a comparison.
  await checkAnswer('x+1', '1+x');
  try {
    for (const [label, file] of [
      ['corpus.txt', CORPUS_FILE],
      ['holdout.txt (written after the checker changes)', HOLDOUT_FILE],
    ] as const) {
      const score = await scoreCorpus(loadCorpus(file), (candidate, reference, question) => checkAnswer(candidate, reference, { question }));
      log(`${label}:`);
      for (const line of describeScore(score, verbose)) log(`  ${line}`);
    }
    log(`CAS worker: ${JSON.stringify(casPool().stats)}`);
  } finally {
    await casPool().close();
  }
}
