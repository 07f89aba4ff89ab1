/**
 * What every part of the tutor shares: its ports (store, library, model client, navigator,
 * events, clock), the session state and the learner's view, the model call with token
 * bookkeeping, and the screen context (the hidden reference, compiled once per answer text).
 */
import { randomUUID } from 'node:crypto';
import type { TemplateSummary } from '../../../shared/domain.js';
import { type Message, msg } from '../../../shared/messages.js';
import { AppFailure, failure } from '../../../shared/result.js';
import type { Trajectory, TrajectoryStep } from '../../../shared/trajectory.js';
import type { PlanVersion, SessionView, Verdict } from '../../../shared/tutor.js';
import type { EventBus } from '../events.js';
import type { Library } from '../library/library.js';
import { ModelFailure, toAppError, type ChatMessage, type CompletionResult, type ModelClient, type ModelEndpoint } from '../model/index.js';
import { NOT_CONFIGURED, type ModelSettingsService } from '../model-settings/model-settings.js';
import { retrieveCandidates } from '../navigator/candidates.js';
import type { NavigatorGuide } from '../navigator/category.js';
import type { Navigator } from '../navigator/navigator.js';
import { diffPlans } from '../navigator/plan-diff.js';
import type { PracticeSource } from '../practice/practice-problem.js';
import type { SessionState } from '../sessions/rebuild.js';
import type { SessionStore } from '../sessions/store.js';
import type { LeakScreen } from './leak-screen.js';
import { type CompiledReference, compileReference, type ScreenContext } from './leak.js';
import { redactPlanLeaks } from './plan-leak.js';
import { learnerView } from './reveal.js';

export interface TutorDeps {
  store: SessionStore;
  library: Library;
  client: ModelClient;
  models: ModelSettingsService;
  events: EventBus;
  navigator: Navigator;
  practice: PracticeSource;
  newId?: () => string;
  /** The clock for stored times (default: the system clock). */
  now?: () => Date;
}

/** A worked step being streamed: what it has shown is kept if the app closes mid-stream. */
export interface ActiveStream {
  sessionId: string;
  stepIndex: number;
  screen: LeakScreen;
}

export const VERDICT_DETAIL: Record<Verdict, Message> = {
  correct: msg('verdict.correct'),
  equivalent_form: msg('verdict.equivalent_form'),
  incorrect: msg('verdict.incorrect'),
  unparseable: msg('verdict.unparseable'),
  unchecked: msg('verdict.unchecked'),
};

export class TutorContext {
  /** Running worked-step streams by request id. */
  readonly streams = new Map<string, ActiveStream>();
  private readonly compiled = new Map<string, CompiledReference | null>();
  /** Set by shutdown: nothing more is written. */
  closed = false;

  constructor(readonly deps: TutorDeps) {}

  newId(): string {
    return this.deps.newId?.() ?? randomUUID();
  }

  /** The current time as stored in session events. */
  now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  state(sessionId: string): SessionState {
    // Incremental: the store keeps the folded state and applies only the events added since.
    const st = this.deps.store.state(sessionId, (id) => this.summary(id));
    if (!st) throw failure('not_found', msg('tutor.sessionGone'), { action: msg('tutor.sessionGoneAction') });
    return st;
  }

  view(sessionId: string): SessionView {
    const st = this.state(sessionId);
    return learnerView(st, (id) => this.examplesOf(id), this.referenceOf(st));
  }

  reachableStep(st: SessionState, stepIndex: number) {
    const step = st.view.steps[stepIndex];
    if (!step) throw failure('not_found', msg('tutor.noSuchStep', { number: stepIndex + 1 }), { action: msg('tutor.reloadSession') });
    if (stepIndex > st.view.currentStep) throw failure('invalid_input', msg('tutor.stepNotReached'), { action: msg('tutor.stepNotReachedAction') });
    return step;
  }

  append: SessionStore['append'] = (sessionId, type, payload) => {
    if (this.closed) throw failure('internal', msg('tutor.shuttingDown'), { action: msg('tutor.shuttingDownAction') });
    return this.deps.store.append(sessionId, type, payload);
  };

  solver(): ModelEndpoint {
    const ep = this.deps.models.endpoint('solver');
    if (!ep) throw failure(NOT_CONFIGURED.code, msg('tutor.noSolver'), { action: msg('tutor.openSettingsAction') });
    return ep;
  }

  async call(sessionId: string, ep: ModelEndpoint, requestId: string, messages: ChatMessage[]): Promise<CompletionResult> {
    try {
      const r = await this.deps.client.complete(ep, { requestId, messages });
      this.usage(sessionId, r);
      return r;
    } catch (err) {
      if (err instanceof ModelFailure) throw this.modelError(requestId, err);
      throw err;
    }
  }

  modelError(requestId: string, err: ModelFailure): AppFailure {
    const e = toAppError(err);
    this.deps.events.emit(err.code === 'cancelled' ? { requestId, type: 'cancelled' } : { requestId, type: 'error', error: e });
    return new AppFailure(e);
  }

  usage(sessionId: string, r: CompletionResult): void {
    if (this.closed) return;
    this.append(sessionId, 'usage', { promptTokens: r.usage?.promptTokens ?? 0, completionTokens: r.usage?.completionTokens ?? 0 });
  }

  done(requestId: string, view: SessionView): SessionView {
    this.deps.events.emit({ requestId, type: 'done' });
    return view;
  }

  /** The reference, compiled once per distinct answer text (sessions reuse it on every call). */
  referenceOf(st: SessionState): CompiledReference | null {
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

  screenFor(st: SessionState, isLastStep: boolean): ScreenContext {
    return { reference: this.referenceOf(st), isLastStep };
  }

  /** Store a plan version with its texts screened; the texts as written stay hidden until the end. */
  appendPlan(
    sessionId: string,
    version: number,
    reason: Message,
    trajectory: { analysis: string; steps: TrajectoryStep[]; source: Trajectory['source'] },
    reference: CompiledReference | null,
    revision?: { fromIndex: number; oldSteps: TrajectoryStep[] },
    guide?: NavigatorGuide | null,
  ): void {
    const screened = redactPlanLeaks(trajectory, reference);
    const t = screened.trajectory;
    const plan: PlanVersion = {
      version,
      createdAt: this.now(),
      reason,
      analysis: t.analysis,
      steps: t.steps,
      changes: revision ? diffPlans(revision.oldSteps, t.steps) : [],
    };
    this.append(sessionId, 'plan', { plan, keepFrom: revision?.fromIndex ?? 0, ...(screened.unscreened ? { unscreened: screened.unscreened } : {}), ...(guide ? { guide } : {}) });
  }

  suggestions(problem: string): TemplateSummary[] {
    return retrieveCandidates(this.deps.library, problem, 8);
  }

  private examplesOf(id: string) {
    return this.deps.library.findTemplate(id)?.examples ?? null;
  }

  private summary(id: string): TemplateSummary | null {
    const t = this.deps.library.findTemplate(id);
    if (!t) return null;
    const { packId, templateId, name, type, chapter, section, tags } = t;
    return { id, packId, templateId, name, type, chapter, section, tags };
  }
}
