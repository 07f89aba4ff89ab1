/** Re-planning: when the plan breaks, the navigator is asked for a new route from the broken step on (a few times at most). */
import type { TrajectoryStep } from '../../../shared/trajectory.js';
import { ModelFailure, toAppError } from '../model/index.js';
import type { PlanOutcome } from '../navigator/navigator.js';
import type { TutorContext } from './context.js';
import { screenText } from './leak.js';

export const MAX_REPLANS = 3;

export class Replanner {
  constructor(private readonly ctx: TutorContext) {}

  async replan(sessionId: string, fromIndex: number, reason: string, requestId: string): Promise<void> {
    const { ctx } = this;
    const st = ctx.state(sessionId);
    if (st.hidden.replans >= MAX_REPLANS) {
      ctx.append(sessionId, 'notice', {
        notice: { code: 'replan_limit', message: `The plan has already been revised ${MAX_REPLANS} times in this session.`, action: 'Use the hint or the worked step for this step, or start a new session.' },
      });
      return;
    }
    const ep = ctx.deps.models.endpoint('navigator');
    if (!ep) return;
    const oldSteps: TrajectoryStep[] = st.view.steps.map(({ index, title, goal, templateId, produces }) => ({ index, title, goal, templateId, produces }));
    let outcome: PlanOutcome;
    try {
      outcome = await ctx.deps.navigator.replan(ep, st.view.problem, oldSteps, fromIndex, reason, {
        requestId,
        onCompletion: (r) => ctx.usage(sessionId, r),
      });
    } catch (err) {
      if (!(err instanceof ModelFailure) || ctx.closed) throw err;
      const e = toAppError(err);
      ctx.append(sessionId, 'notice', { notice: { code: 'replan_failed', message: screenText(`The plan could not be revised: ${e.message}`, ctx.screenFor(st, false)).redacted, ...(e.action ? { action: e.action } : {}) } });
      return;
    }
    if (!outcome.ok) {
      ctx.append(sessionId, 'notice', { notice: { code: 'replan_failed', message: `The revised plan could not be used (${outcome.reason}).`, action: 'Keep going with the current plan, or use the hint.' } });
      return;
    }
    const revised = outcome.trajectory;
    const steps = [...oldSteps.slice(0, fromIndex), ...revised.steps].map((s, i) => ({ ...s, index: i + 1 }));
    const screen = ctx.screenFor(st, false);
    ctx.appendPlan(sessionId, st.view.plans.length + 1, screenText(reason, screen).redacted, { ...revised, analysis: revised.analysis || st.view.analysis, steps }, screen.reference, { fromIndex, oldSteps });
    ctx.append(sessionId, 'notice', { notice: { code: 'replanned', message: screenText(`The plan was revised from step ${fromIndex + 1} on, because ${reason}.`, screen).redacted } });
  }
}
