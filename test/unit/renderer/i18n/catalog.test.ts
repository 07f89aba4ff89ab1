/**
 * Keeps every UI string in the catalog: parses each renderer .tsx/.ts file with the
 * TypeScript compiler and checks (1) every t('key') names an English message, (2) every
 * t(`prefix.${x}`) prefix has messages, (3) no JSX text or user-facing attribute is a literal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_TYPES } from '../../../../shared/domain.js';
import { messagesEn } from '../../../../renderer/i18n/messages.en.js';
import { messagesZhCN } from '../../../../renderer/i18n/messages.zh-CN.js';

const rendererDir = path.resolve(import.meta.dirname, '../../../../renderer');
const TEXT_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'aria-description']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(tsx|ts)$/.test(entry.name) && !entry.name.startsWith('messages.') ? [full] : [];
  });
}

interface Findings {
  keys: { key: string; where: string }[];
  prefixes: { prefix: string; where: string }[];
  literals: { text: string; where: string }[];
}

function scan(file: string, findings: Findings, text = readFileSync(file, 'utf8')): void {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const where = (node: ts.Node) =>
    `${path.relative(rendererDir, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
      const arg = node.arguments[0];
      if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) findings.keys.push({ key: arg.text, where: where(node) });
      else if (arg && ts.isTemplateExpression(arg)) findings.prefixes.push({ prefix: arg.head.text, where: where(node) });
    }
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) findings.literals.push({ text: node.text.trim(), where: where(node) });
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer)) {
      if (/\p{L}/u.test(node.initializer.text)) findings.literals.push({ text: node.initializer.text, where: where(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

const findings: Findings = { keys: [], prefixes: [], literals: [] };
for (const file of sourceFiles(rendererDir)) scan(file, findings);
const englishKeys = new Set(Object.keys(messagesEn));

describe('message catalog', () => {
  it('finds the t() calls it is meant to check', () => {
    expect(findings.keys.length).toBeGreaterThan(50);
  });

  it('has an English message for every t(key) in the renderer', () => {
    const missing = findings.keys.filter((k) => !englishKeys.has(k.key));
    expect(missing).toEqual([]);
  });

  it('has messages for every dynamic key prefix', () => {
    const empty = findings.prefixes.filter((p) => ![...englishKeys].some((k) => k.startsWith(p.prefix)));
    expect(empty).toEqual([]);
    for (const type of TEMPLATE_TYPES) expect(englishKeys.has(`type.${type}`)).toBe(true);
    for (const action of ['install', 'update', 'same', 'downgrade']) expect(englishKeys.has(`packs.action.${action}`)).toBe(true);
    for (const outcome of ['installed', 'updated', 'unchanged', 'downgraded']) expect(englishKeys.has(`packs.outcome.${outcome}`)).toBe(true);
  });

  it('would catch a literal (the scan itself works)', () => {
    const probe: Findings = { keys: [], prefixes: [], literals: [] };
    scan(path.join(rendererDir, 'probe.tsx'), probe, `const a = <p title="Hi">Hello {t('x.y')} <b aria-label={t(\`type.\${k}\`)}>×</b></p>;`);
    expect(probe.literals.map((l) => l.text)).toEqual(['Hi', 'Hello']);
    expect(probe.keys.map((k) => k.key)).toEqual(['x.y']);
    expect(probe.prefixes.map((p) => p.prefix)).toEqual(['type.']);
  });

  it('has no JSX text or text attribute that bypasses the catalog', () => {
    expect(findings.literals).toEqual([]);
  });

  it('uses only English keys in the Chinese catalog, with the same placeholders', () => {
    for (const [key, message] of Object.entries(messagesZhCN)) {
      expect(englishKeys.has(key), key).toBe(true);
      const placeholders = (m: unknown) => [...JSON.stringify(m).matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
      const english = new Set(placeholders(messagesEn[key as keyof typeof messagesEn]));
      for (const name of placeholders(message)) expect(english.has(name), `${key} uses {${name}}`).toBe(true);
    }
  });
});
