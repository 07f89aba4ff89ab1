/**
 * Typesetting off the page's thread: a dedicated worker runs MathJax (the lite DOM adaptor
 * needs no document) and answers each formula with the same TexRender the main thread would
 * have made, so even a formula at the size limit never holds the page. See typeset-queue.ts.
 */
import { texToSvg, type TexRender } from './tex-to-svg.js';

export interface TypesetRequest {
  id: number;
  tex: string;
  display: boolean;
}

export interface TypesetReply {
  id: number;
  result: TexRender;
}

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<TypesetRequest>) => void) | null;
  postMessage(reply: TypesetReply): void;
};

scope.onmessage = (event) => {
  const { id, tex, display } = event.data;
  let result: TexRender;
  try {
    result = texToSvg(tex, display);
  } catch (err) {
    result = { ok: false, reason: 'tex_error', message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage({ id, result });
};
