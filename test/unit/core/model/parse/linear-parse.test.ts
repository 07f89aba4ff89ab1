/**
 * Guard: every parser of model output is linear-time. Each exported reader of model text
 * runs over adversarial inputs (long runs of spaces, newlines, `#`, `\[`, `{`, digits, tags,
 * mixtures) at 20k, 200k and 1M characters. A quadratic regex shows up as a large ratio
 * between the 200k and 1M timings (25× instead of 5×) long before it becomes an absolute
 * hang, so the test compares ratios and keeps generous absolute limits. A case that is
 * already slow at 20k fails at once, without running the big sizes.
 */
import { describe, expect, it } from 'vitest';
import { bestNameMatch } from '../../../../../electron/core/navigator/fuzzy.js';
import { parseTrajectory } from '../../../../../electron/core/model/parse/trajectory.js';
import { candidateStarts, fencedBlocks, stripThinking } from '../../../../../electron/core/model/parse/clean.js';
import { parseLenient } from '../../../../../electron/core/model/parse/lenient-json.js';
import { deriveTitle, splitStepText } from '../../../../../electron/core/model/parse/step-text.js';
import { draftFromStrategyText } from '../../../../../electron/core/model/parse/strategy-text.js';
import { draftFromValue } from '../../../../../electron/core/model/parse/structured.js';
import { formHint } from '../../../../../electron/core/tutor/answer/feedback.js';
import { compareAnswersQuick } from '../../../../../electron/core/tutor/answer/compare.js';
import { lastBoxedContent, matchingBrace, normalizeAnswer, stripVariablePrefix } from '../../../../../electron/core/tutor/answer/normalize.js';
import { quickParse } from '../../../../../electron/core/tutor/answer/quick-eval.js';
import { casRisk } from '../../../../../electron/core/tutor/answer/risk.js';
import { answerShape, splitTopLevel } from '../../../../../electron/core/tutor/answer/structure.js';
import { readPlanMisfit, readReferenceAnswer, readStepJudgement } from '../../../../../electron/core/tutor/solver-replies.js';

type Parser = (text: string) => unknown;

/** Every exported function in the navigator parsers, solver-replies and the answer checker that reads model text. */
const PARSERS: Record<string, Parser> = {
  parseTrajectory,
  draftFromStrategyText,
  stripThinking,
  fencedBlocks,
  candidateStarts: (t) => candidateStarts(t),
  parseLenient: (t) => parseLenient(t),
  'parseLenient(object)': (t) => parseLenient(`{"a": ${t}`),
  splitStepText,
  deriveTitle,
  draftFromValue: (t) => draftFromValue({ steps: [t, { title: t, goal: t, template_id: t }] }),
  // nameTokens itself reads library names; the model's text reaches it through bestNameMatch.
  bestNameMatch: (t) => bestNameMatch(t, [{ id: 'p/a', name: 'Vieta formulas', context: t.slice(0, 100) }]),
  readStepJudgement,
  readReferenceAnswer,
  readPlanMisfit,
  normalizeAnswer: (t) => normalizeAnswer(t),
  'normalizeAnswer(keepEquation)': (t) => normalizeAnswer(t, { keepEquation: true }),
  lastBoxedContent,
  matchingBrace: (t) => matchingBrace(t, 0),
  answerShape,
  splitTopLevel: (t) => splitTopLevel(t, ','),
  stripVariablePrefix,
  formHint: (t) => formHint(t, t, true),
  casRisk,
  quickParse,
  'compareAnswersQuick(sub)': (t) => compareAnswersQuick(t, '\\frac{1}{2}'),
  'compareAnswersQuick(ref)': (t) => compareAnswersQuick('x+1', t),
};

interface Case {
  prefix: string;
  unit: string;
  suffix: string;
}
const c = (unit: string, prefix = '', suffix = 'x'): Case => ({ prefix, unit, suffix });

/** Repeated units with the prefixes and suffixes that made the known offenders backtrack. */
const CASES: Record<string, Case> = {
  spaces: c(' '),
  'spaces after a heading': c(' ', '## High-Level Solution Strategy: a'),
  'spaces after a bold title': c(' ', '**Title**'),
  'spaces after a step word': c(' ', 'Step 1 ab'),
  'spaces after a caret': c(' ', '^'),
  'spaces after ANSWER': c(' ', 'ANSWER:', ''),
  'spaces in a list item': c(' ', '1. a', ' 2. b'),
  newlines: c('\n'),
  'newlines then the misfit marker': c('\n', '', 'PLAN_DOES_NOT_FIT'),
  'empty ANSWER lines': c('ANSWER:\n', '', ''),
  hashes: c('#'),
  'display-math openers': c('\\['),
  'open braces': c('{'),
  'open brackets': c('[{'),
  digits: c('1'),
  dots: c('.'),
  dollars: c('$', 'ANSWER: $1'),
  stars: c('*'),
  'think tags': c('<think>'),
  'open boxes': c('\\boxed{'),
  fences: c('```'),
  quotes: c('"', '{"a":'),
  'step words': c('step 1 '),
  'numbered items': c(' 1. '),
  'tabs and spaces': c(' \t'),
  mixed: c(' \n#*1.{[\\( '),
  'bold markers': c('**'),
  'latex commands': c('\\frac{'),
};

function input(k: Case, size: number): string {
  const body = k.unit.repeat(Math.max(1, Math.floor((size - k.prefix.length - k.suffix.length) / k.unit.length)));
  return k.prefix + body + k.suffix;
}

/** Best of `runs` runs, in ms, floored at 5 ms so tiny timings do not make huge ratios. */
function time(fn: Parser, text: string, runs: number): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    fn(text);
    best = Math.min(best, performance.now() - start);
  }
  return Math.max(5, best);
}

/**
 * ×5 the input should cost about ×5 the time; quadratic is ×25. GC on million-character
 * strings can triple a timing, so only a ratio over 15 that also costs real time (over 300 ms
 * at 1M) counts, or any 1M run over 1.5 s. The absolute limits are the real guard: a quadratic
 * parser fast enough to pass the 20k probe (< 300 ms) would take far longer at 1M.
 */
const MAX_RATIO = 15;
const NOTICEABLE_MS = 300;
const MAX_BIG_MS = 1_500;
/** Linear parsers read 20k characters in a few ms; the quadratic ones this test was written for took 200 ms to 600 ms. */
const PROBE_MS = 100;
/** Below this at 200k even a quadratic parser stays under NOTICEABLE_MS at 1M: the big run is skipped (keeps the test quick). */
const SKIP_BIG_BELOW_MS = 12;

describe('parsers of model output run in linear time', () => {
  for (const [name, parse] of Object.entries(PARSERS)) {
    it(`${name}: every adversarial input, 20k → 200k → 1M characters`, () => {
      const slow: string[] = [];
      for (const [label, k] of Object.entries(CASES)) {
        const probe = time(parse, input(k, 20_000), 1);
        if (probe > PROBE_MS) {
          slow.push(`${label}: 20k chars took ${Math.round(probe)} ms`);
          continue;
        }
        const small = time(parse, input(k, 200_000), 2);
        if (small > MAX_BIG_MS) {
          slow.push(`${label}: 200k chars took ${Math.round(small)} ms`);
          continue;
        }
        if (small < SKIP_BIG_BELOW_MS) continue;
        const bigText = input(k, 1_000_000);
        let big = time(parse, bigText, 1);
        if (big > NOTICEABLE_MS && big / small > MAX_RATIO) big = Math.min(big, time(parse, bigText, 2));
        if (big > MAX_BIG_MS || (big > NOTICEABLE_MS && big / small > MAX_RATIO)) {
          slow.push(`${label}: 200k ${small.toFixed(1)} ms → 1M ${big.toFixed(1)} ms`);
        }
      }
      expect(slow).toEqual([]);
    });
  }
});
