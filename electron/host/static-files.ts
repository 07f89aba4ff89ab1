/**
 * Serves the built renderer bundle. Only regular files strictly inside the static folder are
 * ever read: the URL path is decoded once, any `..`, `.`, hidden, NUL or backslash segment is
 * refused, and the real path (after symlinks) must still lie inside the folder.
 */
import { createReadStream, promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { TOKEN_META } from '../../shared/host-protocol.js';
import { sendText } from './responses.js';

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

export async function serveStaticFile(res: ServerResponse, file: string): Promise<void> {
  const { size } = await fs.stat(file);
  res.writeHead(200, {
    'Content-Type': mimeTypeFor(file),
    'Content-Length': size,
    // Bundle files are content-hashed by vite, but revalidating keeps a rebuilt bundle honest.
    'Cache-Control': 'no-cache',
  });
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', resolve);
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** index.html with the token placed where the renderer's HTTP transport looks for it. */
export function injectTokenMeta(html: string, token: string): string {
  const meta = `<meta name="${TOKEN_META}" content="${escapeAttribute(token)}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return `${meta}\n${html}`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
}

export async function serveIndex(res: ServerResponse, rootDir: string, token: string): Promise<void> {
  let html: string;
  try {
    html = await fs.readFile(path.join(rootDir, 'index.html'), 'utf8');
  } catch {
    sendText(res, 404, 'The app page is missing. Build it with: npm run build:renderer');
    return;
  }
  const body = Buffer.from(injectTokenMeta(html, token), 'utf8');
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': body.length,
    // The page carries the token: never keep it in a cache.
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
