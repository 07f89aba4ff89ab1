import { describe, expect, it } from 'vitest';
import { slugId } from '../../../../shared/packs/schema.js';
import { slugify, stableTemplateId } from '../../../../electron/core/packs/ids.js';

describe('stableTemplateId', () => {
  it('is a readable slug of the last part with letters plus 8 hex chars of sha1', () => {
    const id = stableTemplateId(['Sequences', 'Mathematical induction', 'Prove by Induction', '0']);
    expect(id).toMatch(/^prove-by-induction-[0-9a-f]{8}$/);
    expect(stableTemplateId(['Sequences', 'Mathematical induction', 'Prove by Induction', '0'])).toBe(id);
    expect(stableTemplateId(['Sequences', 'Mathematical induction', 'Prove by Induction', '1'])).not.toBe(id);
  });

  it('always matches the schema id pattern, even for odd names', () => {
    for (const name of ['', '  ', '√ ∈ ²', 'Ünïcödé Nämé', 'x'.repeat(500), `${'word '.repeat(40)}`]) {
      const id = stableTemplateId(['c', 's', name]);
      expect(slugId.safeParse(id).success, id).toBe(true);
    }
  });

  it('cuts slugs at a word boundary within 60 characters', () => {
    const slug = slugify('Application of the Cosine Theorem to Triangles with Two Sides and the Included Angle');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe('application-of-the-cosine-theorem-to-triangles-with-two');
  });
});
