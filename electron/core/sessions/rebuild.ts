/**
 * Folds a session's events into its state. The view the renderer sees and the hidden parts
 * only the tutor uses (reference answer, precomputed help, counters) come from the same fold.
 * The fold is incremental: `applyEvent` adds one event to a state, so the store can keep a
 * session's state and apply only the events appended since (see store.ts); `rebuildSession`
 * is the same fold from scratch.
 */
import type { TemplateSummary } from '../../../shared/domain.js';
import type { PlanVersion, SessionView, StepView, SupersededStepWork } from '../../../shared/tutor.js';
import type { PracticeData, StoredEvent } from './events.js';
import type { SessionRow } from './events.js';
import { storedMessage, storedReason } from './stored-words.js';

export interface SessionState {
  view: SessionView;
  /** Never sent to the renderer. */
  hidden: {
    practice: PracticeData | null;
    reference: string | null;
    /** Expected result per step index (practice data or what the model said). */
    expected: Map<number, string>;
    replans: number;
    /** Incorrect checks per step since the last plan version. */
    incorrectChecks: Map<number, number>;
    /** Why no reference answer could be computed (the syntactic screen alone is used then). */
    referenceUnavailable: string | null;
    /** Texts as written before held-back values were removed: shown once the learner has finished. */
    unscreened: Unscreened;
  };
}

export type TemplateLookup = (id: string) => TemplateSummary | null;

/** The unredacted texts behind held-back notes (see tutor/reveal.ts). */
export interface Unscreened {
  analysis: string | null;
  /** By step index: the plan's own title, goal and produces. */
  steps: Map<number, { title: string; goal: string; produces: string }>;
  /** By `${stepIndex}:${rung}`. */
  rungs: Map<string, string>;
}

const emptyUnscreened = (): Unscreened => ({ analysis: null, steps: new Map(), rungs: new Map() });

/** A worked step still being streamed (or cut off by a crash): its text so far. */
export interface OpenStream {
  stepIndex: number;
  text: string;
}

const emptyStep = (s: PlanVersion['steps'][number], lookup: TemplateLookup): StepView => ({
  ...s,
  template: s.templateId ? lookup(s.templateId) : null,
  revealed: {},
  attempts: [],
  canAdvance: false,
});

export function emptySessionState(row: SessionRow): SessionState {
  return {
    view: {
      ...row,
      source: 'none',
      analysis: '',
      plans: [],
      currentStep: 0,
      steps: [],
      finalAttempts: [],
      usage: { promptTokens: 0, completionTokens: 0, calls: 0 },
      suggestions: [],
      notice: null,
    },
    hidden: { practice: null, reference: null, referenceUnavailable: null, expected: new Map(), replans: 0, incorrectChecks: new Map(), unscreened: emptyUnscreened() },
  };
}

/** A replaced step's revealed help and attempts, or null when the learner had done nothing on it. */
function supersededWork(step: StepView, planVersion: number): SupersededStepWork | null {
  const r = step.revealed;
  if (r.goal === undefined && !r.template && r.hint === undefined && !r.instantiation && !step.attempts.length) return null;
  return { planVersion, title: step.title, templateId: step.templateId, revealed: { ...r, ...(r.instantiation ? { instantiation: { ...r.instantiation } } : {}) }, attempts: step.attempts.map((a) => ({ ...a })) };
}

/** Add one event to the state (in place). */
export function applyEvent(state: SessionState, e: StoredEvent, lookup: TemplateLookup): void {
  const { view, hidden } = state;
  switch (e.type) {
    case 'created': {
      const p = e.payload as StoredEvent<'created'>['payload'];
      view.source = p.source;
      hidden.practice = p.practice ?? null;
      p.practice?.steps.forEach((s, i) => s.expected && hidden.expected.set(i, s.expected));
      break;
    }
    case 'plan': {
      const { plan: stored, keepFrom } = e.payload as StoredEvent<'plan'>['payload'];
      const plan: PlanVersion = { ...stored, reason: storedReason(stored.reason) };
      view.plans.push(plan);
      view.analysis = plan.analysis;
      if (plan.version > 1) hidden.replans++;
      const kept = view.steps.slice(0, keepFrom);
      const replaced = view.steps.slice(keepFrom, view.currentStep + 1);
      const previousVersion = view.plans.length > 1 ? view.plans[view.plans.length - 2]!.version : 0;
      view.steps = [...kept, ...plan.steps.slice(keepFrom).map((s) => emptyStep(s, lookup))];
      // The work on a replaced step the learner had reached stays on screen (read-only) in the
      // new step at its place, so a re-plan never takes revealed help or attempts away.
      if (view.steps.length > keepFrom) {
        replaced.forEach((old, k) => {
          const work = supersededWork(old, previousVersion);
          const target = view.steps[Math.min(keepFrom + k, view.steps.length - 1)]!;
          if (old.earlier?.length || work) target.earlier = [...(target.earlier ?? []), ...(old.earlier ?? []), ...(work ? [work] : [])];
        });
      }
      const full = (e.payload as StoredEvent<'plan'>['payload']).unscreened;
      hidden.unscreened.analysis = full?.analysis ?? null;
      for (const k of [...hidden.unscreened.steps.keys()]) if (k >= keepFrom) hidden.unscreened.steps.delete(k);
      for (const k of [...hidden.unscreened.rungs.keys()]) if (Number(k.split(':')[0]) >= keepFrom) hidden.unscreened.rungs.delete(k);
      full?.steps.forEach((st, i) => i >= keepFrom && hidden.unscreened.steps.set(i, st));
      for (const k of [...hidden.expected.keys()]) if (k >= keepFrom && !hidden.practice) hidden.expected.delete(k);
      hidden.incorrectChecks.clear();
      view.currentStep = Math.min(view.currentStep, Math.max(0, view.steps.length - 1));
      break;
    }
    case 'expected': {
      const p = e.payload as StoredEvent<'expected'>['payload'];
      hidden.expected.set(p.stepIndex, p.expected);
      break;
    }
    case 'notice': {
      const p = e.payload as StoredEvent<'notice'>['payload'];
      // Words stored before codes (English sentences) become messages here.
      view.notice = p.notice
        ? { code: p.notice.code, message: storedMessage(p.notice.message), ...(p.notice.action !== undefined ? { action: storedMessage(p.notice.action) } : {}) }
        : null;
      if (p.suggestions) view.suggestions = p.suggestions;
      break;
    }
    case 'reference': {
      const p = e.payload as StoredEvent<'reference'>['payload'];
      hidden.reference = p.answer;
      hidden.referenceUnavailable = p.answer ? null : (p.unavailable ?? 'unknown');
      break;
    }
    case 'rung': {
      const p = e.payload as StoredEvent<'rung'>['payload'];
      const step = view.steps[p.stepIndex];
      if (!step) break;
      if (p.unscreened !== undefined) hidden.unscreened.rungs.set(`${p.stepIndex}:${p.rung}`, p.unscreened);
      else hidden.unscreened.rungs.delete(`${p.stepIndex}:${p.rung}`);
      if (p.rung === 'goal') step.revealed.goal = p.text ?? step.goal;
      else if (p.rung === 'template') step.revealed.template = true;
      else if (p.rung === 'hint') step.revealed.hint = p.text ?? '';
      else {
        step.revealed.instantiation = { text: p.text ?? '', complete: p.complete ?? false, heldBack: p.heldBack ?? false };
      }
      step.canAdvance = step.attempts.length > 0 || step.revealed.instantiation?.complete === true;
      break;
    }
    case 'attempt': {
      const p = e.payload as StoredEvent<'attempt'>['payload'];
      const step = view.steps[p.stepIndex];
      if (!step) break;
      step.attempts.push({ ...p.attempt, feedback: storedMessage(p.attempt.feedback) });
      step.canAdvance = true;
      if (p.attempt.verdict === 'incorrect') hidden.incorrectChecks.set(p.stepIndex, (hidden.incorrectChecks.get(p.stepIndex) ?? 0) + 1);
      break;
    }
    case 'advance': {
      const p = e.payload as StoredEvent<'advance'>['payload'];
      const left = view.steps[view.currentStep];
      if (p.movedOn && left) left.movedOn = true;
      view.currentStep = p.to;
      break;
    }
    case 'final': {
      const f = e.payload as StoredEvent<'final'>['payload'];
      view.finalAttempts.push({ ...f, detail: storedMessage(f.detail) });
      break;
    }
    case 'usage': {
      const p = e.payload as StoredEvent<'usage'>['payload'];
      view.usage.promptTokens += p.promptTokens;
      view.usage.completionTokens += p.completionTokens;
      view.usage.calls++;
      break;
    }
    case 'status':
      view.status = (e.payload as StoredEvent<'status'>['payload']).status;
      break;
  }
}

/**
 * A copy the caller may change without touching `state`. Strings are shared (they cannot be
 * changed), so a session with a 1 MB worked step copies in microseconds, not a clone of it.
 */
export function copyState(state: SessionState): SessionState {
  const { view, hidden } = state;
  return {
    view: {
      ...view,
      plans: view.plans.map((p) => ({ ...p, steps: p.steps.map((s) => ({ ...s })), changes: p.changes.map((c) => ({ ...c })) })),
      steps: view.steps.map((s) => ({
        ...s,
        template: s.template ? { ...s.template, tags: [...s.template.tags] } : s.template,
        revealed: { ...s.revealed, ...(s.revealed.instantiation ? { instantiation: { ...s.revealed.instantiation } } : {}) },
        attempts: s.attempts.map((a) => ({ ...a })),
        ...(s.earlier ? { earlier: s.earlier.map((w) => ({ ...w, revealed: { ...w.revealed }, attempts: w.attempts.map((a) => ({ ...a })) })) } : {}),
      })),
      finalAttempts: view.finalAttempts.map((f) => ({ ...f })),
      usage: { ...view.usage },
      suggestions: view.suggestions.map((t) => ({ ...t, tags: [...t.tags] })),
      notice: view.notice ? { ...view.notice } : null,
    },
    hidden: {
      ...hidden,
      practice: hidden.practice ? { ...hidden.practice, steps: hidden.practice.steps.map((s) => ({ ...s })) } : null,
      expected: new Map(hidden.expected),
      incorrectChecks: new Map(hidden.incorrectChecks),
    },
  };
}

/**
 * Open streams are newer than every event (an instantiation event or a re-plan of the step
 * closes them, see store.ts), so each is shown as that step's partial worked step.
 */
export function applyOpenStreams(state: SessionState, streams: readonly OpenStream[], lookup: TemplateLookup): void {
  for (const s of streams) {
    applyEvent(state, { seq: 0, type: 'rung', at: '', payload: { stepIndex: s.stepIndex, rung: 'instantiation', text: s.text, complete: false, heldBack: false } }, lookup);
  }
}

export function rebuildSession(row: SessionRow, events: StoredEvent[], lookup: TemplateLookup, streams: readonly OpenStream[] = []): SessionState {
  const state = emptySessionState(row);
  for (const e of events) applyEvent(state, e, lookup);
  applyOpenStreams(state, streams, lookup);
  return state;
}
