/**
 * Structured output per endpoint (issue 12, point 4): a 400 or 422 naming response_format /
 * json_schema / guided decoding is answered by asking again plainly, and the endpoint is
 * remembered; the "structured output" setting (auto / on / off) decides what is sent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelClient, ModelFailure, type CompletionRequest, type ModelEndpoint } from '../../../../electron/core/model/index.js';
import { refusesStructuredOutput } from '../../../../electron/core/model/structured-output.js';
import { failures } from '../../../../electron/core/model/failure.js';
import { replies, startModelServer, type ModelServer } from '../../../support/model-server.js';

let refusing: ModelServer;
let accepting: ModelServer;
beforeAll(async () => {
  refusing = await startModelServer({ refuseResponseFormat: { status: 422 } });
  accepting = await startModelServer();
});
afterAll(async () => {
  await refusing.close();
  await accepting.close();
});
beforeEach(() => {
  refusing.reset();
  accepting.reset();
  refusing.setRefuseResponseFormat({ status: 422 });
});

const schema = { type: 'object', properties: { steps: { type: 'array' } } };
const ask = (requestId: string): CompletionRequest => ({
  requestId,
  messages: [{ role: 'user', content: 'Plan it.' }],
  responseFormat: { type: 'json_schema', json_schema: { name: 'plan', schema, strict: true } },
});
const client = () => new ModelClient({ sleep: async () => {}, random: () => 0.5 });
const formats = (s: ModelServer) => s.chatRequests.map((r) => r.body?.response_format !== undefined);

describe('structured output', () => {
  it('answers a 422 naming response_format by asking plainly, and remembers the endpoint (not others)', async () => {
    const c = client();
    const ep: ModelEndpoint = { baseUrl: refusing.url, model: 'scripted-model' };
    refusing.script(replies.text('{"steps": ["a"]}'), replies.text('{"steps": ["b"]}'));
    const first = await c.complete(ep, ask('a'));
    expect(first.text).toBe('{"steps": ["a"]}');
    expect(first.structured).toBe(false);
    expect(refusing.chatRequests[0]!.outcome).toBe('completed');
    expect(formats(refusing)).toEqual([true, false]);

    // The same endpoint is asked plainly straight away from now on.
    const second = await c.complete(ep, ask('b'));
    expect(second.text).toBe('{"steps": ["b"]}');
    expect(formats(refusing)).toEqual([true, false, false]);

    // Another endpoint is not affected.
    accepting.script(replies.text('{"steps": ["c"]}'));
    const other = await c.complete({ baseUrl: accepting.url, model: 'scripted-model' }, ask('c'));
    expect(other.structured).toBe(true);
    expect(formats(accepting)).toEqual([true]);
  });

  it('does the same for a 400 naming json_schema', async () => {
    refusing.setRefuseResponseFormat({ status: 400 });
    const c = client();
    refusing.script(replies.text('plain'));
    const done = await c.complete({ baseUrl: refusing.url, model: 'scripted-model' }, ask('x'));
    expect(done.text).toBe('plain');
    expect(formats(refusing)).toEqual([true, false]);
  });

  it('does not resend on a 400 or 422 about something else', async () => {
    const c = client();
    accepting.script(replies.error(422, { message: 'temperature must be at most 2' }));
    const err = await c.complete({ baseUrl: accepting.url, model: 'scripted-model' }, ask('y')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFailure);
    expect((err as ModelFailure).status).toBe(422);
    expect(formats(accepting)).toEqual([true]);
  });

  it("'off' never sends response_format", async () => {
    const c = client();
    accepting.script(replies.text('ok'));
    const done = await c.complete({ baseUrl: accepting.url, model: 'scripted-model', structuredOutput: 'off' }, ask('off'));
    expect(done.structured).toBe(false);
    expect(formats(accepting)).toEqual([false]);
  });

  it("'on' always sends it, and a refusal is an error that names the setting (no plain resend)", async () => {
    const c = client();
    const ep: ModelEndpoint = { baseUrl: refusing.url, model: 'scripted-model', structuredOutput: 'on' };
    const err = (await c.complete(ep, ask('on')).catch((e: unknown) => e)) as ModelFailure;
    expect(err).toBeInstanceOf(ModelFailure);
    expect(err.status).toBe(422);
    expect(err.userMessage).toMatch(/does not accept structured output \(response_format\)/);
    expect(err.action).toMatch(/Structured output/);
    expect(formats(refusing)).toEqual([true]);
    // 'on' is not overridden by what 'auto' remembered either.
    await c.complete({ ...ep, structuredOutput: 'auto' }, ask('auto')).catch(() => {});
    refusing.reset();
    await c.complete(ep, ask('on-again')).catch(() => {});
    expect(formats(refusing)).toEqual([true]);
  });

  it("'auto' (the default) sends it to an endpoint that accepts it", async () => {
    const c = client();
    accepting.script(replies.text('{}'));
    const done = await c.complete({ baseUrl: accepting.url, model: 'scripted-model' }, ask('auto'));
    expect(done.structured).toBe(true);
    expect(accepting.chatRequests[0]!.body!.response_format).toEqual(ask('z').responseFormat);
  });

  it('recognises the wordings servers use', () => {
    const yes = [
      "response_format of type 'json_schema' is not supported",
      'Unprocessable Entity: body.response_format: extra fields not permitted',
      'guided decoding backend outlines is not available',
      'failed to parse grammar from JSON schema',
      'Structured output is not supported for this model',
    ];
    for (const m of yes) expect(refusesStructuredOutput(failures.refused(m, 422)), m).toBe(true);
    expect(refusesStructuredOutput(failures.refused(yes[0]!, 400))).toBe(true);
    expect(refusesStructuredOutput(failures.refused(yes[0]!, 500))).toBe(false);
    expect(refusesStructuredOutput(failures.refused('max_tokens must be positive', 400))).toBe(false);
  });
});
