/**
 * Re-planning, ReasonFlux's multi-round adjustment: when an intermediate result shows the plan
 * broke (a step check or a worked step says it no longer fits, or two wrong checks on a step),
 * the navigator is asked for a new route from that step on, told the results so far and the
 * learner's attempts with the checker's feedback. At most MAX_REPLANS revisions per session;
 * every version is stored (a `plan` event each), screened for the final answer like the first.
 */
import { asMessage, english, type Message, msg } from '../../../shared/messages.js';
import type { TrajectoryStep } from '../../../shared/trajectory.js';
import type { StepView, Verdict } from '../../../shared/tutor.js';
import { ModelFailure, toAppError } from '../model/index.js';
import type { PlanOutcome, ReplanProgress } from '../navigator/navigator.js';
import type { TutorContext } from './context.js';
import { earlierResults } from './prompt-text.js';
import { errorWords, screenMessage } from './words.js';

/** Revisions of the plan allowed in one session (the first plan is not counted). */
export const MAX_REPLANS = 3;
/** Attempts quoted into a re-plan prompt (the latest ones), and the longest text kept of each. */
export const REPLAN_ATTEMPTS = 6;
const ATTEMPT_CHARS = 600;
/** Longest worked step of the current step quoted as a result so far. */
const CURRENT_WORK_CHARS = 1_500;

/** How a verdict reads in the navigator's prompt (model-facing, not shown to the learner). */
const VERDICT_WORDS: Record<Verdict, string> = {
  correct: 'correct',
  equivalent_form: 'right value, other form',
  incorrect: 'incorrect',
  unparseable: 'could not be read as math',
  unchecked: 'not checked',
};

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * What the navigator is told about the walk so far: earlier steps' results, the current step's
 * worked step (when shown), and the learner's attempts on the current step's place (including
 * those under earlier plan versions), each with the checker's verdict and feedback. All these
 * texts were screened when they were stored.
 */
export function replanProgress(steps: StepView[], fromIndex: number): ReplanProgress {
  const current = steps[fromIndex];
  const results = [earlierResults(steps, fromIndex)].filter((t) => t !== '(none yet)');
  const worked = current?.revealed.instantiation?.text;
  if (current && worked) results.push(`Step ${fromIndex + 1} (${current.title}), worked step as shown: ${cut(worked, CURRENT_WORK_CHARS)}`);
  const all = [
    ...(current?.earlier ?? []).flatMap((w) => w.attempts.map((a) => ({ ...a, under: `${w.title}, plan version ${w.planVersion}` }))),
    ...(current?.attempts ?? []).map((a) => ({ ...a, under: current!.title })),
  ].slice(-REPLAN_ATTEMPTS);
  const attempts = all.map((a, i) => `${i + 1}. On "${a.under}" the learner wrote: ${cut(a.text, ATTEMPT_CHARS)}\n   Verdict: ${VERDICT_WORDS[a.verdict]}. Checker's feedback: ${cut(english(asMessage(a.feedback)), ATTEMPT_CHARS) || '(none)'}`);
  return { results: results.join('\n\n') || '(none yet)', attempts: attempts.join('\n') || '(none)' };
}

export class Replanner {
  constructor(private readonly ctx: TutorContext) {}

  /** `reason` is shown to the learner (coded) and told to the navigator in English. */
  async replan(sessionId: string, fromIndex: number, reason: Message, requestId: string): Promise<void> {
    const { ctx } = this;
    const st = ctx.state(sessionId);
    if (st.hidden.replans >= MAX_REPLANS) {
      ctx.append(sessionId, 'notice', {
        notice: { code: 'replan_limit', message: msg('plan.replanLimit', { count: MAX_REPLANS }), action: msg('plan.replanLimitAction') },
      });
      return;
    }
    const ep = ctx.deps.models.endpoint('navigator');
    if (!ep) return;
    const oldSteps: TrajectoryStep[] = st.view.steps.map(({ index, title, goal, templateId, produces }) => ({ index, title, goal, templateId, produces }));
    let outcome: PlanOutcome;
    try {
      outcome = await ctx.deps.navigator.replan(
        ep,
        st.view.problem,
        oldSteps,
        fromIndex,
        english(reason),
        { requestId, onCompletion: (r) => ctx.usage(sessionId, r) },
        replanProgress(st.view.steps, fromIndex),
      );
    } catch (err) {
      if (!(err instanceof ModelFailure) || ctx.closed) throw err;
      const e = toAppError(err);
      const words = errorWords(e);
      const message = screenMessage(msg('plan.replanFailed', { cause: words.message }), ctx.screenFor(st, false));
      ctx.append(sessionId, 'notice', { notice: { code: 'replan_failed', message, ...(words.action ? { action: words.action } : {}) } });
      return;
    }
    if (!outcome.ok) {
      ctx.append(sessionId, 'notice', { notice: { code: 'replan_failed', message: msg('plan.revisedUnusable', { reason: outcome.reason }), action: msg('plan.revisedUnusableAction') } });
      return;
    }
    const revised = outcome.trajectory;
    const steps = [...oldSteps.slice(0, fromIndex), ...revised.steps].map((s, i) => ({ ...s, index: i + 1 }));
    const screen = ctx.screenFor(st, false);
    ctx.appendPlan(sessionId, st.view.plans.length + 1, screenMessage(reason, screen), { ...revised, analysis: revised.analysis || st.view.analysis, steps }, screen.reference, { fromIndex, oldSteps });
    ctx.append(sessionId, 'notice', { notice: { code: 'replanned', message: screenMessage(msg('plan.replanned', { step: fromIndex + 1, reason }), screen) } });
  }
}
