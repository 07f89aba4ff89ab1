/**
 * Folds a session's events into its state. The view the renderer sees and the hidden parts
 * only the tutor uses (reference answer, precomputed help, counters) come from the same fold.
 */
import type { TemplateSummary } from '../../../shared/domain.js';
import type { PlanVersion, SessionView, StepView } from '../../../shared/tutor.js';
import type { PracticeData, StoredEvent } from './events.js';
import type { SessionRow } from './store.js';

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
  };
}

export type TemplateLookup = (id: string) => TemplateSummary | null;

const emptyStep = (s: PlanVersion['steps'][number], lookup: TemplateLookup): StepView => ({
  ...s,
  template: s.templateId ? lookup(s.templateId) : null,
  revealed: {},
  attempts: [],
  canAdvance: false,
});

export function rebuildSession(row: SessionRow, events: StoredEvent[], lookup: TemplateLookup): SessionState {
  const view: SessionView = {
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
  };
  const hidden: SessionState['hidden'] = { practice: null, reference: null, expected: new Map(), replans: 0, incorrectChecks: new Map() };

  for (const e of events) {
    switch (e.type) {
      case 'created': {
        const p = e.payload as StoredEvent<'created'>['payload'];
        view.source = p.source;
        hidden.practice = p.practice ?? null;
        p.practice?.steps.forEach((s, i) => s.expected && hidden.expected.set(i, s.expected));
        break;
      }
      case 'plan': {
        const { plan, keepFrom } = e.payload as StoredEvent<'plan'>['payload'];
        view.plans.push(plan);
        view.analysis = plan.analysis;
        if (plan.version > 1) hidden.replans++;
        const kept = view.steps.slice(0, keepFrom);
        view.steps = [...kept, ...plan.steps.slice(keepFrom).map((s) => emptyStep(s, lookup))];
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
        view.notice = p.notice;
        if (p.suggestions) view.suggestions = p.suggestions;
        break;
      }
      case 'reference':
        hidden.reference = (e.payload as StoredEvent<'reference'>['payload']).answer;
        break;
      case 'rung': {
        const p = e.payload as StoredEvent<'rung'>['payload'];
        const step = view.steps[p.stepIndex];
        if (!step) break;
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
        step.attempts.push(p.attempt);
        step.canAdvance = true;
        if (p.attempt.verdict === 'incorrect') hidden.incorrectChecks.set(p.stepIndex, (hidden.incorrectChecks.get(p.stepIndex) ?? 0) + 1);
        break;
      }
      case 'advance':
        view.currentStep = (e.payload as StoredEvent<'advance'>['payload']).to;
        break;
      case 'final':
        view.finalAttempts.push(e.payload as StoredEvent<'final'>['payload']);
        break;
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
  return { view, hidden };
}
