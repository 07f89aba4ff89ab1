/**
 * Reading a parsed JSON / Python-dict value as a trajectory: our own JSON shape (with the
 * key spellings models drift into) and the ReasonFlux-v1 navigator's dict.
 */
import type { ReasonFluxV1Meta, TrajectorySource } from '../../../../shared/trajectory.js';
import type { LenientValue } from './lenient-json.js';
import { STEP_PREFIX, splitStepText } from './step-text.js';

export interface DraftStep {
  title: string;
  goal: string;
  templateId: string | null;
  templateName?: string;
  produces: string;
}

export interface Draft {
  analysis: string;
  steps: DraftStep[];
  source: TrajectorySource;
  v1?: ReasonFluxV1Meta;
  notes: string[];
}

type Obj = { [key: string]: LenientValue };

const isObj = (v: LenientValue | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `template_id`, `templateId`, `Template ID` all become `templateid`. */
const keyOf = (k: string) => k.toLowerCase().replace(/[^a-z0-9]/g, '');

function pick(obj: Obj, aliases: string[]): LenientValue | undefined {
  for (const alias of aliases) {
    for (const [k, v] of Object.entries(obj)) if (keyOf(k) === alias) return v;
  }
  return undefined;
}

/** Scalars become text; lists of text are joined; anything else is dropped. */
function asText(v: LenientValue | undefined): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => asText(x)).filter(Boolean).join('\n');
  return '';
}

const STEP_LIST_KEYS = ['steps', 'trajectory', 'plan', 'solutionsteps', 'reasoningsteps', 'solutionplan', 'stepbystep'];
const ANALYSIS_KEYS = ['analysis', 'problemanalysis', 'summary', 'overview', 'approach', 'idea', 'strategy'];
const V1_KEYS = ['generalknowledgecategory', 'specificdirection', 'appliedmethod', 'examinedknowledge'];

/** Global ids look like `pack/template` (lowercase slug parts); anything else is a name. */
const TEMPLATE_ID = /^[a-z0-9][a-z0-9._-]{0,95}(?:\/[a-z0-9][a-z0-9._-]{0,95})?$/;
const NO_TEMPLATE = /^(?:null|none|n\/a|na|-|no template|nil)?$/i;

function readTemplate(v: LenientValue | undefined): { templateId: string | null; templateName?: string } {
  if (isObj(v)) {
    const id = asText(pick(v, ['id', 'templateid']));
    const name = asText(pick(v, ['name', 'templatename', 'title']));
    const fromId = readTemplate(id);
    return name ? { ...fromId, templateName: fromId.templateName ?? name } : fromId;
  }
  const text = asText(v);
  if (NO_TEMPLATE.test(text)) return { templateId: null };
  if (TEMPLATE_ID.test(text)) return { templateId: text };
  return { templateId: null, templateName: text };
}

function readStep(item: LenientValue): DraftStep | null {
  if (typeof item === 'string') {
    const { title, goal } = splitStepText(item);
    return title || goal ? { title, goal, templateId: null, produces: '' } : null;
  }
  if (!isObj(item)) return null;
  let title = asText(pick(item, ['title', 'name', 'steptitle', 'heading', 'step', 'label']));
  let goal = asText(pick(item, ['goal', 'description', 'instruction', 'action', 'content', 'text', 'detail', 'details', 'task']));
  const produces = asText(pick(item, ['produces', 'output', 'result', 'expectedoutput', 'expected', 'deliverable', 'outcome']));
  const templateRaw = pick(item, ['templateid', 'template', 'templateref', 'templateslug']);
  const nameRaw = pick(item, ['templatename', 'method', 'appliedmethod']);
  // "step": 2 is a number, not a title; "Step 2: Factor" keeps only "Factor".
  if (/^\d+$/.test(title)) title = '';
  if (STEP_PREFIX.test(title) && title.replace(STEP_PREFIX, '').trim()) title = title.replace(STEP_PREFIX, '').trim();
  if (!title && !goal) return null;
  if (!title) title = splitStepText(goal).title;
  if (!goal) goal = title;
  const template = readTemplate(templateRaw);
  const name = asText(nameRaw);
  const step: DraftStep = { title, goal, produces, ...template };
  if (name && !step.templateName) step.templateName = name;
  return step;
}

function readSteps(list: LenientValue[], notes: string[]): DraftStep[] {
  const steps: DraftStep[] = [];
  let dropped = 0;
  for (const item of list) {
    const step = readStep(item);
    if (step) steps.push(step);
    else dropped++;
  }
  if (dropped) notes.push(`ignored ${dropped} step entr${dropped === 1 ? 'y' : 'ies'} with no text`);
  return steps;
}

function readV1(obj: Obj): Draft | null {
  const flow = pick(obj, ['reasonflow', 'reasoningflow']);
  const flowList = Array.isArray(flow) ? flow : typeof flow === 'string' ? flow.split(/\n+/) : null;
  if (!flowList) return null;
  const notes: string[] = [];
  const steps = readSteps(flowList, notes);
  const knowledgeRaw = pick(obj, ['examinedknowledge', 'knowledge', 'knowledgetag']);
  const v1: ReasonFluxV1Meta = {
    category: asText(pick(obj, ['generalknowledgecategory', 'category'])),
    direction: asText(pick(obj, ['specificdirection', 'direction'])),
    method: asText(pick(obj, ['appliedmethod', 'method'])),
    knowledge: Array.isArray(knowledgeRaw)
      ? knowledgeRaw.map((k) => asText(k)).filter(Boolean)
      : asText(knowledgeRaw)
          .split(/[,;\n]/)
          .map((k) => k.trim())
          .filter(Boolean),
  };
  const analysis = [v1.category, v1.direction, v1.method].filter(Boolean).join(' › ');
  return { analysis, steps, source: 'reasonflux-v1', v1, notes };
}

/** Interprets a parsed value; null when it is not any trajectory shape we know. */
export function draftFromValue(value: LenientValue, depth = 0): Draft | null {
  if (depth > 3) return null;
  if (Array.isArray(value)) {
    const notes: string[] = [];
    const steps = readSteps(value, notes);
    const looksLikeSteps = value.some((v) => isObj(v)) || value.every((v) => typeof v === 'string');
    return steps.length && looksLikeSteps ? { analysis: '', steps, source: 'json', notes } : null;
  }
  if (!isObj(value)) return null;
  const keys = Object.keys(value).map(keyOf);
  if (keys.some((k) => V1_KEYS.includes(k)) || keys.includes('reasonflow')) {
    const v1 = readV1(value);
    if (v1) return v1;
  }
  const list = pick(value, STEP_LIST_KEYS);
  if (Array.isArray(list)) {
    const notes: string[] = [];
    const steps = readSteps(list, notes);
    if (steps.length) return { analysis: asText(pick(value, ANALYSIS_KEYS)), steps, source: 'json', notes };
    // A plan-shaped answer whose list is empty (or holds only empty entries): an empty plan,
    // which the caller reports as such (not as unreadable); a non-empty plan found later wins.
    if (!Object.values(value).some((v) => isObj(v))) return { analysis: asText(pick(value, ANALYSIS_KEYS)), steps: [], source: 'json', notes };
  }
  // A wrapper like {"trajectory": {"analysis": …, "steps": […]}} or {"result": {...}}.
  for (const inner of Object.values(value)) {
    if (isObj(inner)) {
      const draft = draftFromValue(inner, depth + 1);
      if (draft) return draft;
    }
  }
  return null;
}
