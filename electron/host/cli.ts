/**
 * `npm run web -- [--port N] [--data-dir DIR] [--open]`: runs the tutor in a browser. Creates
 * the core, serves the built renderer on 127.0.0.1 and prints the one address (with its
 * token) that opens it. Tests and e2e runs may call `runHost` in-process instead.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, defaultDataDir, type Core } from '../core/core.js';
import { EXIT, parseCommandLine, parsePort, UsageError } from '../common/args.js';
import { describeFailure, processIo, toAppError, type CliIo } from '../common/cli-output.js';
import { startHost } from './server.js';

export const WEB_USAGE = `Usage: npm run web -- [--port N] [--data-dir DIR] [--open]

  --port N         Port on 127.0.0.1 to listen on (default: a free one)
  --data-dir DIR   The library folder (default: $RF_DATA_DIR, else the app's data folder)
  --open           Open the address in the default browser
  -h, --help       Show this help`;

const FLAGS = {
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  open: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  // For tests and packaging: serve another build of the renderer.
  'static-dir': { type: 'string' },
} as const;

export const DEFAULT_STATIC_DIR = path.resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');

/** Why the host did not start; `exitCode` is what the process should end with. */
export class HostStartError extends Error {
  constructor(
    readonly lines: string[],
    readonly exitCode: number,
  ) {
    super(lines.join('\n'));
    this.name = 'HostStartError';
  }
}

export interface RunningWebHost {
  url: string;
  port: number;
  token: string;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts core and host, prints the address; throws HostStartError with what to print. */
export async function runHost(argv: string[], io: CliIo = processIo): Promise<RunningWebHost> {
  let flags;
  let port: number;
  try {
    const parsed = parseCommandLine(argv, FLAGS);
    flags = parsed.flags;
    if (flags.help) throw new HostStartError([WEB_USAGE], EXIT.ok);
    if (parsed.positionals.length > 0) throw new UsageError(`Unexpected argument "${parsed.positionals[0]}".`);
    port = parsePort(flags.port);
  } catch (err) {
    if (err instanceof UsageError) throw new HostStartError([err.message, '', WEB_USAGE], EXIT.usage);
    throw err;
  }

  const staticDir = path.resolve(flags['static-dir'] ?? DEFAULT_STATIC_DIR);
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    throw new HostStartError(
      [`The app's page files are missing (no index.html in ${staticDir}). Build them first with: npm run build:renderer`],
      EXIT.failure,
    );
  }
  const dataDir = path.resolve(flags['data-dir'] ?? defaultDataDir());

  let core: Core;
  try {
    core = createCore({
      dataDir,
      shell: 'browser',
      logError: (err) => io.err(`[core] internal error: ${err instanceof Error ? err.message : String(err)}`),
    });
  } catch (err) {
    throw new HostStartError(['The tutor could not open its library.', ...describeFailure(toAppError(err))], EXIT.failure);
  }

  let host;
  try {
    host = await startHost({ dispatch: core.dispatch, onEvent: core.onEvent, staticDir, port, log: (l) => io.err(`[host] ${l}`) });
  } catch (err) {
    core.close();
    throw new HostStartError(['The tutor could not start its web server.', ...describeFailure(toAppError(err))], EXIT.failure);
  }

  io.out(`Listening on ${host.url}`);
  io.out(`Data folder: ${dataDir}`);
  if (flags.open) openInBrowser(host.url, io);

  let closing: Promise<void> | null = null;
  return {
    url: host.url,
    port: host.port,
    token: host.token,
    dataDir,
    close: () =>
      (closing ??= host.close().finally(() => core.close())),
  };
}

/** Best effort: if no browser opener exists the printed address still works. */
function openInBrowser(url: string, io: CliIo): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => io.err('Could not open a browser; open the address above yourself.'));
    child.unref();
  } catch {
    io.err('Could not open a browser; open the address above yourself.');
  }
}

async function main(): Promise<void> {
  let running: RunningWebHost;
  try {
    running = await runHost(process.argv.slice(2));
  } catch (err) {
    if (err instanceof HostStartError) {
      (err.exitCode === EXIT.ok ? processIo.out : processIo.err)(err.lines.join('\n'));
      process.exitCode = err.exitCode;
    } else {
      processIo.err(describeFailure(toAppError(err)).join('\n'));
      process.exitCode = EXIT.failure;
    }
    return;
  }
  const stop = (signal: string) => {
    processIo.err(`Stopping (${signal})…`);
    // Give a stuck close a moment, then leave anyway.
    setTimeout(() => process.exit(EXIT.ok), 3_000).unref();
    void running.close().then(() => process.exit(EXIT.ok));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

const isEntry = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) await main();
