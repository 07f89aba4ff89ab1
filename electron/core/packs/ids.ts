/**
 * Deterministic template ids for imported formats that have none. Re-importing the same
 * file must give the same ids, so an update can match templates instead of replacing them.
 */
import { createHash } from 'node:crypto';

const MAX_SLUG_CHARS = 60;

/** Lowercase ASCII slug: letters and digits joined by "-", cut at a word boundary. */
export function slugify(text: string, maxChars = MAX_SLUG_CHARS): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxChars) {
      if (!slug) slug = word.slice(0, maxChars);
      break;
    }
    slug = next;
  }
  return slug;
}

/**
 * `readable-slug-1a2b3c4d`: the slug comes from the LAST part that contains a letter (so
 * `[chapter, section, name, '2']` is slugged from the name); the 8 hex chars are sha1 over
 * all parts. The result always matches the pack schema's `slugId` pattern.
 */
export function stableTemplateId(parts: string[]): string {
  const hash = createHash('sha1').update(parts.join('\u0000'), 'utf8').digest('hex').slice(0, 8);
  const slugs = [...parts].reverse().map((p) => slugify(p));
  const readable = slugs.find((s) => /[a-z]/.test(s)) ?? slugs.find((s) => s.length > 0);
  return readable ? `${readable}-${hash}` : `t-${hash}`;
}
