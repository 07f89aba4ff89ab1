/**
 * Turns a (method name, untrusted input) pair into a Result: checks the name against the
 * contract, validates the input with the method's zod schema, runs the handler, and maps
 * every throw to a plain AppError. Every shell (IPC, HTTP, CLI) goes through here.
 */
import type { z } from 'zod';
import {
  contract,
  isMethodName,
  type Dispatch,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
} from '../../shared/contract.js';
import { AppFailure, fail, ok } from '../../shared/result.js';
import { msg } from '../../shared/messages.js';
import { scrubDeep } from './util/scrub-secrets.js';

export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

/** Human-readable summary of zod issues: `query: expected string, got number`. */
export function describeZodError(err: z.ZodError): { message: string; issues: { path: string; message: string }[] } {
  const issues = err.issues.slice(0, 20).map((i) => ({
    path: i.path.length ? i.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') : '(input)',
    message: i.message,
  }));
  return { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
}

export function createDispatcher(handlers: Handlers, opts: { onInternalError?: (err: unknown) => void } = {}): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return fail('unknown_method', msg('core.unknownMethod', { method: String(method).slice(0, 80) }));
    }
    const parsed = contract[method].input.safeParse(input);
    if (!parsed.success) {
      const { message, issues } = describeZodError(parsed.error);
      return fail('invalid_input', msg('core.invalidInput', { method, detail: message }), { details: { issues } });
    }
    try {
      const handler = handlers[method] as (i: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (err) {
      // Error text can carry what a server sent; no key or token in it leaves the core.
      if (err instanceof AppFailure) return { ok: false, error: scrubDeep(err.error) };
      opts.onInternalError?.(err);
      return scrubDeep(
        fail('internal', msg('core.internal', { method, detail: err instanceof Error ? err.message : String(err) }), { action: msg('core.internal.action') }),
      );
    }
  };
}
