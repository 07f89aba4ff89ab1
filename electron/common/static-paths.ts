/**
 * Which file of the built renderer bundle a URL path names, and its MIME type. Both shells
 * serve the bundle (the browser host over HTTP, the desktop app over app://) and both use
 * this: only regular files strictly inside the static folder are ever named. The URL path is
 * decoded once, any `..`, `.`, hidden, NUL or backslash segment is refused, and the real path
 * (after symlinks) must still lie inside the folder.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type ResolvedPath = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps a raw URL path (no query) to a file inside `rootDir`, or says why not. `rootDir` must
 * already be a real absolute path (see `realStaticDir`).
 */
export async function resolveStaticPath(rootDir: string, rawPath: string): Promise<ResolvedPath> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 403 };
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 403 };
  // Hidden files and empty segments (`//`) are never part of the bundle.
  if (segments.some((s) => s === '' || s.startsWith('.'))) return { ok: false, status: 404 };

  const candidate = path.resolve(rootDir, ...segments);
  if (!candidate.startsWith(rootDir + path.sep)) return { ok: false, status: 403 };
  let real: string;
  try {
    real = await fs.realpath(candidate);
    if (!(await fs.stat(real)).isFile()) return { ok: false, status: 404 };
  } catch {
    return { ok: false, status: 404 };
  }
  if (!real.startsWith(rootDir + path.sep)) return { ok: false, status: 403 };
  return { ok: true, file: real };
}

export async function realStaticDir(staticDir: string): Promise<string> {
  return fs.realpath(path.resolve(staticDir));
}
