/**
 * The final answer and the hidden reference: the reference is worked out beside the plan
 * (so every text is screened by value before the learner sees it), or asked for once when the
 * learner answers; the learner's answer is checked against it.
 */
import { randomUUID } from 'node:crypto';
import { joinMessages, type Message, msg } from '../../../shared/messages.js';
import { failure } from '../../../shared/result.js';
import type { SessionView, Verdict } from '../../../shared/tutor.js';
import { ModelFailure } from '../model/index.js';
import type { SessionState } from '../sessions/rebuild.js';
import { checkAnswer } from './answer/index.js';
import { type TutorContext, VERDICT_DETAIL } from './context.js';
import { roleMessages } from '../prompts/messages.js';
import { readReferenceAnswer } from './solver-replies.js';
import { screenMessage } from './words.js';

/** The request id of the reference answer asked for beside the plan of request `requestId`. */
export const referenceRequestId = (requestId: string) => `${requestId}:reference`;

export class FinalAnswer {
  constructor(private readonly ctx: TutorContext) {}

  async submitAnswer(input: { sessionId: string; answer: string }): Promise<SessionView> {
    const { ctx } = this;
    const { sessionId, answer } = input;
    const st = ctx.state(sessionId);
    const practice = st.hidden.practice;
    // The final-answer box is open from the first step: what it says back is screened like any
    // other text until the learner is on the last step.
    const screen = (detail: Message) => screenMessage(detail, ctx.screenFor(st, st.view.currentStep >= st.view.steps.length - 1));
    if (practice?.answerCheck === 'manual') {
      ctx.append(sessionId, 'final', { answer, verdict: 'unchecked', detail: screen(msg('tutor.final.manual', { answer: practice.answer })), at: ctx.now() });
      return ctx.view(sessionId);
    }
    const reference = practice?.answer ?? (await this.referenceAnswer(st));
    // The problem text tells the checker its conventions (a percent where it asks for a probability).
    const check = await checkAnswer(answer, reference, { question: st.view.problem });
    const verdict: Verdict = check.verdict;
    const detail = joinMessages(VERDICT_DETAIL[verdict], verdict === 'correct' ? null : check.detail);
    ctx.append(sessionId, 'final', { answer, verdict, detail: screen(detail), at: ctx.now() });
    if (verdict === 'correct') ctx.append(sessionId, 'status', { status: 'solved' });
    return ctx.view(sessionId);
  }

  /**
   * Ask the solver for the hidden reference answer (never shown before the learner finishes).
   * Resolves with the answer, or null when none could be had: that is recorded in the session
   * and the texts are then screened by syntax alone.
   */
  async startReference(sessionId: string, problem: string, requestId: string): Promise<string | null> {
    const { ctx } = this;
    const ep = ctx.deps.models.endpoint('solver');
    const record = (answer: string | null, unavailable?: string) => {
      if (!ctx.closed) ctx.append(sessionId, 'reference', answer ? { answer } : { answer: null, unavailable: unavailable ?? 'unreadable' });
      return answer;
    };
    if (!ep) return record(null, 'not_configured');
    try {
      const r = await ctx.deps.client.complete(ep, { requestId: referenceRequestId(requestId), messages: roleMessages('reference', { problem }, {}) });
      ctx.usage(sessionId, r);
      return record(readReferenceAnswer(r.text));
    } catch (err) {
      if (err instanceof ModelFailure) return record(null, err.code);
      throw err;
    }
  }

  /** The hidden reference answer for a typed problem: asked once, then cached in the session. */
  private async referenceAnswer(st: SessionState): Promise<string> {
    const { ctx } = this;
    if (st.hidden.reference) return st.hidden.reference;
    const ep = ctx.solver();
    const result = await ctx.call(st.view.id, ep, `${st.view.id}:reference:${randomUUID()}`, roleMessages('reference', { problem: st.view.problem }, {}));
    const answer = readReferenceAnswer(result.text);
    if (!answer) {
      throw failure('model_error', msg('tutor.noReference'), { action: msg('tutor.noReferenceAction') });
    }
    ctx.append(st.view.id, 'reference', { answer });
    return answer;
  }
}
