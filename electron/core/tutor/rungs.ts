/**
 * The rungs of help on one step (goal, template, hint, worked step), each revealed only on
 * request and stored as it happens. The worked step streams: every piece is screened before it
 * is shown, what was shown is saved every so often (a crash loses little), and a runaway reply
 * is cut at the rung's length cap.
 */
import { english, msg } from '../../../shared/messages.js';
import { failure } from '../../../shared/result.js';
import { type Rung, type SessionView, TRUNCATED } from '../../../shared/tutor.js';
import { ModelFailure } from '../model/index.js';
import type { SessionState } from '../sessions/rebuild.js';
import type { TutorContext } from './context.js';
import { LeakScreen } from './leak-screen.js';
import { screenText } from './leak.js';
import { stepContext } from './prompt-text.js';
import { roleMessages } from '../prompts/messages.js';
import type { Replanner } from './replan.js';
import { segments } from './screen/scan.js';
import { PLAN_DOES_NOT_FIT } from './solver-replies.js';

/** Partial worked steps are saved this often, so a crash loses little. */
const PARTIAL_SAVE_MS = 250;
const PARTIAL_SAVE_CHARS = 400;
/** Longest hint or worked step kept from a model (a runaway reply is cut, with a note). */
export const MAX_RUNG_CHARS = 512_000;

export class Rungs {
  constructor(
    private readonly ctx: TutorContext,
    private readonly replanner: Replanner,
  ) {}

  async reveal(input: { sessionId: string; stepIndex: number; rung: Rung; requestId: string }): Promise<SessionView> {
    const { ctx } = this;
    const { sessionId, stepIndex, rung, requestId } = input;
    const st = ctx.state(sessionId);
    const step = ctx.reachableStep(st, stepIndex);
    const shown = step.revealed;
    // A revealed rung comes back from storage: no model call, no tokens.
    if ((rung === 'goal' && shown.goal !== undefined) || (rung === 'template' && shown.template) || (rung === 'hint' && shown.hint !== undefined)) {
      return ctx.done(requestId, st.view);
    }
    if (rung === 'instantiation' && shown.instantiation?.complete) return ctx.done(requestId, st.view);

    if (rung === 'goal') ctx.append(sessionId, 'rung', { stepIndex, rung, text: step.goal });
    else if (rung === 'template') ctx.append(sessionId, 'rung', { stepIndex, rung });
    else if (rung === 'hint') await this.revealHint(st, stepIndex, requestId);
    else if ((await this.revealInstantiation(st, stepIndex, requestId)) === 'cancelled') {
      if (ctx.closed) throw failure('cancelled', msg('tutor.closedDuringStep'), { action: msg('tutor.closedDuringStepAction') });
      return ctx.view(sessionId);
    }
    return ctx.done(requestId, ctx.view(sessionId));
  }

  private async revealHint(st: SessionState, stepIndex: number, requestId: string): Promise<void> {
    const { ctx } = this;
    const { view, hidden } = st;
    const step = view.steps[stepIndex]!;
    const isLastStep = stepIndex === view.steps.length - 1;
    let text: string;
    if (hidden.practice) {
      // (Practice steps always carry a hint; this is for a pack that somehow lacks one.)
      text = hidden.practice.steps[stepIndex]?.hint ?? english(msg('tutor.noHint'));
    } else {
      const ep = ctx.solver();
      const previous = [step.revealed.goal ? `Goal: ${step.revealed.goal}` : '', step.revealed.template ? 'The template card.' : ''].filter(Boolean).join('\n') || '(nothing yet)';
      const messages = roleMessages('hint', stepContext(ctx.deps.library, view, stepIndex), { previous });
      text = capText((await ctx.call(view.id, ep, requestId, messages)).text.trim(), MAX_RUNG_CHARS);
    }
    const leak = screenText(text, ctx.screenFor(st, isLastStep));
    ctx.append(view.id, 'rung', { stepIndex, rung: 'hint', text: leak.redacted, heldBack: leak.leaked, ...(leak.leaked ? { unscreened: text } : {}) });
  }

  private async revealInstantiation(st: SessionState, stepIndex: number, requestId: string): Promise<'done' | 'cancelled'> {
    const { ctx } = this;
    const { view, hidden } = st;
    const sessionId = view.id;
    const isLastStep = stepIndex === view.steps.length - 1;
    const screen = new LeakScreen(ctx.screenFor(st, isLastStep));
    const emit = (text: string) => text && ctx.deps.events.emit({ requestId, type: 'delta', channel: 'instantiation', text });

    if (hidden.practice) {
      const text = hidden.practice.steps[stepIndex]?.instantiation ?? '';
      const fin = screen.finish(text);
      emit(fin.heldBack ? fin.text : text);
      ctx.append(sessionId, 'rung', { stepIndex, rung: 'instantiation', text: fin.text, complete: true, heldBack: fin.heldBack, ...(fin.heldBack ? { unscreened: text } : {}) });
      return 'done';
    }

    const ep = ctx.solver();
    const messages = roleMessages('instantiate', stepContext(ctx.deps.library, view, stepIndex), {
      isLast: isLastStep
        ? 'This is the last step: end with the final answer as \\boxed{...}.'
        : 'This is not the last step: do not state the final answer of the whole problem.',
    });
    ctx.streams.set(requestId, { sessionId, stepIndex, screen });
    // Only the text shown since the last save is written, as one piece (linear in the step's
    // length, and screen.shown, a copy of everything, is not read per piece); the step's one
    // event replaces the pieces when it ends. A busy database keeps the text for the next save.
    let savedChars = 0;
    let unsaved = '';
    let savedAt = Date.now();
    const savePartial = () => {
      if (ctx.closed) return;
      const end = ctx.deps.store.savePartial(sessionId, stepIndex, savedChars, unsaved);
      if (end !== null) {
        unsaved = unsaved.slice(end - savedChars);
        savedChars = end;
      }
      savedAt = Date.now();
    };
    const received: string[] = [];
    let receivedChars = 0;
    try {
      const result = await ctx.deps.client.complete(ep, { requestId, messages }, (piece) => {
        // A runaway reply is cut at the rung's cap (the client stops the stream on this throw).
        receivedChars += piece.length;
        received.push(piece);
        if (receivedChars > MAX_RUNG_CHARS) throw new ReplyTooLong();
        const shown = screen.push(piece);
        emit(shown);
        unsaved += shown;
        if (unsaved && (unsaved.length >= PARTIAL_SAVE_CHARS || Date.now() - savedAt >= PARTIAL_SAVE_MS)) savePartial();
      });
      if (ctx.closed) return 'cancelled';
      ctx.usage(sessionId, result);
      const misfit = PLAN_DOES_NOT_FIT.exec(result.text);
      const fin = screen.finish(result.text);
      emit(fin.tail);
      ctx.append(sessionId, 'rung', { stepIndex, rung: 'instantiation', text: fin.text, complete: true, heldBack: fin.heldBack, ...(fin.heldBack ? { unscreened: result.text } : {}) });
      if (misfit) await this.replanner.replan(sessionId, stepIndex, msg('plan.reason.doesNotFit', { reason: misfit[1] || msg('plan.reason.noneGiven') }), requestId);
      return 'done';
    } catch (err) {
      if (ctx.closed) return 'cancelled';
      if (err instanceof ReplyTooLong) {
        const text = capText(received.join(''), MAX_RUNG_CHARS);
        const fin = screen.finish(text);
        emit(fin.tail);
        ctx.append(sessionId, 'rung', { stepIndex, rung: 'instantiation', text: fin.text, complete: true, heldBack: fin.heldBack, ...(fin.heldBack ? { unscreened: text } : {}) });
        return 'done';
      }
      if (!(err instanceof ModelFailure)) throw err;
      // Whatever reached the learner is kept (one event), marked incomplete so it is offered again.
      if (screen.shown) ctx.append(sessionId, 'rung', { stepIndex, rung: 'instantiation', text: screen.shown, complete: false, heldBack: false });
      if (err.code === 'cancelled') {
        ctx.deps.events.emit({ requestId, type: 'cancelled' });
        return 'cancelled';
      }
      throw ctx.modelError(requestId, err);
    } finally {
      ctx.streams.delete(requestId);
    }
  }
}

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
