/**
 * Reads a pack file from disk for the CLI and the desktop shell: size is checked with stat
 * BEFORE reading (a 200 MB file is refused without loading it), and bytes are decoded as
 * strict UTF-8 so a wrongly encoded file is named, not silently mangled.
 */
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { PACK_LIMITS } from '../../../shared/packs/schema.js';
import { failure } from '../../../shared/result.js';
import { msg } from '../../../shared/messages.js';
import { tooLarge } from './parse.js';

/** Offset of the first byte that is not valid UTF-8 (only called after decoding failed). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    }
    if (len > 1) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + len));
      } catch {
        return i; // overlong, surrogate or out-of-range sequence
      }
    }
    i += len;
  }
  return bytes.length;
}

export async function readPackFile(filePath: string): Promise<{ fileName: string; content: string }> {
  const fileName = path.basename(filePath);
  let info;
  try {
    info = await stat(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const words =
      code === 'ENOENT' ? msg('core.fileMissing', { fileName }) : code === 'EACCES' ? msg('core.fileDenied', { fileName }) : msg('core.fileUnopenable', { fileName, code: code ?? 'error' });
    throw failure('pack_unreadable', words, { action: msg('core.checkPath.action') });
  }
  if (info.isDirectory()) {
    throw failure('pack_unreadable', msg('core.fileIsFolder', { fileName }), { action: msg('core.fileIsFolder.action') });
  }
  if (!info.isFile()) {
    throw failure('pack_unreadable', msg('core.fileNotRegular', { fileName }), { action: msg('core.chooseJsonOrMd.action') });
  }
  if (info.size > PACK_LIMITS.maxFileBytes) throw tooLarge(fileName, info.size);

  // Read at most one byte past the limit, in case the file grew after stat.
  const handle = await open(filePath, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(info.size, PACK_LIMITS.maxFileBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > PACK_LIMITS.maxFileBytes) throw tooLarge(fileName, bytesRead);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    throw failure('pack_unreadable', msg('core.notUtf8', { fileName, byte: (bytes[offset] ?? 0).toString(16).padStart(2, '0'), offset }), {
      action: msg('core.notUtf8.action'),
      details: { byteOffset: offset },
    });
  }
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);
  return { fileName, content };
}
