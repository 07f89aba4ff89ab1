/** Tiny benchmark helpers: medians and percentiles, printed in one aligned table. */
export const now = () => performance.now();

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

export function time(fn: () => void): number {
  const t = now();
  fn();
  return now() - t;
}

export async function timeAsync(fn: () => Promise<void>): Promise<number> {
  const t = now();
  await fn();
  return now() - t;
}

export interface Row {
  name: string;
  value: number;
  unit: string;
  target?: { max: number; label: string };
  note?: string;
}

export function printRows(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  const w = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const v = r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(2);
    const verdict = r.target ? (r.value <= r.target.max ? `  ok (target ${r.target.label})` : `  MISSED (target ${r.target.label})`) : '';
    console.log(`  ${r.name.padEnd(w)}  ${v.padStart(9)} ${r.unit}${verdict}${r.note ? `  ${r.note}` : ''}`);
  }
}

/** A deterministic PRNG so generated data and query sets are the same every run. */
export { mulberry32 as rng } from '../../electron/core/util/prng.js';
