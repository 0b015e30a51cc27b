// Cloudflare Workers AI, natively: through the `AI` binding inside a worker, or the REST
// `accounts/{id}/ai/run/{model}` API elsewhere. Answers come as `{response, usage}` (REST: wrapped in
// the v4 envelope `{result, success, errors, messages}`); streams are SSE `data: {"response": ...}`
// chunks closed by `[DONE]`, which carry no finish reason, so `[DONE]` is what marks completion.
import type { Target } from "../contract";
import { LlmError, type LlmErrorCode } from "../errors";
import { classifyFailure } from "../transport/http-errors";
import { httpInvoker, readSseStream } from "../transport/http-invoker";
import { parseWireJson } from "../transport/parse-json";
import { targetHeaders } from "../transport/wire-json";
import { parseOpenAiUsage } from "./openai-compatible";
import { bareSchema, structuredModeOf } from "./structured";
import type { Completion, InvokeIo, ModelInvoker, ProviderCall, StreamDecoder, StreamPart, WireDialect } from "./types";

export const CLOUDFLARE_API_BASE = "https://api.cloudflare.com/client/v4";

/** The subset of the Workers AI binding Quire uses. */
export interface WorkersAiBinding {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

/** Cloudflare error codes (docs platform/errors) that say more than the HTTP status. */
export function codeFromCloudflare(code: number, message: string): LlmErrorCode {
  if (code === 3036) return "quota_exhausted";
  if (code === 3040) return "rate_limited";
  if (code === 3007 || code === 3008) return "timeout";
  if (code === 3006) return "context_length_exceeded";
  if (code === 5007 || code === 3042) return "unavailable";
  return classifyFailure(400, { message, type: "", code: String(code) });
}

/** Codes that mean the target is set up wrong (model name, account access, model terms). */
const MISCONFIGURED = new Set([5007, 3042, 5016, 5018, 3041, 3023]);

function runInputs(call: ProviderCall, stream: boolean, target?: Target): Record<string, unknown> {
  const inputs: Record<string, unknown> = { messages: call.messages };
  if (call.maxTokens !== undefined) inputs.max_tokens = call.maxTokens;
  if (call.temperature !== undefined) inputs.temperature = call.temperature;
  const sampling = call.sampling;
  if (sampling) {
    if (sampling.topP !== undefined) inputs.top_p = sampling.topP;
    if (sampling.seed !== undefined) inputs.seed = sampling.seed;
    if (sampling.presencePenalty !== undefined) inputs.presence_penalty = sampling.presencePenalty;
    if (sampling.frequencyPenalty !== undefined) inputs.frequency_penalty = sampling.frequencyPenalty;
  }
  // Workers AI's JSON mode takes the schema itself as `json_schema`.
  if (call.json) inputs.response_format = target && call.json.jsonSchema !== undefined && structuredModeOf(target) === "json_schema" ? { type: "json_schema", json_schema: bareSchema(call.json.jsonSchema) } : { type: "json_object" };
  if (stream) inputs.stream = true;
  return inputs;
}

function parseRunResult(result: unknown): Completion {
  const r = (result ?? {}) as Record<string, unknown>;
  if (typeof r.response !== "string") {
    // JSON-mode answers may come back already parsed.
    if (r.response && typeof r.response === "object") return { text: JSON.stringify(r.response), finishReason: "stop", usage: parseOpenAiUsage(r.usage) };
    throw new LlmError("bad_response", "Workers AI result has no `response`", { body: JSON.stringify(result) });
  }
  return { text: r.response, finishReason: "stop", usage: parseOpenAiUsage(r.usage) };
}

class WorkersAiStreamDecoder implements StreamDecoder {
  private done = false;
  private usage: StreamPart | undefined;

  event(event: { data: string }): StreamPart[] {
    if (event.data === "[DONE]") {
      this.done = true;
      return [];
    }
    const json = parseWireJson(event.data, "a stream chunk");
    const parts: StreamPart[] = [];
    if (typeof json.response === "string" && json.response.length > 0) parts.push({ type: "text", text: json.response });
    const usage = parseOpenAiUsage(json.usage);
    if (usage) this.usage = { type: "usage", usage };
    return parts;
  }

  end(): StreamPart[] {
    if (!this.done) throw new LlmError("truncated", "Workers AI stream ended without [DONE]");
    const parts: StreamPart[] = [{ type: "finish", reason: "stop" }];
    if (this.usage) parts.push(this.usage);
    return parts;
  }
}

export const workersAiRestDialect: WireDialect = {
  request(target, call, stream) {
    if (!target.accountId) throw new LlmError("config", `target ${target.id} has no Cloudflare account id`, { retryable: false });
    const base = (target.baseUrl ?? CLOUDFLARE_API_BASE).replace(/\/+$/, "");
    return { url: `${base}/accounts/${target.accountId}/ai/run/${target.model}`, headers: targetHeaders(target), body: runInputs(call, stream, target) };
  },
  parseCompletion(json) {
    const envelope = json as Record<string, unknown>;
    if (envelope.success === false) {
      const first = ((envelope.errors as Array<Record<string, unknown>> | undefined) ?? [])[0] ?? {};
      const message = String(first.message ?? "Workers AI error");
      throw new LlmError(codeFromCloudflare(Number(first.code), message), `Workers AI: ${message}`, { body: JSON.stringify(json), misconfigured: MISCONFIGURED.has(Number(first.code)) });
    }
    return parseRunResult(envelope.result);
  },
  streamDecoder: () => new WorkersAiStreamDecoder(),
};

export const workersAiRestInvoker = httpInvoker(workersAiRestDialect);

/** The binding throws plain Errors whose message carries the Cloudflare code ("3040: Capacity ..."). */
function bindingError(error: unknown): LlmError {
  if (error instanceof LlmError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = /\b(\d{4})\b/.exec(message);
  const mapped = code ? codeFromCloudflare(Number(code[1]), message) : "unavailable";
  return new LlmError(mapped, `Workers AI binding: ${message}`, { cause: error, misconfigured: code ? MISCONFIGURED.has(Number(code[1])) : false, retryable: code && MISCONFIGURED.has(Number(code[1])) ? false : undefined });
}

async function runGuarded(binding: WorkersAiBinding, target: Target, call: ProviderCall, io: InvokeIo, stream: boolean): Promise<unknown> {
  return runBinding(binding, target.model, runInputs(call, stream, target), io);
}

/** One binding call under the attempt's watchdog (the binding takes no signal), its errors typed. */
export async function runBinding(binding: WorkersAiBinding, model: string, inputs: Record<string, unknown>, io: InvokeIo): Promise<unknown> {
  const signal = io.watchdog.signal;
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(io.watchdog.explain(signal.reason));
    signal.addEventListener("abort", () => reject(io.watchdog.explain(signal.reason)), { once: true });
  });
  aborted.catch(() => undefined);
  try {
    return await Promise.race([binding.run(model, inputs), aborted]);
  } catch (error) {
    throw bindingError(error);
  }
}

export function workersAiBindingInvoker(binding: WorkersAiBinding): ModelInvoker {
  return {
    async complete(target, call, io) {
      io.watchdog.arm("answer");
      return parseRunResult(await runGuarded(binding, target, call, io, false));
    },
    stream(target, call, io) {
      return readSseStream(async () => {
        io.watchdog.arm("connect");
        const body = await runGuarded(binding, target, call, io, true);
        if (!(body instanceof ReadableStream)) throw new LlmError("bad_response", "Workers AI binding did not return a stream");
        return body as ReadableStream<Uint8Array>;
      }, new WorkersAiStreamDecoder(), io);
    },
  };
}

