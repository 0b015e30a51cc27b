import { AppError, errorMessage, errorStatus, type ErrorCode } from "@/lib/errors";
import { isLlmError, type LlmResult } from "@/lib/llm";
import { describeLlmError } from "@/lib/llm-errors";

/** Responses and errors in OpenAI's wire format, so its clients read Quire unchanged. */
export type Completion = ReturnType<typeof completionBody>;

export function usageOf(result: LlmResult) {
  return {
    prompt_tokens: result.usage.inputTokens,
    completion_tokens: result.usage.outputTokens,
    total_tokens: result.usage.inputTokens + result.usage.outputTokens,
    prompt_tokens_details: { cached_tokens: result.usage.cachedInputTokens },
  };
}

export type QuireMeta = {
  provider: string;
  model: string;
  target: string;
  cached: boolean;
  attempts: number;
  fallback_from: string | null;
  cost_micro_usd: number | null;
  /** USD as text, or "unknown" when the model has no price (never shown as $0). */
  cost: string;
  credits: number;
  estimated_usage: boolean;
};

export function metaOf(result: LlmResult, credits: number): QuireMeta {
  return {
    provider: result.provider,
    model: result.model,
    target: result.targetId,
    cached: result.cached,
    attempts: result.attempts,
    fallback_from: result.fallbackFrom ?? null,
    cost_micro_usd: result.cached ? 0 : result.costMicroUsd,
    cost: result.cached ? "0" : result.costMicroUsd === null ? "unknown" : (result.costMicroUsd / 1e6).toFixed(6),
    credits,
    estimated_usage: result.usage.estimated,
  };
}

const FINISH: Record<string, string> = { stop: "stop", length: "length", content_filter: "content_filter", other: "stop" };

export function completionBody(id: string, model: string, created: number, result: LlmResult, credits: number) {
  return {
    id,
    object: "chat.completion" as const,
    created,
    model,
    choices: [{ index: 0, message: { role: "assistant" as const, content: result.text }, finish_reason: FINISH[result.finishReason] ?? "stop", logprobs: null }],
    usage: usageOf(result),
    quire: metaOf(result, credits),
  };
}

/** One streamed chunk (the SSE writer in lib/http/sse frames it). */
export function chunk(id: string, model: string, created: number, delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) {
  return { id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], ...extra };
}

export function usageChunk(id: string, model: string, created: number, result: LlmResult, credits: number) {
  return { id, object: "chat.completion.chunk", created, model, choices: [], usage: usageOf(result), quire: metaOf(result, credits) };
}

const OPENAI_TYPE: Record<string, string> = {
  bad_request: "invalid_request_error",
  payload_too_large: "invalid_request_error",
  unauthorized: "authentication_error",
  forbidden: "permission_error",
  not_found: "not_found_error",
  insufficient_credits: "insufficient_quota",
  rate_limit: "rate_limit_error",
  conflict: "invalid_request_error",
  unavailable: "server_error",
  internal: "server_error",
};

/** Maps any failure to Quire's error code, then to OpenAI's error object and status. */
export function gatewayError(err: unknown): { status: number; body: { error: Record<string, unknown> }; headers: Record<string, string>; code: ErrorCode } {
  let code: ErrorCode;
  let message: string;
  let retryAfterSeconds: number | undefined;
  let param: string | null = null;
  if (err instanceof AppError) {
    code = err.code;
    message = typeof err.details?.message === "string" ? err.details.message : (err.userMessage ?? errorMessage(code));
    param = typeof err.details?.param === "string" ? err.details.param : null;
    retryAfterSeconds = typeof err.details?.retryAfterSeconds === "number" ? err.details.retryAfterSeconds : undefined;
    if (code.startsWith("insufficient_credits") && err.details) message = `${errorMessage(code)} Needed: ${err.details.needed}, balance: ${err.details.balance}.`;
  } else if (isLlmError(err)) {
    // The one mapping every surface uses (lib/llm-errors).
    const failure = describeLlmError(err, "api");
    code = failure.code;
    message = failure.message;
    retryAfterSeconds = failure.retryAfterSeconds;
    // A parameter the model cannot take: name it, as OpenAI does.
    if (err.param) {
      message = err.message;
      param = err.param;
    }
  } else {
    console.error("[quire] gateway failure", err);
    code = "internal:api";
    message = errorMessage(code);
  }
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
  const status = code === "insufficient_credits:api" ? 402 : errorStatus(code);
  return { status, code, headers, body: { error: { message, type: OPENAI_TYPE[code.split(":")[0]!] ?? "server_error", code, param } } };
}
