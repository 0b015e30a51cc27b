// The embedding task over real HTTP against the fault-injecting upstream: each provider's wire format
// (request sent, vectors parsed and normalised), usage and cost per attempt, retries, fallback, the
// circuit breaker and the per-text cache; and the offline demo embedder.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { upstreamVector } from "@/test/helpers/upstream/embeddings";
import { startUpstream, type Upstream } from "@/test/helpers/upstream/server";
import { loadLlmConfig } from "../config";
import { LlmError } from "../errors";
import { createLlmService } from "../service";
import { FAST_ENV, recordingSink } from "../testing/harness";
import { MemoryLruCache } from "../cache/memory-lru";

let up: Upstream;
beforeAll(async () => {
  up = await startUpstream();
});
afterAll(() => up?.close());
beforeEach(() => up.reset());

const BGE = "@cf/baai/bge-base-en-v1.5";

/** Embedding targets on the upstream: a self-hosted server, Workers AI REST, OpenAI, OpenRouter. */
function embedEnv(): Record<string, string> {
  return {
    CUSTOM_EMBEDDING_MODEL: "nomic-embed-text",
    CUSTOM_EMBEDDING_BASE_URL: `${up.url}/v1`,
    CUSTOM_EMBEDDING_API_KEY: "sk-local",
    CUSTOM_EMBEDDING_PRICE_PER_MTOK: "0.05",
    WORKERS_AI_EMBEDDING_MODEL: BGE,
    WORKERS_AI_BASE_URL: up.url,
    CLOUDFLARE_ACCOUNT_ID: "acct",
    CLOUDFLARE_API_TOKEN: "cf-token",
    OPENAI_API_KEY: "sk-openai",
    OPENAI_BASE_URL: `${up.url}/v1`,
    OPENAI_EMBEDDING_MODEL: "text-embedding-3-small",
    OPENROUTER_API_KEY: "or-key",
    OPENROUTER_BASE_URL: `${up.url}/api/v1`,
    OPENROUTER_EMBEDDING_MODEL: "openai/text-embedding-3-small",
  };
}

function service(route: string[], env: Record<string, string> = {}, deps: { aiBinding?: unknown; cache?: MemoryLruCache } = {}) {
  const sink = recordingSink();
  const config = loadLlmConfig({ ...FAST_ENV, ...embedEnv(), LLM_ROUTES: JSON.stringify({ embedding: { targets: route } }), ...env });
  return { llm: createLlmService(config, { sink, priceRefresher: null, ...deps }), events: sink.events };
}

function unit(v: number[]): number[] {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function expectVector(actual: Float32Array | undefined, text: string) {
  const expected = unit(upstreamVector(text));
  expect(actual).toBeDefined();
  expect(actual!.length).toBe(expected.length);
  expected.forEach((x, i) => expect(actual![i]).toBeCloseTo(x, 5));
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(LlmError);
  return err as LlmError;
}

const PASSAGES = ["Mara hid the brass key under the lighthouse stairs.", "The fog rolled over the harbour at dawn."];

describe("embedding: each provider's format", () => {
  it("self-hosted OpenAI-compatible server (vLLM, Ollama, llama.cpp): sends model, input and float encoding; parses and normalises the vectors; meters reported tokens at the configured price", async () => {
    const { llm, events } = service(["custom-embedding"]);
    const result = await llm.embed({ input: PASSAGES, user: { id: "u1" }, bookId: "b1", jobId: "j1" });
    expect(up.requests).toHaveLength(1);
    expect(up.requests[0]).toMatchObject({ path: "/v1/embeddings", body: { model: "nomic-embed-text", input: PASSAGES, encoding_format: "float" } });
    expect(up.requests[0]!.headers.authorization).toBe("Bearer sk-local");
    expectVector(result.vectors[0], PASSAGES[0]!);
    expectVector(result.vectors[1], PASSAGES[1]!);
    const tokens = Math.ceil(PASSAGES[0]!.length / 4) + Math.ceil(PASSAGES[1]!.length / 4);
    expect(result).toMatchObject({ dimensions: 8, targetId: "custom-embedding", model: "nomic-embed-text", provider: "openai-compatible", attempts: 1, cachedInputs: 0, usage: { inputTokens: tokens, outputTokens: 0, estimated: false }, costSource: "price-table" });
    expect(result.costMicroUsd).toBe(Math.ceil(tokens * 0.05));
    expect(events).toMatchObject([{ task: "embedding", targetId: "custom-embedding", outcome: "ok", inputTokens: tokens, outputTokens: 0, userId: "u1", bookId: "b1", jobId: "j1", attempt: 1 }]);
  });

  it("OpenAI: priced from the built-in table (text-embedding-3-small, $0.02 per million tokens)", async () => {
    const { llm, events } = service(["openai-embedding"]);
    const result = await llm.embed({ input: ["x".repeat(4000)] });
    expect(up.requests[0]).toMatchObject({ path: "/v1/embeddings", body: { model: "text-embedding-3-small", input: ["x".repeat(4000)] } });
    expect(up.requests[0]!.headers.authorization).toBe("Bearer sk-openai");
    expect(result).toMatchObject({ provider: "openai", usage: { inputTokens: 1000 }, costMicroUsd: 20, costSource: "price-table" });
    expect(events[0]).toMatchObject({ provider: "openai", costMicroUsd: 20 });
  });

  it("OpenRouter: /api/v1/embeddings with attribution headers; the cost it reports wins", async () => {
    const { llm } = service(["openrouter-embedding"]);
    const result = await llm.embed({ input: ["x".repeat(400)] });
    expect(up.requests[0]!.path).toBe("/api/v1/embeddings");
    expect(up.requests[0]!.headers["x-title"]).toBe("Quire");
    expect(result).toMatchObject({ provider: "openrouter", costSource: "reported", costMicroUsd: 2 });
  });

  it("Workers AI REST: {text: [...]} to the model's run URL; {shape, data} parsed; tokens counted by Quire and marked estimated", async () => {
    const { llm, events } = service(["workers-ai-embedding"]);
    const result = await llm.embed({ input: PASSAGES });
    expect(up.requests[0]).toMatchObject({ path: `/accounts/acct/ai/run/${BGE}`, body: { text: PASSAGES } });
    expect(up.requests[0]!.headers.authorization).toBe("Bearer cf-token");
    expectVector(result.vectors[1], PASSAGES[1]!);
    expect(result.usage.estimated).toBe(true);
    expect(result.usage.inputTokens).toBeGreaterThan(10);
    expect(result.costMicroUsd).toBe(Math.ceil(result.usage.inputTokens * 0.067));
    expect(events[0]).toMatchObject({ provider: "workers-ai", model: BGE, estimated: true, outcome: "ok" });
  });

  it("Workers AI binding: env.AI.run(model, {text}) inside the worker, no HTTP", async () => {
    const calls: Array<{ model: string; inputs: Record<string, unknown> }> = [];
    const binding = {
      run(model: string, inputs: Record<string, unknown>) {
        calls.push({ model, inputs });
        return Promise.resolve({ shape: [1, 3], data: [[3, 0, 4]], pooling: "mean" });
      },
    };
    const { llm } = service(["workers-ai-embedding"], {}, { aiBinding: binding });
    const result = await llm.embed({ input: ["one"] });
    expect(calls).toEqual([{ model: BGE, inputs: { text: ["one"] } }]);
    expect(Array.from(result.vectors[0]!)).toEqual([Math.fround(0.6), 0, Math.fround(0.8)]);
    expect(up.requests).toHaveLength(0);
  });

  it("a recorded llama.cpp answer: vectors put back in input order by `index`; base64 float32 vectors decoded", async () => {
    const b64 = Buffer.from(new Float32Array([0, 2]).buffer).toString("base64");
    up.queueRaw({ body: JSON.stringify({ model: "gguf", object: "list", usage: { prompt_tokens: 6, total_tokens: 6 }, data: [{ embedding: b64, index: 1, object: "embedding" }, { embedding: [1, 0], index: 0, object: "embedding" }] }) });
    const { llm } = service(["custom-embedding"]);
    const result = await llm.embed({ input: ["first", "second"], cache: false });
    expect(Array.from(result.vectors[0]!)).toEqual([1, 0]);
    expect(Array.from(result.vectors[1]!)).toEqual([0, 1]);
    expect(result.usage).toMatchObject({ inputTokens: 6, estimated: false });
  });
});

describe("embedding: failures, fallback, breaker", () => {
  it("a 503 is retried on the same target, then the next target answers; every attempt is a usage event", async () => {
    up.setScenario("http-503", { model: "nomic-embed-text" });
    const { llm, events } = service(["custom-embedding", "openai-embedding"]);
    const result = await llm.embed({ input: PASSAGES });
    expect(result).toMatchObject({ targetId: "openai-embedding", model: "text-embedding-3-small", fallbackFrom: "custom-embedding", attempts: 4 });
    expect(events.map((e) => [e.targetId, e.outcome, e.errorCode])).toEqual([
      ["custom-embedding", "error", "unavailable"],
      ["custom-embedding", "error", "unavailable"],
      ["custom-embedding", "error", "unavailable"],
      ["openai-embedding", "ok", null],
    ]);
    expect(events.slice(0, 3).every((e) => e.costMicroUsd === 0)).toBe(true);
  });

  it("a llama.cpp server started without --embeddings (501) is misconfigured: not retried, benched, the next target answers", async () => {
    up.queueRaw({ status: 501, body: JSON.stringify({ error: { code: 501, message: "This server does not support embeddings. Start it with `--embeddings`", type: "not_supported_error" } }) });
    const { llm } = service(["custom-embedding", "workers-ai-embedding"]);
    const result = await llm.embed({ input: ["one"] });
    expect(result).toMatchObject({ targetId: "workers-ai-embedding", attempts: 2 });
    const health = llm.health().find((h) => h.targetId === "custom-embedding");
    expect(health).toMatchObject({ misconfigured: true, circuit: "open" });
  });

  it("an answer with fewer vectors than inputs is refused and falls back", async () => {
    up.setScenario({ name: "ok", reply: "short" }, { model: "nomic-embed-text" });
    const { llm } = service(["custom-embedding", "openai-embedding"]);
    const result = await llm.embed({ input: PASSAGES });
    expect(result.targetId).toBe("openai-embedding");
    expect(up.requests.map((r) => r.body.model)).toEqual(["nomic-embed-text", "text-embedding-3-small"]);
  });

  it("the circuit breaker benches a failing target: later calls go straight to the next one", async () => {
    up.setScenario("http-500", { model: "nomic-embed-text" });
    const { llm } = service(["custom-embedding", "openai-embedding"], { LLM_BREAKER_FAILURES: "3", LLM_MAX_RETRIES: "0" });
    for (let i = 0; i < 3; i++) await llm.embed({ input: [`text ${i}`] });
    up.reset();
    const result = await llm.embed({ input: ["after the bench"] });
    expect(result.targetId).toBe("openai-embedding");
    expect(up.requests.map((r) => r.body.model)).toEqual(["text-embedding-3-small"]);
  });

  it("a bad request is final: no retry, no fallback", async () => {
    up.setScenario("bad-request", { model: "nomic-embed-text" });
    const { llm } = service(["custom-embedding", "openai-embedding"]);
    const err = await failure(llm.embed({ input: ["x"] }));
    expect(err.code).toBe("bad_request");
    expect(up.requests).toHaveLength(1);
  });

  it("refuses empty input, empty texts and oversized batches before any request; generateText refuses the task", async () => {
    const { llm } = service(["custom-embedding"]);
    expect((await failure(llm.embed({ input: [] }))).code).toBe("bad_request");
    expect((await failure(llm.embed({ input: ["ok", " "] }))).code).toBe("bad_request");
    expect((await failure(llm.embed({ input: Array.from({ length: 97 }, (_, i) => `t${i}`) }))).message).toMatch(/at most 96/);
    expect((await failure(llm.generateText({ task: "embedding", messages: [{ role: "user", content: "x" }] }))).message).toMatch(/call embed\(\)/);
    expect(up.requests).toHaveLength(0);
  });
});

describe("embedding: cache", () => {
  it("each text is cached: a repeat costs nothing and sends nothing; a new text alone goes upstream", async () => {
    const cache = new MemoryLruCache(100);
    const { llm, events } = service(["custom-embedding"], {}, { cache });
    const first = await llm.embed({ input: PASSAGES });
    const again = await llm.embed({ input: PASSAGES });
    expect(up.requests).toHaveLength(1);
    expect(again).toMatchObject({ attempts: 0, cachedInputs: 2, costMicroUsd: 0, costSource: "cached", model: "nomic-embed-text" });
    expect(Array.from(again.vectors[1]!)).toEqual(Array.from(first.vectors[1]!));
    expect(events[1]).toMatchObject({ task: "embedding", outcome: "cached", cached: true, costMicroUsd: 0 });
    expect(events[1]!.savedMicroUsd).toBeGreaterThan(0);

    const mixed = await llm.embed({ input: [PASSAGES[0]!, "A new passage about the keeper."] });
    expect(up.requests).toHaveLength(2);
    expect(up.requests[1]!.body.input).toEqual(["A new passage about the keeper."]);
    expect(mixed).toMatchObject({ cachedInputs: 1, attempts: 1 });
    expectVector(mixed.vectors[1], "A new passage about the keeper.");
  });

  it("cache: false neither reads nor writes", async () => {
    const { llm } = service(["custom-embedding"]);
    await llm.embed({ input: ["one"], cache: false });
    await llm.embed({ input: ["one"], cache: false });
    await llm.embed({ input: ["one"] });
    expect(up.requests).toHaveLength(3);
  });

  it("when a fallback answers the new texts, the cached ones are embedded again by it: one result never mixes two models", async () => {
    const { llm } = service(["custom-embedding", "openai-embedding"]);
    await llm.embed({ input: ["cached one"] });
    up.setScenario("unauthorized", { model: "nomic-embed-text" });
    const result = await llm.embed({ input: ["cached one", "new one"] });
    expect(result).toMatchObject({ model: "text-embedding-3-small", cachedInputs: 0, fallbackFrom: "custom-embedding" });
    const sentToOpenAi = up.requests.filter((r) => r.body.model === "text-embedding-3-small").map((r) => r.body.input);
    expect(sentToOpenAi).toEqual([["new one"], ["cached one"]]);
  });
});

describe("embedding: configuration and the demo embedder", () => {
  it("with no embedding model configured, the offline demo embedder answers, free; texts sharing names score higher", async () => {
    const llm = createLlmService(loadLlmConfig({ ...FAST_ENV }), { priceRefresher: null });
    const [query, related, unrelated] = (
      await llm.embed({ input: ["Mara returns to the lighthouse with the brass key", "Mara hid the brass key under the lighthouse stairs.", "The merchants argued about grain prices in the market."] })
    ).vectors;
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    expect(dot(query!, related!)).toBeGreaterThan(dot(query!, unrelated!) + 0.3);
    const result = await llm.embed({ input: ["again"], cache: false });
    expect(result).toMatchObject({ targetId: "demo-embedding", provider: "demo", dimensions: 256, costMicroUsd: 0 });
    expect(Math.hypot(...result.vectors[0]!)).toBeCloseTo(1, 5);
  });

  it("configuration errors name the missing variable", () => {
    expect(() => loadLlmConfig({ OPENAI_EMBEDDING_MODEL: "text-embedding-3-small" })).toThrow(/OPENAI_EMBEDDING_MODEL needs OPENAI_API_KEY/);
    expect(() => loadLlmConfig({ CUSTOM_EMBEDDING_MODEL: "nomic-embed-text" })).toThrow(/CUSTOM_EMBEDDING_BASE_URL/);
    expect(() => loadLlmConfig({ ...embedEnv(), LLM_ROUTES: JSON.stringify({ embedding: { targets: ["openai"] } }) })).toThrow(/not configured for it/);
    const config = loadLlmConfig({ CUSTOM_LLM_BASE_URL: "http://127.0.0.1:11434/v1", CUSTOM_LLM_MODEL: "llama3", CUSTOM_EMBEDDING_MODEL: "nomic-embed-text" });
    expect(config.embeddingTargets).toMatchObject([{ id: "custom-embedding", baseUrl: "http://127.0.0.1:11434/v1", output: "embedding" }]);
    // Embedding targets are not text targets: no chat surface lists them.
    expect(config.targets.some((t) => t.output === "embedding")).toBe(false);
  });
});
