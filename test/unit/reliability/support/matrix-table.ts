/** The fault matrix as a plain-text table for the test log. */

export interface MatrixRow {
  fault: string;
  where: 'planning' | 'reveal';
  outcome: string;
  message: string;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function formatMatrix(rows: MatrixRow[]): string {
  const cells = rows.map((r) => [r.fault, r.where, r.outcome, clip(r.message.replace(/\s+/g, ' '), 110)]);
  const header = ['fault', 'where', 'outcome code', 'message'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
