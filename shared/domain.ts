/** Domain types shared by core and renderer. Plain data only. */
import type { Message } from './messages.js';

export const TEMPLATE_TYPES = [
  'method', // a problem-solving procedure
  'theorem', // a property or theorem to apply
  'formula', // an important formula or law
  'corollary', // a secondary conclusion derived from known results
  'definition', // a concept and how to recognise it
  'application', // how a piece of knowledge is applied to a kind of problem
] as const;
export type TemplateType = (typeof TEMPLATE_TYPES)[number];

export interface WorkedExample {
  problem: string;
  /** Solution steps, in order. */
  solution: string[];
  answer: string;
  /** 'manual': a proof or description that cannot be machine-checked. */
  answerCheck?: 'auto' | 'manual';
}

/** A thought template as the app shows it. Text fields may hold `$…$` / `$$…$$` math. */
export interface Template {
  /** Global id: `${packId}/${templateId}`. */
  id: string;
  packId: string;
  templateId: string;
  name: string;
  type: TemplateType;
  chapter: string;
  section: string;
  tags: string[];
  description: string;
  scope: string[];
  steps: string[];
  examples: WorkedExample[];
  license?: string;
  attribution?: string;
}

export type TemplateSummary = Pick<
  Template,
  'id' | 'packId' | 'templateId' | 'name' | 'type' | 'chapter' | 'section' | 'tags'
>;

export interface PackSummary {
  id: string;
  version: string;
  name: string;
  language: string;
  authors: string[];
  license: string;
  attribution?: string;
  description: string;
  templateCount: number;
  /** Practice problems the pack brings (a practice set may have no templates at all). */
  problemCount: number;
  /** 'native' | 'reasonflux-v1' | 'buffer-of-thoughts' */
  sourceFormat: string;
  importedAt: string;
  /** True for packs the app ships (resources/). */
  builtIn: boolean;
}

/** Browse tree for one pack: chapter → section → template summaries. */
export interface TopicTree {
  packId: string;
  chapters: {
    title: string;
    sections: { title: string; templateCount: number }[];
  }[];
}

export interface SearchHit {
  template: TemplateSummary;
  score: number;
  /**
   * Short excerpts around the match. Matched words are wrapped in the marker characters
   * HIGHLIGHT_START / HIGHLIGHT_END; the renderer turns them into <mark>.
   */
  snippet: string;
  /** Which field the snippet came from. */
  snippetField: 'name' | 'tags' | 'description' | 'scope' | 'steps' | 'examples';
}

export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

/** One problem found while validating a pack: where, which rule, in words. */
export interface PackIssue {
  /** File name as given by the user (basename). */
  file: string;
  /** JSON path like `templates[12].steps`, or `line 40` for markdown sources. */
  path: string;
  /** Machine-readable rule id, e.g. `non_empty_list`. */
  rule: string;
  /** `expected a non-empty list of strings`. */
  message: string;
  /** The message as a coded message (shared/messages.ts), where the core has one; `message` is its English. */
  words?: Message;
}

export type ChangeKind = 'added' | 'changed' | 'removed' | 'unchanged';

export interface ImportPreview {
  packId: string;
  name: string;
  version: string;
  installedVersion: string | null;
  /** 'install' | 'update' | 'same' (nothing to do) | 'downgrade' (needs force) */
  action: 'install' | 'update' | 'same' | 'downgrade';
  sourceFormat: string;
  counts: Record<ChangeKind, number> & { templates: number; chapters: number; sections: number };
  /** Template ids per change kind (capped lists for display). */
  changes: { kind: ChangeKind; templateId: string; name: string }[];
  /** Non-fatal notes (e.g. "3 duplicate names were given distinct ids"). */
  warnings: string[];
}

export interface ImportOutcome {
  packId: string;
  version: string;
  action: 'installed' | 'updated' | 'unchanged' | 'downgraded';
  counts: Record<ChangeKind, number>;
}

/** A pack being authored in the app, as listed on the Author screen. */
export interface DraftSummary {
  draftId: string;
  /** The draft's pack id and name as typed so far (may be empty). */
  packId: string;
  name: string;
  version: string;
  templateCount: number;
  updatedAt: string;
}

export interface DraftView {
  draftId: string;
  /** The pack as JSON-compatible data; incomplete until it validates. */
  draft: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface DraftSaved {
  draftId: string;
  updatedAt: string;
}

export interface DraftValidation {
  ok: boolean;
  issues: PackIssue[];
  /** Advice that does not block export (e.g. a template with fewer than 3 steps). */
  warnings: string[];
}
