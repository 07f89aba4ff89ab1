/**
 * Ties each planned step to a real library template. Models invent ids, misspell them or
 * give names. The rule (docs/grounding.md), in order:
 *
 *  1. an id that exists (after trimming quotes, case and spaces) is kept;
 *  2. otherwise the id or name is compared with the candidates offered to the model and with
 *     the library's best search hits for its words: an id one to three typos from a
 *     template's id (by slug length), or a name with confidence ≥ NAME_MATCH_THRESHOLD and a
 *     clear lead over any differently named template, is taken;
 *  3. a ReasonFlux-v1 reply names one method for the whole flow: its confident match is used;
 *  4. otherwise the step's own text (title + goal) is searched, and a hit is taken only when
 *     the step's words cover STEP_COVERAGE of the template's name (the step names the technique);
 *  5. otherwise the step has no template (templateId null): never a wrong one silently.
 */
import type { TemplateSummary } from '../../../shared/domain.js';
import type { ReasonFluxV1Meta, TrajectoryStep } from '../../../shared/trajectory.js';
import type { Library } from '../library/library.js';
import { confidentBest, contentWords, editDistance, nameCoverage, nameTokens, scoreNames, type NameCandidate, type ScoredName } from './fuzzy.js';

/** How much of a template's name (weighted words) the step's own text must mention. */
export const STEP_COVERAGE = 0.75;
/** Search hits looked at for an id's or a name's words, and for a step's text. */
const POOL_HITS = 10;
const STEP_HITS = 5;
const MAX_ID_CHARS = 200;

export interface GroundingNote {
  index: number;
  from: string | null;
  to: string | null;
  how: 'kept' | 'id' | 'name' | 'retrieval' | 'none' | 'v1';
  /** The confidence the match was taken with (1 for kept ids). */
  confidence?: number;
}

/** Edits allowed between a written slug and a template's slug, by the template slug's length. */
export const allowedIdEdits = (length: number): number => (length < 6 ? 0 : length < 12 ? 1 : length < 24 ? 2 : 3);

const LEADING = new Set([...' \t\r\n"\'`[(<{']);
const TRAILING = new Set([...' \t\r\n"\'`])>}.,;:']);

/** `s` without the characters of `lead` at its start and of `trail` at its end (one pass each way). */
function trimSets(s: string, lead: ReadonlySet<string>, trail: ReadonlySet<string>): string {
  let a = 0;
  let b = s.length;
  while (a < b && lead.has(s[a]!)) a++;
  while (b > a && trail.has(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/** What a model wrote as an id, cleaned: no quotes/brackets/trailing dots, lower case, spaces as dashes. */
export function normaliseId(raw: string): string {
  return trimSets(raw.slice(0, MAX_ID_CHARS), LEADING, TRAILING)
    .toLowerCase()
    .split('/')
    .map((part) => part.trim())
    .join('/')
    .replace(/[\s_]+/g, '-');
}

const slugOf = (id: string): string => id.slice(id.lastIndexOf('/') + 1);
/** An id-like string: after the quotes around it, only id characters (no spaces). */
const looksLikeId = (raw: string): boolean => /^[\w./-]+$/.test(trimSets(raw.slice(0, MAX_ID_CHARS), LEADING, TRAILING));

interface Resolved {
  id: string;
  how: 'id' | 'name';
  confidence: number;
}

export class Grounder {
  private readonly summaries = new Map<string, TemplateSummary>();
  private packIds: string[] | null = null;

  constructor(
    private readonly library: Library,
    private readonly candidates: readonly TemplateSummary[],
  ) {
    for (const c of candidates) this.summaries.set(c.id, c);
  }

  exists(id: string): boolean {
    return this.summaries.has(id) || this.library.findTemplate(id) !== null;
  }

  /** Steps 1–2 of the rule for one written id and/or name; null when nothing is confident. */
  resolve(given: string | null, name: string | undefined): Resolved | null {
    const id = given ? normaliseId(given) : '';
    if (id && this.exists(id)) return { id, how: 'id', confidence: 1 };
    const pool = this.pool(id, name);
    if (id && looksLikeId(given ?? '')) {
      const byId = this.byIdTypo(id, pool);
      if (byId) return byId;
    }
    // An id read as a name: its slug's words (the pack part is not part of the name).
    const texts = [name, id ? slugOf(id).replace(/-+/g, ' ') : undefined].filter((t): t is string => !!t && !!t.trim());
    for (const text of texts) {
      const best = this.byName(text, pool);
      if (best) return { id: best.id, how: 'name', confidence: Math.min(1, best.score) };
    }
    return null;
  }

  /** Step 3: a v1 reply's method (or direction + method) as a name. */
  resolveV1(v1: ReasonFluxV1Meta): Resolved | null {
    for (const text of [v1.method, `${v1.direction} ${v1.method}`]) {
      if (!text.trim()) continue;
      const best = this.byName(text, this.pool('', text));
      if (best) return { id: best.id, how: 'name', confidence: Math.min(1, best.score) };
    }
    return null;
  }

  /** Step 4: search the step's own text; a hit only when the step names the technique. */
  byStepText(step: TrajectoryStep): { id: string; confidence: number } | null {
    const text = `${step.title} ${step.goal}`.slice(0, 1_000);
    const words = nameTokens(text);
    if (!words.length) return null;
    for (const hit of this.search(text, STEP_HITS)) {
      const coverage = nameCoverage(nameTokens(hit.name), words);
      if (coverage >= STEP_COVERAGE) return { id: hit.id, confidence: Math.round(coverage * 1000) / 1000 };
    }
    return null;
  }

  /** The candidates, the library's search hits for the written words, and same-slug templates in every pack. */
  private pool(id: string, name: string | undefined): TemplateSummary[] {
    const out = new Map<string, TemplateSummary>(this.summaries);
    // Only the content words: "counting step" must find the "Counting …" names, not every
    // template whose steps say "step".
    const words = contentWords([name ?? '', id ? slugOf(id).replace(/-/g, ' ') : ''].join(' ')).join(' ');
    if (words) for (const t of this.search(words, POOL_HITS)) if (!out.has(t.id)) out.set(t.id, t);
    if (id) {
      const slug = slugOf(id);
      for (const pack of this.packs()) {
        const full = `${pack}/${slug}`;
        if (out.has(full)) continue;
        const t = this.library.findTemplate(full);
        if (t) out.set(full, { id: t.id, packId: t.packId, templateId: t.templateId, name: t.name, type: t.type, chapter: t.chapter, section: t.section, tags: t.tags });
      }
    }
    return [...out.values()];
  }

  /** The one template whose slug is within the allowed edits of the written slug (ties: ambiguous). */
  private byIdTypo(id: string, pool: readonly TemplateSummary[]): Resolved | null {
    const slug = slugOf(id);
    if (!slug) return null;
    let best: { t: TemplateSummary; d: number } | null = null;
    let tied = false;
    for (const t of pool) {
      const target = t.templateId || slugOf(t.id);
      const allowed = allowedIdEdits(target.length);
      const d = editDistance(slug, target, allowed);
      if (d > allowed) continue;
      if (!best || d < best.d) {
        best = { t, d };
        tied = false;
      } else if (d === best.d && t.name !== best.t.name) tied = true;
    }
    if (!best || tied) return null;
    const confidence = 1 - best.d / Math.max(slug.length, 1);
    return { id: best.t.id, how: 'id', confidence: Math.round(confidence * 1000) / 1000 };
  }

  private byName(text: string, pool: readonly TemplateSummary[]): ScoredName | null {
    const names: NameCandidate[] = pool.map((t) => ({ id: t.id, name: t.name, context: `${t.chapter} ${t.section} ${t.tags.join(' ')}` }));
    return confidentBest(scoreNames(text, names));
  }

  private search(text: string, limit: number): TemplateSummary[] {
    try {
      return this.library.search({ query: text.slice(0, 1_000), limit }).map((h) => h.template);
    } catch {
      // A query the index cannot take is no reason to lose the plan: nothing found.
      return [];
    }
  }

  private packs(): string[] {
    this.packIds ??= this.library.listPacks().map((p) => p.id);
    return this.packIds;
  }
}

export function groundSteps(
  library: Library,
  steps: TrajectoryStep[],
  candidates: TemplateSummary[],
  v1?: ReasonFluxV1Meta,
): { steps: TrajectoryStep[]; notes: GroundingNote[] } {
  const grounder = new Grounder(library, candidates);
  let v1Match: Resolved | null | undefined;
  const notes: GroundingNote[] = [];
  const out = steps.map((step, i): TrajectoryStep => {
    const given = step.templateId;
    if (given && grounder.exists(given)) {
      notes.push({ index: i, from: given, to: given, how: 'kept', confidence: 1 });
      return step;
    }
    const wrote = !!given || !!step.templateName;
    const resolved = wrote ? grounder.resolve(given, step.templateName) : null;
    if (resolved) return tie(step, i, given, resolved.id, resolved.how, resolved.confidence);
    if (v1) {
      v1Match ??= grounder.resolveV1(v1);
      if (v1Match) return tie(step, i, given, v1Match.id, 'v1', v1Match.confidence);
    }
    if (wrote) {
      const hit = grounder.byStepText(step);
      if (hit) return tie(step, i, given, hit.id, 'retrieval', hit.confidence);
    }
    notes.push({ index: i, from: given, to: null, how: 'none' });
    return { ...step, templateId: null };
  });
  return { steps: out, notes };

  function tie(step: TrajectoryStep, i: number, from: string | null, to: string, how: GroundingNote['how'], confidence: number): TrajectoryStep {
    notes.push({ index: i, from, to, how, confidence });
    return { ...step, templateId: to };
  }
}
