import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "../../../test/helpers/upstream/server";
import type { Target } from "../contract";
import { LlmError } from "../errors";
import { baseCall, caps, complete, fixture, streamParts } from "../testing/adapter";
import { workersAiBindingInvoker, workersAiRestInvoker, type WorkersAiBinding } from "./workers-ai";

let up: Upstream;
let target: Target;
beforeAll(async () => {
  up = await startUpstream();
  target = { id: "workers-ai", provider: "workers-ai", model: "@cf/meta/llama-3.1-8b-instruct", baseUrl: up.url, accountId: "acct123", apiKey: "test-cf-token", capabilities: caps };
});
beforeEach(() => up.reset());
afterAll(() => up.close());

describe("Workers AI REST adapter", () => {
  it("posts to accounts/{id}/ai/run/{model} and unwraps the {result, success} envelope", async () => {
    up.queueRaw({ body: fixture("workers-ai-run.json") });
    const done = await complete(workersAiRestInvoker, target, baseCall);
    expect(done).toEqual({ text: "Lanterns swayed in the wind.", finishReason: "stop", usage: { inputTokens: 21, outputTokens: 7, cachedInputTokens: 0 } });
    const req = up.requests[0]!;
    expect(req.path).toBe("/accounts/acct123/ai/run/@cf/meta/llama-3.1-8b-instruct");
    expect(req.headers.authorization).toBe("Bearer test-cf-token");
    expect(req.body).toEqual({ messages: baseCall.messages, max_tokens: 64, temperature: 0.7 });
  });

  it("reads a success:false envelope's Cloudflare code (3040 capacity → rate_limited)", async () => {
    up.queueRaw({ status: 200, body: fixture("workers-ai-error.json") });
    const error = await complete(workersAiRestInvoker, target, baseCall).catch((e: unknown) => e);
    expect((error as LlmError).code).toBe("rate_limited");
  });

  it("streams {response} chunks and completes only on [DONE]", async () => {
    up.queueRaw({ headers: { "content-type": "text/event-stream" }, body: fixture("workers-ai-stream.sse") });
    const parts = await streamParts(workersAiRestInvoker, target, baseCall);
    expect(parts).toEqual([
      { type: "text", text: "Lanterns" },
      { type: "text", text: " swayed." },
      { type: "finish", reason: "stop" },
      { type: "usage", usage: { inputTokens: 21, outputTokens: 3, cachedInputTokens: 0 } },
    ]);
    expect(up.requests[0]!.body.stream).toBe(true);
  });

  it("fails a stream cut before [DONE] as truncated", async () => {
    up.queueRaw({ headers: { "content-type": "text/event-stream" }, body: fixture("workers-ai-stream.sse").replace("data: [DONE]", "") });
    const error = await streamParts(workersAiRestInvoker, target, baseCall).catch((e: unknown) => e);
    expect((error as LlmError).code).toBe("truncated");
  });
});

describe("Workers AI binding adapter", () => {
  function fakeBinding(answer: (inputs: Record<string, unknown>) => unknown): WorkersAiBinding & { calls: Array<{ model: string; inputs: Record<string, unknown> }> } {
    const calls: Array<{ model: string; inputs: Record<string, unknown> }> = [];
    return {
      calls,
      async run(model, inputs) {
        calls.push({ model, inputs });
        return answer(inputs);
      },
    };
  }

  it("calls env.AI.run(model, {messages, ...}) and reads {response, usage}", async () => {
    const binding = fakeBinding(() => ({ response: "From the binding.", usage: { prompt_tokens: 5, completion_tokens: 3 } }));
    const done = await complete(workersAiBindingInvoker(binding), target, baseCall);
    expect(done.text).toBe("From the binding.");
    expect(done.usage).toEqual({ inputTokens: 5, outputTokens: 3, cachedInputTokens: 0 });
    expect(binding.calls).toEqual([{ model: "@cf/meta/llama-3.1-8b-instruct", inputs: { messages: baseCall.messages, max_tokens: 64, temperature: 0.7 } }]);
  });

  it("decodes the binding's SSE byte stream", async () => {
    const bytes = new TextEncoder().encode(fixture("workers-ai-stream.sse"));
    const binding = fakeBinding(() => new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) }));
    const parts = await streamParts(workersAiBindingInvoker(binding), target, baseCall);
    expect(parts.filter((p) => p.type === "text").map((p) => (p as { text: string }).text).join("")).toBe("Lanterns swayed.");
    expect(binding.calls[0]!.inputs.stream).toBe(true);
  });

  it("maps the binding's thrown '3036' daily-allocation error to quota_exhausted", async () => {
    const binding = fakeBinding(() => {
      throw new Error("3036: You have used up your daily free allocation of 10,000 neurons");
    });
    const error = await complete(workersAiBindingInvoker(binding), target, baseCall).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).code).toBe("quota_exhausted");
  });
});
