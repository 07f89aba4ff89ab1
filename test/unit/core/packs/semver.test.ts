import { describe, expect, it } from 'vitest';
import { compareSemver } from '../../../../electron/core/packs/semver.js';

describe('compareSemver', () => {
  it('orders versions by semver precedence', () => {
    // The ordering example from the semver 2.0 spec, plus numeric (not text) comparison.
    const ordered = [
      '0.9.9',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.2.0',
      '1.10.0',
      '2.0.0',
      '10.0.0',
      '99999999999999999999.0.0',
    ];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(Math.sign(compareSemver(ordered[i]!, ordered[j]!)), `${ordered[i]} vs ${ordered[j]}`).toBe(Math.sign(i - j));
      }
    }
  });

  it('ignores build metadata', () => {
    expect(compareSemver('1.0.0+build.1', '1.0.0+build.2')).toBe(0);
    expect(compareSemver('1.0.1+a', '1.0.0')).toBeGreaterThan(0);
  });

  it('throws on something that is not a version', () => {
    expect(() => compareSemver('1.0', '1.0.0')).toThrow(/not a semantic version/);
  });
});
