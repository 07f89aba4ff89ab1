import { describe, expect, it } from 'vitest';
import { translate } from '../../../../renderer/i18n/translate.js';

describe('translate', () => {
  it('fills {name} placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'packs.exported', { fileName: 'algebra-1.0.0.json' })).toBe('Saved algebra-1.0.0.json.');
    expect(translate('en', 'packs.exported')).toBe('Saved {fileName}.');
  });

  it('picks plural forms by count', () => {
    expect(translate('en', 'library.templateCount', { count: 1 })).toBe('1 template');
    expect(translate('en', 'library.templateCount', { count: 0 })).toBe('0 templates');
    expect(translate('en', 'library.templateCount', { count: 12000 })).toBe('12000 templates');
  });

  it('uses the Chinese catalog where it has the key and English where it does not', () => {
    expect(translate('zh-CN', 'nav.library')).toBe('模板库');
    expect(translate('zh-CN', 'library.templateCount', { count: 3 })).toBe('3 个模板');
    expect(translate('zh-CN', 'packs.col.source')).toBe('Source');
  });
});
