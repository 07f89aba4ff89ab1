/**
 * Final-answer checking for the tutor: is the learner's answer the reference answer, the same
 * value in another form, or wrong? Async so the CAS can later move to a worker thread without
 * changing callers; today it runs inline with a time budget.
 */
import { type AnswerCheck, compareAnswers } from './compare.js';

export type { AnswerCheck, AnswerMethod, AnswerVerdict } from './compare.js';
export { compareAnswers } from './compare.js';
export { normalizeAnswer, lastBoxedContent } from './normalize.js';

export async function checkAnswer(submitted: string, reference: string): Promise<AnswerCheck> {
  return compareAnswers(submitted, reference);
}
