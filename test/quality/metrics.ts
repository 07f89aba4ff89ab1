/** Retrieval figures over a list of judged queries: recall at 1 and 5, mean reciprocal rank. */

export interface Judged {
  query: string;
  /** Ids a tutor would accept for this query (any one of them counts as a hit). */
  relevant: readonly string[];
}

export interface Figures {
  queries: number;
  r1: number;
  r5: number;
  mrr: number;
}

/** `rank(query)` returns template ids best first; only the first 10 are looked at (MRR@10). */
export function measure(set: readonly Judged[], rank: (query: string) => readonly string[]): Figures & { misses: Judged[] } {
  let r1 = 0;
  let r5 = 0;
  let rr = 0;
  const misses: Judged[] = [];
  for (const item of set) {
    const ids = rank(item.query).slice(0, 10);
    const at = ids.findIndex((id) => item.relevant.includes(id));
    if (at === 0) r1++;
    if (at >= 0 && at < 5) r5++;
    else misses.push(item);
    if (at >= 0) rr += 1 / (at + 1);
  }
  const n = Math.max(1, set.length);
  return { queries: set.length, r1: r1 / n, r5: r5 / n, mrr: rr / n, misses };
}

export const formatFigures = (f: Figures): string =>
  `R@1 ${f.r1.toFixed(2)}  R@5 ${f.r5.toFixed(2)}  MRR ${f.mrr.toFixed(2)}  (${f.queries} queries)`;
