import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_REPLY, startUpstream, type Upstream } from "../../../test/helpers/upstream/server";
import { createLlmService } from "../service";
import { drain, recordingSink, upstreamConfig, userMessage } from "../testing/harness";
import { cacheKey, canonicalJson, type CacheKeyInput } from "./key";
import { MemoryLruCache } from "./memory-lru";
import type { CachedAnswer } from "./store";

const base: CacheKeyInput = {
  task: "suggestion",
  target: { id: "custom", provider: "openai-compatible", model: "custom-m" },
  messages: [
    { role: "system", content: "Be brief." },
    { role: "user", content: "Fix this." },
  ],
  maxTokens: 100,
  temperature: 0.2,
  stop: ["\n\n"],
  jsonSchema: { type: "object" },
  continueFrom: undefined,
};

describe("cache key", () => {
  it("changes with every field that changes the output", async () => {
    const reference = await cacheKey(base);
    const variants: Array<Partial<CacheKeyInput>> = [
      { task: "grammar" },
      { target: { ...base.target, model: "other-m" } },
      { target: { ...base.target, id: "modal" } },
      { messages: [base.messages[0]!, { role: "user", content: "Fix this!" }] },
      { messages: [{ role: "user", content: "Be brief." }, base.messages[1]!] },
      { maxTokens: 101 },
      { temperature: 0.3 },
      { stop: ["END"] },
      { jsonSchema: { type: "array" } },
      { continueFrom: "Once upon" },
    ];
    const keys = await Promise.all(variants.map((v) => cacheKey({ ...base, ...v })));
    for (const key of keys) expect(key).not.toBe(reference);
    expect(new Set(keys).size).toBe(variants.length);
  });

  it("does not depend on object key order", async () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
    expect(await cacheKey({ ...base, jsonSchema: { a: 1, b: 2 } })).toBe(await cacheKey({ ...base, jsonSchema: { b: 2, a: 1 } }));
  });
});

describe("MemoryLruCache", () => {
  const answer = (text: string): CachedAnswer => ({ text, finishReason: "stop", targetId: "t", provider: "demo", model: "m", usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0, estimated: false }, costMicroUsd: 1, costSource: "price-table", storedAt: 0 });

  it("evicts the least recently used entry and expires by TTL", () => {
    let now = 0;
    const cache = new MemoryLruCache(2, () => now);
    cache.set("a", answer("a"), 1000);
    cache.set("b", answer("b"), 1000);
    expect(cache.get("a")?.text).toBe("a"); // a is now most recent
    cache.set("c", answer("c"), 1000);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.text).toBe("a");
    now = 1000;
    expect(cache.get("a")).toBeUndefined();
  });
});

describe("response cache in the service", () => {
  let up: Upstream;
  beforeAll(async () => {
    up = await startUpstream();
  });
  beforeEach(() => up.reset());
  afterAll(() => up.close());

  const req = { task: "suggestion" as const, messages: userMessage("Instruction: tighten\n<selection>It was very dark.</selection>") };

  it("answers a repeat from the cache at zero cost and records what it saved", async () => {
    const sink = recordingSink();
    const llm = createLlmService(upstreamConfig(up.url), { sink });
    const first = await llm.generateText(req);
    const second = await llm.generateText(req);
    expect(up.requests).toHaveLength(1);
    expect(first.cached).toBe(false);
    expect(first.costMicroUsd).toBeGreaterThan(0);
    expect(second).toMatchObject({ text: first.text, cached: true, attempts: 0, costMicroUsd: 0, costSource: "cached", targetId: "custom" });
    expect(sink.events[1]).toMatchObject({ outcome: "cached", cached: true, costMicroUsd: 0, savedMicroUsd: first.costMicroUsd, attempt: 0 });
  });

  it("expires suggestions after their 5-minute TTL", async () => {
    let now = Date.parse("2026-03-01T10:00:00Z");
    const llm = createLlmService(upstreamConfig(up.url), { now: () => now });
    await llm.generateText(req);
    now += 5 * 60_000 - 1;
    expect((await llm.generateText(req)).cached).toBe(true);
    now += 2;
    expect((await llm.generateText(req)).cached).toBe(false);
    expect(up.requests).toHaveLength(2);
  });

  it("shares one upstream call among identical concurrent requests (single flight)", async () => {
    up.setScenario({ name: "slow-first-byte", delayMs: 50 });
    const sink = recordingSink();
    const llm = createLlmService(upstreamConfig(up.url), { sink });
    const results = await Promise.all(Array.from({ length: 6 }, () => llm.generateText(req)));
    expect(up.requests).toHaveLength(1);
    expect(new Set(results.map((r) => r.text))).toEqual(new Set([DEFAULT_REPLY]));
    expect(results.filter((r) => r.cached)).toHaveLength(5);
    expect(sink.events.filter((e) => e.outcome === "cached")).toHaveLength(5);
  });

  it("never stores a failed or truncated answer", async () => {
    up.setScenario(["truncated", "ok"], { model: "custom-m" });
    const llm = createLlmService(upstreamConfig(up.url, { LLM_ROUTES: JSON.stringify({ suggestion: { noFallback: true } }), LLM_MAX_RETRIES: "0" }));
    const { error } = await drain(llm.streamText(req));
    expect(error).toBeDefined();
    const after = await llm.generateText(req);
    expect(after.cached).toBe(false);
    expect(up.requests).toHaveLength(2);
  });

  it("replays a cached answer as a stream", async () => {
    const llm = createLlmService(upstreamConfig(up.url));
    await llm.generateText(req);
    const stream = llm.streamText(req);
    const { chunks } = await drain(stream);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join("")).toBe(DEFAULT_REPLY);
    expect((await stream.result).cached).toBe(true);
    expect(up.requests).toHaveLength(1);
  });

  it("bypasses the cache entirely when the request says cache: false", async () => {
    const llm = createLlmService(upstreamConfig(up.url));
    await llm.generateText({ ...req, cache: false });
    const second = await llm.generateText(req);
    const third = await llm.generateText({ ...req, cache: false });
    expect([second.cached, third.cached]).toEqual([false, false]);
    expect(up.requests).toHaveLength(3);
  });
});

describe("cache and fallback", () => {
  let up: Upstream;
  beforeAll(async () => {
    up = await startUpstream();
  });
  afterAll(() => up.close());

  it("stores a fallback's answer under the model that produced it, not under the first choice", async () => {
    up.setScenario(["http-503", "ok"], { model: "custom-m" });
    up.setScenario({ name: "ok", reply: "from the fallback" }, { model: "router-m" });
    const llm = createLlmService(upstreamConfig(up.url, { LLM_MAX_RETRIES: "0" }));
    const req = { task: "summary" as const, messages: userMessage("Fallback then cache.") };
    const first = await llm.generateText(req);
    expect([first.targetId, first.text]).toEqual(["openrouter", "from the fallback"]);
    const second = await llm.generateText(req);
    expect([second.targetId, second.cached, second.text]).toEqual(["custom", false, DEFAULT_REPLY]);
    expect((await llm.generateText(req)).cached).toBe(true);
  });
});
