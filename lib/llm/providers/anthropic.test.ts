import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "../../../test/helpers/upstream/server";
import type { Target } from "../contract";
import { LlmError } from "../errors";
import { baseCall, caps, complete, fixture, streamParts } from "../testing/adapter";
import { anthropicInvoker } from "./anthropic";

let up: Upstream;
let target: Target;
beforeAll(async () => {
  up = await startUpstream();
  target = { id: "anthropic", provider: "anthropic", model: "claude-haiku-4-5", baseUrl: up.url, apiKey: "test-anthropic-key", capabilities: caps };
});
beforeEach(() => up.reset());
afterAll(() => up.close());

describe("Anthropic adapter", () => {
  it("sends the Messages API request: system apart, stop_sequences, version header", async () => {
    up.queueRaw({ headers: { "content-type": "text/event-stream" }, body: fixture("anthropic-stream.sse") });
    await streamParts(anthropicInvoker, target, baseCall);
    const req = up.requests[0]!;
    expect(req.path).toBe("/v1/messages");
    expect(req.headers["x-api-key"]).toBe("test-anthropic-key");
    expect(req.headers["anthropic-version"]).toBe("2023-06-01");
    expect(req.headers).not.toHaveProperty("authorization");
    expect(req.body).toEqual({
      model: "claude-haiku-4-5",
      max_tokens: 64,
      messages: [{ role: "user", content: "Write one line." }],
      system: "You write fiction.",
      temperature: 0.7,
      stop_sequences: ["###"],
      stream: true,
    });
  });

  it("parses its event stream (ping ignored, cumulative output usage, max_tokens → length)", async () => {
    up.queueRaw({ headers: { "content-type": "text/event-stream" }, body: fixture("anthropic-stream.sse") });
    const parts = await streamParts(anthropicInvoker, target, baseCall);
    expect(parts).toEqual([
      { type: "text", text: "Snow" },
      { type: "text", text: " fell." },
      { type: "finish", reason: "length" },
      { type: "usage", usage: { inputTokens: 15, outputTokens: 6, cachedInputTokens: 4 } },
    ]);
  });

  it("parses a message and counts cache reads and writes as input", async () => {
    up.queueRaw({ body: fixture("anthropic-message.json") });
    const { maxTokens: _omit, ...call } = baseCall;
    const done = await complete(anthropicInvoker, target, call);
    expect(done).toEqual({ text: "The bell rang twice.", finishReason: "stop", usage: { inputTokens: 35, outputTokens: 7, cachedInputTokens: 20 } });
    expect(up.requests[0]!.body.max_tokens).toBe(4096);
  });

  it("fails a stream that carries an overloaded_error event", async () => {
    up.setScenario("in-band-error");
    const error = await streamParts(anthropicInvoker, target, baseCall).catch((e: unknown) => e);
    expect((error as LlmError).code).toBe("unavailable");
  });

  it("fails a stream that ends without message_stop as truncated", async () => {
    up.setScenario("truncated");
    const error = await streamParts(anthropicInvoker, target, baseCall).catch((e: unknown) => e);
    expect((error as LlmError).code).toBe("truncated");
  });

  it("maps its 529 overloaded answer to unavailable", async () => {
    up.setScenario("overloaded");
    const error = await complete(anthropicInvoker, target, baseCall).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect([(error as LlmError).code, (error as LlmError).status]).toEqual(["unavailable", 529]);
  });
});
