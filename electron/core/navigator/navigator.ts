/**
 * The navigator: asks a model for a plan (a trajectory of template-tied steps) and turns
 * whatever it answers into a grounded plan, or an honest "could not plan" with a reason.
 * At most one repair request per plan; model failures are thrown as ModelFailure.
 */
import path from 'node:path';
import type { TemplateSummary } from '../../../shared/domain.js';
import { trajectoryResponseFormat, type Trajectory, type TrajectoryStep } from '../../../shared/trajectory.js';
import type { Library } from '../library/library.js';
import { ModelFailure, type ChatMessage, type CompletionResult, type ModelClient, type ModelEndpoint, type ResponseFormat } from '../model/index.js';
import { promptMessages } from '../model/render-prompt.js';
import { DEFAULT_CANDIDATES, formatCandidates, retrieveCandidates } from './candidates.js';
import { groundSteps, type GroundingNote } from './ground.js';
import { parseTrajectory } from '../model/parse/trajectory.js';

const PROMPTS = path.join(import.meta.dirname, 'prompts');
export const NAVIGATOR_PROMPTS = {
  plan: path.join(PROMPTS, 'plan.v1.md'),
  repair: path.join(PROMPTS, 'repair.v1.md'),
  replan: path.join(PROMPTS, 'replan.v1.md'),
};
const PREVIOUS_CHARS = 600;

export interface NavigatorDeps {
  library: Library;
  client: ModelClient;
  /** How many templates retrieval offers the model (default 8). */
  candidateCount?: number;
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
  | { ok: true; trajectory: Trajectory; notes: string[]; grounding: GroundingNote[]; candidates: TemplateSummary[] }
  | { ok: false; reason: string; candidates: TemplateSummary[] };

const repairId = (requestId: string) => `${requestId}:repair`;
const replanId = (requestId: string) => `${requestId}:replan`;

export class Navigator {
  constructor(private readonly deps: NavigatorDeps) {}

  candidates(text: string): TemplateSummary[] {
    return retrieveCandidates(this.deps.library, text, this.deps.candidateCount ?? DEFAULT_CANDIDATES);
  }

  /**
   * The request ids a call made with `requestId` may use (the plan's one repair, a re-plan),
   * so a caller cancelling `requestId` can cancel them all without knowing how they are made.
   */
  requestIds(requestId: string): string[] {
    return [requestId, repairId(requestId), replanId(requestId)];
  }

  async planTrajectory(ep: ModelEndpoint, problem: string, ctx: CallContext): Promise<PlanOutcome> {
    const candidates = this.candidates(problem);
    const templates = formatCandidates(this.deps.library, candidates);
    const first = await this.ask(ep, ctx, promptMessages(NAVIGATOR_PROMPTS.plan, { problem, templates }));
    const parsed = this.read(first, candidates);
    if (parsed.ok) return parsed;
    // One bounded repair: tell the model what was wrong, once.
    const repaired = await this.ask(
      ep,
      { ...ctx, requestId: repairId(ctx.requestId) },
      promptMessages(NAVIGATOR_PROMPTS.repair, { problem, templates, reason: parsed.reason, previous: first.slice(0, PREVIOUS_CHARS) || '(empty)' }),
    );
    return this.read(repaired, candidates);
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
    const text = await this.ask(
      ep,
      { ...ctx, requestId: replanId(ctx.requestId) },
      promptMessages(NAVIGATOR_PROMPTS.replan, {
        problem,
        templates: formatCandidates(this.deps.library, candidates),
        done: list(steps.slice(0, fromIndex)),
        remaining: list(remaining),
        reason,
        results: progress.results || '(none yet)',
        attempts: progress.attempts || '(none)',
      }),
    );
    return this.read(text, candidates);
  }

  private read(text: string, candidates: TemplateSummary[]): PlanOutcome {
    const parsed = parseTrajectory(text);
    if (!parsed.ok) return { ok: false, reason: parsed.reason, candidates };
    if (!parsed.trajectory.steps.length) return { ok: false, reason: 'the plan had no steps', candidates };
    const { steps, notes } = groundSteps(this.deps.library, parsed.trajectory.steps, candidates, parsed.v1);
    return { ok: true, trajectory: { ...parsed.trajectory, steps }, notes: parsed.notes, grounding: notes, candidates };
  }

  /** One navigator call with structured output; retried once without it if the server refuses the option. */
  private async ask(ep: ModelEndpoint, ctx: CallContext, messages: ChatMessage[]): Promise<string> {
    const format = trajectoryResponseFormat as unknown as ResponseFormat;
    let result: CompletionResult;
    try {
      result = await this.deps.client.complete(ep, { requestId: ctx.requestId, messages, responseFormat: format });
    } catch (err) {
      if (!(err instanceof ModelFailure) || err.code !== 'bad_response' || err.status !== 400) throw err;
      result = await this.deps.client.complete(ep, { requestId: ctx.requestId, messages });
    }
    ctx.onCompletion?.(result);
    return result.text;
  }
}
