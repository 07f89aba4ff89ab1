/**
 * `npm run quality`: retrieval (and grounding) figures on the dev sets, printed, never
 * asserted (kept out of `npm test`). One module per figure; a new figure is one more entry
 * in SECTIONS (e.g. `{ title: 'Grounding', run: (log) => printGroundingFigures(log) }`).
 */
import { printAnswerFigures } from './answers.js';
import { printGroundingFigures } from './grounding.js';
import { printBuiltInRetrieval, printReasonFluxSelfRetrieval } from './retrieval.js';

export interface QualitySection {
  title: string;
  run(log: (line: string) => void): void | Promise<void>;
}

export const SECTIONS: QualitySection[] = [
  { title: 'Retrieval on the built-in packs (dev sets: test/quality/dev-sets.ts)', run: (log) => printBuiltInRetrieval(log) },
  { title: 'Retrieval: honest ReasonFlux self-retrieval (../shared/reference)', run: (log) => printReasonFluxSelfRetrieval(log) },
  { title: 'Grounding (corpus: test/quality/grounding-corpus.ts)', run: (log) => void printGroundingFigures(log) },
  { title: 'Answer checking (corpus: test/fixtures/answers, docs/answer-checking.md)', run: (log) => printAnswerFigures(log) },
];

const verbose = process.argv.includes('--verbose');
console.log(`ReasonFlux Tutor quality figures — node ${process.version}, ${new Date().toISOString()}`);
for (const section of SECTIONS) {
  console.log(`\n## ${section.title}`);
  const started = performance.now();
  await section.run((line) => {
    if (verbose || !/^\s+(miss|misled|WRONG|lost)/.test(line)) console.log(line);
  });
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
