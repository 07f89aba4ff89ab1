/** Named behaviours for running the scripted model server by hand (`--scenario NAME`). */
import { type RecordedRequest, type Reply } from './replies.js';

const lastUserText = (req: RecordedRequest): string => {
  const users = (req.body?.messages ?? []).filter((m) => m.role === 'user');
  const last = users[users.length - 1]?.content;
  return typeof last === 'string' ? last : '';
};

let flakyCount = 0;

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
};
