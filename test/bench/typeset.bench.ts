/**
 * Bounded rendering (issue 10, point 3): what one formula costs MathJax, what refusing an
 * oversized one costs, and how long the page's thread is held per slice when the typesetting
 * queue has no worker (in the browser the worker takes it all; see test/e2e/security-tex.spec.ts
 * for long tasks measured in Chromium).
 */
import { findDisallowedTex } from '../../shared/tex-allowlist.js';
import { texToSvg } from '../../renderer/math/tex-to-svg.js';
import { typesetIdle, whenTypeset } from '../../renderer/math/typeset-queue.js';
import { HUGE_FORMULA } from '../support/hostile-tex.js';
import { median, time, type Row } from './harness.js';

let salt = 0;
/** A formula of about `chars` characters nobody has typeset yet (the cache would hide the cost). */
function formula(chars: number): string {
  const unit = '\\frac{a_{1}}{b^{2}}+\\sqrt{x}-';
  return `${unit.repeat(Math.max(1, Math.floor((chars - 8) / unit.length)))}${++salt}`;
}

export async function runTypesetBench({ quick = false } = {}): Promise<Row[]> {
  const runs = quick ? 5 : 15;
  texToSvg('x'); // load MathJax first
  const perSize = (chars: number) => median(Array.from({ length: runs }, () => time(() => texToSvg(formula(chars)))));
  const rows: Row[] = [
    { name: 'typeset one formula, 170 chars (longest built-in)', value: perSize(170), unit: 'ms', target: { max: 50, label: '< 50 ms' } },
    { name: 'typeset one formula, 600 chars', value: perSize(600), unit: 'ms' },
    { name: 'typeset one formula, 1,500 chars (the size limit)', value: perSize(1500), unit: 'ms', note: 'in the browser: in the worker, off the page' },
    {
      name: 'refuse the 240 KB formula (size check, not typeset)',
      value: median(Array.from({ length: runs }, () => time(() => texToSvg(`${HUGE_FORMULA}${++salt}`)))),
      unit: 'ms',
      target: { max: 5, label: '< 5 ms' },
    },
    {
      name: 'allowlist scan of 1 MB of TeX',
      value: median(Array.from({ length: runs }, () => time(() => findDisallowedTex('\\frac{a}{b}+\\sqrt{x}\\,'.repeat(45_000))))),
      unit: 'ms',
    },
  ];

  // The page-thread fallback: 300 new formulas through the queue, longest slice.
  performance.clearMeasures('rf-typeset-slice');
  for (let i = 0; i < (quick ? 100 : 300); i++) whenTypeset(formula(120), false, () => {});
  await typesetIdle();
  const slices = performance.getEntriesByName('rf-typeset-slice').map((e) => e.duration);
  rows.push({
    name: `queue without a worker: longest slice (${slices.length} slices)`,
    value: Math.max(...slices),
    unit: 'ms',
    target: { max: 50, label: '< 50 ms' },
  });
  return rows;
}
