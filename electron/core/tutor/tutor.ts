/**
 * The tutoring engine: a session goes one step at a time; each rung of help (goal, template,
 * hint, worked step) is revealed only on request and stored as it happens; the learner's own
 * results are checked; the plan is revised when it breaks. Practice problems need no model.
 * Model failures come back as AppErrors and never damage the session.
 *
 * This file is the session facade: it starts, lists and moves sessions on, cancels and shuts
 * down; each other concern lives in its own file and shares one TutorContext:
 * rungs.ts (help rungs, streaming, partial saves, the length cap), checking.ts (step checks),
 * final-answer.ts (final answer and the hidden reference), replan.ts (re-planning) and
 * prompt-text.ts (prompt files and the texts they are filled with).
 */
import type { SearchHit } from '../../../shared/domain.js';
import { msg } from '../../../shared/messages.js';
import { failure } from '../../../shared/result.js';
import type { TrajectoryStep } from '../../../shared/trajectory.js';
import type { Rung, SessionSummary, SessionView } from '../../../shared/tutor.js';
import { ModelFailure, toAppError } from '../model/index.js';
import { NOT_CONFIGURED } from '../model-settings/model-settings.js';
import type { PlanOutcome } from '../navigator/navigator.js';
import { sessionToMarkdown } from '../sessions/export-markdown.js';
import { StepChecker } from './checking.js';
import { TutorContext, type TutorDeps } from './context.js';
import { FinalAnswer, referenceRequestId } from './final-answer.js';
import { compileReference } from './leak.js';
import { Replanner } from './replan.js';
import { Rungs } from './rungs.js';
import { errorNotice } from './words.js';

export type { TutorDeps } from './context.js';
export { MAX_REPLANS } from './replan.js';
export { capText, MAX_RUNG_CHARS } from './rungs.js';

export class Tutor {
  private readonly ctx: TutorContext;
  private readonly rungs: Rungs;
  private readonly checker: StepChecker;
  private readonly final: FinalAnswer;

  constructor(deps: TutorDeps) {
    this.ctx = new TutorContext(deps);
    const replanner = new Replanner(this.ctx);
    this.rungs = new Rungs(this.ctx, replanner);
    this.checker = new StepChecker(this.ctx, replanner);
    this.final = new FinalAnswer(this.ctx);
  }

  // ---- sessions ------------------------------------------------------------------------

  suggestTemplates(problem: string, limit: number): SearchHit[] {
    if (!problem.trim()) return [];
    return this.ctx.deps.library.search({ query: problem.slice(0, 2_000), limit });
  }

  async startSession(input: { problem: string; requestId: string } | { practiceId: string; requestId: string }): Promise<SessionView> {
    const { ctx } = this;
    const { deps } = ctx;
    const id = ctx.newId();
    if ('practiceId' in input) {
      const p = deps.practice.get(input.practiceId);
      if (!p) throw failure('not_found', msg('tutor.noPractice', { id: input.practiceId }), { action: msg('tutor.noPracticeAction') });
      // A problem already being worked is resumed, not started again (no duplicate sessions).
      const open = deps.store.openForPractice(p.id);
      if (open) return ctx.done(input.requestId, ctx.view(open));
      deps.store.create(id, p.problem, p.id);
      ctx.append(id, 'created', {
        problem: p.problem,
        practiceId: p.id,
        source: 'practice',
        practice: { answer: p.answer, answerCheck: p.answerCheck, steps: p.steps.map((s) => ({ hint: s.hint, instantiation: s.instantiation, ...(s.expected ? { expected: s.expected } : {}) })) },
      });
      const steps: TrajectoryStep[] = p.steps.map((s, i) => ({ index: i + 1, title: s.title, goal: s.goal, templateId: s.templateId, produces: s.produces }));
      ctx.appendPlan(id, 1, msg('plan.initial'), { analysis: p.analysis, steps, source: 'json' }, compileReference(p.answer));
      ctx.append(id, 'status', { status: 'active' });
      return ctx.done(input.requestId, ctx.view(id));
    }

    const problem = input.problem;
    deps.store.create(id, problem, null);
    const ep = deps.models.endpoint('navigator');
    if (!ep) {
      ctx.append(id, 'created', { problem, practiceId: null, source: 'none' });
      ctx.append(id, 'notice', { notice: { code: NOT_CONFIGURED.code, message: msg('tutor.noNavigator'), action: msg('tutor.openSettingsAction') }, suggestions: ctx.suggestions(problem) });
      ctx.append(id, 'status', { status: 'failed' });
      return ctx.done(input.requestId, ctx.view(id));
    }
    ctx.append(id, 'created', { problem, practiceId: null, source: 'model' });
    // The hidden reference answer is worked out beside the plan, so the plan (and everything
    // after it) is screened by value before the learner sees any of it.
    const reference = this.final.startReference(id, problem, input.requestId);
    let outcome: PlanOutcome;
    try {
      outcome = await deps.navigator.planTrajectory(ep, problem, { requestId: input.requestId, onCompletion: (r) => ctx.usage(id, r) });
    } catch (err) {
      deps.client.cancel(referenceRequestId(input.requestId));
      await reference;
      if (!(err instanceof ModelFailure) || ctx.closed) throw err;
      // The session exists; it keeps the reason and suggestions so the learner can go on.
      const e = toAppError(err);
      ctx.append(id, 'notice', { notice: errorNotice(e.code, e), suggestions: ctx.suggestions(problem) });
      ctx.append(id, 'status', { status: 'failed' });
      return ctx.done(input.requestId, ctx.view(id));
    }
    if (!outcome.ok) {
      deps.client.cancel(referenceRequestId(input.requestId));
      await reference;
      ctx.append(id, 'notice', {
        notice: { code: 'plan_unreadable', message: msg('tutor.planUnreadable', { reason: outcome.reason }), action: msg('tutor.planUnreadableAction') },
        suggestions: outcome.candidates.length ? outcome.candidates : ctx.suggestions(problem),
      });
      ctx.append(id, 'status', { status: 'failed' });
      return ctx.done(input.requestId, ctx.view(id));
    }
    const answer = await reference;
    if (ctx.closed) throw failure('cancelled', msg('tutor.closedDuringPlan'), { action: msg('tutor.closedDuringPlanAction') });
    ctx.appendPlan(id, 1, msg('plan.initial'), outcome.trajectory, compileReference(answer), undefined, outcome.guide);
    ctx.append(id, 'status', { status: 'active' });
    return ctx.done(input.requestId, ctx.view(id));
  }

  getSession(sessionId: string): SessionView {
    return this.ctx.view(sessionId);
  }

  listSessions(limit: number): SessionSummary[] {
    return this.ctx.deps.store.list(limit);
  }

  deleteSession(sessionId: string): { deleted: boolean } {
    return { deleted: this.ctx.deps.store.delete(sessionId) };
  }

  exportSession(sessionId: string): { fileName: string; content: string } {
    return sessionToMarkdown(this.ctx.view(sessionId));
  }

  advance(sessionId: string): SessionView {
    const { view } = this.ctx.state(sessionId);
    const step = view.steps[view.currentStep];
    if (!step) throw failure('invalid_input', msg('tutor.noSteps'), { action: msg('tutor.startNewAction') });
    if (view.currentStep >= view.steps.length - 1) {
      throw failure('invalid_input', msg('tutor.lastStep'), { action: msg('tutor.lastStepAction') });
    }
    if (!step.canAdvance) {
      throw failure('invalid_input', msg('tutor.checkFirst'), { action: msg('tutor.checkFirstAction') });
    }
    // Moving on after wrong checks is the learner's choice; it is kept on record (and shown).
    const checkedRight = step.attempts.some((a) => a.verdict === 'correct' || a.verdict === 'equivalent_form' || a.verdict === 'unchecked');
    const movedOn = step.attempts.length > 0 && !checkedRight;
    this.ctx.append(sessionId, 'advance', { to: view.currentStep + 1, ...(movedOn ? { movedOn: true } : {}) });
    return this.ctx.view(sessionId);
  }

  // ---- the parts -----------------------------------------------------------------------

  reveal(input: { sessionId: string; stepIndex: number; rung: Rung; requestId: string }): Promise<SessionView> {
    return this.rungs.reveal(input);
  }

  checkStep(input: { sessionId: string; stepIndex: number; attempt: string; requestId: string }): Promise<SessionView> {
    return this.checker.checkStep(input);
  }

  submitAnswer(input: { sessionId: string; answer: string }): Promise<SessionView> {
    return this.final.submitAnswer(input);
  }

  // ---- cancel and shutdown -------------------------------------------------------------

  /** Cancel a request and every request made under it (the navigator's own, and the reference beside a plan). */
  cancel(requestId: string): boolean {
    const { client, navigator } = this.ctx.deps;
    let cancelled = false;
    for (const id of [...navigator.requestIds(requestId), referenceRequestId(requestId)]) cancelled = client.cancel(id) || cancelled;
    return cancelled;
  }

  /** Before the database closes: keep what each running stream has shown, then stop them. */
  shutdown(): void {
    const { ctx } = this;
    if (ctx.closed) return;
    for (const s of ctx.streams.values()) {
      if (s.screen.shown) ctx.append(s.sessionId, 'rung', { stepIndex: s.stepIndex, rung: 'instantiation', text: s.screen.shown, complete: false, heldBack: false });
    }
    // Events kept while another process held the database are written before it closes.
    ctx.deps.store.flush(5_000);
    ctx.closed = true;
    for (const id of ctx.deps.client.running) ctx.deps.client.cancel(id);
  }
}
