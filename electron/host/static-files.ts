/**
 * Serves the built renderer bundle over HTTP: files named by resolveStaticPath
 * (../common/static-paths.ts, which the desktop shell uses too) and the index page with the
 * per-run token.
 */
import { createReadStream, promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { TOKEN_META } from '../../shared/host-protocol.js';
import { mimeTypeFor } from '../common/static-paths.js';
import { sendText } from './responses.js';

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
