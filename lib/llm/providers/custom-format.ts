// A server that is not OpenAI-shaped: `{prompt, temperature, max_tokens}` in, `{text}` out, no
// streaming. Chat turns are flattened into one prompt; "streaming" yields the whole answer at once.
import type { ChatMessage } from "../contract";
import { LlmError } from "../errors";
import { httpInvoker } from "../transport/http-invoker";
import type { Completion, InvokeIo, ModelInvoker, ProviderCall, StreamPart, WireDialect } from "./types";
import type { Target } from "../contract";

export function flattenPrompt(messages: ChatMessage[]): string {
  const label = { system: "System", user: "User", assistant: "Assistant" } as const;
  return `${messages.map((m) => `${label[m.role]}: ${m.content}`).join("\n\n")}\n\nAssistant:`;
}

export const customFormatDialect: WireDialect = {
  request(target, call) {
    if (!target.baseUrl) throw new LlmError("config", `target ${target.id} has no URL`, { retryable: false });
    const body: Record<string, unknown> = { prompt: flattenPrompt(call.messages) };
    if (call.temperature !== undefined) body.temperature = call.temperature;
    if (call.maxTokens !== undefined) body.max_tokens = call.maxTokens;
    if (call.stop !== undefined && call.stop.length > 0) body.stop = call.stop;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
    return { url: target.baseUrl, headers, body };
  },
  parseCompletion(json): Completion {
    const body = json as Record<string, unknown>;
    if (typeof body.text !== "string") throw new LlmError("bad_response", "custom-format answer has no `text`", { body: JSON.stringify(json) });
    return { text: body.text, finishReason: "stop" };
  },
  streamDecoder() {
    throw new LlmError("config", "the custom-format endpoint does not stream", { retryable: false });
  },
};

const base = httpInvoker(customFormatDialect);

export const customFormatInvoker: ModelInvoker = {
  complete: (target: Target, call: ProviderCall, io: InvokeIo) => base.complete(target, call, io),
  async *stream(target: Target, call: ProviderCall, io: InvokeIo): AsyncIterable<StreamPart> {
    const done = await base.complete(target, call, io);
    if (done.text) yield { type: "text", text: done.text };
    yield { type: "finish", reason: done.finishReason };
  },
};
