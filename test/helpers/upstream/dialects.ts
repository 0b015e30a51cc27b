// What each upstream dialect writes for a scenario: OpenAI-compatible, OpenRouter (comment lines,
// reported cost, in-band error chunks), Anthropic Messages, Workers AI REST and the custom format.
// Shapes follow the recorded samples (OpenAI, vLLM, OpenRouter docs, Anthropic SDK, Cloudflare docs).
import type { IncomingMessage, ServerResponse } from "node:http";
import { CONTEXT_OVERFLOW, type OverflowFamily } from "./families";
import type { ScenarioSpec } from "./scenarios";

export type Dialect = "openai" | "openrouter" | "anthropic" | "workers-ai" | "custom";

export interface ReplyContext {
  req: IncomingMessage;
  res: ServerResponse;
  body: Record<string, unknown>;
  scenario: ScenarioSpec;
  reply: string;
  stream: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function splitWords(text: string): string[] {
  const parts = text.match(/\S+\s*/g) ?? [];
  return parts.length > 0 ? parts : [text];
}

function promptTokens(body: Record<string, unknown>): number {
  const messages = (body.messages as Array<{ content?: unknown }> | undefined) ?? [];
  const text = messages.map((m) => String(m.content ?? "")).join(" ") + String(body.prompt ?? "");
  return Math.max(1, Math.ceil(text.length / 4));
}

function json(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(payload));
}

function openAiError(status: number, message: string, type: string, code: unknown): unknown {
  return { error: { message, type, param: null, code } };
}

/** HTTP-level failures shared by the OpenAI-shaped dialects. Returns true when it answered. */
export function httpFailure(ctx: ReplyContext, dialect: Dialect): boolean {
  const { res, scenario } = ctx;
  const anthropic = dialect === "anthropic";
  const cloudflare = dialect === "workers-ai";
  const fail = (status: number, message: string, type: string, code: unknown, headers: Record<string, string> = {}) => {
    if (anthropic) json(res, status, { type: "error", error: { type, message } }, headers);
    else if (cloudflare) json(res, status, { result: null, success: false, errors: [{ code, message }], messages: [] }, headers);
    else json(res, status, openAiError(status, message, type, code), headers);
  };
  if (scenario.name.startsWith("overflow-")) {
    const family = CONTEXT_OVERFLOW[scenario.name.slice("overflow-".length) as OverflowFamily];
    res.writeHead(family.status, { "content-type": family.kind === "sse" ? "text/event-stream" : "application/json" });
    res.end(family.body);
    return true;
  }
  switch (scenario.name) {
    case "model-not-found":
      // Ollama's OpenAI layer, re-wrapping its native "model not found".
      json(res, 400, { error: { code: null, message: "model not found", param: null, type: "invalid_request_error" } });
      return true;
    case "rate-limit-short":
      if (dialect === "openrouter" || dialect === "openai") {
        json(res, 429, { error: { code: 429, message: "Rate limit exceeded", metadata: { error_type: "rate_limit_exceeded", provider_code: "rate_limited" } } }, { "retry-after-ms": String(scenario.delayMs ?? 20) });
      } else fail(429, "Rate limit exceeded", anthropic ? "rate_limit_error" : "rate_limit_exceeded", cloudflare ? 3040 : 429, { "retry-after-ms": String(scenario.delayMs ?? 20) });
      return true;
    case "rate-limit-long":
      fail(429, "Rate limit exceeded", anthropic ? "rate_limit_error" : "rate_limit_exceeded", cloudflare ? 3040 : 429, { "retry-after": String(Math.round((scenario.delayMs ?? 120_000) / 1000)) });
      return true;
    case "quota":
      fail(429, "You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", cloudflare ? 3036 : "insufficient_quota");
      return true;
    case "http-500":
      fail(500, "Internal server error", anthropic ? "api_error" : "server_error", null);
      return true;
    case "http-502":
      fail(502, "Bad gateway", anthropic ? "api_error" : "server_error", null);
      return true;
    case "http-503":
      fail(503, "Service unavailable", anthropic ? "api_error" : "server_error", null);
      return true;
    case "overloaded":
      fail(529, "Overloaded", "overloaded_error", null);
      return true;
    case "context-length":
      // vLLM's real body: code is the HTTP status as an integer.
      json(res, 400, { error: { message: "'max_tokens' or 'max_completion_tokens' is too large: 8000. This model's maximum context length is 4096 tokens and your request has 2778 input tokens (8000 > 4096 - 2778). None", type: "BadRequestError", param: null, code: 400 } });
      return true;
    case "bad-request":
      fail(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", "invalid_request_error", "unsupported_parameter");
      return true;
    case "unauthorized":
      fail(401, "Invalid API key", anthropic ? "authentication_error" : "invalid_request_error", "invalid_api_key");
      return true;
    default:
      return false;
  }
}

/** Writes SSE frames with the scenario's faults; `frames` are already-formatted events. */
async function writeStream(ctx: ReplyContext, frames: string[], failAt: number): Promise<void> {
  const { res, scenario } = ctx;
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (let i = 0; i < frames.length; i++) {
    if (i === failAt) {
      if (scenario.name === "reset-mid-stream") {
        // Let the frames already written reach the client first; destroy() discards unsent data.
        await sleep(20);
        res.socket?.destroy();
        return;
      }
      if (scenario.name === "truncated") {
        res.end();
        return;
      }
    }
    if (scenario.name === "idle-gap" && i === 2) await sleep(scenario.delayMs ?? 200);
    if (res.destroyed) return;
    res.write(frames[i]);
  }
  res.end();
}

function openAiChunk(model: string, delta: Record<string, unknown>, finish: string | null): string {
  return `data: ${JSON.stringify({ id: "chatcmpl-upstream", object: "chat.completion.chunk", created: 1, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
}

/** The text a continuation request continues (its last assistant message), if it is one. */
function continued(body: Record<string, unknown>): string | undefined {
  const messages = (body.messages as Array<{ role?: string; content?: unknown }> | undefined) ?? [];
  const last = messages.findLast((m) => m.role === "assistant");
  return last && typeof last.content === "string" ? last.content : undefined;
}

/** What a schema-following server answers: the JSON when constrained, prose when not. */
function constrained(ctx: ReplyContext): { reply: string; tool?: string } | undefined {
  const { body, scenario } = ctx;
  if (scenario.name !== "json-schema" && scenario.name !== "json-schema-unsupported") return undefined;
  const format = body.response_format as { type?: string } | undefined;
  const tools = body.tools as Array<{ function?: { name?: string }; name?: string }> | undefined;
  if (tools && tools.length > 0) return { reply: ctx.reply, tool: tools[0]!.function?.name ?? tools[0]!.name ?? "answer" };
  if (format?.type === "json_schema" || format?.type === "json_object") return { reply: ctx.reply };
  return { reply: "Of course! I would be glad to help with that outline. Let me think about the story first." };
}

export async function replyOpenAi(ctx: ReplyContext, dialect: "openai" | "openrouter"): Promise<void> {
  if (httpFailure(ctx, dialect)) return;
  const { res, body, scenario } = ctx;
  if (scenario.name === "json-schema-unsupported" && (body.response_format as { type?: string } | undefined)?.type === "json_schema") {
    // llama-cpp-python and older servers: an unknown response_format type is a validation error.
    json(res, 400, { error: { message: "Invalid value for 'response_format.type': 'json_schema'. Supported values are: 'json_object' and 'text'.", type: "invalid_request_error", param: "response_format", code: null } });
    return;
  }
  const schemaAnswer = constrained(ctx);
  if (schemaAnswer?.tool && !ctx.stream) {
    json(res, 200, {
      id: "chatcmpl-upstream",
      object: "chat.completion",
      created: 1,
      model: String(body.model ?? "model"),
      choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: schemaAnswer.tool, arguments: schemaAnswer.reply } }] }, finish_reason: "tool_calls" }],
      usage: { prompt_tokens: promptTokens(body), completion_tokens: 10, total_tokens: promptTokens(body) + 10 },
    });
    return;
  }
  let reply = schemaAnswer?.reply ?? ctx.reply;
  const before = continued(body);
  if (scenario.name === "echo-tail" && before) reply = `${before.slice(-Math.min(before.length, 40)).trimStart()}${reply}`;
  const model = String(body.model ?? "model");
  let words = splitWords(reply);
  const finish = scenario.name === "length" ? "length" : "stop";
  if (scenario.name === "length") {
    words = words.slice(0, Math.max(1, Math.ceil(words.length / 2)));
    reply = words.join("");
  }
  const usage: Record<string, unknown> = {
    prompt_tokens: promptTokens(body),
    completion_tokens: words.length,
    total_tokens: promptTokens(body) + words.length,
    prompt_tokens_details: { cached_tokens: 0 },
  };
  if (dialect === "openrouter") usage.cost = Number(((promptTokens(body) + words.length) * 0.000001).toFixed(6));
  if (!ctx.stream) {
    if (scenario.name === "reset-mid-stream") {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":"chatcmpl-upstream","choices":[{"index":0,"message":{"role":"assistant","content":"Hel');
      setTimeout(() => res.socket?.destroy(), 5);
      return;
    }
    const payload: Record<string, unknown> = {
      id: "chatcmpl-upstream",
      object: "chat.completion",
      created: 1,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: reply }, finish_reason: scenario.name === "truncated" ? null : finish }],
    };
    if (scenario.name !== "no-usage") payload.usage = usage;
    json(res, 200, payload);
    return;
  }
  const frames: string[] = [];
  if (dialect === "openrouter") frames.push(": OPENROUTER PROCESSING\n\n");
  frames.push(openAiChunk(model, { role: "assistant", content: "" }, null));
  for (const word of words) frames.push(openAiChunk(model, { content: word }, null));
  let failAt = -1;
  if (scenario.name === "reset-mid-stream" || scenario.name === "truncated") failAt = Math.min(frames.length, 3);
  if (scenario.name === "in-band-error") {
    frames.splice(3, frames.length, `data: ${JSON.stringify({ id: "gen-upstream", object: "chat.completion.chunk", created: 1, model, provider: "upstream", error: { code: 502, message: "Provider returned error" }, choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }] })}\n\n`, "data: [DONE]\n\n");
    await writeStream(ctx, frames, -1);
    return;
  }
  if (scenario.name === "malformed-chunk") frames.splice(2, 0, 'data: {"id":"chatcmpl-upstream","choices":[{"delta":{"content":"Hel\n\n');
  if (scenario.name !== "done-without-finish") frames.push(openAiChunk(model, {}, finish));
  if (scenario.name !== "no-usage") frames.push(`data: ${JSON.stringify({ id: "chatcmpl-upstream", object: "chat.completion.chunk", created: 1, model, choices: [], usage })}\n\n`);
  // The bare [DONE] line (no blank line after it) is legal and some servers end that way.
  frames.push("data: [DONE]\n\n");
  await writeStream(ctx, frames, failAt);
}

function anthropicEvent(type: string, data: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export async function replyAnthropic(ctx: ReplyContext): Promise<void> {
  if (httpFailure(ctx, "anthropic")) return;
  const { res, body, scenario, reply } = ctx;
  const model = String(body.model ?? "claude");
  const words = splitWords(reply);
  const input = promptTokens(body);
  const schemaAnswer = constrained(ctx);
  if (schemaAnswer?.tool && !ctx.stream) {
    json(res, 200, {
      model,
      id: "msg_upstream",
      type: "message",
      role: "assistant",
      content: [{ type: "tool_use", id: "toolu_upstream", name: schemaAnswer.tool, input: JSON.parse(schemaAnswer.reply) as unknown }],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 10 },
    });
    return;
  }
  if (!ctx.stream) {
    json(res, 200, {
      model,
      id: "msg_upstream",
      type: "message",
      role: "assistant",
      content: [{ type: "text", text: reply }],
      stop_reason: scenario.name === "truncated" ? null : "end_turn",
      stop_sequence: null,
      usage: { input_tokens: input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: words.length },
    });
    return;
  }
  const frames: string[] = [
    anthropicEvent("message_start", { type: "message_start", message: { id: "msg_upstream", type: "message", role: "assistant", content: [], model, stop_reason: null, stop_sequence: null, usage: { input_tokens: input, output_tokens: 1 } } }),
    anthropicEvent("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
    'event: ping\ndata: {"type": "ping"}\n\n',
  ];
  for (const word of words) frames.push(anthropicEvent("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: word } }));
  if (scenario.name === "in-band-error") {
    frames.splice(4, frames.length, anthropicEvent("error", { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }));
    await writeStream(ctx, frames, -1);
    return;
  }
  frames.push(anthropicEvent("content_block_stop", { type: "content_block_stop", index: 0 }));
  frames.push(anthropicEvent("message_delta", { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: words.length } }));
  frames.push(anthropicEvent("message_stop", { type: "message_stop" }));
  const failAt = scenario.name === "reset-mid-stream" || scenario.name === "truncated" ? 5 : -1;
  await writeStream(ctx, frames, failAt);
}

export async function replyWorkersAi(ctx: ReplyContext): Promise<void> {
  if (httpFailure(ctx, "workers-ai")) return;
  const { res, body, scenario, reply } = ctx;
  const words = splitWords(reply);
  const usage = { prompt_tokens: promptTokens(body), completion_tokens: words.length, total_tokens: promptTokens(body) + words.length };
  if (!ctx.stream) {
    json(res, 200, { result: { response: reply, usage }, success: true, errors: [], messages: [] });
    return;
  }
  const frames = words.map((w) => `data: ${JSON.stringify({ response: w, p: "abc" })}\n\n`);
  if (scenario.name !== "no-usage") frames.push(`data: ${JSON.stringify({ response: "", usage })}\n\n`);
  frames.push("data: [DONE]\n\n");
  const failAt = scenario.name === "reset-mid-stream" || scenario.name === "truncated" ? 2 : -1;
  await writeStream(ctx, frames, failAt);
}

export async function replyCustom(ctx: ReplyContext): Promise<void> {
  if (httpFailure(ctx, "custom")) return;
  json(ctx.res, 200, { text: ctx.reply });
}

export function openRouterModels(): unknown {
  return {
    data: [
      { id: "meta-llama/llama-3.1-8b-instruct", context_length: 131072, pricing: { prompt: "0.00000002", completion: "0.00000005" } },
      { id: "upstream/priced-model", context_length: 32768, pricing: { prompt: "0.000001", completion: "0.000002" } },
    ],
  };
}
