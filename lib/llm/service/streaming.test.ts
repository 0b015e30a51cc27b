import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_REPLY, startUpstream, type Upstream } from "../../../test/helpers/upstream/server";
import { LlmError } from "../errors";
import { createLlmService } from "../service";
import { recordingSink, upstreamConfig, userMessage } from "../testing/harness";

let up: Upstream;
beforeAll(async () => {
  up = await startUpstream();
});
beforeEach(() => up.reset());
afterAll(() => up.close());

describe("streaming and request context", () => {
  it("continues from caller-supplied text (a resumed chapter) and returns only the new text", async () => {
    const llm = createLlmService(upstreamConfig(up.url));
    const result = await llm.generateText({ task: "chapter", messages: userMessage("Write chapter 4."), continueFrom: "The door opened.", cache: false });
    expect(result.text).toBe(DEFAULT_REPLY);
    const messages = up.requests[0]!.body.messages as Array<{ role: string; content: string }>;
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[1]!.content).toBe("The door opened.");
  });

  it("a caller abort stops the request with `aborted` and tries no other target", async () => {
    up.setScenario("hang", { model: "custom-m" });
    const llm = createLlmService(upstreamConfig(up.url, { LLM_CONNECT_TIMEOUT_MS: "5000" }));
    const controller = new AbortController();
    const pending = llm.generateText({ task: "summary", messages: userMessage("x"), signal: controller.signal, cache: false });
    setTimeout(() => controller.abort(), 30);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).code).toBe("aborted");
    expect(up.requests.filter((r) => r.body.model === "router-m")).toHaveLength(0);
  });

  it("a consumer that stops reading cancels the upstream request and nothing is cached", async () => {
    up.setScenario({ name: "idle-gap", delayMs: 300 });
    const sink = recordingSink();
    const llm = createLlmService(upstreamConfig(up.url, { LLM_IDLE_TIMEOUT_MS: "2000" }), { sink });
    const stream = llm.streamText({ task: "suggestion", messages: userMessage("x") });
    for await (const chunk of stream.textStream) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    await expect(stream.result).rejects.toMatchObject({ code: "aborted" });
    expect(sink.events.at(-1)).toMatchObject({ outcome: "error", errorCode: "aborted" });
    const again = await llm.generateText({ task: "suggestion", messages: userMessage("x") });
    expect(again.cached).toBe(false);
  });

  it("puts user, book and job on every usage event", async () => {
    up.setScenario(["http-500", "ok"], { model: "custom-m" });
    const sink = recordingSink();
    const llm = createLlmService(upstreamConfig(up.url), { sink });
    await llm.generateText({ task: "summary", messages: userMessage("x"), user: { id: "u1" }, bookId: "b1", jobId: "j1", cache: false });
    expect(sink.events).toHaveLength(2);
    for (const event of sink.events) expect(event).toMatchObject({ task: "summary", userId: "u1", bookId: "b1", jobId: "j1", cached: false });
  });

  it("exposes per-target health for the admin dashboard", async () => {
    const llm = createLlmService(upstreamConfig(up.url));
    await llm.generateText({ task: "summary", messages: userMessage("x"), cache: false });
    const health = llm.health();
    expect(health.map((h) => h.targetId)).toEqual(["custom", "openrouter", "demo"]);
    expect(health[0]).toMatchObject({ circuit: "closed", recentCalls: 1, errorRate: 0 });
    expect(health[0]!.p50LatencyMs).not.toBeNull();
  });

  it("rejects a request without messages as a bad request", async () => {
    const llm = createLlmService(upstreamConfig(up.url));
    await expect(llm.generateText({ task: "summary", messages: [] })).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("usage sink failures", () => {
  it("never break a request and are reported to onSinkError", async () => {
    const reported: unknown[] = [];
    const llm = createLlmService(upstreamConfig(up.url), {
      sink: { record: () => Promise.reject(new Error("D1 is down")) },
      onSinkError: (error) => void reported.push(error),
    });
    const result = await llm.generateText({ task: "summary", messages: userMessage("x"), cache: false });
    expect(result.text).toBe(DEFAULT_REPLY);
    await vi.waitFor(() => expect(reported).toHaveLength(1));
    expect((reported[0] as Error).message).toBe("D1 is down");
  });
});
