/**
 * The teachers' pack commands. Each returns the Result (printed as-is with --json) and the
 * lines a person reads on success; failures are rendered by the caller from the AppError.
 * Everything except `validate` goes through the core's contract, exactly as the app does.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Dispatch } from '../../shared/contract.js';
import type { ImportOutcome, ImportPreview, PackSummary } from '../../shared/domain.js';
import { AppFailure, failure, ok, type Result } from '../../shared/result.js';
import { PackChecker, readPackFile } from '../core/core.js';
import { toAppError } from '../common/cli-output.js';

export interface CommandOutcome {
  result: Result<unknown>;
  /** What to print on success (ignored with --json). */
  lines: () => string[];
}

const failed = (err: unknown): CommandOutcome => ({ result: { ok: false, error: toAppError(err) }, lines: () => [] });

/** readPackFile, with missing files and folders explained instead of surfacing errno text. */
async function readPack(file: string): Promise<{ fileName: string; content: string }> {
  try {
    return await readPackFile(file);
  } catch (err) {
    if (err instanceof AppFailure) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw failure('not_found', `There is no file at ${file}.`, { action: 'Check the path and try again.' });
    if (code === 'EISDIR') throw failure('pack_unreadable', `${file} is a folder, not a pack file.`, { action: 'Give the path of a .json or .md pack file.' });
    throw failure('pack_unreadable', `Could not read ${file}: ${(err as Error).message}`, { action: 'Check the file and its permissions.' });
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const countsLine = (c: Record<'added' | 'changed' | 'removed' | 'unchanged', number>) =>
  `${c.added} added, ${c.changed} changed, ${c.removed} removed, ${c.unchanged} unchanged`;

/** Checked on a worker thread with a time budget, as the app does: a hostile file cannot hang the CLI. */
export async function validateCommand(file: string, asPackId?: string): Promise<CommandOutcome> {
  const checker = new PackChecker();
  try {
    const { fileName, content } = await readPack(file);
    const { pack, sourceFormat, warnings } = await checker.check(fileName, content, asPackId ? { packId: asPackId } : {});
    const value = {
      file: fileName,
      packId: pack.id,
      version: pack.version,
      name: pack.name,
      sourceFormat,
      templates: pack.templates.length,
      chapters: pack.topics.length,
      warnings,
    };
    return {
      result: ok(value),
      lines: () => [
        `${fileName} is a valid pack.`,
        `  pack:      ${pack.id} ${pack.version} "${pack.name}"`,
        `  format:    ${sourceFormat}`,
        `  templates: ${value.templates} in ${plural(value.chapters, 'chapter')}`,
        ...warnings.map((w) => `  warning:   ${w}`),
      ],
    };
  } catch (err) {
    return failed(err);
  } finally {
    checker.close();
  }
}

export async function previewCommand(dispatch: Dispatch, file: string, asPackId?: string): Promise<CommandOutcome> {
  try {
    const result = await dispatch('packs.previewImport', { ...(await readPack(file)), ...(asPackId ? { asPackId } : {}) });
    return {
      result,
      lines: () => {
        const p = (result as { value: ImportPreview }).value;
        const lines = [
          `Preview of importing ${path.basename(file)} (nothing has been changed):`,
          `  pack:              ${p.packId} "${p.name}"`,
          `  version:           ${p.version}`,
          `  installed version: ${p.installedVersion ?? '(not installed)'}`,
          `  action:            ${p.action}${p.action === 'downgrade' ? ' (import needs --force)' : ''}`,
          `  templates:         ${countsLine(p.counts)}`,
          ...p.warnings.map((w) => `  warning:           ${w}`),
        ];
        const changed = p.changes.filter((c) => c.kind !== 'unchanged');
        if (changed.length > 0) {
          lines.push('  changes:');
          for (const c of changed.slice(0, 20)) lines.push(`    ${c.kind.padEnd(8)} ${c.templateId}  ${c.name}`);
          if (changed.length > 20) lines.push(`    …and ${changed.length - 20} more`);
        }
        return lines;
      },
    };
  } catch (err) {
    return failed(err);
  }
}

export async function importCommand(dispatch: Dispatch, file: string, force: boolean, asPackId?: string): Promise<CommandOutcome> {
  try {
    const input = { ...(await readPack(file)), ...(force ? { force: true } : {}), ...(asPackId ? { asPackId } : {}) };
    const result = await dispatch('packs.applyImport', input);
    if (!result.ok && result.error.code === 'pack_older_version' && !result.error.action) {
      result.error.action = 'Run the import again with --force to replace the newer installed version.';
    }
    return {
      result,
      lines: () => {
        const o = (result as { value: ImportOutcome }).value;
        return [`Pack ${o.packId} ${o.version}: ${o.action}.`, `  templates: ${countsLine(o.counts)}`];
      },
    };
  } catch (err) {
    return failed(err);
  }
}

export async function listCommand(dispatch: Dispatch): Promise<CommandOutcome> {
  const result = await dispatch('library.listPacks', {});
  return {
    result,
    lines: () => {
      const packs = (result as { value: PackSummary[] }).value;
      if (packs.length === 0) return ['No packs are installed. Add one with: npm run packs -- import FILE'];
      const rows = [['ID', 'VERSION', 'TEMPLATES', 'NAME'], ...packs.map((p) => [p.id, p.version, String(p.templateCount), p.name + (p.builtIn ? ' (built-in)' : '')])];
      const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
      return rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  '));
    },
  };
}

/**
 * Writes the exported pack to `out` (default: its own file name in the current folder).
 * An existing file is never overwritten unless `force` is set.
 */
export async function exportCommand(dispatch: Dispatch, packId: string, out: string | undefined, force: boolean): Promise<CommandOutcome> {
  try {
    const result = await dispatch('packs.export', { packId });
    if (!result.ok) return { result, lines: () => [] };
    const { fileName, content } = result.value as { fileName: string; content: string };
    const target = path.resolve(out ?? fileName);
    try {
      await fs.writeFile(target, content, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        throw failure('invalid_input', `${target} already exists; it was left as it was.`, {
          action: 'Choose another --out file, or add --force to overwrite it.',
        });
      }
      if (code === 'ENOENT') throw failure('not_found', `The folder for ${target} does not exist.`, { action: 'Create the folder or choose another --out path.' });
      throw failure('internal', `Could not write ${target}: ${(err as Error).message}`, { action: 'Check the folder and its permissions.' });
    }
    const value = { packId, file: target, bytes: Buffer.byteLength(content, 'utf8') };
    return { result: ok(value), lines: () => [`Exported pack ${packId} to ${target} (${plural(value.bytes, 'byte')}).`] };
  } catch (err) {
    return failed(err);
  }
}

export async function removeCommand(dispatch: Dispatch, packId: string): Promise<CommandOutcome> {
  const result = await dispatch('packs.remove', { packId });
  return {
    result,
    lines: () => {
      const r = (result as { value: { packId: string; removedTemplates: number } }).value;
      return [`Removed pack ${r.packId} (${plural(r.removedTemplates, 'template')}).`];
    },
  };
}

/** A built-in pack back as the app ships it (after it was removed, or changed by an older app). */
export async function restoreCommand(dispatch: Dispatch, packId: string): Promise<CommandOutcome> {
  const result = await dispatch('packs.restoreBuiltIn', { packId });
  return {
    result,
    lines: () => {
      const o = (result as { value: ImportOutcome }).value;
      return [`Built-in pack ${o.packId} ${o.version}: ${o.action === 'unchanged' ? 'already as shipped' : 'restored'}.`, `  templates: ${countsLine(o.counts)}`];
    },
  };
}
