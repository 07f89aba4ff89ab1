/**
 * `npm run packs -- <command>`: the teachers' command line for template packs. Parses the
 * arguments, opens the library (except for `validate`, which never touches it), runs one
 * command and prints either readable lines or, with --json, the Result for scripts.
 */
import { acquireImportLock, createCore, defaultDataDir, type Core, type ImportLock } from '../core/core.js';
import { EXIT, parseCommandLine, UsageError } from '../common/args.js';
import { describeFailure, toAppError, type CliIo } from '../common/cli-output.js';
import {
  exportCommand,
  importCommand,
  listCommand,
  previewCommand,
  removeCommand,
  restoreCommand,
  validateCommand,
  type CommandOutcome,
} from './pack-commands.js';

const FLAGS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  force: { type: 'boolean' },
  'no-wait': { type: 'boolean' },
  out: { type: 'string' },
  as: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Command → its one positional argument's name (null: takes none). */
const COMMANDS = {
  validate: 'FILE',
  preview: 'FILE',
  import: 'FILE',
  list: null,
  export: 'PACK_ID',
  remove: 'PACK_ID',
  restore: 'PACK_ID',
} as const;
type CommandName = keyof typeof COMMANDS;

export const PACKS_USAGE = `Usage: npm run packs -- <command> [options]

Commands:
  validate FILE            Check a pack file; the library is not touched
  preview FILE             Show what importing FILE would change (changes nothing)
  import FILE [--force] [--as NEW_ID]
                           Install or update the pack in FILE
                           (--force: allow replacing a newer installed version;
                           --as NEW_ID: install it under another id, e.g. a copy of
                           a built-in pack, whose ids core/starter/practice are reserved)
  list                     List the installed packs
  export PACK_ID [--out FILE] [--force]
                           Write a pack to FILE (default: PACK_ID-VERSION.json in the
                           current folder); an existing file is kept unless --force
  remove PACK_ID           Remove a pack and its templates
  restore PACK_ID          Put a built-in pack (core, starter, practice) back as the app
                           ships it, after it was removed or changed

Options:
  --data-dir DIR   The library folder (default: $RF_DATA_DIR, else the app's data folder)
  --json           Print the result as JSON for scripts ({"ok":true,"value":...} or
                   {"ok":false,"error":{"code","message","action","details"}})
  --no-wait        import/remove: stop at once if another import is running on the
                   library (by default the command waits for it to finish)
  -h, --help       Show this help

Exit status: 0 done, 1 invalid file or failed action, 2 wrong usage.`;

function checkUsage(positionals: string[], flags: { force?: boolean; out?: string; as?: string; 'no-wait'?: boolean }): { command: CommandName; arg?: string } {
  const [command, ...rest] = positionals;
  if (!command) throw new UsageError('Give a command.');
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, command)) throw new UsageError(`Unknown command "${command}".`);
  const name = command as CommandName;
  const argName = COMMANDS[name];
  if (argName && rest.length === 0) throw new UsageError(`${name} needs ${argName}.`);
  if (rest.length > (argName ? 1 : 0)) throw new UsageError(`Too many arguments for ${name}: ${rest.join(' ')}`);
  if (flags.force && name !== 'import' && name !== 'export') throw new UsageError('--force applies to import and export only.');
  if (flags.out !== undefined && name !== 'export') throw new UsageError('--out applies to export only.');
  if (flags.as !== undefined && name !== 'import' && name !== 'preview' && name !== 'validate') throw new UsageError('--as applies to validate, preview and import only.');
  if (flags['no-wait'] && !LOCKED_COMMANDS.has(name)) throw new UsageError('--no-wait applies to import, remove and restore only.');
  return { command: name, arg: rest[0] };
}

/** Commands that write packs: one at a time per library (see import-lock.ts). */
const LOCKED_COMMANDS: ReadonlySet<CommandName> = new Set(['import', 'remove', 'restore']);

async function runWithCore(
  dataDir: string,
  io: CliIo,
  run: (core: Core) => Promise<CommandOutcome>,
  lock?: { command: string; wait: boolean },
): Promise<CommandOutcome> {
  let held: ImportLock | undefined;
  if (lock) {
    try {
      held = await acquireImportLock(dataDir, {
        ...lock,
        onWait: (holder) => io.err(`Another pack import is running on this library (${holder}); waiting for it to finish…`),
      });
    } catch (err) {
      return { result: { ok: false, error: toAppError(err) }, lines: () => [] };
    }
  }
  try {
    return await runWithCoreLocked(dataDir, io, run);
  } finally {
    held?.release();
  }
}

async function runWithCoreLocked(dataDir: string, io: CliIo, run: (core: Core) => Promise<CommandOutcome>): Promise<CommandOutcome> {
  let core: Core;
  try {
    core = createCore({
      dataDir,
      shell: 'cli',
      // Unexpected core errors: their message only, never a stack on a teacher's terminal.
      logError: (err) => io.err(`internal error: ${err instanceof Error ? err.message : String(err)}`),
    });
  } catch (err) {
    return { result: { ok: false, error: toAppError(err) }, lines: () => [] };
  }
  try {
    return await run(core);
  } finally {
    core.close();
  }
}

/** Runs the CLI and returns the exit status; never throws. */
export async function runPacksCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine<typeof FLAGS>>;
  let usage: ReturnType<typeof checkUsage>;
  try {
    parsed = parseCommandLine(argv, FLAGS);
    if (parsed.flags.help) {
      io.out(PACKS_USAGE);
      return EXIT.ok;
    }
    usage = checkUsage(parsed.positionals, parsed.flags);
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n\n${PACKS_USAGE}`);
    return EXIT.usage;
  }
  const { flags } = parsed;
  const { command, arg } = usage;
  const dataDir = flags['data-dir'] ?? defaultDataDir();
  const target = arg ?? '';

  let outcome: CommandOutcome;
  try {
    const lock = LOCKED_COMMANDS.has(command) ? { command: `${command} ${target}`, wait: flags['no-wait'] !== true } : undefined;
    outcome =
      command === 'validate'
        ? await validateCommand(target, flags.as)
        : await runWithCore(
            dataDir,
            io,
            (core) => {
              switch (command) {
                case 'preview':
                  return previewCommand(core.dispatch, target, flags.as);
                case 'import':
                  return importCommand(core.dispatch, target, flags.force === true, flags.as);
                case 'restore':
                  return restoreCommand(core.dispatch, target);
                case 'list':
                  return listCommand(core.dispatch);
                case 'export':
                  return exportCommand(core.dispatch, target, flags.out, flags.force === true);
                case 'remove':
                  return removeCommand(core.dispatch, target);
                default:
                  throw new Error(`unhandled command ${command}`);
              }
            },
            lock,
          );
  } catch (err) {
    outcome = { result: { ok: false, error: toAppError(err) }, lines: () => [] };
  }

  const { result } = outcome;
  if (flags.json) io.out(JSON.stringify(result, null, 2));
  else if (result.ok) io.out(outcome.lines().join('\n'));
  else io.err(describeFailure(result.error).join('\n'));
  return result.ok ? EXIT.ok : EXIT.failure;
}
