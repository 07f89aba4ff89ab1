/**
 * Final-answer checking for the tutor: is the learner's answer the reference answer, the same
 * value in another form, or wrong?
 *
 * checkAnswer never holds the host's event loop: exact and normalised text are compared
 * inline; answers the CAS could choke on (towers of powers, huge sums, huge factorials) are
 * screened out cheaply; everything else goes to the CAS worker with a 1.5 s budget. When the
 * CAS cannot decide in time (or is screened out), the bounded quick path decides instead
 * (float sampling, quick-eval.ts), and if that cannot tell either the verdict is
 * "could not be checked automatically".
 */
import { msg } from '../../../../shared/messages.js';
import { type AnswerCheck, type CompareOptions, compareAnswersQuick, MAX_CAS_CHARS } from './compare.js';
import { casPool } from './cas-pool.js';
import { normalizeAnswer } from './normalize.js';
import { casRisk } from './risk.js';

export type { AnswerCheck, AnswerMethod, AnswerVerdict, CompareOptions } from './compare.js';
export { keyboardToLatex, type ReadAs, readAsTex } from './keyboard.js';
export { compareAnswers, compareAnswersQuick } from './compare.js';
export { normalizeAnswer, lastBoxedContent } from './normalize.js';
export { casRisk } from './risk.js';

const UNDECIDED_DETAIL = msg('answer.timeout');
/** "Too long to check" and "took too long to check". */
const tooLong = (c: AnswerCheck) => c.verdict === 'unparseable' && (c.detail?.code === 'answer.tooLong' || c.detail?.code === 'answer.timeout');

/** `options.question`: the question text, for its conventions (a percent where it asks for a probability). */
export async function checkAnswer(submitted: string, reference: string, options: CompareOptions = {}): Promise<AnswerCheck> {
  const quick = compareAnswersQuick(submitted, reference, options);
  // Equal as text (typed the same, or the same after normalising): nothing for the CAS to add.
  if (quick.verdict === 'correct' && (quick.method === 'exact' || quick.method === 'normalized')) return quick;
  if (quick.detail?.code === 'answer.empty') return quick;
  // Not maths at all ("hello", "((3"): the CAS reads the same text the same way.
  if (quick.detail?.code === 'answer.unreadableHowTo') return quick;
  if (tooLong(quick)) return quick;
  const sub = normalizeAnswer(typeof submitted === 'string' ? submitted : '');
  const ref = normalizeAnswer(typeof reference === 'string' ? reference : '');
  if (sub.length > MAX_CAS_CHARS || ref.length > MAX_CAS_CHARS) return quick;
  if (casRisk(sub) || casRisk(ref)) return undecidedOr(quick);
  const cas = await casPool().compare(submitted, reference, options.question);
  if (cas && !tooLong(cas)) return cas;
  return undecidedOr(quick);
}

/** The quick verdict, or an honest "could not check" when the quick path could not tell either. */
function undecidedOr(quick: AnswerCheck): AnswerCheck {
  return quick.verdict === 'unparseable' ? { verdict: 'unparseable', method: 'none', detail: UNDECIDED_DETAIL } : quick;
}
