/** `npm run bench`: prints medians (and percentiles) of the app's performance targets. */
import { runLibraryBench } from './library.bench.js';
import { printRows } from './harness.js';

const quick = process.argv.includes('--quick');
console.log(`ReasonFlux Tutor benchmarks${quick ? ' (quick)' : ''} — node ${process.version}, ${new Date().toISOString()}`);
printRows('Library', runLibraryBench({ quick }));
