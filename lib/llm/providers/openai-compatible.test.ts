import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "../../../test/helpers/upstream/server";
import type { Target } from "../contract";
import { baseCall, caps, complete, fixture, streamParts } from "../testing/adapter";
import { openAiCompatibleInvoker, openAiInvoker } from "./openai-compatible";

let up: Upstream;
let target: Target;
beforeAll(async () => {
  up = await startUpstream();
  target = { id: "custom", provider: "openai-compatible", model: "my-llama", baseUrl: `${up.url}/v1`, apiKey: "test-key-abc", capabilities: caps };
});
beforeEach(() => up.reset());
afterAll(() => up.close());

describe("OpenAI-compatible adapter", () => {
  it("sends the exact chat-completions request for a stream, asking for usage", async () => {
    up.queueRaw({ headers: { "content-type": "text/event-stream" }, body: fixture("openai-chat-stream.sse") });
    await streamParts(openAiCompatibleInvoker, target, baseCall);
    const req = up.requests[0]!;
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.headers.authorization).toBe("Bearer test-key-abc");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers.accept).toBe("text/event-stream");
    expect(req.body).toEqual({
      model: "my-llama",
      messages: baseCall.messages,
      stream: true,
      max_tokens: 64,
      temperature: 0.7,
      stop: ["###"],
      stream_options: { include_usage: true },
    });
  });

  it("parses a recorded stream into text, finish reason and reported usage", async () => {
    up.queueRaw({ headers: { "content-type": "text/event-stream" }, body: fixture("openai-chat-stream.sse") });
    const parts = await streamParts(openAiCompatibleInvoker, target, baseCall);
    expect(parts).toEqual([
      { type: "text", text: "Fog" },
      { type: "text", text: " rolled" },
      { type: "text", text: " in." },
      { type: "finish", reason: "stop" },
      { type: "usage", usage: { inputTokens: 17, outputTokens: 3, cachedInputTokens: 0 } },
    ]);
  });

  it("parses a recorded non-streamed completion, cached prompt tokens included", async () => {
    up.queueRaw({ body: fixture("openai-chat-completion.json") });
    const done = await complete(openAiCompatibleInvoker, target, { ...baseCall, json: { jsonSchema: {}, zod: undefined } });
    expect(done).toEqual({
      text: "The harbour lights went out one by one.",
      finishReason: "stop",
      usage: { inputTokens: 31, outputTokens: 10, cachedInputTokens: 16 },
    });
    expect(up.requests[0]!.body).toMatchObject({ stream: false, response_format: { type: "json_object" } });
    expect(up.requests[0]!.body).not.toHaveProperty("stream_options");
  });

  it("sends no authorization header when the endpoint has no key (Ollama, local vLLM)", async () => {
    up.queueRaw({ body: fixture("openai-chat-completion.json") });
    await complete(openAiCompatibleInvoker, { ...target, apiKey: undefined }, baseCall);
    expect(up.requests[0]!.headers).not.toHaveProperty("authorization");
  });

  it("OpenAI direct uses max_completion_tokens, which its newer models require", async () => {
    up.queueRaw({ body: fixture("openai-chat-completion.json") });
    await complete(openAiInvoker, { ...target, provider: "openai", model: "gpt-4o-mini" }, baseCall);
    const body = up.requests[0]!.body;
    expect(body.max_completion_tokens).toBe(64);
    expect(body).not.toHaveProperty("max_tokens");
  });
});
