/**
 * Step checking: the learner's own result for a step is judged by the model (typed problems)
 * and, where the expected result is known, decided symbolically; a judge saying the plan no
 * longer fits (`plan_fits: false`), or two wrong results, ask the navigator for a new route.
 */
import { type Message, msg, textMessage } from '../../../shared/messages.js';
import type { SessionView, StepAttempt, Verdict } from '../../../shared/tutor.js';
import { checkAnswer } from './answer/index.js';
import { type TutorContext, VERDICT_DETAIL } from './context.js';
import { stepContext } from './prompt-text.js';
import { roleMessages } from '../prompts/messages.js';
import type { Replanner } from './replan.js';
import { capText } from './rungs.js';
import { readStepJudgement } from './solver-replies.js';
import { screenMessage } from './words.js';

/** Incorrect checks on one step before the navigator is asked for a new route. */
const INCORRECT_BEFORE_REPLAN = 2;
/** Longest step-check feedback kept from the model judge. */
const MAX_FEEDBACK_CHARS = 4_000;

export class StepChecker {
  constructor(
    private readonly ctx: TutorContext,
    private readonly replanner: Replanner,
  ) {}

  async checkStep(input: { sessionId: string; stepIndex: number; attempt: string; requestId: string }): Promise<SessionView> {
    const { ctx } = this;
    const { sessionId, stepIndex, attempt, requestId } = input;
    const st = ctx.state(sessionId);
    const step = ctx.reachableStep(st, stepIndex);
    let expected = st.hidden.expected.get(stepIndex) ?? null;
    let verdict: Verdict = 'unchecked';
    /** What the learner is told: the judge's own words (as text), or one of ours. */
    let feedback: Message | null = null;
    /** Why the judge says the plan no longer fits (its `plan_fits: false`), or null. */
    let planBroke: Message | null = null;

    if (!st.hidden.practice && st.view.source === 'model') {
      const ep = ctx.solver();
      const messages = roleMessages('check', stepContext(ctx.deps.library, st.view, stepIndex), {
        expected: expected ? `The step's result should be equivalent to: ${expected}` : '',
        attempt,
      });
      const judged = readStepJudgement((await ctx.call(sessionId, ep, requestId, messages)).text);
      if (judged.verdict) verdict = judged.verdict;
      if (judged.feedback) feedback = textMessage(capText(judged.feedback, MAX_FEEDBACK_CHARS));
      if (judged.planFits === false) planBroke = judged.planReason ? textMessage(judged.planReason) : msg('plan.reason.noneGiven');
      if (!expected && judged.expected) {
        expected = judged.expected;
        ctx.append(sessionId, 'expected', { stepIndex, expected });
      }
    }
    if (expected) {
      const check = await checkStepResult(attempt, expected);
      // The symbolic check decides when it can; the model's judgement fills in when it cannot.
      if (check.verdict !== 'unparseable') {
        const symbolic: Verdict = check.verdict === 'equivalent_form' ? 'correct' : check.verdict;
        if (symbolic !== verdict) feedback = msg(symbolic === 'correct' ? 'tutor.check.matches' : 'tutor.check.noMatch');
        verdict = symbolic;
      } else if (verdict === 'unchecked' && check.detail?.code === 'answer.unreadableHowTo') {
        // No judge read it and it is not maths the checker can read: say so, and how to type it.
        verdict = 'unparseable';
        feedback = check.detail;
      }
    }
    feedback ??= verdict === 'unchecked' ? msg('tutor.check.cannotCheck') : VERDICT_DETAIL[verdict];
    // The judge's words are capped and screened like every other text (its expected result stays hidden).
    const record: StepAttempt = { text: attempt, verdict, feedback: screenMessage(feedback, ctx.screenFor(st, stepIndex === st.view.steps.length - 1)), at: ctx.now() };
    ctx.append(sessionId, 'attempt', { stepIndex, attempt: record });

    if (planBroke !== null && st.view.source === 'model') {
      // The check says the plan broke: the navigator is asked at once (ReasonFlux's adjustment),
      // from the step the learner is on (steps already passed keep their results).
      const from = Math.max(stepIndex, ctx.state(sessionId).view.currentStep);
      await this.replanner.replan(sessionId, from, msg('plan.reason.checkDoesNotFit', { step: stepIndex + 1, title: step.title, reason: planBroke }), requestId);
    } else if (verdict === 'incorrect' && st.view.source === 'model') {
      const after = ctx.state(sessionId);
      if ((after.hidden.incorrectChecks.get(stepIndex) ?? 0) >= INCORRECT_BEFORE_REPLAN) {
        await this.replanner.replan(sessionId, stepIndex, msg('plan.reason.incorrectTwice', { step: stepIndex + 1, title: step.title }), requestId);
      }
    }
    return ctx.done(requestId, ctx.view(sessionId));
  }
}

/** A step result is often written as "r^2 + s^2 = 19": compare the whole and the last right-hand side. */
export async function checkStepResult(attempt: string, expected: string) {
  const whole = await checkAnswer(attempt, expected);
  const eq = attempt.lastIndexOf('=');
  if (whole.verdict === 'correct' || eq < 0 || !attempt.slice(eq + 1).trim()) return whole;
  const rhs = await checkAnswer(attempt.slice(eq + 1), expected);
  return rhs.verdict === 'correct' || rhs.verdict === 'equivalent_form' || whole.verdict === 'unparseable' ? rhs : whole;
}
