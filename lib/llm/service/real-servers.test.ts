// What real servers do that the plain fault matrix does not: each family's own context-overflow
// answer, a target whose key or model is wrong, a hung target, a server that starts over or echoes the
// tail instead of continuing, a `length` finish. Route: custom ("custom-m", 8k) then OpenRouter (128k).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CONTEXT_OVERFLOW, MODEL_LISTS, OVERFLOW_FAMILIES } from "../../../test/helpers/upstream/families";
import { DEFAULT_REPLY } from "../../../test/helpers/upstream/server";
import type { LlmError } from "../errors";
import { drain, userMessage } from "../testing/harness";
import { useUpstream } from "../../../test/helpers/upstream/suite";

const suite = useUpstream();
const { service, hits } = suite;
const chapter = (continueFrom?: string) => ({ task: "chapter" as const, messages: userMessage("Write chapter 2."), cache: false, continueFrom });

describe("context overflow from each server family", () => {
  it.each(OVERFLOW_FAMILIES)("%s: the outline moves to the larger-context target, the small one is asked once", async (family) => {
    suite.up.setScenario(`overflow-${family}`, { model: "custom-m" });
    const { llm, sink } = service();
    const stream = llm.streamText({ task: "outline", messages: userMessage("Outline a long saga."), cache: false });
    const { chunks, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(chunks.join("")).toBe(DEFAULT_REPLY);
    const result = await stream.result;
    expect([result.targetId, result.fallbackFrom]).toEqual(["openrouter", "custom"]);
    expect(hits("custom-m")).toBe(1);
    expect(sink.events[0]!.errorCode).toBe("context_length_exceeded");
  });

  it("no target with a larger window: the caller gets context_length_exceeded, which no retry can fix", async () => {
    suite.up.setScenario("overflow-llamacpp");
    // llama.cpp said its window is 256 tokens; OpenRouter is configured with 200, so nothing is larger.
    const { llm } = service({ OPENROUTER_CONTEXT_WINDOW: "200", CUSTOM_LLM_CONTEXT_WINDOW: "300" });
    const error = (await llm.generateText({ task: "outline", messages: userMessage("x"), cache: false }).catch((e: unknown) => e)) as LlmError;
    expect([error.code, error.retryable]).toEqual(["context_length_exceeded", false]);
    expect(hits("custom-m")).toBe(1);
    expect(hits("router-m")).toBe(0);
    expect(CONTEXT_OVERFLOW.llamacpp.window).toBe(256);
  });
});

describe("targets that are set up wrong", () => {
  it("a 401 benches the target for a long cooldown: the next request goes straight to the fallback", async () => {
    suite.up.setScenario("unauthorized", { model: "custom-m" });
    const { llm } = service();
    const first = await llm.generateText({ task: "summary", messages: userMessage("a"), cache: false });
    const second = await llm.generateText({ task: "summary", messages: userMessage("b"), cache: false });
    expect([first.targetId, second.targetId]).toEqual(["openrouter", "openrouter"]);
    expect(hits("custom-m")).toBe(1);
    const custom = llm.health().find((h) => h.targetId === "custom")!;
    expect([custom.circuit, custom.misconfigured, custom.lastErrorCode]).toEqual(["open", true, "unauthorized"]);
    expect(custom.openUntil! - Date.now()).toBeGreaterThan(20 * 60_000);
  });

  it("a model the server does not know is a misconfigured target, not a bad request: falls back", async () => {
    suite.up.setScenario("model-not-found", { model: "custom-m" });
    const { llm } = service();
    const result = await llm.generateText({ task: "summary", messages: userMessage("a"), cache: false });
    expect(result.targetId).toBe("openrouter");
    expect(hits("custom-m")).toBe(1);
    expect(llm.health().find((h) => h.targetId === "custom")!.misconfigured).toBe(true);
  });
});

describe("hung targets", () => {
  it("a timeout moves to the next target after one attempt, retries notwithstanding", async () => {
    suite.up.setScenario("hang", { model: "custom-m" });
    const { llm, sink } = service({ LLM_CONNECT_TIMEOUT_MS: "100", LLM_MAX_RETRIES: "2" });
    const { chunks } = await drain(llm.streamText({ task: "summary", messages: userMessage("a"), cache: false }));
    expect(chunks.join("")).toBe(DEFAULT_REPLY);
    expect(hits("custom-m")).toBe(1);
    expect(sink.events.map((e) => [e.targetId, e.errorCode])).toEqual([
      ["custom", "timeout"],
      ["openrouter", null],
    ]);
  });

  it("the default timeouts let a stream escape a hung target within 15 s", () => {
    const { llm } = service({ LLM_CONNECT_TIMEOUT_MS: "", LLM_FIRST_TOKEN_TIMEOUT_MS: "", LLM_IDLE_TIMEOUT_MS: "" });
    const t = llm.config.timeouts;
    expect(Math.max(t.connectMs, t.firstTokenMs, t.idleMs)).toBeLessThanOrEqual(15_000);
  });
});

describe("continuations that cannot duplicate", () => {
  it("a server that starts over when asked to continue: the retold opening is cut, the chapter reads once", async () => {
    suite.up.setScenario(["truncated", "ok"], { model: "custom-m" });
    const { llm } = service();
    const stream = llm.streamText(chapter());
    const { chunks, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(chunks.join("")).toBe(DEFAULT_REPLY);
    const result = await stream.result;
    expect([result.text, result.targetId, result.finishReason]).toEqual([DEFAULT_REPLY, "custom", "stop"]);
  });

  it("a server that echoes the tail of the saved text first: the echo is cut", async () => {
    suite.up.setScenario("echo-tail");
    const saved = "Dawn broke over the harbour. The gulls were loud above the boats. ";
    const { llm } = service();
    const result = await llm.generateText(chapter(saved));
    const request = suite.up.requests[0]!.body.messages as Array<{ role: string; content: string }>;
    expect(request.at(-2)).toEqual({ role: "assistant", content: saved });
    expect(result.text).toBe(DEFAULT_REPLY);
  });

  it("a server that starts over and then writes something else: refused, never stored as a finished chapter", async () => {
    const saved = `${DEFAULT_REPLY} Then the bell rang twice and nobody came down to the quay.`;
    suite.up.setReply(`${DEFAULT_REPLY} A different night followed, with no bell at all.`);
    const { llm } = service();
    const stream = llm.streamText(chapter(saved));
    const { chunks, error } = await drain(stream);
    expect((error as LlmError).code).toBe("bad_response");
    expect(chunks.join("")).toBe("");
    await expect(stream.result).rejects.toMatchObject({ code: "bad_response" });
  });

  it("a target that breaks again while continuing is not asked a third time: the fallback finishes", async () => {
    suite.up.setScenario("truncated", { model: "custom-m" });
    const { llm, sink } = service({ LLM_MAX_RETRIES: "2" });
    const stream = llm.streamText(chapter());
    const { chunks } = await drain(stream);
    const result = await stream.result;
    expect(hits("custom-m")).toBe(2);
    expect(result.targetId).toBe("openrouter");
    expect(chunks.join("")).toBe(DEFAULT_REPLY);
    expect(sink.events.map((e) => e.errorCode)).toEqual(["truncated", "truncated", null]);
  });

  it("a stream that never sends a finish reason anywhere ends as `truncated`, never as a complete chapter", async () => {
    suite.up.setScenario("done-without-finish");
    const { llm } = service({ LLM_MAX_RETRIES: "2" });
    const stream = llm.streamText(chapter());
    const { error } = await drain(stream);
    expect((error as LlmError).code).toBe("truncated");
    await expect(stream.result).rejects.toMatchObject({ code: "truncated" });
    expect(hits("custom-m")).toBe(2);
    expect(hits("router-m")).toBe(2);
  });
});

describe("finish reasons", () => {
  it("an answer cut at the token limit says so (finishReason length) and is not cached", async () => {
    suite.up.setScenario("length");
    const { llm } = service();
    const req = { task: "suggestion" as const, messages: userMessage("Rewrite: the night was dark.") };
    const first = await llm.generateText(req);
    expect(first.finishReason).toBe("length");
    expect(DEFAULT_REPLY.startsWith(first.text)).toBe(true);
    expect(first.text.length).toBeLessThan(DEFAULT_REPLY.length);
    const second = await llm.generateText(req);
    expect(second.cached).toBe(false);
  });
});

describe("context window discovery", () => {
  const listings = () => suite.up.requests.filter((r) => r.dialect === "models" || r.dialect === "props").map((r) => r.path);

  it.each(["vllm", "llamacpp"] as const)("%s: the window the server reports replaces the default, asked once", async (server) => {
    suite.up.setModels(MODEL_LISTS[server].list, MODEL_LISTS[server].props);
    const { llm } = service({ CUSTOM_LLM_CONTEXT_WINDOW: "" });
    expect(await llm.contextWindow("chapter")).toBe(MODEL_LISTS[server].window);
    await llm.generateText({ task: "summary", messages: userMessage("a"), cache: false });
    expect(listings()).toEqual(server === "vllm" ? ["/v1/models"] : ["/v1/models", "/props"]);
  });

  it("prompt and answer are made to fit the reported window: max_tokens is cut to the room left", async () => {
    suite.up.setModels(MODEL_LISTS.vllm.list);
    const { llm } = service({ CUSTOM_LLM_CONTEXT_WINDOW: "" });
    await llm.generateText({ task: "chapter", messages: userMessage("x".repeat(4000)), maxTokens: 6000, cache: false });
    const sent = suite.up.requests.find((r) => r.body.model === "custom-m")!.body.max_tokens as number;
    expect(sent).toBeLessThanOrEqual(4096 - 1000);
    expect(sent).toBeGreaterThan(2000);
  });

  it("a configured window wins: the server is not asked", async () => {
    suite.up.setModels(MODEL_LISTS.vllm.list);
    const { llm } = service({ CUSTOM_LLM_CONTEXT_WINDOW: "16000" });
    expect(await llm.contextWindow("chapter")).toBe(16000);
    expect(listings()).toEqual([]);
  });

  it("a server that does not say keeps the default, and its overflow error teaches the window", async () => {
    suite.up.setScenario("overflow-llamacpp", { model: "custom-m" });
    const { llm } = service({ CUSTOM_LLM_CONTEXT_WINDOW: "" });
    expect(await llm.contextWindow("chapter")).toBe(8192);
    await llm.generateText({ task: "outline", messages: userMessage("x"), cache: false });
    expect(await llm.contextWindow("chapter")).toBe(256);
  });
});

describe("schema-constrained JSON", () => {
  const Outline = z.object({ title: z.string(), chapters: z.array(z.object({ title: z.string(), summary: z.string() })).min(1) });
  const outline = { title: "The Harbour", chapters: [{ title: "Fog", summary: "The fog comes in." }] };
  const ask = { task: "outline" as const, messages: userMessage("Outline a harbour story."), schema: Outline, schemaName: "book outline", cache: false };
  const sentTo = (model: string) => suite.up.requests.filter((r) => r.body.model === model).map((r) => r.body);

  it("a guided-decoding server (vLLM, llama.cpp) gets the schema and answers valid JSON the first time", async () => {
    suite.up.setScenario({ name: "json-schema", reply: JSON.stringify(outline) });
    const { llm } = service();
    const result = await llm.generateObject(ask);
    expect(result.object).toEqual(outline);
    expect(result.attempts).toBe(1);
    const [body] = sentTo("custom-m");
    expect(body!.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "book_outline", strict: false } });
    expect((body!.response_format as { json_schema: { schema: { properties: object } } }).json_schema.schema.properties).toHaveProperty("chapters");
  });

  it("OpenRouter gets strict json_schema when the schema allows it", async () => {
    suite.up.setScenario({ name: "json-schema", reply: JSON.stringify(outline) });
    const { llm } = service({ LLM_ROUTES: '{"outline":{"targets":["openrouter"]}}' });
    await llm.generateObject(ask);
    expect(sentTo("router-m")[0]!.response_format).toMatchObject({ type: "json_schema", json_schema: { strict: true } });
  });

  it("a server that refuses json_schema is asked again with json_object, and remembered", async () => {
    suite.up.setScenario({ name: "json-schema-unsupported", reply: JSON.stringify(outline) });
    const { llm, sink } = service();
    const first = await llm.generateObject(ask);
    expect(first.object).toEqual(outline);
    expect(sink.events.map((e) => [e.targetId, e.errorCode])).toEqual([
      ["custom", "bad_request"],
      ["custom", null],
    ]);
    await llm.generateObject(ask);
    expect(sentTo("custom-m").map((b) => (b.response_format as { type: string }).type)).toEqual(["json_schema", "json_object", "json_object"]);
  });

  it("a server without any JSON mode gets the schema in the prompt, and the re-ask still applies", async () => {
    suite.up.setScenario({ name: "json-schema", reply: JSON.stringify(outline) });
    const { llm } = service({ CUSTOM_LLM_STRUCTURED_OUTPUT: "none", LLM_ROUTES: '{"outline":{"noFallback":true}}' });
    await expect(llm.generateObject(ask)).rejects.toMatchObject({ code: "invalid_output" });
    const bodies = sentTo("custom-m");
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).not.toHaveProperty("response_format");
    expect(String((bodies[0]!.messages as Array<{ content: string }>)[0]!.content)).toContain('"chapters"');
  });

  it("a tool-call target (CUSTOM_LLM_STRUCTURED_OUTPUT=tool) returns the object as the forced tool's arguments", async () => {
    suite.up.setScenario({ name: "json-schema", reply: JSON.stringify(outline) });
    const { llm } = service({ CUSTOM_LLM_STRUCTURED_OUTPUT: "tool" });
    const result = await llm.generateObject(ask);
    expect(result.object).toEqual(outline);
    expect(sentTo("custom-m")[0]!.tool_choice).toEqual({ type: "function", function: { name: "book_outline" } });
  });

  it("Anthropic is asked with a forced tool and its tool_use input is the object", async () => {
    suite.up.setScenario({ name: "json-schema", reply: JSON.stringify(outline) });
    const { llm } = service({ ANTHROPIC_API_KEY: "test-anthropic", ANTHROPIC_BASE_URL: suite.up.url, LLM_ROUTES: '{"outline":{"targets":["anthropic"]}}' });
    const result = await llm.generateObject(ask);
    expect(result.object).toEqual(outline);
    const body = suite.up.requests.find((r) => r.dialect === "anthropic")!.body;
    expect(body.tool_choice).toEqual({ type: "tool", name: "book_outline" });
  });
});
