/** The columns of a template that a TemplateSummary needs, and the row → summary mapping (search and browse both read them). */
import type { TemplateSummary, TemplateType } from '../../../shared/domain.js';

/** Columns needed for a TemplateSummary; big JSON fields (steps, examples) stay unread. */
export const SUMMARY_COLUMNS = 't.pack_id, t.template_id, t.name, t.type, t.chapter, t.section, t.tags';

export interface SummaryRow {
  pack_id: string;
  template_id: string;
  name: string;
  type: string;
  chapter: string;
  section: string;
  tags: string;
}

export const globalTemplateId = (packId: string, templateId: string) => `${packId}/${templateId}`;

export function toSummary(row: SummaryRow): TemplateSummary {
  return {
    id: globalTemplateId(row.pack_id, row.template_id),
    packId: row.pack_id,
    templateId: row.template_id,
    name: row.name,
    type: row.type as TemplateType,
    chapter: row.chapter,
    section: row.section,
    tags: JSON.parse(row.tags) as string[],
  };
}
