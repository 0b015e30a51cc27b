// Anthropic Messages API: system prompt as a separate field, `max_tokens` required, an event stream
// (message_start, content_block_delta, ping, message_delta, message_stop, error) and input usage split
// into uncached, cache-read and cache-write parts.
import type { ChatMessage, FinishReason } from "../contract";
import { LlmError } from "../errors";
import { errorFromInBand } from "../transport/http-errors";
import { httpInvoker } from "../transport/http-invoker";
import { parseWireJson } from "../transport/parse-json";
import { bareSchema, schemaName, structuredModeOf } from "./structured";
import type { Completion, ReportedUsage, StreamDecoder, StreamPart, WireDialect } from "./types";

export const ANTHROPIC_BASE_URL = "https://api.anthropic.com";
export const ANTHROPIC_VERSION = "2023-06-01";
const DEFAULT_MAX_TOKENS = 4096;

function mapStopReason(reason: string): FinishReason {
  if (reason === "end_turn" || reason === "stop_sequence") return "stop";
  if (reason === "max_tokens") return "length";
  if (reason === "refusal") return "content_filter";
  // A forced tool call is the whole answer; a full context window is a cut-off one.
  if (reason === "tool_use") return "stop";
  if (reason === "model_context_window_exceeded") return "length";
  return "other";
}

function splitSystem(messages: ChatMessage[]): { system: string | undefined; turns: ChatMessage[] } {
  const system = messages.filter((m) => m.role === "system").map((m) => m.content);
  const turns = messages.filter((m) => m.role !== "system");
  return { system: system.length > 0 ? system.join("\n\n") : undefined, turns };
}

/** Anthropic counts cached reads and writes apart from `input_tokens`; Quire's input is their sum. */
function parseUsage(raw: unknown): ReportedUsage | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const u = raw as Record<string, unknown>;
  const read = Number(u.cache_read_input_tokens ?? 0);
  const write = Number(u.cache_creation_input_tokens ?? 0);
  return {
    inputTokens: Number(u.input_tokens ?? 0) + read + write,
    outputTokens: Number(u.output_tokens ?? 0),
    cachedInputTokens: read,
  };
}

class AnthropicStreamDecoder implements StreamDecoder {
  private usage: ReportedUsage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };
  private reason: FinishReason | undefined;
  private stopped = false;

  event(event: { event: string | undefined; data: string }): StreamPart[] {
    const json = parseWireJson(event.data, "a stream event");
    switch (json.type) {
      case "message_start": {
        const usage = parseUsage((json.message as Record<string, unknown> | undefined)?.usage);
        if (usage) this.usage = usage;
        return [];
      }
      case "content_block_delta": {
        const delta = json.delta as Record<string, unknown> | undefined;
        if (delta?.type === "text_delta" && typeof delta.text === "string" && delta.text.length > 0) {
          return [{ type: "text", text: delta.text }];
        }
        if (delta?.type === "input_json_delta" && typeof delta.partial_json === "string" && delta.partial_json.length > 0) {
          return [{ type: "text", text: delta.partial_json }];
        }
        return [];
      }
      case "message_delta": {
        const delta = json.delta as Record<string, unknown> | undefined;
        if (typeof delta?.stop_reason === "string") this.reason = mapStopReason(delta.stop_reason);
        const usage = json.usage as Record<string, unknown> | undefined;
        // message_delta's output_tokens is cumulative.
        if (typeof usage?.output_tokens === "number") this.usage.outputTokens = usage.output_tokens;
        return [];
      }
      case "message_stop": {
        this.stopped = true;
        return [{ type: "finish", reason: this.reason ?? "stop" }, { type: "usage", usage: this.usage }];
      }
      case "error":
        throw errorFromInBand(json.error);
      default:
        return []; // ping, content_block_start/stop
    }
  }

  end(): StreamPart[] {
    if (!this.stopped) throw new LlmError("truncated", "stream ended without message_stop");
    return [];
  }
}

export const anthropicDialect: WireDialect = {
  request(target, call, stream) {
    const { system, turns } = splitSystem(call.messages);
    const body: Record<string, unknown> = {
      model: target.model,
      max_tokens: call.maxTokens ?? DEFAULT_MAX_TOKENS,
      messages: turns,
    };
    if (system !== undefined) body.system = system;
    if (call.temperature !== undefined) body.temperature = call.temperature;
    if (call.sampling?.topP !== undefined) body.top_p = call.sampling.topP;
    if (call.stop !== undefined && call.stop.length > 0) body.stop_sequences = call.stop;
    if (stream) body.stream = true;
    if (call.json?.jsonSchema !== undefined && structuredModeOf(target) === "tool") {
      // Anthropic's structured output: one tool whose input schema is the object, and it must be used.
      const name = schemaName(call.json.name);
      body.tools = [{ name, description: `Return the ${name}.`, input_schema: bareSchema(call.json.jsonSchema) }];
      body.tool_choice = { type: "tool", name };
    }
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "anthropic-version": ANTHROPIC_VERSION,
    };
    if (target.apiKey) headers["x-api-key"] = target.apiKey;
    if (target.headers) Object.assign(headers, target.headers);
    const base = (target.baseUrl ?? ANTHROPIC_BASE_URL).replace(/\/+$/, "");
    return { url: `${base}/v1/messages`, headers, body };
  },
  parseCompletion(json): Completion {
    const body = json as Record<string, unknown>;
    if (body.type === "error") throw errorFromInBand(body.error);
    const content = (body.content as Array<Record<string, unknown>> | undefined) ?? [];
    const tool = content.find((block) => block.type === "tool_use");
    const text = tool
      ? JSON.stringify(tool.input ?? null)
      : content
          .filter((block) => block.type === "text" && typeof block.text === "string")
          .map((block) => block.text as string)
          .join("");
    if (typeof body.stop_reason !== "string") throw new LlmError("truncated", "message has no stop_reason");
    return { text, finishReason: mapStopReason(body.stop_reason), usage: parseUsage(body.usage) };
  },
  streamDecoder: () => new AnthropicStreamDecoder(),
};

export const anthropicInvoker = httpInvoker(anthropicDialect);
