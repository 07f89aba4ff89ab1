/**
 * Which importer a file needs. JSON is parsed here (once) because two formats are JSON;
 * markdown is recognised by name or a leading "#". Unknown files get one message that lists
 * what the app does accept.
 */
import { PACK_FORMAT } from '../../../../shared/packs/schema.js';
import { failure } from '../../../../shared/result.js';
import { msg } from '../../../../shared/messages.js';
import { parseJsonText } from '../json-text.js';
import { looksLikeBufferOfThoughts } from './buffer-of-thoughts.js';
import { looksLikeReasonFlux } from './reasonflux.js';

export type SourceFormat = 'native' | 'reasonflux-v1' | 'buffer-of-thoughts';

export type Detected =
  | { format: 'native'; data: unknown }
  | { format: 'reasonflux-v1'; data: Record<string, unknown> }
  | { format: 'buffer-of-thoughts'; text: string };

export const ACCEPTED_FORMATS =
  `a ReasonFlux Tutor pack (.json with "format": "${PACK_FORMAT}"), ` +
  'the ReasonFlux v1 template library (template_library.json), ' +
  'or Buffer-of-Thoughts markdown (.md/.txt with "### Problem Type" entries)';

const notAPack = (fileName: string, why: string) =>
  failure('pack_unreadable', msg('core.notAPack', { fileName, why, accepted: ACCEPTED_FORMATS }), { action: msg('core.notAPack.action') });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function detectFormat(fileName: string, content: string): Detected {
  const trimmed = content.trimStart();
  const markdownName = /\.(md|markdown|txt)$/i.test(fileName);
  if (markdownName || trimmed.startsWith('#')) {
    if (looksLikeBufferOfThoughts(content)) return { format: 'buffer-of-thoughts', text: content };
    throw notAPack(fileName, 'the text has no "### Problem Type" entries');
  }
  if (!trimmed) throw failure('pack_unreadable', msg('core.emptyFile', { fileName, accepted: ACCEPTED_FORMATS }), { action: msg('core.notAPack.action') });
  const data = parseJsonText(fileName, content);
  // A "format" or "formatVersion" key marks a native pack even when its value is wrong,
  // so the teacher gets "format: expected …" instead of "not a pack".
  if (isRecord(data) && ('format' in data || 'formatVersion' in data)) return { format: 'native', data };
  if (looksLikeReasonFlux(data)) return { format: 'reasonflux-v1', data: data as Record<string, unknown> };
  const shape = Array.isArray(data) ? 'it is a JSON list' : isRecord(data) ? 'it is JSON without a "format" key' : 'it is a single JSON value';
  throw notAPack(fileName, shape);
}
