/** A practice problem as the tutor uses it: a precomputed trajectory, so no model is needed. */
import type { PracticeProblemSummary } from '../../../shared/tutor.js';

export interface PracticeStep {
  title: string;
  goal: string;
  /** Global template id ('packId/templateId'). */
  templateId: string;
  produces: string;
  hint: string;
  instantiation: string;
  expected?: string;
}

export interface PracticeProblem extends PracticeProblemSummary {
  answer: string;
  answerCheck: 'auto' | 'manual';
  analysis: string;
  steps: PracticeStep[];
}

/** Where practice problems come from (the library database). */
export interface PracticeSource {
  list(packId?: string): PracticeProblemSummary[];
  get(practiceId: string): PracticeProblem | null;
}
