import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "../../../test/helpers/upstream/server";
import { loadLlmConfig } from "../config";
import type { Target } from "../contract";
import { LlmError } from "../errors";
import { baseCall, caps, fixture, streamParts } from "../testing/adapter";
import { openRouterInvoker } from "./openrouter";

let up: Upstream;
let target: Target;
beforeAll(async () => {
  up = await startUpstream();
  // Built by the config loader so that the attribution headers are the ones the app really sends.
  const config = loadLlmConfig({ OPENROUTER_API_KEY: "test-or-key", OPENROUTER_MODEL: "meta-llama/llama-3.1-8b-instruct", OPENROUTER_BASE_URL: `${up.url}/api/v1`, APP_URL: "https://quire.test" });
  target = { ...config.targets.find((t) => t.id === "openrouter")!, capabilities: caps };
});
beforeEach(() => up.reset());
afterAll(() => up.close());

const sse = (body: string) => ({ headers: { "content-type": "text/event-stream" }, body });

describe("OpenRouter adapter", () => {
  it("sends attribution headers and asks for usage accounting", async () => {
    up.queueRaw(sse(fixture("openrouter-stream.sse")));
    await streamParts(openRouterInvoker, target, baseCall);
    const req = up.requests[0]!;
    expect(req.path).toBe("/api/v1/chat/completions");
    expect(req.headers["http-referer"]).toBe("https://quire.test");
    expect(req.headers["x-title"]).toBe("Quire");
    expect(req.headers.authorization).toBe("Bearer test-or-key");
    expect(req.body).toEqual({
      model: "meta-llama/llama-3.1-8b-instruct",
      messages: baseCall.messages,
      stream: true,
      max_tokens: 64,
      temperature: 0.7,
      stop: ["###"],
      stream_options: { include_usage: true },
      usage: { include: true },
    });
  });

  it("skips its comment lines and reads the charged cost from the last chunk", async () => {
    up.queueRaw(sse(fixture("openrouter-stream.sse")));
    const parts = await streamParts(openRouterInvoker, target, baseCall);
    expect(parts).toEqual([
      { type: "text", text: "Ink" },
      { type: "text", text: " dried." },
      { type: "finish", reason: "stop" },
      { type: "usage", usage: { inputTokens: 194, outputTokens: 2, cachedInputTokens: 0, costUsd: 0.95 } },
    ]);
  });

  it("turns an in-band error chunk (finish_reason error) into a typed failure, not a finished answer", async () => {
    up.queueRaw(sse(fixture("openrouter-stream-error.sse")));
    const error = await streamParts(openRouterInvoker, target, baseCall).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).code).toBe("unavailable");
    expect((error as LlmError).status).toBe(502);
  });
});
