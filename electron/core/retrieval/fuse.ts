/**
 * Reciprocal-rank fusion (Cormack, Clarke and Büttcher, 2009): each ranked list gives an item
 * weight / (k + rank), summed over the lists it appears in. Scores of different retrievers
 * (BM25, cosine similarity, a topic match) are not comparable; ranks are. k = 60 is the usual
 * constant: it keeps one list's first place from outweighing agreement between lists.
 */

export const RRF_K = 60;

export interface RankedList {
  /** Item ids, best first (a repeated id counts at its first place only). */
  ids: readonly string[];
  /** How much this list counts (1 unless a dev set says otherwise). */
  weight?: number;
  /** Name of the retriever, reported back per item (e.g. 'text', 'topic', 'vector'). */
  source?: string;
}

export interface FusedItem {
  id: string;
  score: number;
  /** 1-based rank of the item in each list that holds it, by source name. */
  ranks: Record<string, number>;
}

/** Fused order, best first; ties keep the order in which items were first seen. `limit` caps the result. */
export function fuseRankings(lists: readonly RankedList[], opts: { k?: number; limit?: number } = {}): FusedItem[] {
  const k = opts.k ?? RRF_K;
  const byId = new Map<string, FusedItem & { first: number }>();
  let seen = 0;
  lists.forEach((list, li) => {
    const weight = list.weight ?? 1;
    const source = list.source ?? `list${li + 1}`;
    const counted = new Set<string>();
    list.ids.forEach((id, i) => {
      if (counted.has(id)) return;
      counted.add(id);
      let item = byId.get(id);
      if (!item) {
        item = { id, score: 0, ranks: {}, first: seen++ };
        byId.set(id, item);
      }
      item.score += weight / (k + i + 1);
      item.ranks[source] = i + 1;
    });
  });
  const fused = [...byId.values()].sort((a, b) => b.score - a.score || a.first - b.first);
  return fused.slice(0, opts.limit ?? fused.length).map(({ id, score, ranks }) => ({ id, score, ranks }));
}
