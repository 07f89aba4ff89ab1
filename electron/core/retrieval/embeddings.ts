/**
 * Optional semantic retrieval: one vector per template per embedding model (table
 * template_vectors, migration 6), a bounded cosine top-k over them, and the text each
 * template is embedded from. Nothing here calls a model: the caller computes vectors with the
 * endpoint's /v1/embeddings and stores them; everything works with no vectors at all.
 *
 * A vector remembers the template's content_hash; when the template changes, its vector is
 * stale, ignored by the search and listed again by templatesNeedingVectors.
 */
import type Database from 'better-sqlite3';
import { cachedStatement } from '../db/statement-cache.js';
import { globalTemplateId } from './summary-row.js';

/** At most this many vectors are compared per query (100,000 templates fit). */
export const MAX_VECTORS_SCANNED = 200_000;
/** The scan stops after this long and returns the best so far (the caller still gets a list). */
export const VECTOR_BUDGET_MS = 150;
/** Characters of a template's text sent to the embedding model. */
const EMBED_TEXT_CHARS = 2_000;

export interface TemplateText {
  /** Global template id, `packId/templateId`. */
  id: string;
  /** Name, description, scope and tags: what the template is for (examples left out). */
  text: string;
}

/** Templates with no current vector for `model` (none yet, or the template changed), at most `limit`. */
export function templatesNeedingVectors(db: Database.Database, model: string, limit = 256): TemplateText[] {
  const rows = cachedStatement(
    db,
    `SELECT t.pack_id, t.template_id, t.name, t.description, t.scope, t.tags FROM templates t
     LEFT JOIN template_vectors v ON v.template_rowid = t.rowid AND v.model = @model
     WHERE v.template_rowid IS NULL OR v.content_hash <> t.content_hash
     ORDER BY t.rowid LIMIT @limit`,
  ).all({ model, limit }) as { pack_id: string; template_id: string; name: string; description: string; scope: string; tags: string }[];
  return rows.map((r) => ({
    id: globalTemplateId(r.pack_id, r.template_id),
    text: [r.name, r.description, ...(JSON.parse(r.scope) as string[]), (JSON.parse(r.tags) as string[]).join(', ')]
      .join('\n')
      .slice(0, EMBED_TEXT_CHARS),
  }));
}

/**
 * Stores vectors (replacing older ones for the same template and model). Unknown ids are
 * skipped and counted; a vector with no finite values or a different dimension than the
 * first one is refused with an error naming the template.
 */
export function storeTemplateVectors(
  db: Database.Database,
  model: string,
  entries: readonly { id: string; vector: ArrayLike<number> }[],
): { stored: number; unknown: number } {
  if (!model.trim()) throw new Error('storeTemplateVectors: the embedding model name is empty.');
  const dims = entries[0]?.vector.length ?? 0;
  for (const e of entries) {
    if (e.vector.length === 0 || e.vector.length !== dims) {
      throw new Error(`storeTemplateVectors: the vector for "${e.id}" has ${e.vector.length} values; expected ${dims} (model "${model}").`);
    }
    for (let i = 0; i < e.vector.length; i++) {
      if (!Number.isFinite(e.vector[i])) throw new Error(`storeTemplateVectors: the vector for "${e.id}" holds a non-finite value at ${i}.`);
    }
  }
  const find = cachedStatement(db, 'SELECT rowid, content_hash FROM templates WHERE pack_id = ? AND template_id = ?');
  const put = cachedStatement(
    db,
    'INSERT OR REPLACE INTO template_vectors (template_rowid, model, content_hash, dims, vector) VALUES (?, ?, ?, ?, ?)',
  );
  let stored = 0;
  let unknown = 0;
  db.transaction(() => {
    for (const e of entries) {
      const slash = e.id.indexOf('/');
      const row = slash > 0 ? (find.get(e.id.slice(0, slash), e.id.slice(slash + 1)) as { rowid: number; content_hash: string } | undefined) : undefined;
      if (!row) {
        unknown++;
        continue;
      }
      const v = Float32Array.from(e.vector);
      put.run(row.rowid, model, row.content_hash, v.length, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
      stored++;
    }
  })();
  return { stored, unknown };
}

/**
 * The k templates whose current vectors (for `model`) are most cosine-similar to `query`,
 * best first. Bounded: at most `maxRows` vectors, and the scan stops after `budgetMs` with the
 * best found so far (`complete` says whether every vector was compared).
 */
export function vectorTopK(
  db: Database.Database,
  model: string,
  query: ArrayLike<number>,
  k = 12,
  opts: { maxRows?: number; budgetMs?: number; now?: () => number } = {},
): { hits: { id: string; score: number }[]; complete: boolean } {
  const q = Float32Array.from(query);
  let qNorm = 0;
  for (let i = 0; i < q.length; i++) qNorm += q[i]! * q[i]!;
  qNorm = Math.sqrt(qNorm);
  if (q.length === 0 || !(qNorm > 0) || k <= 0) return { hits: [], complete: true };
  const maxRows = opts.maxRows ?? MAX_VECTORS_SCANNED;
  const now = opts.now ?? (() => performance.now());
  const deadline = now() + (opts.budgetMs ?? VECTOR_BUDGET_MS);
  const rows = cachedStatement(
    db,
    `SELECT t.pack_id, t.template_id, v.vector FROM template_vectors v
     JOIN templates t ON t.rowid = v.template_rowid AND t.content_hash = v.content_hash
     WHERE v.model = ? AND v.dims = ? LIMIT ?`,
  ).iterate(model, q.length, maxRows) as IterableIterator<{ pack_id: string; template_id: string; vector: Buffer }>;
  // The best k so far, kept sorted (k is small: insertion beats a heap here).
  const best: { id: string; score: number }[] = [];
  let complete = true;
  let n = 0;
  for (const row of rows) {
    if (n++ % 256 === 0 && now() > deadline) {
      complete = false;
      rows.return?.();
      break;
    }
    const b = row.vector;
    // A view when the blob is 4-byte aligned in its buffer, a copy otherwise.
    const v = b.byteOffset % 4 === 0 ? new Float32Array(b.buffer, b.byteOffset, b.byteLength >> 2) : new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    let dot = 0;
    let norm = 0;
    for (let i = 0; i < v.length; i++) {
      dot += v[i]! * q[i]!;
      norm += v[i]! * v[i]!;
    }
    if (!(norm > 0)) continue;
    const score = dot / (Math.sqrt(norm) * qNorm);
    if (best.length === k && score <= best[k - 1]!.score) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < score) at--;
    best.splice(at, 0, { id: globalTemplateId(row.pack_id, row.template_id), score });
    if (best.length > k) best.pop();
  }
  return { hits: best, complete };
}
