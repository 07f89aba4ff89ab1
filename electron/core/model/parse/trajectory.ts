/**
 * Reads a navigator model's answer into a Trajectory. Models wrap, truncate and reformat what
 * we ask for, so this accepts JSON (fenced or inside prose, Python-dict style, cut off), the
 * ReasonFlux-v1 navigator dict, the ReasonFlux-V2 strategy text, and plain numbered lists.
 * It never throws: anything unreadable comes back as `{ ok: false, reason }`.
 */
import {
  TRAJECTORY_LIMITS,
  type ReasonFluxV1Meta,
  type Trajectory,
  type TrajectoryStep,
} from '../../../../shared/trajectory.js';
import { candidateStarts, fencedBlocks, stripThinking } from './clean.js';
import { parseLenient } from './lenient-json.js';
import { draftFromStrategyText } from './strategy-text.js';
import { type Draft, draftFromValue } from './structured.js';

export type ParseTrajectoryResult =
  | { ok: true; trajectory: Trajectory; notes: string[]; v1?: ReasonFluxV1Meta }
  /** `empty_plan`: a plan was there but its list of steps was empty; `unreadable`: no plan at all. */
  | { ok: false; reason: string; code: 'empty_plan' | 'unreadable' };

/** Longer answers are cut before parsing; no honest plan is this long. */
const MAX_INPUT_CHARS = 400_000;

const NO_PLAN =
  'The model’s answer did not contain a plan we could read (expected JSON with a "steps" list, or a numbered list of steps).';

/** The first plan with steps; failing that, the first plan-shaped answer with none (an empty plan). */
const EMPTY_PLAN = 'The model’s plan has no steps (its list of steps was empty).';

function fromStructured(text: string): Draft | null {
  let empty: Draft | null = null;
  const pieces = [...fencedBlocks(text), text];
  for (const piece of pieces) {
    const trimmed = piece.trimStart();
    const offset = piece.length - trimmed.length;
    const starts = /^[{[]/.test(trimmed) ? [offset, ...candidateStarts(piece)] : candidateStarts(piece);
    for (const start of new Set(starts)) {
      const parsed = parseLenient(piece, start);
      if (!parsed || typeof parsed.value !== 'object' || parsed.value === null) continue;
      const draft = draftFromValue(parsed.value);
      if (draft && !draft.steps.length) empty ??= draft;
      else if (draft) {
        if (parsed.repaired) draft.notes.push('the answer was cut off; closed the unfinished JSON');
        return draft;
      }
    }
  }
  return empty;
}

function clip(text: string, noteOnce: () => void): string {
  if (text.length <= TRAJECTORY_LIMITS.maxFieldChars) return text;
  noteOnce();
  return `${text.slice(0, TRAJECTORY_LIMITS.maxFieldChars - 1)}…`;
}

function finish(draft: Draft, notes: string[]): ParseTrajectoryResult {
  let clipped = false;
  const noteClip = () => {
    clipped = true;
  };
  let steps = draft.steps;
  if (steps.length > TRAJECTORY_LIMITS.maxSteps) {
    notes.push(`the plan had ${steps.length} steps; kept the first ${TRAJECTORY_LIMITS.maxSteps}`);
    steps = steps.slice(0, TRAJECTORY_LIMITS.maxSteps);
  }
  const outSteps: TrajectoryStep[] = steps.map((s, i) => {
    const step: TrajectoryStep = {
      index: i + 1,
      title: clip(s.title, noteClip),
      goal: clip(s.goal, noteClip),
      templateId: s.templateId === null ? null : clip(s.templateId, noteClip),
      produces: clip(s.produces, noteClip),
    };
    if (s.templateName) step.templateName = clip(s.templateName, noteClip);
    return step;
  });
  const trajectory: Trajectory = { analysis: clip(draft.analysis, noteClip), steps: outSteps, source: draft.source };
  if (clipped) notes.push(`shortened text fields longer than ${TRAJECTORY_LIMITS.maxFieldChars} characters`);
  const allNotes = [...notes, ...draft.notes];
  if (draft.v1) {
    const v1: ReasonFluxV1Meta = {
      category: clip(draft.v1.category, noteClip),
      direction: clip(draft.v1.direction, noteClip),
      method: clip(draft.v1.method, noteClip),
      knowledge: draft.v1.knowledge.slice(0, 50).map((k) => clip(k, noteClip)),
    };
    return { ok: true, trajectory, notes: allNotes, v1 };
  }
  return { ok: true, trajectory, notes: allNotes };
}

function readPlan(text: string): Draft | null {
  if (!text.trim()) return null;
  const structured = fromStructured(text);
  if (structured?.steps.length) return structured;
  return draftFromStrategyText(text) ?? structured;
}

export function parseTrajectory(raw: string): ParseTrajectoryResult {
  try {
    if (typeof raw !== 'string') return { ok: false, code: 'unreadable', reason: 'The model returned no text.' };
    const notes: string[] = [];
    let text = raw.replace(/\r\n?/g, '\n');
    if (text.length > MAX_INPUT_CHARS) {
      text = text.slice(0, MAX_INPUT_CHARS);
      notes.push(`the answer was longer than ${MAX_INPUT_CHARS} characters; read only the start`);
    }
    if (!text.trim()) return { ok: false, code: 'unreadable', reason: 'The model returned an empty answer.' };
    const cleaned = stripThinking(text);
    notes.push(...cleaned.notes);
    let draft = readPlan(cleaned.text);
    if (!draft?.steps.length && cleaned.thinking.trim()) {
      const inner = readPlan(cleaned.thinking);
      if (inner?.steps.length) {
        draft = inner;
        notes.push('no plan after the reasoning block; read the plan from inside it');
      } else draft ??= inner;
    }
    if (!draft) return { ok: false, code: 'unreadable', reason: NO_PLAN };
    if (!draft.steps.length) return { ok: false, code: 'empty_plan', reason: EMPTY_PLAN };
    return finish(draft, notes);
  } catch (err) {
    return { ok: false, code: 'unreadable', reason: `Reading the model’s plan failed unexpectedly: ${String(err).slice(0, 200)}` };
  }
}
