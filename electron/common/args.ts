/**
 * Command-line parsing shared by the project's CLIs (`npm run packs`, `npm run web`): a thin
 * wrapper over node:util parseArgs that turns every mistake into a UsageError with a
 * sentence a person understands, so callers print usage and exit 2 instead of a stack.
 */
import { parseArgs } from 'node:util';

/** Exit codes every CLI here uses: 1 for bad input or a failed action, 2 for bad usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export class UsageError extends Error {
  override name = 'UsageError';
}

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

type FlagValues<S extends FlagSpec> = {
  [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : string;
};

export interface ParsedCommandLine<S extends FlagSpec> {
  positionals: string[];
  flags: FlagValues<S>;
}

export function parseCommandLine<S extends FlagSpec>(argv: string[], spec: S): ParsedCommandLine<S> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: spec, strict: true, allowPositionals: true });
    return { positionals, flags: values as FlagValues<S> };
  } catch (err) {
    throw new UsageError(describeParseError(err));
  }
}

/** node:util's messages mention internals ("To specify a positional argument…"); keep one clause. */
function describeParseError(err: unknown): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const flag = /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${flag ?? message}.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (!flag) return message.split('\n')[0]!;
      return /does not take/.test(message) ? `Option ${flag} does not take a value.` : `Option ${flag} needs a value.`;
    default:
      return message.split('\n')[0]!;
  }
}

/** A TCP port from the command line: 0 (pick a free one) up to 65535. */
export function parsePort(value: string | undefined, fallback = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
    throw new UsageError(`--port expects a number from 0 to 65535, not "${value}".`);
  }
  return Number(value);
}
