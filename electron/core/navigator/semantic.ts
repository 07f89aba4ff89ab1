/**
 * Optional semantic retrieval for the navigator: when the endpoint embeds (ModelClient.
 * embeddingModel, found once per endpoint), the library's templates get one vector each,
 * stored per embedding model (retrieval/embeddings.ts), and the problem's vector becomes one
 * more ranking fused with the text ones (candidates.ts). Indexing runs in the background and
 * is bounded: each planning call starts a run (unless one is going) that embeds at most
 * INDEX_PER_CALL templates with no current vector, within INDEX_BUDGET_MS, so a large library
 * is covered over several plans; planning does not wait for it. The vector ranking is used
 * only once every template has a current vector (a partly indexed library would rank only the
 * templates that happened to be embedded first). Only the problem's own embedding is awaited,
 * with a short timeout. Every failure means "no vector": planning never fails because of it.
 */
import type Database from 'better-sqlite3';
import type { ModelClient, ModelEndpoint } from '../model/index.js';
import { storeTemplateVectors, templatesNeedingVectors, type TemplateText } from '../retrieval/embeddings.js';
import type { QueryVector } from './candidates.js';

/** Where template vectors live (the library database), as the navigator needs it. */
export interface TemplateVectorStore {
  needing(model: string, limit: number): TemplateText[];
  store(model: string, entries: { id: string; vector: number[] }[]): void;
}

export const templateVectorStore = (db: Database.Database): TemplateVectorStore => ({
  needing: (model, limit) => templatesNeedingVectors(db, model, limit),
  store: (model, entries) => void storeTemplateVectors(db, model, entries),
});

const BATCH = 64;
export const INDEX_PER_CALL = 256;
export const INDEX_BUDGET_MS = 5_000;
const QUERY_CHARS = 2_000;
/** Longest wait for the problem's own embedding. */
export const QUERY_TIMEOUT_MS = 10_000;

export class SemanticRetrieval {
  /** One indexing run per embedding model at a time. */
  private readonly indexing = new Map<string, Promise<void>>();

  constructor(
    private readonly client: ModelClient,
    private readonly store: TemplateVectorStore,
    private readonly opts: { perCall?: number; budgetMs?: number; now?: () => number } = {},
  ) {}

  /** The problem's vector for the vector ranking, or null (no embedding model, or any failure). */
  async queryVector(ep: ModelEndpoint, text: string): Promise<QueryVector | null> {
    try {
      const model = await this.client.embeddingModel(ep);
      if (!model) return null;
      // Not awaited: the next plans get the vectors this run stores.
      void this.index(ep, model);
      if (this.store.needing(model, 1).length) return null;
      const { vectors } = await this.client.embed(ep, [text.slice(0, QUERY_CHARS)], { model, timeoutMs: Math.min(ep.timeoutMs ?? QUERY_TIMEOUT_MS, QUERY_TIMEOUT_MS) });
      return vectors[0] ? { model, query: vectors[0] } : null;
    } catch {
      return null;
    }
  }

  /** Embed templates without a current vector: at most perCall of them, within the budget. Never rejects. */
  index(ep: ModelEndpoint, model: string): Promise<void> {
    const key = `${ep.baseUrl}\n${model}`;
    let run = this.indexing.get(key);
    if (!run) {
      run = this.indexSome(ep, model).finally(() => this.indexing.delete(key));
      this.indexing.set(key, run);
    }
    return run;
  }

  private async indexSome(ep: ModelEndpoint, model: string): Promise<void> {
    const now = this.opts.now ?? (() => performance.now());
    const deadline = now() + (this.opts.budgetMs ?? INDEX_BUDGET_MS);
    let todo: TemplateText[];
    try {
      todo = this.store.needing(model, this.opts.perCall ?? INDEX_PER_CALL);
    } catch {
      return; // the database closed under us (the app is quitting)
    }
    for (let i = 0; i < todo.length && now() < deadline; i += BATCH) {
      const batch = todo.slice(i, i + BATCH);
      try {
        const { vectors } = await this.client.embed(ep, batch.map((t) => t.text), { model });
        this.store.store(
          model,
          batch.map((t, j) => ({ id: t.id, vector: vectors[j]! })),
        );
      } catch {
        // The server stopped embedding (or a vector was refused): try again on a later plan.
        return;
      }
    }
  }
}
