import { describe, expect, it } from "vitest";
import { createLlmService, isLlmError, loadLlmConfig } from "@/lib/llm";
import { FAST_ENV, drain } from "@/lib/llm/testing/harness";
import proxy, { type AiBinding, type LoraProxyEnv } from "./worker";

const KEY = "proxy-test-key";

/** A stand-in for the Workers AI binding that records what it was asked and answers as Workers AI does. */
function fakeAi(stream: string[] | null, response = "The keeper counted ships.") {
  const calls: Array<{ model: string; inputs: Record<string, unknown> }> = [];
  const ai: AiBinding = {
    async run(model, inputs) {
      calls.push({ model, inputs });
      if (!inputs.stream) return { response, usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } };
      const bytes = new TextEncoder().encode((stream ?? []).join(""));
      return new ReadableStream<Uint8Array>({
        start(controller) {
          // Split mid-line, as the network does.
          controller.enqueue(bytes.slice(0, 7));
          controller.enqueue(bytes.slice(7));
          controller.close();
        },
      });
    },
  };
  return { ai, calls };
}

const envWith = (ai: AiBinding): LoraProxyEnv => ({ AI: ai, LORA_BASE_MODEL: "@cf/mistral/mistral-7b-instruct-v0.2-lora", LORA_FINETUNE: "quire-writer", PROXY_API_KEY: KEY });

/** Quire's LLM service with its `custom` target pointed at the proxy (requests go to the Worker's fetch handler). */
function quireAgainst(env: LoraProxyEnv) {
  const config = loadLlmConfig({ ...FAST_ENV, LLM_MAX_RETRIES: "0", CUSTOM_LLM_BASE_URL: "https://lora.example/v1", CUSTOM_LLM_MODEL: "quire-writer", CUSTOM_LLM_API_KEY: KEY });
  return createLlmService(config, { priceRefresher: null, fetch: (input, init) => proxy.fetch(new Request(input as RequestInfo, init), env) });
}

const SSE = (...events: string[]) => events.map((e) => `data: ${e}\n\n`);

describe("the Workers AI LoRA proxy", () => {
  it("answers /health without a key and refuses chat without the right one", async () => {
    const env = envWith(fakeAi(null).ai);
    expect((await proxy.fetch(new Request("https://lora.example/health"), env)).status).toBe(200);
    const post = (auth?: string) => proxy.fetch(new Request("https://lora.example/v1/chat/completions", { method: "POST", headers: auth ? { authorization: auth } : {}, body: JSON.stringify({ messages: [{ role: "user", content: "hi" }] }) }), env);
    expect((await post()).status).toBe(401);
    expect((await post("Bearer wrong")).status).toBe(401);
    expect((await post(`Bearer ${KEY}`)).status).toBe(200);
  });

  it("serves Quire's custom target, non-streaming, with the fine-tune named on every run", async () => {
    const { ai, calls } = fakeAi(null);
    const result = await quireAgainst(envWith(ai)).generateText({ task: "summary", messages: [{ role: "user", content: "Summarise." }], maxTokens: 50, cache: false });
    expect(result).toMatchObject({ text: "The keeper counted ships.", finishReason: "stop", targetId: "custom" });
    expect(result.usage).toMatchObject({ inputTokens: 12, outputTokens: 5, estimated: false });
    expect(calls[0]).toMatchObject({ model: "@cf/mistral/mistral-7b-instruct-v0.2-lora", inputs: { lora: "quire-writer", max_tokens: 50, stream: false } });
  });

  it("streams to Quire as OpenAI chunks, with usage, ending complete", async () => {
    const { ai } = fakeAi(SSE('{"response":"The keeper"}', '{"response":" counted ships."}', '{"response":"","usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}}', "[DONE]"));
    const stream = quireAgainst(envWith(ai)).streamText({ task: "chapter", messages: [{ role: "user", content: "Write." }], cache: false });
    const { chunks, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(chunks.join("")).toBe("The keeper counted ships.");
    expect(await stream.result).toMatchObject({ finishReason: "stop", usage: { inputTokens: 9, outputTokens: 4, estimated: false } });
  });

  it("passes a stream cut short on as truncated, never as a complete answer", async () => {
    const { ai } = fakeAi(SSE('{"response":"The keeper"}'));
    const stream = quireAgainst(envWith(ai)).streamText({ task: "suggestion", messages: [{ role: "user", content: "Write." }], cache: false });
    const { error } = await drain(stream);
    expect(isLlmError(error) && error.code).toBe("truncated");
  });
});
