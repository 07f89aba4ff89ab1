/** Entry of `npm run packs`: see packs-cli.ts for the commands. */
import { runPacksCli } from './packs-cli.js';
import { processIo } from '../common/cli-output.js';

process.exitCode = await runPacksCli(process.argv.slice(2), processIo);
