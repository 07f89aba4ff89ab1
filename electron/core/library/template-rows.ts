/** Maps stored template rows back to the domain shapes the app shows. */
import type { Template, TemplateType, WorkedExample } from '../../../shared/domain.js';
import type { PackTemplateV1 } from '../../../shared/packs/schema.js';
import { type SummaryRow, toSummary } from '../retrieval/summary-row.js';

// The summary columns live with search (which reads them too); re-exported for the library's readers.
export { globalTemplateId, SUMMARY_COLUMNS, type SummaryRow, toSummary } from '../retrieval/summary-row.js';

/** A row of the `packs` table as stored (lists and topics are JSON text). */
export interface PackRow {
  id: string;
  version: string;
  name: string;
  language: string;
  authors: string;
  license: string;
  attribution: string | null;
  description: string;
  topics: string;
  schema_url: string | null;
  source_format: string;
  imported_at: string;
  built_in: number;
  content_hash: string;
}

export interface FullRow extends SummaryRow {
  description: string;
  scope: string;
  steps: string;
  examples: string;
  license: string | null;
  attribution: string | null;
}

export function toTemplate(row: FullRow): Template {
  return {
    ...toSummary(row),
    description: row.description,
    scope: JSON.parse(row.scope) as string[],
    steps: JSON.parse(row.steps) as string[],
    examples: JSON.parse(row.examples) as WorkedExample[],
    ...(row.license !== null ? { license: row.license } : {}),
    ...(row.attribution !== null ? { attribution: row.attribution } : {}),
  };
}

/** The row as a pack-file template, in schema key order (for export). */
export function toPackTemplate(row: FullRow): PackTemplateV1 {
  return {
    id: row.template_id,
    name: row.name,
    type: row.type as TemplateType,
    chapter: row.chapter,
    section: row.section,
    tags: JSON.parse(row.tags) as string[],
    description: row.description,
    scope: JSON.parse(row.scope) as string[],
    steps: JSON.parse(row.steps) as string[],
    examples: (JSON.parse(row.examples) as WorkedExample[]).map(canonicalExample),
    ...(row.license !== null ? { license: row.license } : {}),
    ...(row.attribution !== null ? { attribution: row.attribution } : {}),
  };
}

/** An example with its fields in one fixed order (so hashes and stored JSON are stable). */
export const canonicalExample = (e: WorkedExample): WorkedExample => ({
  problem: e.problem,
  solution: [...e.solution],
  answer: e.answer,
  ...(e.answerCheck !== undefined ? { answerCheck: e.answerCheck } : {}),
});
