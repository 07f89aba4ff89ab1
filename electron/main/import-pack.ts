/**
 * "Import pack…" from the menu: the file is chosen here in the main process (the sandboxed
 * renderer has no file access) and the core reads, parses and checks it once, holding the
 * checked pack under an import id. Only the preview (or why the file cannot be imported)
 * crosses to the renderer, which shows it and applies it by that id: the file's text never
 * goes to the renderer and back. Nothing is installed until the teacher confirms there.
 */
import type { ShellCommand, StagedImportPreview } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';

export interface ImportPackDeps {
  /** dialog.showOpenDialog bound to the window. */
  chooseFile(): Promise<{ canceled: boolean; filePaths: string[] }>;
  /** Core.previewPackFile: read (size-checked, strict UTF-8), check and stage the file. */
  previewFile(filePath: string): Promise<Result<StagedImportPreview & { fileName: string }>>;
  send(command: ShellCommand): void;
}

export const PACK_FILE_FILTERS = [
  { name: 'Template packs', extensions: ['json', 'md', 'markdown', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

/** 'sent': the renderer got the preview, or the reason the file cannot be imported (shown on the Packs screen). */
export async function importPackFromDialog(deps: ImportPackDeps): Promise<'sent' | 'canceled'> {
  const choice = await deps.chooseFile();
  const filePath = choice.filePaths[0];
  if (choice.canceled || !filePath) return 'canceled';
  const result = await deps.previewFile(filePath);
  if (result.ok) {
    const { fileName, ...preview } = result.value;
    deps.send({ command: 'importPack', fileName, result: { ok: true, value: preview } });
  } else {
    deps.send({ command: 'importPack', fileName: baseName(filePath), result });
  }
  return 'sent';
}

/** The file's name as the user sees it (main runs on Windows too; node:path is not needed for this). */
const baseName = (filePath: string): string => filePath.split(/[\\/]/).pop() || filePath;
