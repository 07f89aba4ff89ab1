/**
 * "Import pack…" from the menu: the file is chosen and read here in the main process (the
 * sandboxed renderer has no file access), then the renderer is asked to show its usual
 * preview. Nothing is installed until the teacher confirms there.
 */
import type { AppError } from '../../shared/result.js';
import type { ShellCommand } from '../ipc-channels.js';

export interface ImportPackDeps {
  /** dialog.showOpenDialog bound to the window. */
  chooseFile(): Promise<{ canceled: boolean; filePaths: string[] }>;
  /** electron/core/packs/read-file.ts: size-checked UTF-8 read of a pack file. */
  readPackFile(filePath: string): Promise<{ fileName: string; content: string }>;
  send(command: ShellCommand): void;
  /** Shown in a native message box when the file cannot be read. */
  showError(error: AppError): void;
}

export const PACK_FILE_FILTERS = [
  { name: 'Template packs', extensions: ['json', 'md', 'markdown', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

export async function importPackFromDialog(deps: ImportPackDeps): Promise<'sent' | 'canceled' | 'failed'> {
  const choice = await deps.chooseFile();
  const filePath = choice.filePaths[0];
  if (choice.canceled || !filePath) return 'canceled';
  try {
    const { fileName, content } = await deps.readPackFile(filePath);
    deps.send({ command: 'importPack', fileName, content });
    return 'sent';
  } catch (err) {
    deps.showError(asAppError(err));
    return 'failed';
  }
}

function asAppError(err: unknown): AppError {
  const carried = (err as { error?: AppError } | null)?.error;
  if (carried && typeof carried.code === 'string' && typeof carried.message === 'string') return carried;
  return {
    code: 'pack_unreadable',
    message: 'The pack file could not be read.',
    action: 'Check that the file exists and that you may open it, then try again.',
  };
}
