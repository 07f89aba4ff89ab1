import { describe, expect, it } from 'vitest';
import { parseCommandLine, parsePort, UsageError } from '../../../electron/common/args.js';
import { describeFailure, toAppError } from '../../../electron/common/cli-output.js';
import { failure } from '../../../shared/result.js';

const SPEC = { port: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

describe('parseCommandLine', () => {
  it('reads flags in both spellings and keeps positionals in order', () => {
    expect(parseCommandLine(['list', '--port', '80', '--json', 'extra'], SPEC)).toEqual({
      positionals: ['list', 'extra'],
      flags: { port: '80', json: true },
    });
    expect(parseCommandLine(['--port=0', '-h'], SPEC).flags).toEqual({ port: '0', help: true });
  });

  it.each([
    [['--nope'], 'Unknown option --nope.'],
    [['-x'], 'Unknown option -x.'],
    [['--port'], 'Option --port needs a value.'],
    [['--json=yes'], 'Option --json does not take a value.'],
  ])('turns %j into a one-line UsageError', (argv, message) => {
    const attempt = () => parseCommandLine(argv, SPEC);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });
});

describe('parsePort', () => {
  it('accepts 0..65535 and refuses anything else in words', () => {
    expect(parsePort(undefined)).toBe(0);
    expect(parsePort('8080')).toBe(8080);
    expect(parsePort('65535')).toBe(65535);
    for (const bad of ['65536', '-1', '80x', '', '1e3']) expect(() => parsePort(bad)).toThrow(/--port expects a number/);
  });
});

describe('describeFailure', () => {
  it('prints a pack_invalid heading and one path/rule line per issue, then the next step', () => {
    const error = failure('pack_invalid', '2 problems in broken.json', {
      action: 'Fix the listed places in the file and import it again.',
      details: {
        issues: [
          { file: 'broken.json', path: 'templates[12].steps', rule: 'non_empty_list', message: 'expected a non-empty list of strings' },
          { file: 'broken.json', path: 'version', rule: 'semver', message: 'expected a semantic version like 1.2.0' },
        ],
      },
    }).error;
    expect(describeFailure(error)).toEqual([
      'Not a valid pack: 2 problems in broken.json',
      '  templates[12].steps: expected a non-empty list of strings  (rule: non_empty_list)',
      '  version: expected a semantic version like 1.2.0  (rule: semver)',
      'Next: Fix the listed places in the file and import it again.',
    ]);
  });

  it('reduces a thrown non-AppFailure to its message, without a stack', () => {
    const lines = describeFailure(toAppError(new TypeError('boom'))).join('\n');
    expect(lines).toContain('Something went wrong: boom');
    expect(lines).not.toMatch(/\n\s+at /);
  });
});
