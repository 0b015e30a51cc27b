import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startUpstream, type Upstream } from "../../../test/helpers/upstream/server";
import { createLlmService } from "../service";
import { upstreamConfig, userMessage } from "../testing/harness";
import { createOpenRouterPriceRefresher, parseOpenRouterModels } from "./price-refresher";
import { costMicroUsd, picoPerToken, priceFor, usdToMicroUsd } from "./prices";

describe("cost arithmetic", () => {
  it("is integer micro-USD: $0.15/M in, $0.60/M out, cached input at $0.075/M", () => {
    const price = { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 };
    // 1M uncached in = 150000 µ$, 1M out = 600000 µ$
    expect(costMicroUsd({ inputTokens: 1_000_000, outputTokens: 1_000_000, cachedInputTokens: 0 }, price)).toBe(750_000);
    // 1000 in of which 400 cached: 600*0.15 + 400*0.075 = 90 + 30 = 120 µ$; 500 out: 300 µ$
    expect(costMicroUsd({ inputTokens: 1000, outputTokens: 500, cachedInputTokens: 400 }, price)).toBe(420);
  });

  it("has no floating-point drift and rounds a tiny non-zero cost up, never to zero", () => {
    const price = { inputPerMTok: 0.1, outputPerMTok: 0.2 };
    expect(costMicroUsd({ inputTokens: 3, outputTokens: 0, cachedInputTokens: 0 }, price)).toBe(1);
    expect(costMicroUsd({ inputTokens: 10, outputTokens: 10, cachedInputTokens: 0 }, price)).toBe(3);
    expect(picoPerToken(0.1) + picoPerToken(0.2)).toBe(300_000);
    expect(Number.isInteger(costMicroUsd({ inputTokens: 777, outputTokens: 333, cachedInputTokens: 11 }, { inputPerMTok: 3, outputPerMTok: 15, cachedInputPerMTok: 0.3 }))).toBe(true);
  });

  it("converts a reported USD cost exactly", () => {
    expect(usdToMicroUsd(0.95)).toBe(950_000);
    expect(usdToMicroUsd(0.000123)).toBe(123);
  });

  it("finds list prices by model, also for dated model ids, and says undefined for unknown models", () => {
    expect(priceFor("gpt-4o-mini")?.inputPerMTok).toBe(0.15);
    expect(priceFor("claude-sonnet-4-5-20250929")?.outputPerMTok).toBe(15);
    expect(priceFor("gpt-4.1-nano-2025-04-14")?.inputPerMTok).toBe(0.1);
    expect(priceFor("never-heard-of-it")).toBeUndefined();
    expect(priceFor("custom", { custom: { inputPerMTok: 1, outputPerMTok: 2 } })?.outputPerMTok).toBe(2);
  });
});

describe("OpenRouter price refresh", () => {
  it("parses per-token USD prices into per-million prices", () => {
    const prices = parseOpenRouterModels({ data: [{ id: "a/b", pricing: { prompt: "0.000001", completion: "0.000002", input_cache_read: "0.0000005" } }, { id: "bad", pricing: {} }] });
    expect(prices).toEqual({ "a/b": { inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: 0.5 } });
  });
});

describe("cost through the service", () => {
  let up: Upstream;
  beforeAll(async () => {
    up = await startUpstream();
  });
  beforeEach(() => up.reset());
  afterAll(() => up.close());
  const req = (task: "summary" = "summary") => ({ task, messages: userMessage("Price me."), cache: false });

  it("uses the configured price table for the custom model", async () => {
    const llm = createLlmService(upstreamConfig(up.url));
    const result = await llm.generateText(req());
    const expected = costMicroUsd(result.usage, { inputPerMTok: 0.1, outputPerMTok: 0.2 });
    expect(result).toMatchObject({ costMicroUsd: expected, costSource: "price-table" });
  });

  it("lets OpenRouter's reported cost win over the price table", async () => {
    // openai/gpt-4o-mini has a list price, so the table could price this call; the reported cost must win.
    const llm = createLlmService(upstreamConfig(up.url, { OPENROUTER_MODEL: "openai/gpt-4o-mini", LLM_ROUTES: JSON.stringify({ summary: { targets: ["openrouter"] } }) }));
    const result = await llm.generateText(req());
    // The upstream reports $0.000001 per token.
    const reported = result.usage.inputTokens + result.usage.outputTokens;
    expect(result.costSource).toBe("reported");
    expect(result.costMicroUsd).toBe(reported);
    expect(costMicroUsd(result.usage, priceFor("openai/gpt-4o-mini")!)).not.toBe(reported);
  });

  it("flags an unknown price as null, never as zero", async () => {
    const llm = createLlmService(upstreamConfig(up.url, { CUSTOM_LLM_PRICE_INPUT_PER_MTOK: "", CUSTOM_LLM_PRICE_OUTPUT_PER_MTOK: "" }));
    const result = await llm.generateText(req());
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result).toMatchObject({ costMicroUsd: null, costSource: "unknown" });
  });

  it("refreshes prices from OpenRouter's model list once, cached for 24 h", async () => {
    let now = 0;
    const refresher = createOpenRouterPriceRefresher({ baseUrl: `${up.url}/api/v1`, now: () => now });
    const first = await refresher.prices();
    await refresher.prices();
    expect(first["upstream/priced-model"]).toEqual({ inputPerMTok: 1, outputPerMTok: 2 });
    expect(up.requests.filter((r) => r.path === "/api/v1/models")).toHaveLength(1);
    now += 24 * 3600_000;
    await refresher.prices();
    expect(up.requests.filter((r) => r.path === "/api/v1/models")).toHaveLength(2);
  });

  it("keeps the last prices when the model list is unreachable", async () => {
    const refresher = createOpenRouterPriceRefresher({ baseUrl: "http://127.0.0.1:9/api/v1", onError: () => undefined });
    expect(await refresher.prices()).toEqual({});
  });

  it("prices an otherwise unknown OpenRouter model from the refreshed list", async () => {
    const llm = createLlmService(upstreamConfig(up.url, { OPENROUTER_MODEL: "upstream/priced-model", LLM_REFRESH_PRICES: "true" }));
    expect(llm.priceFor("openrouter")).toBeUndefined();
    await llm.generateText(req()); // starts the refresh
    await vi.waitFor(() => expect(llm.priceFor("openrouter")).toEqual({ inputPerMTok: 1, outputPerMTok: 2 }));
    expect(llm.priceFor("upstream/priced-model")).toEqual({ inputPerMTok: 1, outputPerMTok: 2 });
  });
});
