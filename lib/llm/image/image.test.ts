// The image task over real HTTP against the fault-injecting upstream: each provider's wire format,
// the picture checked by its bytes, one usage event per attempt with the flat per-image cost, and the
// same retries, fallback, circuit breaker and budgets as text.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PAINTED } from "@/test/helpers/upstream/images";
import { startUpstream, type Upstream } from "@/test/helpers/upstream/server";
import { imageTargets, loadLlmConfig } from "../config";
import { LlmError } from "../errors";
import { createLlmService } from "../service";
import { FAST_ENV, recordingSink } from "../testing/harness";

let up: Upstream;
beforeAll(async () => {
  up = await startUpstream();
});
afterAll(() => up?.close());
beforeEach(() => up.reset());

const SDXL = "@cf/stabilityai/stable-diffusion-xl-base-1.0";

/** Image targets on the upstream: an OpenAI-compatible images server, Workers AI REST, OpenRouter. */
function imageEnv(): Record<string, string> {
  return {
    OPENAI_IMAGE_MODEL: "sdxl-turbo",
    OPENAI_IMAGE_BASE_URL: `${up.url}/v1`,
    OPENAI_IMAGE_API_KEY: "sk-images",
    OPENAI_IMAGE_PRICE_USD: "0.04",
    WORKERS_AI_IMAGE_MODEL: SDXL,
    WORKERS_AI_BASE_URL: up.url,
    CLOUDFLARE_ACCOUNT_ID: "acct",
    CLOUDFLARE_API_TOKEN: "cf-token",
    WORKERS_AI_IMAGE_PRICE_USD: "0.002",
    OPENROUTER_IMAGE_MODEL: "google/gemini-2.5-flash-image",
    OPENROUTER_IMAGE_API_KEY: "or-key",
    OPENROUTER_BASE_URL: `${up.url}/api/v1`,
    OPENROUTER_IMAGE_PRICE_USD: "0.039",
  };
}

/** A service whose image route is the given targets, in order. */
function service(route: string[], env: Record<string, string> = {}, deps: { aiBinding?: unknown } = {}) {
  const sink = recordingSink();
  const config = loadLlmConfig({ ...FAST_ENV, ...imageEnv(), LLM_ROUTES: JSON.stringify({ "cover-image": { targets: route } }), ...env });
  return { llm: createLlmService(config, { sink, priceRefresher: null, ...deps }), events: sink.events };
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(LlmError);
  return err as LlmError;
}

describe("image task: each provider's format", () => {
  it("OpenAI-compatible /images/generations: sends the prompt, decodes b64_json, meters the flat price", async () => {
    const { llm, events } = service(["openai-image"]);
    const picture = await llm.image({ prompt: "a lighthouse in fog, oil painting", user: { id: "u1" }, bookId: "b1" });
    expect(Buffer.from(picture.bytes).equals(PAINTED)).toBe(true);
    expect(picture).toMatchObject({ mediaType: "image/png", width: 64, height: 96, targetId: "openai-image", model: "sdxl-turbo", attempts: 1, costMicroUsd: 40_000, costSource: "price-table" });
    expect(up.requests).toHaveLength(1);
    expect(up.requests[0]).toMatchObject({ path: "/v1/images/generations", body: { model: "sdxl-turbo", prompt: "a lighthouse in fog, oil painting", n: 1, size: "1024x1536", response_format: "b64_json" } });
    expect(up.requests[0]!.headers.authorization).toBe("Bearer sk-images");
    expect(events).toMatchObject([{ task: "cover-image", targetId: "openai-image", provider: "openai-compatible", outcome: "ok", costMicroUsd: 40_000, costSource: "price-table", userId: "u1", bookId: "b1", attempt: 1 }]);
  });

  it("Workers AI REST: SDXL's raw PNG answer, portrait size and negative prompt sent", async () => {
    const { llm, events } = service(["workers-ai-image"]);
    const picture = await llm.image({ prompt: "a lighthouse", negativePrompt: "text, letters" });
    expect(picture).toMatchObject({ mediaType: "image/png", width: 64, targetId: "workers-ai-image", costMicroUsd: 2_000 });
    expect(up.requests[0]!.path).toBe(`/accounts/acct/ai/run/${SDXL}`);
    expect(up.requests[0]!.body).toMatchObject({ prompt: "a lighthouse", negative_prompt: "text, letters", width: 768, height: 1280 });
    expect(up.requests[0]!.headers.authorization).toBe("Bearer cf-token");
    expect(events).toMatchObject([{ provider: "workers-ai", model: SDXL, outcome: "ok", costMicroUsd: 2_000 }]);
  });

  it("Workers AI REST: FLUX.1 [schnell] gets its own inputs and its {image: base64} envelope is decoded", async () => {
    up.queueRaw({ body: JSON.stringify({ result: { image: PAINTED.toString("base64") }, success: true, errors: [], messages: [] }) });
    const { llm } = service(["workers-ai-image"], { WORKERS_AI_IMAGE_MODEL: "@cf/black-forest-labs/flux-1-schnell" });
    expect(await llm.image({ prompt: "a lighthouse" })).toMatchObject({ mediaType: "image/png", width: 64, height: 96 });
    expect(up.requests[0]).toMatchObject({ path: "/accounts/acct/ai/run/@cf/black-forest-labs/flux-1-schnell", body: { prompt: "a lighthouse", steps: 4 } });
  });

  it("Workers AI REST: a Cloudflare error envelope in a 200 is a typed error", async () => {
    up.queueRaw({ body: JSON.stringify({ result: null, success: false, errors: [{ code: 3036, message: "Capacity: daily free allocation exhausted" }], messages: [] }) });
    const { llm, events } = service(["workers-ai-image"], { LLM_MAX_RETRIES: "0" });
    expect((await failure(llm.image({ prompt: "fog" }))).code).toBe("quota_exhausted");
    expect(events).toMatchObject([{ outcome: "error", errorCode: "quota_exhausted", costMicroUsd: 0 }]);
  });

  it("Workers AI binding inside a worker: no HTTP, the binding's byte stream is the picture", async () => {
    const runs: Array<{ model: string; inputs: Record<string, unknown> }> = [];
    const aiBinding = { run: async (model: string, inputs: Record<string, unknown>) => (runs.push({ model, inputs }), new Response(new Uint8Array(PAINTED)).body) };
    const { llm, events } = service(["workers-ai-image"], { CLOUDFLARE_ACCOUNT_ID: "", CLOUDFLARE_API_TOKEN: "" }, { aiBinding });
    expect((await llm.image({ prompt: "fog" })).width).toBe(64);
    expect(runs).toMatchObject([{ model: SDXL, inputs: { prompt: "fog", width: 768, height: 1280 } }]);
    expect(up.requests).toHaveLength(0);
    expect(events).toMatchObject([{ targetId: "workers-ai-image", outcome: "ok" }]);
  });

  it("OpenRouter image output: modalities and aspect ratio sent, the data URL decoded", async () => {
    const { llm, events } = service(["openrouter-image"]);
    const picture = await llm.image({ prompt: "fog over a harbour" });
    expect(picture).toMatchObject({ mediaType: "image/png", height: 96, targetId: "openrouter-image", costMicroUsd: 39_000 });
    expect(up.requests[0]).toMatchObject({ path: "/api/v1/chat/completions", body: { model: "google/gemini-2.5-flash-image", modalities: ["image", "text"], image_config: { aspect_ratio: "2:3" } } });
    expect(String((up.requests[0]!.body.messages as Array<{ content: string }>)[0]!.content)).toContain("fog over a harbour");
    expect(events).toMatchObject([{ provider: "openrouter", outcome: "ok", costMicroUsd: 39_000 }]);
  });

  it("OpenRouter's own charged cost wins over the price table", async () => {
    const dataUrl = `data:image/png;base64,${PAINTED.toString("base64")}`;
    up.queueRaw({
      body: JSON.stringify({
        id: "gen-1",
        model: "google/gemini-2.5-flash-image",
        choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Here is your image.", images: [{ type: "image_url", image_url: { url: dataUrl } }] } }],
        usage: { prompt_tokens: 12, completion_tokens: 1290, total_tokens: 1302, cost: 0.0387 },
      }),
    });
    const { llm, events } = service(["openrouter-image"]);
    const picture = await llm.image({ prompt: "fog" });
    expect(picture).toMatchObject({ costMicroUsd: 38_700, costSource: "reported" });
    expect(events).toMatchObject([{ inputTokens: 12, outputTokens: 1290, estimated: false, costMicroUsd: 38_700, costSource: "reported" }]);
  });
});

describe("image task: failures", () => {
  it("retries a 503, then falls back to the next target, recording every attempt", async () => {
    up.setScenario("http-503", { model: "sdxl-turbo" });
    const { llm, events } = service(["openai-image", "openrouter-image"]);
    const picture = await llm.image({ prompt: "fog" });
    expect(picture).toMatchObject({ targetId: "openrouter-image", fallbackFrom: "openai-image", attempts: 4, costMicroUsd: 39_000 });
    expect(up.requests.map((r) => r.path)).toEqual(["/v1/images/generations", "/v1/images/generations", "/v1/images/generations", "/api/v1/chat/completions"]);
    expect(events.map((e) => [e.targetId, e.outcome, e.errorCode, e.costMicroUsd, e.fallbackFrom])).toEqual([
      ["openai-image", "error", "unavailable", 0, null],
      ["openai-image", "error", "unavailable", 0, null],
      ["openai-image", "error", "unavailable", 0, null],
      ["openrouter-image", "ok", null, 39_000, "openai-image"],
    ]);
  });

  it("an answer that is not an image is refused without a retry, and the next target paints", async () => {
    // A proxy's error page served as image/png: the bytes decide, not the header.
    up.queueRaw({ status: 200, headers: { "content-type": "image/png" }, body: "<html>Bad gateway</html>" });
    const { llm, events } = service(["workers-ai-image", "openai-image"]);
    const picture = await llm.image({ prompt: "fog" });
    expect(picture).toMatchObject({ targetId: "openai-image", fallbackFrom: "workers-ai-image", attempts: 2 });
    expect(events.map((e) => [e.targetId, e.outcome, e.errorCode, e.costMicroUsd])).toEqual([
      ["workers-ai-image", "error", "bad_response", 0],
      ["openai-image", "ok", null, 40_000],
    ]);
  });

  it("every target answering something else than an image is a bad_response", async () => {
    up.setReply("not-an-image");
    const { llm } = service(["workers-ai-image", "openai-image", "openrouter-image"]);
    expect((await failure(llm.image({ prompt: "fog" }))).code).toBe("bad_response");
    expect(up.requests).toHaveLength(3);
  });

  it("a hanging target times out after the image timeout and the next target paints at once", async () => {
    up.setScenario("hang", { model: "sdxl-turbo" });
    const { llm, events } = service(["openai-image", "openrouter-image"], { LLM_IMAGE_TIMEOUT_MS: "300" });
    const picture = await llm.image({ prompt: "fog" });
    expect(picture).toMatchObject({ targetId: "openrouter-image", fallbackFrom: "openai-image", attempts: 2 });
    // Not waited for twice: one timed-out attempt, no retry on the hung target.
    expect(events.map((e) => [e.targetId, e.errorCode, e.costMicroUsd])).toEqual([
      ["openai-image", "timeout", 0],
      ["openrouter-image", null, 39_000],
    ]);
  });

  it("the circuit breaker benches a failing image target: later calls skip it without a request", async () => {
    up.setScenario("http-503");
    const { llm } = service(["openai-image"], { LLM_BREAKER_FAILURES: "2", LLM_MAX_RETRIES: "0" });
    expect((await failure(llm.image({ prompt: "one" }))).code).toBe("unavailable");
    expect((await failure(llm.image({ prompt: "two" }))).code).toBe("unavailable");
    expect(up.requests).toHaveLength(2);
    const benched = await failure(llm.image({ prompt: "three" }));
    expect(benched.message).toMatch(/circuit open/);
    expect(up.requests).toHaveLength(2);
    expect(llm.health().find((h) => h.targetId === "openai-image")).toMatchObject({ circuit: "open", lastErrorCode: "unavailable" });
  });

  it("a daily budget refuses the picture that would pass it, before any request", async () => {
    const { llm } = service(["openai-image"], { LLM_DAILY_BUDGET_USD: "0.05" });
    await llm.image({ prompt: "first" });
    expect(up.requests).toHaveLength(1);
    expect((await failure(llm.image({ prompt: "second" }))).code).toBe("budget_exceeded");
    expect(up.requests).toHaveLength(1);
  });
});

describe("image task: configuration", () => {
  it("is off without an image model: no image targets, and image() says so", async () => {
    const config = loadLlmConfig({ ...FAST_ENV });
    expect(imageTargets(config)).toEqual([]);
    const err = await failure(createLlmService(config, { priceRefresher: null }).image({ prompt: "fog" }));
    expect(err).toMatchObject({ code: "config" });
    expect(err.message).toMatch(/OPENAI_IMAGE_MODEL/);
  });

  it("keeps image and text targets apart", () => {
    const config = loadLlmConfig({ ...FAST_ENV, ...imageEnv(), OPENROUTER_API_KEY: "or-text", OPENROUTER_MODEL: "router-m" });
    expect(imageTargets(config).map((t) => t.id)).toEqual(["workers-ai-image", "openai-image", "openrouter-image"]);
    expect(config.routes.chapter.targets.map((t) => t.id)).toEqual(["openrouter"]);
    expect(config.demoOnly).toBe(false);
    expect(() => loadLlmConfig({ ...imageEnv(), OPENROUTER_API_KEY: "k", LLM_ROUTES: JSON.stringify({ "cover-image": { targets: ["openrouter"] } }) })).toThrow(/not configured for it/);
    expect(() => loadLlmConfig({ ...imageEnv(), LLM_ROUTES: JSON.stringify({ chapter: { targets: ["openai-image"] } }) })).toThrow(/not configured for it/);
  });

  it("names what an image target is missing", () => {
    expect(() => loadLlmConfig({ OPENAI_IMAGE_MODEL: "gpt-image-1" })).toThrow(/OPENAI_IMAGE_API_KEY or OPENAI_API_KEY/);
    expect(() => loadLlmConfig({ OPENROUTER_IMAGE_MODEL: "google/gemini-2.5-flash-image" })).toThrow(/OPENROUTER_IMAGE_API_KEY or OPENROUTER_API_KEY/);
    expect(() => loadLlmConfig({ OPENAI_IMAGE_MODEL: "gpt-image-1", OPENAI_IMAGE_PRICE_USD: "cheap", OPENAI_API_KEY: "k" })).toThrow(/OPENAI_IMAGE_PRICE_USD/);
    expect(() => loadLlmConfig({ COVER_IMAGE_PROVIDER: "openai" })).toThrow(/COVER_IMAGE_PROVIDER is no longer read: .*OPENAI_IMAGE_MODEL/);
    // A self-hosted images server may run without a key.
    expect(imageTargets(loadLlmConfig({ OPENAI_IMAGE_MODEL: "sdxl", OPENAI_IMAGE_BASE_URL: "http://127.0.0.1:9/v1" }))).toHaveLength(1);
  });

  it("refuses the image task on the text path", async () => {
    const { llm } = service(["openai-image"]);
    expect((await failure(llm.generateText({ task: "cover-image", messages: [{ role: "user", content: "paint" }] }))).code).toBe("bad_request");
    expect(up.requests).toHaveLength(0);
  });
});
