/**
 * What the scripted model answers during the tutor benchmarks, chosen from the request the
 * way the app sends it: the navigator asks with structured output (the plan), the other
 * prompts are told apart by their fixed wording (hint, step check, reference answer, worked step).
 */
import type { RecordedRequest, ReplySpec } from '../../support/model-server.js';

export type PromptKind = 'plan' | 'hint' | 'check' | 'reference' | 'worked-last' | 'worked';

const promptOf = (req: RecordedRequest) => JSON.stringify(req.body?.messages ?? []);

export function promptKind(req: RecordedRequest): PromptKind {
  if (req.body?.response_format) return 'plan';
  const prompt = promptOf(req);
  if (/Do NOT carry out the computation/.test(prompt)) return 'hint';
  if (/checking a learner's result/.test(prompt)) return 'check';
  if (/expert competition mathematician/.test(prompt)) return 'reference';
  return /This is the last step/.test(prompt) ? 'worked-last' : 'worked';
}

/** A navigator plan with these step titles (no template ids, so the ladder is goal, hint, worked step). */
export function planJson(titles: string[], analysis = 'Relate the roots to the coefficients, then combine them.'): string {
  return JSON.stringify({
    analysis,
    steps: titles.map((title) => ({ title, goal: `Work out: ${title}.`, template_id: null, produces: 'an intermediate result' })),
  });
}

export const HINT = 'Look at which coefficient gives the sum of the roots, and which gives their product.';

/** A worked step of about `chars` characters with inline math, never a boxed final answer. */
export function workedText(chars: number, label = ''): string {
  const lines: string[] = [];
  let i = 0;
  let length = 0;
  while (length < chars) {
    const line = `${label}Line ${++i}: with $r + s = 5$ and $rs = 3$ we keep $(r+s)^2 = r^2 + 2rs + s^2$ in view.`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n').slice(0, chars);
}

export const CHECK_REPLY = '{"verdict": "correct", "feedback": "Yes, that is the right result for this step.", "expected": null}';
export const REFERENCE_REPLY = 'Square the sum and subtract twice the product: $25 - 6 = 19$.\nANSWER: \\boxed{19}';

export const PROBLEM = 'Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.';

/** Milliseconds on the wall clock with sub-millisecond precision (comparable across processes). */
export const wallNow = () => performance.timeOrigin + performance.now();

export type ReplyFor = (req: RecordedRequest, kind: PromptKind) => ReplySpec;
