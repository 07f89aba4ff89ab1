/**
 * Pack file text → a validated PackV1, whatever the source format. This is the only entry
 * point the rest of the core uses; it throws an AppFailure (pack_too_large, pack_unreadable,
 * pack_invalid with every issue listed) and never returns a partial pack.
 */
import type { PackIssue } from '../../../shared/domain.js';
import { PACK_LIMITS, type PackV1 } from '../../../shared/packs/schema.js';
import { AppFailure, failure } from '../../../shared/result.js';
import type { EncodedTemplate } from './template-encoding.js';
import { importBufferOfThoughts } from './importers/buffer-of-thoughts.js';
import { detectFormat, type SourceFormat } from './importers/detect.js';
import { importNative } from './importers/native.js';
import { importReasonFlux } from './importers/reasonflux.js';
import type { ImportResult } from './importers/types.js';
import { validatePack } from './validate.js';

export interface ParsedPack {
  pack: PackV1;
  sourceFormat: 'native' | 'reasonflux-v1' | 'buffer-of-thoughts';
  warnings: string[];
  /** The templates encoded for storage, in order, when the pack checker's worker did it. */
  encoded?: EncodedTemplate[];
}

const MB = 1024 * 1024;

export function tooLarge(fileName: string, bytes: number): AppFailure {
  return failure(
    'pack_too_large',
    `${fileName} is ${(bytes / MB).toFixed(1)} MB; pack files larger than ${PACK_LIMITS.maxFileBytes / MB} MB are refused`,
    { action: 'Split the pack into smaller packs and import them one by one.', details: { bytes, maxBytes: PACK_LIMITS.maxFileBytes } },
  );
}

/** Rewrite `templates[i].field…` issue paths to where the text is in a foreign source file. */
function locateIssues(err: unknown, result: ImportResult): unknown {
  if (!(err instanceof AppFailure) || err.error.code !== 'pack_invalid' || !result.locate) return err;
  const details = err.error.details as { issues: PackIssue[] };
  const issues = details.issues.map((issue) => {
    const m = /^templates\[(\d+)\](?:\.([A-Za-z]+))?(.*)$/.exec(issue.path);
    return m ? { ...issue, path: result.locate!(Number(m[1]), m[2] ?? '', m[3] ?? '') } : issue;
  });
  return new AppFailure({ ...err.error, details: { ...details, issues } });
}

export function parsePackFile(fileName: string, content: string, opts: { packId?: string } = {}): ParsedPack {
  // Cheap check first: a string never has more UTF-16 units than its UTF-8 bytes.
  if (content.length > PACK_LIMITS.maxFileBytes) throw tooLarge(fileName, content.length);
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > PACK_LIMITS.maxFileBytes) throw tooLarge(fileName, bytes);
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;

  const detected = detectFormat(fileName, text);
  let result: ImportResult;
  let sourceFormat: SourceFormat;
  switch (detected.format) {
    case 'native':
      result = importNative(detected.data, opts);
      sourceFormat = 'native';
      break;
    case 'reasonflux-v1':
      result = importReasonFlux(fileName, detected.data, opts);
      sourceFormat = 'reasonflux-v1';
      break;
    case 'buffer-of-thoughts':
      result = importBufferOfThoughts(fileName, detected.text, opts);
      sourceFormat = 'buffer-of-thoughts';
      break;
  }
  try {
    // Importers already warn about duplicate names in their own words.
    const { pack, warnings } = validatePack(fileName, result.data, { warnDuplicateNames: sourceFormat === 'native' });
    return { pack, sourceFormat, warnings: [...result.warnings, ...warnings] };
  } catch (err) {
    throw locateIssues(err, result);
  }
}
