/**
 * Where a template sits in its pack's topic tree, as one sortable integer (topic_pos). The
 * write side (packs/import-plan) computes it; the read side (library) turns it back into
 * chapter and section titles. Both use this one definition.
 */
import type { PackV1 } from '../../../shared/packs/schema.js';

/**
 * Sort key of (chapter, section) from the pack's topics, so browsing sorts by one integer:
 * chapter index, then section index. A section (or chapter) missing from topics, which the
 * parser should prevent, sorts after the listed ones of its chapter (or after all chapters).
 */
const SECTION_SLOTS = 1_000_000;

interface ChapterSlots {
  title: string;
  index: number;
  /** Section title → index, in first-listed order (a chapter listed twice merges its sections). */
  sections: Map<string, number>;
}

function chapterSlots(topics: PackV1['topics']): Map<string, ChapterSlots> {
  const chapters = new Map<string, ChapterSlots>();
  for (const topic of topics) {
    let chapter = chapters.get(topic.chapter);
    if (!chapter) chapters.set(topic.chapter, (chapter = { title: topic.chapter, index: chapters.size, sections: new Map() }));
    for (const section of topic.sections) if (!chapter.sections.has(section)) chapter.sections.set(section, chapter.sections.size);
  }
  return chapters;
}

export function topicIndex(pack: PackV1): (chapter: string, section: string) => number {
  const chapters = chapterSlots(pack.topics);
  return (chapterTitle, sectionTitle) => {
    const chapter = chapters.get(chapterTitle);
    if (!chapter) return chapters.size * SECTION_SLOTS;
    return chapter.index * SECTION_SLOTS + (chapter.sections.get(sectionTitle) ?? SECTION_SLOTS - 1);
  };
}

/**
 * The inverse of the sort key, for the same topics: topic_pos → (chapter, section), or null
 * for the catch-all slots of topics the pack did not list (several titles share such a slot).
 */
export function topicAtSlot(topics: PackV1['topics']): (topicPos: number) => { chapter: string; section: string } | null {
  const byIndex = [...chapterSlots(topics).values()].map((c) => ({ title: c.title, sections: [...c.sections.keys()] }));
  return (topicPos) => {
    const chapter = byIndex[Math.floor(topicPos / SECTION_SLOTS)];
    const section = chapter?.sections[topicPos % SECTION_SLOTS];
    return chapter && section !== undefined ? { chapter: chapter.title, section } : null;
  };
}
