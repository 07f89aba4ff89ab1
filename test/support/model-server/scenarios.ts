/** Named behaviours for running the scripted model server by hand (`--scenario NAME`). */
import { type RecordedRequest, type Reply } from './replies.js';

const lastUserText = (req: RecordedRequest): string => {
  const users = (req.body?.messages ?? []).filter((m) => m.role === 'user');
  const last = users[users.length - 1]?.content;
  return typeof last === 'string' ? last : '';
};

let flakyCount = 0;

const THOUGHT = 'The question asks for a plan. The answer is 42, but I must not say so early. Let me write the steps.';
const LONG_THOUGHT = `${THOUGHT} `.repeat(Math.ceil(6000 / (THOUGHT.length + 1))).slice(0, 6000);
const ANSWER = (req: RecordedRequest): string => `Here is how to begin: restate "${lastUserText(req).slice(0, 80)}" in your own words.`;

export const scenarios: Record<string, { description: string; reply: Reply }> = {
  demo: {
    description: 'a short tutoring reply streamed at 40 tokens/s',
    reply: (req) => ({
      content: `Let's work through this together. First, restate the problem in your own words: "${lastUserText(req).slice(0, 120)}". Then pick the template whose scope matches it and try its first step.`,
      tokensPerSecond: 40,
    }),
  },
  echo: { description: 'echoes the last user message', reply: (req) => ({ content: lastUserText(req) }) },
  slow: { description: 'a reply at 3 tokens/s after a 2 s wait', reply: { content: 'Thinking slowly about your question.', tokensPerSecond: 3, delayBeforeFirstByteMs: 2000 } },
  flaky: {
    description: 'every other request fails with 503',
    reply: () => (flakyCount++ % 2 === 0 ? { error: { status: 503 } } : { content: 'Recovered after a 503.' }),
  },
  unauthorized: { description: 'every request fails with 401', reply: { error: { status: 401 } } },
  // Reasoning models: the app must show none of the thinking (see docs/models.md).
  'reasoning-inline': {
    description: 'a reasoning model: <think>…</think> then the answer, at 40 tokens/s',
    reply: (req) => ({ reasoning: THOUGHT, thinkingStyle: 'think', content: ANSWER(req), tokensPerSecond: 40 }),
  },
  'reasoning-bare': {
    description: 'a reasoning model whose chat template opened the block: thinking, a bare </think>, then the answer',
    reply: (req) => ({ reasoning: THOUGHT, thinkingStyle: 'bare-close', content: ANSWER(req), tokensPerSecond: 40 }),
  },
  'reasoning-field': {
    description: 'a server with a reasoning parser: reasoning_content deltas, then the answer',
    reply: (req) => ({ reasoning: THOUGHT, thinkingStyle: 'reasoning_content', content: ANSWER(req), tokensPerSecond: 40 }),
  },
  'reasoning-cut': {
    description: 'a reasoning model that thinks for 6000 characters and is cut at max_tokens (answers when max_tokens >= 1600)',
    reply: (req) => ({ reasoning: LONG_THOUGHT, thinkingStyle: 'think', content: ANSWER(req), honorMaxTokens: true }),
  },
};
