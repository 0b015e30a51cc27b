// One test per upstream fault scenario: what the service must do about it. Route under test: the
// custom model ("custom-m", 8k context) first, OpenRouter ("router-m", 128k) second.
import { describe, expect, it } from "vitest";
import { DEFAULT_REPLY } from "../../../test/helpers/upstream/server";
import { LlmError } from "../errors";
import { drain, userMessage } from "../testing/harness";
import { useUpstream } from "../../../test/helpers/upstream/suite";
import { countMessageTokens, countTokens } from "../tokens";

const suite = useUpstream();
const { service, hits } = suite;
const ask = (task: "chapter" | "suggestion" | "summary" = "summary") => ({ task, messages: userMessage("Summarise the harbour scene."), cache: false });

describe("upstream scenarios", () => {
  it("ok: streams the whole answer with provider usage and one ok usage event", async () => {
    const { llm, sink } = service();
    const stream = llm.streamText(ask());
    const { chunks, error } = await drain(stream);
    const result = await stream.result;
    expect(error).toBeUndefined();
    expect(chunks.join("")).toBe(DEFAULT_REPLY);
    expect(result).toMatchObject({ text: DEFAULT_REPLY, targetId: "custom", provider: "openai-compatible", model: "custom-m", attempts: 1, cached: false, finishReason: "stop" });
    expect(result.usage.estimated).toBe(false);
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]).toMatchObject({ outcome: "ok", attempt: 1, targetId: "custom", fallbackFrom: null, errorCode: null });
    expect(sink.events[0]!.ttftMs).not.toBeNull();
  });

  it("slow first byte within the connect timeout: waits and answers from the first target", async () => {
    suite.up.setScenario({ name: "slow-first-byte", delayMs: 60 }, { model: "custom-m" });
    const { llm } = service({ LLM_CONNECT_TIMEOUT_MS: "1000" });
    const result = await llm.generateText(ask());
    expect([result.targetId, result.attempts]).toEqual(["custom", 1]);
  });

  it("slow first byte beyond the connect timeout: a timeout, then the fallback answers", async () => {
    // Wide margins: on a loaded machine the fallback itself must connect within the same timeout.
    suite.up.setScenario({ name: "slow-first-byte", delayMs: 3000 }, { model: "custom-m" });
    const { llm, sink } = service({ LLM_CONNECT_TIMEOUT_MS: "500", LLM_MAX_RETRIES: "0" });
    const stream = llm.streamText(ask());
    await drain(stream);
    const result = await stream.result;
    expect(result.targetId).toBe("openrouter");
    expect(result.fallbackFrom).toBe("custom");
    expect(sink.events.map((e) => [e.targetId, e.outcome, e.errorCode])).toEqual([
      ["custom", "error", "timeout"],
      ["openrouter", "ok", null],
    ]);
    expect(sink.events[1]!.fallbackFrom).toBe("custom");
  });

  it("429 with a short retry-after-ms: retried on the same target after waiting", async () => {
    suite.up.setScenario([{ name: "rate-limit-short", delayMs: 10 }, "ok"], { model: "custom-m" });
    const { llm, sink } = service();
    const result = await llm.generateText(ask());
    expect([result.targetId, result.attempts]).toEqual(["custom", 2]);
    expect(sink.events.map((e) => e.errorCode)).toEqual(["rate_limited", null]);
    expect(hits("router-m")).toBe(0);
  });

  it("429 with a long retry-after: no waiting, straight to the next target, first target benched", async () => {
    suite.up.setScenario("rate-limit-long", { model: "custom-m" });
    const { llm } = service();
    const result = await llm.generateText(ask());
    expect(result.targetId).toBe("openrouter");
    expect(hits("custom-m")).toBe(1);
    expect(llm.health().find((h) => h.targetId === "custom")!.circuit).toBe("open");
  });

  it("429 quota exhausted: falls back and keeps the target benched for the next requests", async () => {
    suite.up.setScenario("quota", { model: "custom-m" });
    const { llm, sink } = service({ LLM_BREAKER_QUOTA_COOLDOWN_MS: "600000" });
    const first = await llm.generateText(ask());
    const second = await llm.generateText(ask());
    expect([first.targetId, second.targetId]).toEqual(["openrouter", "openrouter"]);
    expect(hits("custom-m")).toBe(1);
    expect(sink.events[0]!.errorCode).toBe("quota_exhausted");
    const custom = llm.health().find((h) => h.targetId === "custom")!;
    expect(custom.circuit).toBe("open");
    expect(custom.openUntil! - Date.now()).toBeGreaterThan(500_000);
  });

  it.each(["http-500", "http-502", "http-503"] as const)("%s once: retried with backoff on the same target", async (scenario) => {
    suite.up.setScenario([scenario, "ok"], { model: "custom-m" });
    const { llm, sink } = service();
    const result = await llm.generateText(ask());
    expect([result.targetId, result.attempts]).toEqual(["custom", 2]);
    expect(sink.events.map((e) => e.errorCode)).toEqual(["unavailable", null]);
  });

  it("503 every time: retries exhausted on the first target, then the fallback answers", async () => {
    suite.up.setScenario("http-503", { model: "custom-m" });
    const { llm, sink } = service({ LLM_MAX_RETRIES: "2" });
    const result = await llm.generateText(ask());
    expect(result.targetId).toBe("openrouter");
    expect(hits("custom-m")).toBe(3);
    expect(result.attempts).toBe(4);
    expect(sink.events.map((e) => e.attempt)).toEqual([1, 2, 3, 4]);
  });

  it("hang: the connect timeout ends the attempt and the fallback answers", async () => {
    suite.up.setScenario("hang", { model: "custom-m" });
    const { llm, sink } = service({ LLM_CONNECT_TIMEOUT_MS: "100", LLM_MAX_RETRIES: "0" });
    const stream = llm.streamText(ask());
    const { chunks } = await drain(stream);
    expect(chunks.join("")).toBe(DEFAULT_REPLY);
    expect((await stream.result).targetId).toBe("openrouter");
    expect(sink.events[0]!.errorCode).toBe("timeout");
  });

  it("reset mid-stream after the first token: a failure reported as such, never a complete answer", async () => {
    suite.up.setScenario("reset-mid-stream", { model: "custom-m" });
    const { llm, sink } = service();
    const stream = llm.streamText(ask("suggestion"));
    const { chunks, error } = await drain(stream);
    expect(chunks.length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).code).toBe("unavailable");
    await expect(stream.result).rejects.toBeInstanceOf(LlmError);
    expect(hits("router-m")).toBe(0);
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]).toMatchObject({ outcome: "error", estimated: true });
    expect(sink.events[0]!.outputTokens).toBeGreaterThan(0);
  });

  it("reset mid-stream in a chapter: continues on the next target from the text already produced", async () => {
    suite.up.setScenario("reset-mid-stream", { model: "custom-m" });
    suite.up.setScenario({ name: "ok", reply: "and the rest." }, { model: "router-m" });
    const { llm } = service({ LLM_MAX_RETRIES: "0" });
    const stream = llm.streamText({ ...ask("chapter") });
    const { chunks, error } = await drain(stream);
    const result = await stream.result;
    expect(error).toBeUndefined();
    const partial = chunks.join("").slice(0, chunks.join("").length - "and the rest.".length);
    expect(partial.length).toBeGreaterThan(0);
    expect(result.text).toBe(`${partial}and the rest.`);
    expect(result.targetId).toBe("openrouter");
    const continuation = suite.up.requests.find((r) => r.body.model === "router-m")!;
    const messages = continuation.body.messages as Array<{ role: string; content: string }>;
    expect(messages.at(-2)).toEqual({ role: "assistant", content: partial });
    expect(messages.at(-1)!.content).toMatch(/continue/i);
  });

  it("reset before the body of a non-streamed answer: falls back freely", async () => {
    suite.up.setScenario("reset-mid-stream", { model: "custom-m" });
    const { llm } = service({ LLM_MAX_RETRIES: "0" });
    const result = await llm.generateText(ask("suggestion"));
    expect(result.targetId).toBe("openrouter");
  });

  it("truncated stream (no finish_reason, no [DONE]): fails as truncated", async () => {
    suite.up.setScenario("truncated", { model: "custom-m" });
    const { llm } = service();
    const stream = llm.streamText(ask("suggestion"));
    const { chunks, error } = await drain(stream);
    expect(chunks.join("")).not.toBe(DEFAULT_REPLY);
    expect((error as LlmError).code).toBe("truncated");
  });

  it("[DONE] without a finish reason: still truncated", async () => {
    suite.up.setScenario("done-without-finish", { model: "custom-m" });
    const { llm } = service();
    const { error } = await drain(llm.streamText(ask("suggestion")));
    expect((error as LlmError).code).toBe("truncated");
  });

  it("in-band error chunk from OpenRouter: a failure with the upstream's code", async () => {
    suite.up.setScenario("in-band-error", { model: "router-m" });
    const { llm } = service({ LLM_ROUTES: JSON.stringify({ suggestion: { targets: ["openrouter"] } }) });
    const { error } = await drain(llm.streamText(ask("suggestion")));
    expect(error).toBeInstanceOf(LlmError);
    expect([(error as LlmError).code, (error as LlmError).status]).toEqual(["unavailable", 502]);
  });

  it("malformed chunk: a bad_response failure, not silently skipped text", async () => {
    suite.up.setScenario("malformed-chunk", { model: "custom-m" });
    const { llm } = service();
    const { error } = await drain(llm.streamText(ask("suggestion")));
    expect((error as LlmError).code).toBe("bad_response");
  });

  it("silence between chunks beyond the idle timeout: a timeout failure", async () => {
    suite.up.setScenario({ name: "idle-gap", delayMs: 500 }, { model: "custom-m" });
    const { llm } = service({ LLM_IDLE_TIMEOUT_MS: "100" });
    const { error } = await drain(llm.streamText(ask("suggestion")));
    expect((error as LlmError).code).toBe("timeout");
    expect((error as LlmError).message).toMatch(/idle/);
  });

  it("context-length 400: not retried, moved to the larger-context target", async () => {
    suite.up.setScenario("context-length", { model: "custom-m" });
    const { llm, sink } = service();
    const result = await llm.generateText(ask());
    expect(result.targetId).toBe("openrouter");
    expect(hits("custom-m")).toBe(1);
    expect(sink.events[0]!.errorCode).toBe("context_length_exceeded");
  });

  it("context-length 400 with no larger target left: the typed error reaches the caller", async () => {
    suite.up.setScenario("context-length");
    // The body states a 4096-token window; no other target has more.
    const { llm } = service({ OPENROUTER_CONTEXT_WINDOW: "4096" });
    await expect(llm.generateText(ask())).rejects.toMatchObject({ code: "context_length_exceeded" });
    expect(hits("router-m")).toBe(0);
  });

  it("stream without usage: usage is counted with the tokenizer and marked estimated", async () => {
    suite.up.setScenario("no-usage", { model: "custom-m" });
    const { llm, sink } = service();
    const stream = llm.streamText(ask());
    await drain(stream);
    const result = await stream.result;
    expect(result.usage.estimated).toBe(true);
    expect(result.usage.outputTokens).toBe(await countTokens(DEFAULT_REPLY));
    expect(result.usage.inputTokens).toBe(await countMessageTokens(ask().messages));
    expect(sink.events[0]!.estimated).toBe(true);
    expect(result.costMicroUsd).toBeGreaterThan(0);
  });

  it("bad request: neither retried nor sent to another target", async () => {
    suite.up.setScenario("bad-request", { model: "custom-m" });
    const { llm } = service();
    await expect(llm.generateText(ask())).rejects.toMatchObject({ code: "bad_request", retryable: false });
    expect(suite.up.requests).toHaveLength(1);
  });

  it("unauthorized: not retried, but another target may serve", async () => {
    suite.up.setScenario("unauthorized", { model: "custom-m" });
    const { llm } = service();
    const result = await llm.generateText(ask());
    expect(result.targetId).toBe("openrouter");
    expect(hits("custom-m")).toBe(1);
  });

  it("a no-fallback route during an outage: a clear unavailable error, no other target tried", async () => {
    suite.up.setScenario("http-503", { model: "custom-m" });
    const { llm } = service({ LLM_ROUTES: JSON.stringify({ suggestion: { noFallback: true } }), LLM_MAX_RETRIES: "1" });
    const error = await llm.generateText(ask("suggestion")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).code).toBe("unavailable");
    expect((error as LlmError).userMessage).toMatch(/unavailable/);
    expect(hits("router-m")).toBe(0);
    expect(hits("custom-m")).toBe(2);
  });
});
