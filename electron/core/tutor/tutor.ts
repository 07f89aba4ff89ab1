/**
 * The tutoring engine: a session goes one step at a time; each rung of help (goal, template,
 * hint, worked step) is revealed only on request and stored as it happens; the learner's own
 * results are checked; the plan is revised when it breaks. Practice problems need no model.
 * Model failures come back as AppErrors and never damage the session.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { SearchHit, TemplateSummary } from '../../../shared/domain.js';
import { AppFailure, failure } from '../../../shared/result.js';
import type { Trajectory, TrajectoryStep } from '../../../shared/trajectory.js';
import { type PlanVersion, type Rung, type SessionSummary, type SessionView, type StepAttempt, TRUNCATED, type Verdict } from '../../../shared/tutor.js';
import type { EventBus } from '../events.js';
import type { Library } from '../library/library.js';
import { ModelFailure, toAppError, type ChatMessage, type CompletionResult, type ModelClient, type ModelEndpoint } from '../model/index.js';
import { NOT_CONFIGURED, type ModelSettingsService } from '../model-settings/model-settings.js';
import { retrieveCandidates } from '../navigator/candidates.js';
import type { Navigator, PlanOutcome } from '../navigator/navigator.js';
import { diffPlans } from '../navigator/plan-diff.js';
import type { PracticeSource } from '../practice/practice-problem.js';
import { sessionToMarkdown } from '../sessions/export-markdown.js';
import type { SessionState } from '../sessions/rebuild.js';
import type { SessionStore } from '../sessions/store.js';
import { checkAnswer } from './answer/index.js';
import { LeakScreen } from './leak-screen.js';
import { type CompiledReference, compileReference, type ScreenContext, screenText } from './leak.js';
import { redactPlanLeaks } from './plan-leak.js';
import { learnerView } from './reveal.js';
import { segments } from './screen/scan.js';
import { promptMessages } from './render-prompt.js';
import { PLAN_DOES_NOT_FIT, readReferenceAnswer, readStepJudgement } from './solver-replies.js';

const PROMPTS = path.join(import.meta.dirname, 'prompts');
export const TUTOR_PROMPTS = {
  hint: path.join(PROMPTS, 'hint.v1.md'),
  instantiate: path.join(PROMPTS, 'instantiate.v1.md'),
  check: path.join(PROMPTS, 'check.v1.md'),
  finalAnswer: path.join(PROMPTS, 'final-answer.v1.md'),
};

export const MAX_REPLANS = 3;
/** Incorrect checks on one step before the navigator is asked for a new route. */
const INCORRECT_BEFORE_REPLAN = 2;
/** Partial worked steps are saved this often, so a crash loses little. */
const PARTIAL_SAVE_MS = 250;
const PARTIAL_SAVE_CHARS = 400;
const EARLIER_CHARS = 1_500;
/** Longest hint or worked step kept from a model (a runaway reply is cut, with a note). */
export const MAX_RUNG_CHARS = 256_000;
/** Longest step-check feedback kept from the model judge. */
const MAX_FEEDBACK_CHARS = 4_000;

export interface TutorDeps {
  store: SessionStore;
  library: Library;
  client: ModelClient;
  models: ModelSettingsService;
  events: EventBus;
  navigator: Navigator;
  practice: PracticeSource;
  newId?: () => string;
}

interface ActiveStream {
  sessionId: string;
  stepIndex: number;
  screen: LeakScreen;
}

const VERDICT_DETAIL: Record<Verdict, string> = {
  correct: 'Correct.',
  equivalent_form: 'Right value, but not in the expected form.',
  incorrect: 'Not correct yet.',
  unparseable: 'The answer could not be read as math; check the notation.',
  unchecked: 'This could not be checked automatically.',
};

export class Tutor {
  private readonly streams = new Map<string, ActiveStream>();
  private readonly compiled = new Map<string, CompiledReference | null>();
  private closed = false;

  constructor(private readonly deps: TutorDeps) {}

  // ---- sessions ------------------------------------------------------------------------

  suggestTemplates(problem: string, limit: number): SearchHit[] {
    if (!problem.trim()) return [];
    return this.deps.library.search({ query: problem.slice(0, 2_000), limit });
  }

  async startSession(input: { problem: string; requestId: string } | { practiceId: string; requestId: string }): Promise<SessionView> {
    const id = this.deps.newId?.() ?? randomUUID();
    if ('practiceId' in input) {
      const p = this.deps.practice.get(input.practiceId);
      if (!p) throw failure('not_found', `There is no practice problem "${input.practiceId}".`, { action: 'Its pack may have been removed; pick another problem from the list.' });
      this.deps.store.create(id, p.problem, p.id);
      this.append(id, 'created', {
        problem: p.problem,
        practiceId: p.id,
        source: 'practice',
        practice: { answer: p.answer, answerCheck: p.answerCheck, steps: p.steps.map((s) => ({ hint: s.hint, instantiation: s.instantiation, ...(s.expected ? { expected: s.expected } : {}) })) },
      });
      const steps: TrajectoryStep[] = p.steps.map((s, i) => ({ index: i + 1, title: s.title, goal: s.goal, templateId: s.templateId, produces: s.produces }));
      this.appendPlan(id, 1, 'initial', { analysis: p.analysis, steps, source: 'json' }, compileReference(p.answer));
      this.append(id, 'status', { status: 'active' });
      return this.done(input.requestId, this.view(id));
    }

    const problem = input.problem;
    this.deps.store.create(id, problem, null);
    const ep = this.deps.models.endpoint('navigator');
    if (!ep) {
      this.append(id, 'created', { problem, practiceId: null, source: 'none' });
      this.append(id, 'notice', { notice: NOT_CONFIGURED, suggestions: this.suggestions(problem) });
      this.append(id, 'status', { status: 'failed' });
      return this.done(input.requestId, this.view(id));
    }
    this.append(id, 'created', { problem, practiceId: null, source: 'model' });
    // The hidden reference answer is worked out beside the plan, so the plan (and everything
    // after it) is screened by value before the learner sees any of it.
    const reference = this.startReference(id, problem, input.requestId);
    let outcome: PlanOutcome;
    try {
      outcome = await this.deps.navigator.planTrajectory(ep, problem, { requestId: input.requestId, onCompletion: (r) => this.usage(id, r) });
    } catch (err) {
      this.deps.client.cancel(`${input.requestId}:reference`);
      await reference;
      if (!(err instanceof ModelFailure) || this.closed) throw err;
      // The session exists; it keeps the reason and suggestions so the learner can go on.
      const e = toAppError(err);
      this.append(id, 'notice', { notice: { code: e.code, message: e.message, ...(e.action ? { action: e.action } : {}) }, suggestions: this.suggestions(problem) });
      this.append(id, 'status', { status: 'failed' });
      return this.done(input.requestId, this.view(id));
    }
    if (!outcome.ok) {
      this.deps.client.cancel(`${input.requestId}:reference`);
      await reference;
      this.append(id, 'notice', {
        notice: {
          code: 'plan_unreadable',
          message: `The model's plan could not be used (${outcome.reason}).`,
          action: 'Try again, or open one of the suggested templates and work from it.',
        },
        suggestions: outcome.candidates.length ? outcome.candidates : this.suggestions(problem),
      });
      this.append(id, 'status', { status: 'failed' });
      return this.done(input.requestId, this.view(id));
    }
    const answer = await reference;
    if (this.closed) throw failure('cancelled', 'The app closed while the plan was being made.', { action: 'Start the problem again.' });
    this.appendPlan(id, 1, 'initial', outcome.trajectory, compileReference(answer));
    this.append(id, 'status', { status: 'active' });
    return this.done(input.requestId, this.view(id));
  }

  getSession(sessionId: string): SessionView {
    return this.view(sessionId);
  }

  listSessions(limit: number): SessionSummary[] {
    return this.deps.store.list(limit);
  }

  deleteSession(sessionId: string): { deleted: boolean } {
    return { deleted: this.deps.store.delete(sessionId) };
  }

  exportSession(sessionId: string): { fileName: string; content: string } {
    return sessionToMarkdown(this.view(sessionId));
  }

  advance(sessionId: string): SessionView {
    const { view } = this.state(sessionId);
    const step = view.steps[view.currentStep];
    if (!step) throw failure('invalid_input', 'This session has no steps to work through.', { action: 'Start a new session.' });
    if (view.currentStep >= view.steps.length - 1) {
      throw failure('invalid_input', 'This is the last step.', { action: 'Enter your final answer.' });
    }
    if (!step.canAdvance) {
      throw failure('invalid_input', 'Check your own result for this step, or reveal the worked step, before moving on.', { action: 'Write your result and press Check.' });
    }
    this.append(sessionId, 'advance', { to: view.currentStep + 1 });
    return this.view(sessionId);
  }

  // ---- rungs ---------------------------------------------------------------------------

  async reveal(input: { sessionId: string; stepIndex: number; rung: Rung; requestId: string }): Promise<SessionView> {
    const { sessionId, stepIndex, rung, requestId } = input;
    const st = this.state(sessionId);
    const step = this.reachableStep(st, stepIndex);
    const shown = step.revealed;
    // A revealed rung comes back from storage: no model call, no tokens.
    if ((rung === 'goal' && shown.goal !== undefined) || (rung === 'template' && shown.template) || (rung === 'hint' && shown.hint !== undefined)) {
      return this.done(requestId, st.view);
    }
    if (rung === 'instantiation' && shown.instantiation?.complete) return this.done(requestId, st.view);

    if (rung === 'goal') this.append(sessionId, 'rung', { stepIndex, rung, text: step.goal });
    else if (rung === 'template') this.append(sessionId, 'rung', { stepIndex, rung });
    else if (rung === 'hint') await this.revealHint(st, stepIndex, requestId);
    else if ((await this.revealInstantiation(st, stepIndex, requestId)) === 'cancelled') {
      if (this.closed) throw failure('cancelled', 'The app closed while the worked step was being written.', { action: 'Open the session again to continue.' });
      return this.view(sessionId);
    }
    return this.done(requestId, this.view(sessionId));
  }

  private async revealHint(st: SessionState, stepIndex: number, requestId: string): Promise<void> {
    const { view, hidden } = st;
    const step = view.steps[stepIndex]!;
    const isLastStep = stepIndex === view.steps.length - 1;
    let text: string;
    if (hidden.practice) {
      text = hidden.practice.steps[stepIndex]?.hint ?? 'No hint was written for this step.';
    } else {
      const ep = this.solver();
      const previous = [step.revealed.goal ? `Goal: ${step.revealed.goal}` : '', step.revealed.template ? 'The template card.' : ''].filter(Boolean).join('\n') || '(nothing yet)';
      const messages = promptMessages(TUTOR_PROMPTS.hint, {
        problem: view.problem,
        plan: planList(view.steps),
        stepTitle: step.title,
        stepGoal: step.goal,
        template: this.templateText(step.templateId),
        previous,
      });
      text = capText((await this.call(view.id, ep, requestId, messages)).text.trim(), MAX_RUNG_CHARS);
    }
    const leak = screenText(text, this.screenFor(st, isLastStep));
    this.append(view.id, 'rung', { stepIndex, rung: 'hint', text: leak.redacted, heldBack: leak.leaked, ...(leak.leaked ? { unscreened: text } : {}) });
  }

  private async revealInstantiation(st: SessionState, stepIndex: number, requestId: string): Promise<'done' | 'cancelled'> {
    const { view, hidden } = st;
    const sessionId = view.id;
    const step = view.steps[stepIndex]!;
    const isLastStep = stepIndex === view.steps.length - 1;
    const screen = new LeakScreen(this.screenFor(st, isLastStep));
    const emit = (text: string) => text && this.deps.events.emit({ requestId, type: 'delta', channel: 'instantiation', text });

    if (hidden.practice) {
      const text = hidden.practice.steps[stepIndex]?.instantiation ?? '';
      const fin = screen.finish(text);
      emit(fin.heldBack ? fin.text : text);
      this.append(sessionId, 'rung', { stepIndex, rung: 'instantiation', text: fin.text, complete: true, heldBack: fin.heldBack, ...(fin.heldBack ? { unscreened: text } : {}) });
      return 'done';
    }

    const ep = this.solver();
    const messages = promptMessages(TUTOR_PROMPTS.instantiate, {
      problem: view.problem,
      plan: planList(view.steps),
      earlier: earlierResults(view.steps, stepIndex),
      stepTitle: step.title,
      stepGoal: step.goal,
      produces: step.produces || '(not stated)',
      template: this.templateText(step.templateId),
      isLast: isLastStep
        ? 'This is the last step: end with the final answer as \\boxed{...}.'
        : 'This is not the last step: do not state the final answer of the whole problem.',
    });
    this.streams.set(requestId, { sessionId, stepIndex, screen });
    // Only the text shown since the last save is written, as one piece (linear in the step's
    // length, and screen.shown, a copy of everything, is not read per piece); the step's one
    // event replaces the pieces when it ends. A busy database keeps the text for the next save.
    let savedChars = 0;
    let unsaved = '';
    let savedAt = Date.now();
    const savePartial = () => {
      if (this.closed) return;
      const end = this.deps.store.savePartial(sessionId, stepIndex, savedChars, unsaved);
      if (end !== null) {
        unsaved = unsaved.slice(end - savedChars);
        savedChars = end;
      }
      savedAt = Date.now();
    };
    const received: string[] = [];
    let receivedChars = 0;
    try {
      const result = await this.deps.client.complete(ep, { requestId, messages }, (piece) => {
        // A runaway reply is cut at the rung's cap (the client stops the stream on this throw).
        receivedChars += piece.length;
        received.push(piece);
        if (receivedChars > MAX_RUNG_CHARS) throw new ReplyTooLong();
        const shown = screen.push(piece);
        emit(shown);
        unsaved += shown;
        if (unsaved && (unsaved.length >= PARTIAL_SAVE_CHARS || Date.now() - savedAt >= PARTIAL_SAVE_MS)) savePartial();
      });
      if (this.closed) return 'cancelled';
      this.usage(sessionId, result);
      const misfit = PLAN_DOES_NOT_FIT.exec(result.text);
      const fin = screen.finish(result.text);
      emit(fin.tail);
      this.append(sessionId, 'rung', { stepIndex, rung: 'instantiation', text: fin.text, complete: true, heldBack: fin.heldBack, ...(fin.heldBack ? { unscreened: result.text } : {}) });
      if (misfit) await this.replan(sessionId, stepIndex, `the worked step found the plan does not fit: ${misfit[1] || 'no reason given'}`, requestId);
      return 'done';
    } catch (err) {
      if (this.closed) return 'cancelled';
      if (err instanceof ReplyTooLong) {
        const text = capText(received.join(''), MAX_RUNG_CHARS);
        const fin = screen.finish(text);
        emit(fin.tail);
        this.append(sessionId, 'rung', { stepIndex, rung: 'instantiation', text: fin.text, complete: true, heldBack: fin.heldBack, ...(fin.heldBack ? { unscreened: text } : {}) });
        return 'done';
      }
      if (!(err instanceof ModelFailure)) throw err;
      // Whatever reached the learner is kept (one event), marked incomplete so it is offered again.
      if (screen.shown) this.append(sessionId, 'rung', { stepIndex, rung: 'instantiation', text: screen.shown, complete: false, heldBack: false });
      if (err.code === 'cancelled') {
        this.deps.events.emit({ requestId, type: 'cancelled' });
        return 'cancelled';
      }
      throw this.modelError(requestId, err);
    } finally {
      this.streams.delete(requestId);
    }
  }

  // ---- checking ------------------------------------------------------------------------

  async checkStep(input: { sessionId: string; stepIndex: number; attempt: string; requestId: string }): Promise<SessionView> {
    const { sessionId, stepIndex, attempt, requestId } = input;
    const st = this.state(sessionId);
    const step = this.reachableStep(st, stepIndex);
    let expected = st.hidden.expected.get(stepIndex) ?? null;
    let verdict: Verdict = 'unchecked';
    let feedback = '';

    if (!st.hidden.practice && st.view.source === 'model') {
      const ep = this.solver();
      const messages = promptMessages(TUTOR_PROMPTS.check, {
        problem: st.view.problem,
        stepTitle: step.title,
        stepGoal: step.goal,
        produces: step.produces || '(not stated)',
        expected: expected ? `The step's result should be equivalent to: ${expected}` : '',
        attempt,
      });
      const judged = readStepJudgement((await this.call(sessionId, ep, requestId, messages)).text);
      if (judged.verdict) verdict = judged.verdict;
      feedback = judged.feedback;
      if (!expected && judged.expected) {
        expected = judged.expected;
        this.append(sessionId, 'expected', { stepIndex, expected });
      }
    }
    if (expected) {
      const check = await checkStepResult(attempt, expected);
      // The symbolic check decides when it can; the model's judgement fills in when it cannot.
      if (check.verdict !== 'unparseable') {
        const symbolic: Verdict = check.verdict === 'equivalent_form' ? 'correct' : check.verdict;
        if (symbolic !== verdict) feedback = symbolic === 'correct' ? 'That matches the expected result for this step.' : 'That does not match the expected result for this step.';
        verdict = symbolic;
      }
    }
    if (!feedback) {
      feedback = verdict === 'unchecked' ? 'This step cannot be checked automatically; compare your work with the worked step.' : VERDICT_DETAIL[verdict];
    }
    // The judge's words are capped and screened like every other text (its expected result stays hidden).
    feedback = screenText(capText(feedback, MAX_FEEDBACK_CHARS), this.screenFor(st, stepIndex === st.view.steps.length - 1)).redacted;
    const record: StepAttempt = { text: attempt, verdict, feedback, at: now() };
    this.append(sessionId, 'attempt', { stepIndex, attempt: record });

    if (verdict === 'incorrect' && st.view.source === 'model') {
      const after = this.state(sessionId);
      if ((after.hidden.incorrectChecks.get(stepIndex) ?? 0) >= INCORRECT_BEFORE_REPLAN) {
        await this.replan(sessionId, stepIndex, `the learner's result for step ${stepIndex + 1} ("${step.title}") was judged incorrect twice`, requestId);
      }
    }
    return this.done(requestId, this.view(sessionId));
  }

  async submitAnswer(input: { sessionId: string; answer: string }): Promise<SessionView> {
    const { sessionId, answer } = input;
    const st = this.state(sessionId);
    const practice = st.hidden.practice;
    if (practice?.answerCheck === 'manual') {
      this.append(sessionId, 'final', { answer, verdict: 'unchecked', detail: `This answer is checked by hand. The reference answer is $${practice.answer}$.`, at: now() });
      return this.view(sessionId);
    }
    const reference = practice?.answer ?? (await this.referenceAnswer(st));
    const check = await checkAnswer(answer, reference);
    const verdict: Verdict = check.verdict;
    const detail = [VERDICT_DETAIL[verdict], verdict === 'correct' ? '' : (check.detail ?? '')].filter(Boolean).join(' ');
    this.append(sessionId, 'final', { answer, verdict, detail, at: now() });
    if (verdict === 'correct') this.append(sessionId, 'status', { status: 'solved' });
    return this.view(sessionId);
  }

  /** The hidden reference answer for a typed problem: asked once, then cached in the session. */
  private async referenceAnswer(st: SessionState): Promise<string> {
    if (st.hidden.reference) return st.hidden.reference;
    const ep = this.solver();
    const result = await this.call(st.view.id, ep, `${st.view.id}:reference:${randomUUID()}`, promptMessages(TUTOR_PROMPTS.finalAnswer, { problem: st.view.problem }));
    const answer = readReferenceAnswer(result.text);
    if (!answer) {
      throw failure('model_error', 'The model did not give an answer the app could compare yours with.', { action: 'Try again; if it keeps happening, choose another solver model in Settings.' });
    }
    this.append(st.view.id, 'reference', { answer });
    return answer;
  }

  // ---- re-planning ---------------------------------------------------------------------

  private async replan(sessionId: string, fromIndex: number, reason: string, requestId: string): Promise<void> {
    const st = this.state(sessionId);
    if (st.hidden.replans >= MAX_REPLANS) {
      this.append(sessionId, 'notice', {
        notice: { code: 'replan_limit', message: `The plan has already been revised ${MAX_REPLANS} times in this session.`, action: 'Use the hint or the worked step for this step, or start a new session.' },
      });
      return;
    }
    const ep = this.deps.models.endpoint('navigator');
    if (!ep) return;
    const oldSteps: TrajectoryStep[] = st.view.steps.map(({ index, title, goal, templateId, produces }) => ({ index, title, goal, templateId, produces }));
    let outcome: PlanOutcome;
    try {
      outcome = await this.deps.navigator.replan(ep, st.view.problem, oldSteps, fromIndex, reason, {
        requestId: `${requestId}:replan`,
        onCompletion: (r) => this.usage(sessionId, r),
      });
    } catch (err) {
      if (!(err instanceof ModelFailure) || this.closed) throw err;
      const e = toAppError(err);
      this.append(sessionId, 'notice', { notice: { code: 'replan_failed', message: screenText(`The plan could not be revised: ${e.message}`, this.screenFor(st, false)).redacted, ...(e.action ? { action: e.action } : {}) } });
      return;
    }
    if (!outcome.ok) {
      this.append(sessionId, 'notice', { notice: { code: 'replan_failed', message: `The revised plan could not be used (${outcome.reason}).`, action: 'Keep going with the current plan, or use the hint.' } });
      return;
    }
    const revised = outcome.trajectory;
    const steps = [...oldSteps.slice(0, fromIndex), ...revised.steps].map((s, i) => ({ ...s, index: i + 1 }));
    const ctx = this.screenFor(st, false);
    this.appendPlan(sessionId, st.view.plans.length + 1, screenText(reason, ctx).redacted, { ...revised, analysis: revised.analysis || st.view.analysis, steps }, ctx.reference, { fromIndex, oldSteps });
    this.append(sessionId, 'notice', { notice: { code: 'replanned', message: screenText(`The plan was revised from step ${fromIndex + 1} on, because ${reason}.`, ctx).redacted } });
  }

  // ---- cancel and shutdown -------------------------------------------------------------

  cancel(requestId: string): boolean {
    let cancelled = false;
    for (const id of [requestId, `${requestId}:repair`, `${requestId}:replan`, `${requestId}:reference`]) cancelled = this.deps.client.cancel(id) || cancelled;
    return cancelled;
  }

  /** Before the database closes: keep what each running stream has shown, then stop them. */
  shutdown(): void {
    if (this.closed) return;
    for (const s of this.streams.values()) {
      if (s.screen.shown) this.append(s.sessionId, 'rung', { stepIndex: s.stepIndex, rung: 'instantiation', text: s.screen.shown, complete: false, heldBack: false });
    }
    // Events kept while another process held the database are written before it closes.
    this.deps.store.flush(5_000);
    this.closed = true;
    for (const id of this.deps.client.running) this.deps.client.cancel(id);
  }

  // ---- helpers -------------------------------------------------------------------------

  private state(sessionId: string): SessionState {
    // Incremental: the store keeps the folded state and applies only the events added since.
    const st = this.deps.store.state(sessionId, (id) => this.summary(id));
    if (!st) throw failure('not_found', 'This tutoring session no longer exists.', { action: 'Start a new session from the problem.' });
    return st;
  }

  private view(sessionId: string): SessionView {
    const st = this.state(sessionId);
    return learnerView(st, (id) => this.examplesOf(id), this.referenceOf(st));
  }

  private examplesOf(id: string) {
    try {
      return this.deps.library.getTemplate(id).examples;
    } catch {
      return null;
    }
  }

  private reachableStep(st: SessionState, stepIndex: number) {
    const step = st.view.steps[stepIndex];
    if (!step) throw failure('not_found', `This session has no step ${stepIndex + 1}.`, { action: 'Reload the session.' });
    if (stepIndex > st.view.currentStep) throw failure('invalid_input', 'Finish the current step before opening later ones.', { action: 'Go back to the current step.' });
    return step;
  }

  private append: SessionStore['append'] = (sessionId, type, payload) => {
    if (this.closed) throw failure('internal', 'The app is shutting down.', { action: 'Open the session again after restarting.' });
    return this.deps.store.append(sessionId, type, payload);
  };

  private solver(): ModelEndpoint {
    const ep = this.deps.models.endpoint('solver');
    if (!ep) throw failure(NOT_CONFIGURED.code, 'No model is configured, so the tutor cannot write this help.', { action: NOT_CONFIGURED.action });
    return ep;
  }

  private async call(sessionId: string, ep: ModelEndpoint, requestId: string, messages: ChatMessage[]): Promise<CompletionResult> {
    try {
      const r = await this.deps.client.complete(ep, { requestId, messages });
      this.usage(sessionId, r);
      return r;
    } catch (err) {
      if (err instanceof ModelFailure) throw this.modelError(requestId, err);
      throw err;
    }
  }

  private modelError(requestId: string, err: ModelFailure): AppFailure {
    const e = toAppError(err);
    this.deps.events.emit(err.code === 'cancelled' ? { requestId, type: 'cancelled' } : { requestId, type: 'error', error: e });
    return new AppFailure(e);
  }

  private usage(sessionId: string, r: CompletionResult): void {
    if (this.closed) return;
    this.append(sessionId, 'usage', { promptTokens: r.usage?.promptTokens ?? 0, completionTokens: r.usage?.completionTokens ?? 0 });
  }

  private done(requestId: string, view: SessionView): SessionView {
    this.deps.events.emit({ requestId, type: 'done' });
    return view;
  }

  /** The reference, compiled once per distinct answer text (sessions reuse it on every call). */
  private referenceOf(st: SessionState): CompiledReference | null {
    const ref = st.hidden.practice?.answer ?? st.hidden.reference;
    if (!ref) return null;
    let compiled = this.compiled.get(ref);
    if (compiled === undefined) {
      compiled = compileReference(ref);
      if (this.compiled.size > 200) this.compiled.clear();
      this.compiled.set(ref, compiled);
    }
    return compiled;
  }

  private screenFor(st: SessionState, isLastStep: boolean): ScreenContext {
    return { reference: this.referenceOf(st), isLastStep };
  }

  /** Store a plan version with its texts screened; the texts as written stay hidden until the end. */
  private appendPlan(
    sessionId: string,
    version: number,
    reason: string,
    trajectory: { analysis: string; steps: TrajectoryStep[]; source: Trajectory['source'] },
    reference: CompiledReference | null,
    revision?: { fromIndex: number; oldSteps: TrajectoryStep[] },
  ): void {
    const screened = redactPlanLeaks(trajectory, reference);
    const t = screened.trajectory;
    const plan: PlanVersion = {
      version,
      createdAt: now(),
      reason,
      analysis: t.analysis,
      steps: t.steps,
      changes: revision ? diffPlans(revision.oldSteps, t.steps) : [],
    };
    this.append(sessionId, 'plan', { plan, keepFrom: revision?.fromIndex ?? 0, ...(screened.unscreened ? { unscreened: screened.unscreened } : {}) });
  }

  /**
   * Ask the solver for the hidden reference answer (never shown before the learner finishes).
   * Resolves with the answer, or null when none could be had: that is recorded in the session
   * and the texts are then screened by syntax alone.
   */
  private async startReference(sessionId: string, problem: string, requestId: string): Promise<string | null> {
    const ep = this.deps.models.endpoint('solver');
    const record = (answer: string | null, unavailable?: string) => {
      if (!this.closed) this.append(sessionId, 'reference', answer ? { answer } : { answer: null, unavailable: unavailable ?? 'unreadable' });
      return answer;
    };
    if (!ep) return record(null, 'not_configured');
    try {
      const r = await this.deps.client.complete(ep, { requestId: `${requestId}:reference`, messages: promptMessages(TUTOR_PROMPTS.finalAnswer, { problem }) });
      this.usage(sessionId, r);
      return record(readReferenceAnswer(r.text));
    } catch (err) {
      if (err instanceof ModelFailure) return record(null, err.code);
      throw err;
    }
  }

  private suggestions(problem: string): TemplateSummary[] {
    return retrieveCandidates(this.deps.library, problem, 8);
  }

  private summary(id: string): TemplateSummary | null {
    try {
      const { packId, templateId, name, type, chapter, section, tags } = this.deps.library.getTemplate(id);
      return { id, packId, templateId, name, type, chapter, section, tags };
    } catch {
      return null;
    }
  }

  private templateText(id: string | null): string {
    if (!id) return '(no template for this step)';
    try {
      const t = this.deps.library.getTemplate(id);
      return [`${t.name}: ${t.description}`, ...t.steps.map((s, i) => `${i + 1}. ${s}`)].join('\n');
    } catch {
      return '(the template is not installed)';
    }
  }
}

const now = () => new Date().toISOString();

/** Thrown from the stream callback to stop a reply that passed the rung's cap. */
class ReplyTooLong extends Error {}

/**
 * Cut a model text at `max` characters, never inside a formula (half a formula would show as
 * raw TeX), and mark the cut with the TRUNCATED note the renderer shows in words.
 */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max;
  const last = segments(text, 0, max).at(-1);
  if (last && last.kind !== 'text') cut = last.start;
  return `${text.slice(0, cut).trimEnd()}\n\n${TRUNCATED}`;
}

/** A step result is often written as "r^2 + s^2 = 19": compare the whole and the last right-hand side. */
async function checkStepResult(attempt: string, expected: string) {
  const whole = await checkAnswer(attempt, expected);
  const eq = attempt.lastIndexOf('=');
  if (whole.verdict === 'correct' || eq < 0 || !attempt.slice(eq + 1).trim()) return whole;
  const rhs = await checkAnswer(attempt.slice(eq + 1), expected);
  return rhs.verdict === 'correct' || rhs.verdict === 'equivalent_form' || whole.verdict === 'unparseable' ? rhs : whole;
}

function planList(steps: TrajectoryStep[]): string {
  return steps.map((s, i) => `${i + 1}. ${s.title}: ${s.goal}`).join('\n');
}

function earlierResults(steps: SessionView['steps'], before: number): string {
  const parts = steps.slice(0, before).map((s, i) => {
    const worked = s.revealed.instantiation?.complete ? s.revealed.instantiation.text : '';
    const mine = [...s.attempts].reverse().find((a) => a.verdict === 'correct')?.text ?? '';
    const text = worked || mine;
    return text ? `Step ${i + 1} (${s.title}): ${text.length > EARLIER_CHARS ? `${text.slice(0, EARLIER_CHARS)}…` : text}` : '';
  });
  return parts.filter(Boolean).join('\n\n') || '(none yet)';
}
