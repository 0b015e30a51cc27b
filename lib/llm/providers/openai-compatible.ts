// The OpenAI chat-completions wire format, as spoken by OpenAI, vLLM, Ollama, TGI, LocalAI, LiteLLM,
// Modal deployments and Workers AI's /v1 endpoint. OpenAI and OpenRouter are thin variants of it.
import type { FinishReason, Target } from "../contract";
import { LlmError } from "../errors";
import { errorFromInBand } from "../transport/http-errors";
import { httpInvoker } from "../transport/http-invoker";
import { parseWireJson } from "../transport/parse-json";
import { targetHeaders } from "../transport/wire-json";
import { bareSchema, isStrictCompatible, schemaName, structuredModeOf } from "./structured";
import type { Completion, ProviderCall, ReportedUsage, StreamDecoder, StreamPart, WireDialect, WireRequest } from "./types";

export interface OpenAiDialectOptions {
  /** OpenAI's newer models reject `max_tokens` and want `max_completion_tokens`. */
  maxTokensField?: "max_tokens" | "max_completion_tokens";
  /** Adds fields a vendor needs (OpenRouter's usage accounting). */
  extraBody?: Record<string, unknown>;
}

export function mapOpenAiFinish(reason: string): FinishReason {
  if (reason === "stop" || reason === "eos" || reason === "end_turn") return "stop";
  if (reason === "length" || reason === "max_tokens") return "length";
  if (reason === "content_filter") return "content_filter";
  return "other";
}

export function parseOpenAiUsage(raw: unknown): ReportedUsage | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const u = raw as Record<string, unknown>;
  if (typeof u.prompt_tokens !== "number" && typeof u.completion_tokens !== "number") return undefined;
  const details = (u.prompt_tokens_details ?? {}) as Record<string, unknown>;
  const usage: ReportedUsage = {
    inputTokens: Number(u.prompt_tokens ?? 0),
    outputTokens: Number(u.completion_tokens ?? 0),
    cachedInputTokens: Number(details.cached_tokens ?? 0),
  };
  if (typeof u.cost === "number") usage.costUsd = u.cost;
  return usage;
}

export function openAiRequestBody(target: Target, call: ProviderCall, stream: boolean, options: OpenAiDialectOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { model: target.model, messages: call.messages, stream };
  if (call.maxTokens !== undefined) body[options.maxTokensField ?? "max_tokens"] = call.maxTokens;
  if (call.temperature !== undefined) body.temperature = call.temperature;
  const sampling = call.sampling;
  if (sampling) {
    if (sampling.topP !== undefined) body.top_p = sampling.topP;
    if (sampling.seed !== undefined) body.seed = sampling.seed;
    if (sampling.presencePenalty !== undefined) body.presence_penalty = sampling.presencePenalty;
    if (sampling.frequencyPenalty !== undefined) body.frequency_penalty = sampling.frequencyPenalty;
  }
  if (call.stop !== undefined && call.stop.length > 0) body.stop = call.stop;
  if (call.json) Object.assign(body, structuredRequest(target, call.json));
  // Without this the stream carries no usage and Quire would have to estimate it.
  if (stream) body.stream_options = { include_usage: true };
  if (options.extraBody) Object.assign(body, options.extraBody);
  return body;
}

/** The request fields that ask this target for JSON matching the schema (see structured.ts). */
export function structuredRequest(target: Target, json: NonNullable<ProviderCall["json"]>): Record<string, unknown> {
  const mode = structuredModeOf(target);
  const name = schemaName(json.name);
  const schema = bareSchema(json.jsonSchema);
  // Any JSON at all (the gateway's response_format json_object): the weakest JSON mode the target has.
  if (schema === undefined) return mode === "none" ? {} : { response_format: { type: "json_object" } };
  if (mode === "json_schema" || mode === "json_schema_strict") {
    const strict = mode === "json_schema_strict" && isStrictCompatible(schema);
    return { response_format: { type: "json_schema", json_schema: { name, schema, strict } } };
  }
  if (mode === "json_object") return { response_format: { type: "json_object" } };
  if (mode === "tool") {
    return {
      tools: [{ type: "function", function: { name, description: `Return the ${name}.`, parameters: schema } }],
      tool_choice: { type: "function", function: { name } },
    };
  }
  return {};
}

/** A forced tool call carries the object as its arguments: that is the answer's text. */
function toolArguments(toolCalls: unknown): string | undefined {
  if (!Array.isArray(toolCalls) || toolCalls.length === 0) return undefined;
  const fn = (toolCalls[0] as Record<string, unknown>).function as Record<string, unknown> | undefined;
  return typeof fn?.arguments === "string" ? fn.arguments : undefined;
}

function chatUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/chat/completions`;
}

/** An SSE error event's payload: its JSON's \`error\` (or the JSON itself), or the bare text when it is not JSON. */
function errorEventBody(data: string): unknown {
  try {
    const json = JSON.parse(data) as Record<string, unknown>;
    return json.error ?? json;
  } catch {
    return data;
  }
}

class OpenAiStreamDecoder implements StreamDecoder {
  private finished = false;
  private done = false;

  event(event: { event?: string; data: string }): StreamPart[] {
    if (event.data === "[DONE]") {
      this.done = true;
      return [];
    }
    // An error event may carry a bare message instead of JSON: it is still the server's error.
    if (event.event === "error") throw errorFromInBand(errorEventBody(event.data));
    const json = parseWireJson(event.data, "a stream chunk");
    if (json.error !== undefined && json.error !== null) throw errorFromInBand(json.error);
    const parts: StreamPart[] = [];
    const choices = json.choices as Array<Record<string, unknown>> | undefined;
    const choice = choices?.[0];
    if (choice) {
      const delta = choice.delta as Record<string, unknown> | undefined;
      const content = delta?.content;
      if (typeof content === "string" && content.length > 0) parts.push({ type: "text", text: content });
      else if (delta?.tool_calls !== undefined) {
        const args = toolArguments(delta.tool_calls);
        if (args) parts.push({ type: "text", text: args });
      }
      const reason = choice.finish_reason;
      if (typeof reason === "string") {
        if (reason === "error") throw errorFromInBand({ message: "finish_reason error without details" });
        this.finished = true;
        parts.push({ type: "finish", reason: reason === "tool_calls" ? "stop" : mapOpenAiFinish(reason) });
      }
    }
    const usage = parseOpenAiUsage(json.usage);
    if (usage) parts.push({ type: "usage", usage });
    return parts;
  }

  end(): StreamPart[] {
    if (!this.finished) {
      throw new LlmError(
        "truncated",
        this.done ? "stream sent [DONE] without a finish reason" : "stream ended without a finish reason or [DONE]",
      );
    }
    return [];
  }
}

export function parseOpenAiCompletion(json: unknown): Completion {
  const body = json as Record<string, unknown>;
  if (body.error !== undefined && body.error !== null) throw errorFromInBand(body.error);
  const choice = (body.choices as Array<Record<string, unknown>> | undefined)?.[0];
  if (!choice) throw new LlmError("bad_response", "completion has no choices", { body: JSON.stringify(json) });
  const message = (choice.message ?? {}) as Record<string, unknown>;
  const reason = typeof choice.finish_reason === "string" ? choice.finish_reason : "";
  if (reason === "error") throw errorFromInBand(body.error ?? { message: "finish_reason error" });
  if (!reason) throw new LlmError("truncated", "completion has no finish reason");
  const content = typeof message.content === "string" ? message.content : "";
  return {
    text: content.length > 0 ? content : (toolArguments(message.tool_calls) ?? ""),
    // A forced tool call ends with "tool_calls": for Quire that is the complete answer.
    finishReason: reason === "tool_calls" ? "stop" : mapOpenAiFinish(reason),
    usage: parseOpenAiUsage(body.usage),
  };
}

export function openAiDialect(options: OpenAiDialectOptions = {}, defaultBaseUrl?: string): WireDialect {
  return {
    request(target, call, stream): WireRequest {
      const baseUrl = target.baseUrl ?? defaultBaseUrl;
      if (!baseUrl) throw new LlmError("config", `target ${target.id} has no base URL`, { retryable: false });
      const headers = targetHeaders(target, stream ? { accept: "text/event-stream" } : {});
      return { url: chatUrl(baseUrl), headers, body: openAiRequestBody(target, call, stream, options) };
    },
    parseCompletion: parseOpenAiCompletion,
    streamDecoder: () => new OpenAiStreamDecoder(),
  };
}

export const openAiCompatibleInvoker = httpInvoker(openAiDialect());
export const openAiInvoker = httpInvoker(openAiDialect({ maxTokensField: "max_completion_tokens" }, "https://api.openai.com/v1"));
