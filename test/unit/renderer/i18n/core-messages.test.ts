/**
 * The core's coded messages: every code has English and Chinese entries with the same
 * placeholders, the renderer renders codes (nested ones too) in the chosen language, and the
 * English the CLI and the Markdown export use is the renderer's English.
 */
import { describe, expect, it } from 'vitest';
import { CORE_MESSAGES_EN, english, msg, textMessage, type CatalogEntry } from '../../../../shared/messages.js';
import { messagesEn } from '../../../../renderer/i18n/messages.en.js';
import { messagesZhCN } from '../../../../renderer/i18n/messages.zh-CN.js';
import { coreMessagesZhCN } from '../../../../renderer/i18n/messages.core.zh-CN.js';
import { translateMessage } from '../../../../renderer/i18n/translate.js';

const placeholders = (entry: CatalogEntry | undefined) =>
  [...new Set([...JSON.stringify(entry ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
const HAN = /\p{Script=Han}/u;

describe('core message catalogs', () => {
  const codes = Object.keys(CORE_MESSAGES_EN) as (keyof typeof CORE_MESSAGES_EN)[];

  it('has a good number of codes to check', () => {
    expect(codes.length).toBeGreaterThan(60);
  });

  it('has every core code in the English and the Chinese catalog, with the same placeholders', () => {
    const problems: string[] = [];
    for (const code of codes) {
      const en = (messagesEn as Record<string, CatalogEntry>)[code];
      const zh = (messagesZhCN as Record<string, CatalogEntry | undefined>)[code];
      if (en !== CORE_MESSAGES_EN[code]) problems.push(`${code}: renderer English differs from shared/messages.ts`);
      if (zh === undefined) problems.push(`${code}: no Chinese`);
      else if (placeholders(zh).join() !== placeholders(CORE_MESSAGES_EN[code]).join()) problems.push(`${code}: placeholders ${placeholders(zh).join()} vs ${placeholders(CORE_MESSAGES_EN[code]).join()}`);
    }
    expect(problems).toEqual([]);
  });

  it('has Chinese that is Chinese (not English copied over) for every sentence', () => {
    // Only the pass-through entries ('{text}', '{first}{second}') have no words of their own.
    const untranslated = codes.filter((c) => c !== 'text' && c !== 'message.join' && !HAN.test(JSON.stringify(coreMessagesZhCN[c])));
    expect(untranslated).toEqual([]);
  });

  it('renders a coded message, nested messages included, in the chosen language', () => {
    const notice = msg('plan.replanned', { step: 2, reason: msg('plan.reason.incorrectTwice', { step: 2, title: 'Sum of roots' }) });
    expect(translateMessage('en', notice)).toBe('The plan was revised from step 2 on, because the learner\'s result for step 2 ("Sum of roots") was judged incorrect twice.');
    expect(translateMessage('zh-CN', notice)).toBe('计划已从第 2 步起修改，原因是：你在第 2 步（“Sum of roots”）的结果两次被判为不正确。');
    expect(english(notice)).toBe(translateMessage('en', notice));
  });

  it('picks plural forms and keeps a parameter\'s own braces as written', () => {
    expect(translateMessage('en', msg('plan.replanLimit', { count: 1 }))).toBe('The plan has already been revised once in this session.');
    expect(translateMessage('en', msg('plan.replanLimit', { count: 3 }))).toBe('The plan has already been revised 3 times in this session.');
    expect(translateMessage('zh-CN', msg('answer.unreadable', { example: '\\frac{1}{2}' }))).toContain('\\frac{1}{2}');
    expect(translateMessage('zh-CN', msg('tutor.final.manual', { answer: '{x}' }))).toBe('这个答案需要人工检查。参考答案是 ${x}$。');
  });

  it('shows model text as written, and an unknown code by its stored text (or the code)', () => {
    expect(translateMessage('zh-CN', textMessage('Yes: $r + s = 5$.'))).toBe('Yes: $r + s = 5$.');
    expect(translateMessage('zh-CN', { code: 'from.a.newer.core', params: { text: 'Kept as written.' } })).toBe('Kept as written.');
    expect(translateMessage('en', { code: 'from.a.newer.core' })).toBe('from.a.newer.core');
  });
});
