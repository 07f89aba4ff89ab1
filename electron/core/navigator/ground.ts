/**
 * Ties each planned step to a real library template. Models invent ids, misspell them or
 * give names; a step is re-grounded by name against the candidates, then by retrieval on the
 * step's own text, and otherwise left without a template (never tied to a wrong one silently).
 */
import type { TemplateSummary } from '../../../shared/domain.js';
import type { ReasonFluxV1Meta, TrajectoryStep } from '../../../shared/trajectory.js';
import type { Library } from '../library/library.js';
import { bestNameMatch, type NameCandidate } from './fuzzy.js';

const asNameCandidates = (list: TemplateSummary[]): NameCandidate[] =>
  list.map((t) => ({ id: t.id, name: t.name, context: `${t.chapter} ${t.section} ${t.tags.join(' ')}` }));

export interface GroundingNote {
  index: number;
  from: string | null;
  to: string | null;
  how: 'kept' | 'name' | 'retrieval' | 'none' | 'v1';
}

export function groundSteps(
  library: Library,
  steps: TrajectoryStep[],
  candidates: TemplateSummary[],
  v1?: ReasonFluxV1Meta,
): { steps: TrajectoryStep[]; notes: GroundingNote[] } {
  const exists = (id: string): boolean => {
    return candidates.some((c) => c.id === id) || library.findTemplate(id) !== null;
  };
  const names = asNameCandidates(candidates);
  // A ReasonFlux-v1 dict names one method for the whole flow.
  const v1Match = v1 ? (bestNameMatch(v1.method, names) ?? bestNameMatch(`${v1.direction} ${v1.method}`, names) ?? bestNameMatch(v1.direction, names)) : null;

  const notes: GroundingNote[] = [];
  const out = steps.map((step, i): TrajectoryStep => {
    const given = step.templateId;
    if (given && exists(given)) {
      notes.push({ index: i, from: given, to: given, how: 'kept' });
      return step;
    }
    // A bare template id without its pack ("completing-the-square") is common.
    const bare = given ? candidates.find((c) => c.templateId === given || c.id.endsWith(`/${given}`)) : undefined;
    if (bare) return note(step, i, given, bare.id, 'name');
    const byName = bestNameMatch(step.templateName ?? given?.replace(/[-_/]+/g, ' ') ?? '', names);
    if (byName && (given || step.templateName)) return note(step, i, given, byName.id, 'name');
    if (v1Match) return note(step, i, given, v1Match.id, 'v1');
    if (given || step.templateName) {
      const hit = library.search({ query: `${step.title} ${step.goal}`.slice(0, 1_000), limit: 1 })[0];
      if (hit) return note(step, i, given, hit.template.id, 'retrieval');
    }
    notes.push({ index: i, from: given, to: null, how: 'none' });
    return { ...step, templateId: null };
  });
  return { steps: out, notes };

  function note(step: TrajectoryStep, i: number, from: string | null, to: string, how: GroundingNote['how']): TrajectoryStep {
    notes.push({ index: i, from, to, how });
    return { ...step, templateId: to };
  }
}
