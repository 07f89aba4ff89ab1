/**
 * The tutoring session as the renderer sees it, and the model settings. Plain data only.
 * Help for a step is a ladder of rungs; each rung is revealed only when the learner asks.
 */
import { z } from 'zod';
import type { TemplateSummary } from './domain.js';
import type { Message } from './messages.js';
import type { TrajectoryStep } from './trajectory.js';

// ---- model settings ---------------------------------------------------------------------

export const MODEL_ROLES = ['navigator', 'solver'] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];

/**
 * Default max tokens per role, sized for reasoning models (they think out of the same budget):
 * the navigator thinks about the whole problem before writing a plan; the solver answers one
 * step. Reasoned in docs/models.md; used by the core and as the Settings form's defaults.
 */
export const ROLE_MAX_TOKENS = { navigator: 8192, solver: 4096 } as const satisfies Record<ModelRole, number>;

/**
 * Whether a role's calls that want JSON send `response_format`: 'auto' until the server refuses
 * it (then plainly, remembered per endpoint), 'on' always (a refusal is an error), 'off' never.
 */
export const STRUCTURED_OUTPUT_MODES = ['auto', 'on', 'off'] as const;
export type StructuredOutputMode = (typeof STRUCTURED_OUTPUT_MODES)[number];

/** One role's endpoint as the renderer may see it: the API key is never included, only a mask. */
export interface ModelRoleSettings {
  baseUrl: string;
  model: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  /** Whether JSON calls send response_format (absent: 'auto', as for settings saved before it). */
  structuredOutput?: StructuredOutputMode;
  /** e.g. "••••3f9a", or null when no key is stored. */
  apiKeyMask: string | null;
  /** Where these values came from: the app's saved settings, the environment, or defaults. */
  source: 'settings' | 'environment' | 'default';
}

export interface ModelSettingsView {
  navigator: ModelRoleSettings | null;
  /** When `solverUsesNavigator`, the solver role reuses the navigator's endpoint. */
  solver: ModelRoleSettings | null;
  solverUsesNavigator: boolean;
  /** True when the navigator has a base URL and model name. */
  configured: boolean;
  /** Shown before a key is saved when keys cannot be encrypted (no OS keyring, browser mode file). */
  secretStorageNote: string | null;
}

export const modelRoleInput = z.strictObject({
  baseUrl: z.string().trim().url({ error: 'expected a URL like http://127.0.0.1:8000/v1' }).max(500),
  model: z.string().trim().min(1, { error: 'expected a model name' }).max(200),
  temperature: z.number().min(0).max(2).default(0.6),
  topP: z.number().gt(0).max(1).default(0.95),
  maxTokens: z.number().int().min(16).max(200_000).default(4096),
  structuredOutput: z.enum(STRUCTURED_OUTPUT_MODES).default('auto'),
  /** undefined keeps the stored key, null clears it, a string replaces it. */
  apiKey: z.string().max(1000).nullable().optional(),
});
export type ModelRoleInput = z.input<typeof modelRoleInput>;

export interface ServerPresetView {
  id: string;
  label: string;
  baseUrl: string;
  local: boolean;
}

export interface DiscoveredServer {
  presetId: string;
  label: string;
  baseUrl: string;
  models: string[];
}

// ---- sessions ---------------------------------------------------------------------------

/** Stands where a final answer was removed from an early step's text; the renderer shows a note. */
export const HELD_BACK = '[[held-back]]';
/** Stands where a model's runaway reply was cut at the rung's length cap; the renderer shows a note. */
export const TRUNCATED = '[[truncated]]';

export const RUNGS = ['goal', 'template', 'hint', 'instantiation'] as const;
export type Rung = (typeof RUNGS)[number];

export type Verdict = 'correct' | 'equivalent_form' | 'incorrect' | 'unparseable' | 'unchecked';

export interface StepAttempt {
  text: string;
  verdict: Verdict;
  /** What the tutor says about it (a coded message; the judge's own words as `text`). */
  feedback: Message;
  at: string;
}

export interface StepView extends TrajectoryStep {
  template: TemplateSummary | null;
  /** Rungs the learner has revealed, with their content. Absent = not revealed yet. */
  revealed: {
    goal?: string;
    template?: true;
    hint?: string;
    instantiation?: {
      text: string;
      /** False for a stream cut short (app closed, cancelled, failed): offered again. */
      complete: boolean;
      /** True when a final answer was found in an early step and held back. */
      heldBack: boolean;
    };
  };
  attempts: StepAttempt[];
  /**
   * Indices of the template card's worked examples that are hidden on this step, because their
   * answer is this step's expected result or the problem's answer.
   */
  hiddenExamples?: number[];
  /** The learner may move on after a check or a reveal of the instantiation. */
  canAdvance: boolean;
  /** The learner moved on from this step without a correct check (their checks were wrong). */
  movedOn?: boolean;
  /**
   * Work done on this step's place under earlier plan versions (a re-plan replaced the step):
   * its revealed help and the learner's attempts, oldest first, kept on screen read-only.
   */
  earlier?: SupersededStepWork[];
}

/** A replaced step's revealed help and attempts, as they were under plan version `planVersion`. */
export interface SupersededStepWork {
  planVersion: number;
  title: string;
  templateId: string | null;
  revealed: StepView['revealed'];
  attempts: StepAttempt[];
}

export interface PlanVersion {
  version: number;
  createdAt: string;
  /** Why this plan was made: `plan.initial`, or what broke the previous one. */
  reason: Message;
  analysis: string;
  steps: TrajectoryStep[];
  /** Differences from the previous version (empty for the first). */
  changes: { kind: 'added' | 'removed' | 'changed'; index: number; title: string }[];
}

export interface SessionSummary {
  id: string;
  problem: string;
  createdAt: string;
  updatedAt: string;
  status: SessionStatus;
  practiceId: string | null;
}

/** A notice in a session: `code` is its kind (the renderer branches on it), the words are coded. */
export interface SessionNotice {
  code: string;
  message: Message;
  action?: Message;
}

export type SessionStatus = 'planning' | 'active' | 'solved' | 'failed';

export interface SessionView extends SessionSummary {
  /** 'model': planned by the navigator; 'practice': a precomputed trajectory (works offline). */
  source: 'model' | 'practice' | 'none';
  analysis: string;
  plans: PlanVersion[];
  /** 0-based index into `steps` of the step the learner is on. */
  currentStep: number;
  steps: StepView[];
  finalAttempts: { answer: string; verdict: Verdict; detail: Message; at: string }[];
  usage: { promptTokens: number; completionTokens: number; calls: number };
  /** Templates suggested for the problem when no plan could be made (no model, failure). */
  suggestions: TemplateSummary[];
  /** A notice for the learner, e.g. why planning failed and what to do. */
  notice: SessionNotice | null;
}

export interface PracticeProblemSummary {
  id: string;
  packId: string;
  title: string;
  problem: string;
  subject: string;
  level: number;
}
