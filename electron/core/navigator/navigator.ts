/**
 * The navigator: asks a model for a plan (a trajectory of template-tied steps) and turns
 * whatever it answers into a grounded plan, or an honest "could not plan" with a reason.
 * At most one repair request per plan: for an unreadable answer, an empty plan, a plan cut off
 * by the token limit (never accepted as it is) or one longer than 8 steps (trimmed with a note
 * if the repair is still too long). Repeated steps are merged. Model failures are thrown as
 * ModelFailure; structured output and its fallback are the model client's (structured-output.ts).
 */
import type { TemplateSummary } from '../../../shared/domain.js';
import { trajectoryResponseFormat, type Trajectory, type TrajectoryStep } from '../../../shared/trajectory.js';
import type { Library } from '../library/library.js';
import type { ChatMessage, CompletionResult, ModelClient, ModelEndpoint, ResponseFormat } from '../model/index.js';
import { mergeDuplicateSteps, PLAN_STEP_RANGE, trimSteps } from '../model/parse/plan-hygiene.js';
import { roleMessages } from '../prompts/messages.js';
import { DEFAULT_CANDIDATES, formatCandidates, retrieveCandidates, type QueryVector } from './candidates.js';
import { askGuide, categoryRequestId, guideQueries, type NavigatorGuide } from './category.js';
import type { SemanticRetrieval } from './semantic.js';
import { groundSteps, type GroundingNote } from './ground.js';
import { parseTrajectory } from '../model/parse/trajectory.js';

const PREVIOUS_CHARS = 600;

/** Why a plan answer could not be used as it is. */
export type PlanProblem = 'unreadable' | 'empty_plan' | 'cut_off' | 'too_long';

export interface NavigatorDeps {
  library: Library;
  client: ModelClient;
  /** How many templates retrieval offers the model (default 12). */
  candidateCount?: number;
  /**
   * Ask the navigator for the problem's category, direction, methods and knowledge before
   * planning, and retrieve on those words too (default true; category.ts).
   */
  guided?: boolean;
  /** Optional semantic retrieval (the endpoint's /v1/embeddings); without it, text retrieval only. */
  semantic?: SemanticRetrieval;
}

/** Per call: the request id (for cancel) and a hook for the session's token bookkeeping. */
export interface CallContext {
  requestId: string;
  onCompletion?: (r: CompletionResult) => void;
}

/** What a re-plan is told about the walk so far (texts already screened and capped by the tutor). */
export interface ReplanProgress {
  /** Results of the steps so far (worked steps, checked results). */
  results?: string;
  /** The learner's attempts on the current step, each with the checker's verdict and feedback. */
  attempts?: string;
}

export type PlanOutcome =
  | { ok: true; trajectory: Trajectory; notes: string[]; grounding: GroundingNote[]; candidates: TemplateSummary[]; guide?: NavigatorGuide | null }
  | { ok: false; reason: string; candidates: TemplateSummary[]; problem?: PlanProblem };

/** A model's answer to a navigator call. */
interface Answer {
  text: string;
  finishReason: string | null;
}

/** A plan answer judged: usable, or why not (a too-long plan keeps its steps for trimming). */
type Assessed = { ok: true; outcome: Extract<PlanOutcome, { ok: true }> } | { ok: false; problem: PlanProblem; reason: string; long?: Extract<PlanOutcome, { ok: true }> };

const repairId = (requestId: string) => `${requestId}:repair`;
const replanId = (requestId: string) => `${requestId}:replan`;

export class Navigator {
  constructor(private readonly deps: NavigatorDeps) {}

  /** The templates offered for `text`, fused with retrieval on `hints` (the guide's words) and the problem's vector. */
  candidates(text: string, hints: readonly string[] = [], vector: QueryVector | null = null): TemplateSummary[] {
    return retrieveCandidates(this.deps.library, text, this.deps.candidateCount ?? DEFAULT_CANDIDATES, hints, vector);
  }

  /** The navigator's category call (null when turned off, failed or unreadable; a cancel is thrown). */
  async guide(ep: ModelEndpoint, problem: string, ctx: CallContext): Promise<NavigatorGuide | null> {
    if (this.deps.guided === false) return null;
    return askGuide(this.deps.client, ep, problem, ctx);
  }

  /**
   * The request ids a call made with `requestId` may use (the plan's one repair, a re-plan),
   * so a caller cancelling `requestId` can cancel them all without knowing how they are made.
   */
  requestIds(requestId: string): string[] {
    return [requestId, categoryRequestId(requestId), repairId(requestId), replanId(requestId)];
  }

  async planTrajectory(ep: ModelEndpoint, problem: string, ctx: CallContext): Promise<PlanOutcome> {
    // First the navigator names the problem's knowledge (ReasonFlux v1's four fields); retrieval
    // then runs on those words beside the problem. Without a guide: plain retrieval.
    // Both optional and run side by side (and beside the tutor's hidden reference request).
    const [guide, vector] = await Promise.all([this.guide(ep, problem, ctx), this.deps.semantic?.queryVector(ep, problem) ?? null]);
    const outcome = await this.planWith(ep, problem, ctx, this.candidates(problem, guideQueries(guide), vector));
    return outcome.ok ? { ...outcome, guide } : outcome;
  }

  private async planWith(ep: ModelEndpoint, problem: string, ctx: CallContext, candidates: TemplateSummary[]): Promise<PlanOutcome> {
    const templates = formatCandidates(this.deps.library, candidates);
    const first = await this.ask(ep, ctx, roleMessages('plan', { problem, templates }, {}));
    const judged = this.assess(first, candidates);
    if (judged.ok) return judged.outcome;
    // One bounded repair: tell the model what was wrong, once.
    const repaired = await this.ask(
      ep,
      { ...ctx, requestId: repairId(ctx.requestId) },
      roleMessages('repair', { problem, templates }, { reason: judged.reason, previous: first.text.slice(0, PREVIOUS_CHARS) || '(empty)' }),
    );
    const again = this.assess(repaired, candidates);
    if (again.ok) return again.outcome;
    // Still too long, or the shorter plan could not be used: the long plan, trimmed, with a note.
    const long = again.long ?? judged.long;
    if (long) {
      const { trajectory, note } = trimSteps(long.trajectory);
      const extra = again.long ? [] : [`the shorter plan asked for could not be used (${again.reason})`];
      return { ...long, trajectory, grounding: long.grounding.filter((g) => g.index < trajectory.steps.length), notes: [...long.notes, ...extra, ...(note ? [note] : [])] };
    }
    return { ok: false, reason: again.reason, problem: again.problem, candidates };
  }

  /**
   * Revise the steps from `fromIndex` on; the returned trajectory holds only the new remaining steps.
   * The model is asked under a request id derived from `ctx.requestId` (see requestIds).
   */
  async replan(
    ep: ModelEndpoint,
    problem: string,
    steps: TrajectoryStep[],
    fromIndex: number,
    reason: string,
    ctx: CallContext,
    progress: ReplanProgress = {},
  ): Promise<PlanOutcome> {
    const remaining = steps.slice(fromIndex);
    const candidates = this.candidates(`${problem}\n${remaining.map((s) => `${s.title} ${s.goal}`).join('\n')}`);
    const list = (xs: TrajectoryStep[]) => (xs.length ? xs.map((s, i) => `${i + 1}. ${s.title}: ${s.goal}${s.templateId ? ` [${s.templateId}]` : ''}`).join('\n') : '(none)');
    const answer = await this.ask(
      ep,
      { ...ctx, requestId: replanId(ctx.requestId) },
      roleMessages('replan', { problem }, {
        templates: formatCandidates(this.deps.library, candidates),
        done: list(steps.slice(0, fromIndex)),
        remaining: list(remaining),
        reason,
        results: progress.results || '(none yet)',
        attempts: progress.attempts || '(none)',
      }),
    );
    const judged = this.assess(answer, candidates);
    if (judged.ok) return judged.outcome;
    // A re-plan gets no repair request: a too-long one is trimmed, anything else is reported.
    if (judged.long) {
      const { trajectory, note } = trimSteps(judged.long.trajectory);
      return { ...judged.long, trajectory, grounding: judged.long.grounding.filter((g) => g.index < trajectory.steps.length), notes: [...judged.long.notes, ...(note ? [note] : [])] };
    }
    return { ok: false, reason: judged.reason, problem: judged.problem, candidates };
  }

  /** Reads, cleans (merged duplicates) and grounds a plan answer, or says why it cannot be used. */
  private assess(answer: Answer, candidates: TemplateSummary[]): Assessed {
    // A plan cut off by the token limit may still parse (the JSON is closed for it), but its
    // last goal ends mid-sentence and later steps are missing: never accepted as it is.
    if (answer.finishReason === 'length') {
      return { ok: false, problem: 'cut_off', reason: 'the answer was cut off by the token limit (finish_reason "length") before the plan was complete; write a shorter plan' };
    }
    const parsed = parseTrajectory(answer.text);
    if (!parsed.ok) return { ok: false, problem: parsed.code, reason: parsed.reason };
    const merged = mergeDuplicateSteps(parsed.trajectory.steps);
    const { steps, notes } = groundSteps(this.deps.library, merged.steps, candidates, parsed.v1);
    const outcome = { ok: true as const, trajectory: { ...parsed.trajectory, steps }, notes: [...parsed.notes, ...merged.notes], grounding: notes, candidates };
    if (steps.length > PLAN_STEP_RANGE.max) {
      return { ok: false, problem: 'too_long', reason: `the plan had ${steps.length} steps; write at most ${PLAN_STEP_RANGE.max}, merging small steps`, long: outcome };
    }
    return { ok: true, outcome };
  }

  /** One navigator call, asking for structured output (the client drops it for servers that refuse it). */
  private async ask(ep: ModelEndpoint, ctx: CallContext, messages: ChatMessage[]): Promise<Answer> {
    const format = trajectoryResponseFormat as unknown as ResponseFormat;
    const result: CompletionResult = await this.deps.client.complete(ep, { requestId: ctx.requestId, messages, responseFormat: format });
    ctx.onCompletion?.(result);
    return { text: result.text, finishReason: result.finishReason };
  }
}
