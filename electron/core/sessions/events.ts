/**
 * What can happen in a tutoring session, as append-only events. The SessionView is rebuilt
 * from these (see rebuild.ts), so resuming after a restart is just reading them back.
 *
 * Words for the learner (feedback, verdict details, plan reasons, notices) are stored as coded
 * messages (shared/messages.ts), so a stored session reads in whatever language the app shows.
 * Sessions stored before codes hold English sentences there (`StoredWords`); the fold turns
 * them into messages (stored-words.ts), so both load.
 */
import type { TrajectoryStep } from '../../../shared/trajectory.js';
import type { PlanVersion, Rung, SessionNotice, SessionStatus, StepAttempt, Verdict } from '../../../shared/tutor.js';
import type { TemplateSummary } from '../../../shared/domain.js';
import type { StoredWords } from './stored-words.js';

export type { StoredWords } from './stored-words.js';

/** A plan version as stored: its reason may be an old sentence ('initial' for the first plan). */
export type StoredPlan = Omit<PlanVersion, 'reason'> & { reason: StoredWords };
export type StoredAttempt = Omit<StepAttempt, 'feedback'> & { feedback: StoredWords };
export type StoredNotice = Omit<SessionNotice, 'message' | 'action'> & { message: StoredWords; action?: StoredWords };

/** Precomputed help for a practice problem: works with no model. */
export interface PracticeStepData {
  hint: string;
  instantiation: string;
  expected?: string;
}

export interface PracticeData {
  answer: string;
  answerCheck: 'auto' | 'manual';
  steps: PracticeStepData[];
}

export interface SessionEventMap {
  created: { problem: string; practiceId: string | null; source: 'model' | 'practice' | 'none'; practice?: PracticeData };
  /** `keepFrom`: steps before this index keep their progress (a re-plan revises the rest). */
  /** `guide`: what the navigator named before planning (navigator/category.ts), kept so the retrieval it drove is on record; never shown. */
  plan: {
    plan: StoredPlan;
    keepFrom: number;
    unscreened?: { analysis: string; steps: { title: string; goal: string; produces: string }[] };
    guide?: { category: string; direction: string; methods: string[]; knowledge: string[] };
  };
  /** Model-given expected results for steps, by step index (for symbolic step checks). */
  expected: { stepIndex: number; expected: string };
  notice: { notice: StoredNotice | null; suggestions?: TemplateSummary[] };
  /** The hidden reference answer for a typed problem, asked once. Never shown before solving. */
  reference: { answer: string | null; unavailable?: string };
  /** `unscreened`: the text before held-back values were removed (never sent before the learner finishes). */
  rung: { stepIndex: number; rung: Rung; text?: string; complete?: boolean; heldBack?: boolean; unscreened?: string };
  attempt: { stepIndex: number; attempt: StoredAttempt };
  /** `movedOn`: the learner left the step without a correct check (allowed, and kept on record). */
  advance: { to: number; movedOn?: boolean };
  final: { answer: string; verdict: Verdict; detail: StoredWords; at: string };
  usage: { promptTokens: number; completionTokens: number };
  status: { status: SessionStatus };
}

export type SessionEventType = keyof SessionEventMap;

export interface StoredEvent<T extends SessionEventType = SessionEventType> {
  seq: number;
  type: T;
  payload: SessionEventMap[T];
  at: string;
}

export type PlanStep = TrajectoryStep;

/** One row of the sessions table, as the store hands it out. */
export interface SessionRow {
  id: string;
  problem: string;
  practiceId: string | null;
  createdAt: string;
  updatedAt: string;
  status: SessionStatus;
}
