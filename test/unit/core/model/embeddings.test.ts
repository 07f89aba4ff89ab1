/**
 * The model client's POST /v1/embeddings (issue 12.2, optional semantic retrieval): bounded
 * input, a clear failure, and the endpoint's embedding model found once and remembered.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMBED_LIMITS } from '../../../../electron/core/model/client.js';
import { ModelClient, ModelFailure } from '../../../../electron/core/model/index.js';
import { bagOfWordsVector, startModelServer, type ModelServer } from '../../../support/model-server.js';

let server: ModelServer;
const ep = (model = 'scripted-model') => ({ baseUrl: server.url, model });

beforeAll(async () => {
  server = await startModelServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.setEmbeddings({});
});

describe('ModelClient.embed', () => {
  it('returns one vector per text, in order, as the server computed them', async () => {
    const texts = ['stars and bars', 'law of cosines', 'stars and bars'];
    const { vectors, model } = await new ModelClient().embed(ep(), texts);
    expect(model).toBe('scripted-model');
    expect(vectors).toEqual(texts.map((t) => bagOfWordsVector(t)));
    expect(vectors[0]).not.toEqual(vectors[1]);
    const body = server.embeddingRequests[0]!.body as unknown as { input: string[]; encoding_format: string };
    expect(body.encoding_format).toBe('float');
    expect(server.requests).toHaveLength(0);
  });

  it('bounds the input: at most 64 texts per call, each cut to 2,000 characters', async () => {
    const client = new ModelClient();
    await expect(client.embed(ep(), [])).rejects.toThrow(/at least one/);
    await expect(client.embed(ep(), Array.from({ length: EMBED_LIMITS.maxInputs + 1 }, () => 'x'))).rejects.toThrow(/at most 64 texts per call/);
    expect(server.embeddingRequests).toHaveLength(0);
    await client.embed(ep(), ['y'.repeat(10_000)]);
    expect((server.embeddingRequests[0]!.body as unknown as { input: string[] }).input[0]).toHaveLength(EMBED_LIMITS.maxChars);
  });

  it('fails clearly on a server without embeddings, and on a reply that is not vectors', async () => {
    server.setEmbeddings(false);
    const err = await new ModelClient().embed(ep(), ['a']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFailure);
    expect((err as ModelFailure).status).toBe(404);

    const broken = new ModelClient({
      fetch: async () => new Response(JSON.stringify({ object: 'list', data: [{ index: 0, embedding: 'AAAA' }] }), { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    await expect(broken.embed(ep(), ['a'])).rejects.toMatchObject({ code: 'bad_response', message: expect.stringMatching(/not a list of numbers/) });
    const short = new ModelClient({
      fetch: async () => new Response(JSON.stringify({ object: 'list', data: [] }), { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    await expect(short.embed(ep(), ['a', 'b'])).rejects.toMatchObject({ message: expect.stringMatching(/0 vectors for 2 texts/) });
  });

  it('times out on a server that never answers', async () => {
    const hang = new ModelClient({ fetch: (_url, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))) });
    await expect(hang.embed(ep(), ['a'], { timeoutMs: 150 })).rejects.toMatchObject({ code: 'timeout' });
  });
});

describe('ModelClient.embeddingModel', () => {
  it("finds a listed embedding model when the endpoint's own does not embed, and remembers it per endpoint", async () => {
    server.setEmbeddings({ models: ['nomic-embed-text'] });
    const client = new ModelClient();
    expect(await client.embeddingModel(ep())).toBe('nomic-embed-text');
    const probes = server.embeddingRequests.length;
    expect(await client.embeddingModel(ep())).toBe('nomic-embed-text');
    expect(server.embeddingRequests).toHaveLength(probes);
  });

  it("uses the endpoint's own model when it embeds, and is null (remembered) when nothing does", async () => {
    expect(await new ModelClient().embeddingModel(ep())).toBe('scripted-model');
    server.setEmbeddings(false);
    const client = new ModelClient();
    expect(await client.embeddingModel(ep('chat-only'))).toBeNull();
    const probes = server.embeddingRequests.length;
    expect(await client.embeddingModel(ep('chat-only'))).toBeNull();
    expect(server.embeddingRequests).toHaveLength(probes);
  });
});
