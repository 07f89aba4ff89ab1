/** `npm run bench`: prints medians (and percentiles) of the app's performance targets. */
import { runLibraryBench } from './library.bench.js';
import { printRows } from './harness.js';

const quick = process.argv.includes('--quick');
console.log(`ReasonFlux Tutor benchmarks${quick ? ' (quick)' : ''} — node ${process.version}, ${new Date().toISOString()}`);
printRows('Library', runLibraryBench({ quick }));
printRows('Library browse (100,000 templates)', (await import('./browse.bench.js')).runBrowseBench({ quick }));
printRows('Tutor', await (await import('./tutor.bench.js')).runTutorBench({ quick }));
printRows('Streams and storage', await (await import('./streams.bench.js')).runStreamsBench({ quick }));
printRows('Typesetting (bounded rendering)', await (await import('./typeset.bench.js')).runTypesetBench({ quick }));
printRows('Markdown streaming at 1,000 tokens/s', await (await import('./markdown-stream.bench.js')).runMarkdownStreamBench({ quick }));
printRows('Host under hostile input', await (await import('./host-probe.bench.js')).runHostProbeBench({ quick }));
printRows('Host while previewing hostile packs', await (await import('./pack-probe.bench.js')).runPackProbeBench({ quick }));
