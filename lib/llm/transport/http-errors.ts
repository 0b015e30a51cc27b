// Maps an upstream HTTP failure (status, headers, body) or a network failure to a typed LlmError.
// Each server family says "too long" in its own words; the bodies matched here are the real ones:
//   llama.cpp  400 {"error":{"code":400,"message":"request (603 tokens) exceeds the available context size
//              (256 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":603,"n_ctx":256}}
//              (also for stream:true; builds of 2025 said code 500 and "the request exceeds the available
//              context size. try increasing the context size or enable context shift"; older ones sent it
//              in-stream as an SSE `error:` line with type invalid_request_error)
//   vLLM       400 {"error":{"message":"'max_tokens' or 'max_completion_tokens' is too large: 8000. This model's
//              maximum context length is 4096 tokens and your request has 2778 input tokens (8000 > 4096 - 2778).
//              None","type":"BadRequestError","param":null,"code":400}}, older releases flat
//              {"object":"error",...} or "The decoder prompt (length N) is longer than the maximum model length of M."
//   OpenAI     400 {"error":{"message":"This model's maximum context length is …","type":"invalid_request_error",
//              "param":"messages","code":"context_length_exceeded"}}
//   TGI        422 {"error":"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: …",
//              "error_type":"validation"}; in-stream {"error":{"message":…,"http_status_code":422}}
//   Anthropic  400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long:
//              208310 tokens > 200000 maximum"}} or "input length and `max_tokens` exceed context limit: …"
//   OpenRouter 400 "This endpoint's maximum context length is N tokens…"; 429 with metadata.error_type
//   Workers AI {"success":false,"errors":[{"code":3006,"message":"Request is too large"}]} (413)
//   Ollama     truncates an overlong prompt itself; its errors come as {"error":{"message","type","param":null,
//              "code":null}} ("model not found" on 400/404)
//   LocalAI    {"error":{"code":500,"message":"rpc error: code = Unknown desc = <llama.cpp backend's words>"}}
// The family's own type/code wins; wording is matched only on a status that can mean "too big".
import { LlmError, type LlmErrorCode } from "../errors";

const CONTEXT_TYPES = new Set(["exceed_context_size_error", "context_length_exceeded", "request_too_large", "string_above_max_length"]);
const CONTEXT_LENGTH =
  /context[ _-]?length|context window|maximum context|context size|context limit|maximum model length|prompt is too long|too many tokens|input is too long|reduce the length|`inputs` tokens \+ `max_new_tokens` must be|`inputs` must have less than|exceeds the context length|request is too large/i;
const LLAMACPP_OVERFLOW = /exceeds the available context size/i;
const QUOTA = /quota|insufficient[_ ]credits|billing|credit balance|daily free allocation|exceeded your current|out of credits|payment required/i;
const CONTENT_FILTER = /content[ _-]?(filter|policy|management)|safety system|flagged|moderation/i;
/** The target names a model the server does not have: a configuration fault, not the request's. */
const MISSING_MODEL = /model[^.]{0,80}(not found|does not exist|not exist)|no such model|invalid model|unknown model|model_not_found|\b5007\b|\b3042\b/i;

/** Milliseconds to wait as the upstream asked (retry-after-ms, retry-after seconds or HTTP date). */
export function parseRetryAfter(headers: Headers, now: number): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null) {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  const ra = headers.get("retry-after");
  if (ra !== null) {
    const seconds = Number(ra);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(ra);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return undefined;
}

export interface ErrorInfo {
  message: string;
  type: string;
  code: string;
  /** The context window the server reported with the error (llama.cpp n_ctx, or read from the words). */
  contextWindow?: number;
}

/** The window a context error states: llama.cpp's n_ctx, vLLM/OpenAI "maximum context length is N",
 * vLLM "maximum model length of N", TGI "must be <= N", Anthropic "> N maximum" / "> N". */
function statedWindow(message: string, nCtx: unknown): number | undefined {
  if (typeof nCtx === "number" && nCtx > 0) return nCtx;
  const m =
    /maximum context length is (\d+)/i.exec(message) ??
    /maximum model length of (\d+)/i.exec(message) ??
    /available context size \((\d+) tokens\)/i.exec(message) ??
    /must be <= (\d+)/i.exec(message) ??
    /> (\d+) maximum/i.exec(message) ??
    /context limit: [\d\s+]+> (\d+)/i.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** Pulls a human message, the vendor's type/code and a stated window out of any known error envelope. */
export function describeErrorBody(body: string): ErrorInfo {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return { message: body.slice(0, 500), type: "", code: "" };
  }
  if (!json || typeof json !== "object") return { message: body.slice(0, 500), type: "", code: "" };
  const err = (json.error ?? json) as Record<string, unknown> | string;
  // TGI: {"error":"…","error_type":"validation"}; Ollama native: {"error":"…"}.
  if (typeof err === "string") return { message: err.slice(0, 500), type: String(json.error_type ?? ""), code: "", contextWindow: statedWindow(err, undefined) };
  const errors = Array.isArray(json.errors) ? (json.errors as Record<string, unknown>[]) : [];
  const cf = errors[0];
  const metadata = (err.metadata ?? {}) as Record<string, unknown>;
  const message = String(err.message ?? cf?.message ?? body).slice(0, 500);
  return {
    message,
    type: String(err.type ?? metadata.error_type ?? err.error_type ?? ""),
    code: String(err.code ?? cf?.code ?? metadata.provider_code ?? ""),
    contextWindow: statedWindow(message, err.n_ctx),
  };
}

/** Whether the body says the request does not fit the model's context window. */
function isContextOverflow(status: number, info: ErrorInfo): boolean {
  if (CONTEXT_TYPES.has(info.type) || CONTEXT_TYPES.has(info.code)) return true;
  // llama.cpp's own sentence, also when LocalAI relays it from its backend inside a 500.
  if (LLAMACPP_OVERFLOW.test(info.message)) return true;
  // A 5xx that mentions a context window is the server failing, unless its type says otherwise (above).
  if (status !== 400 && status !== 413 && status !== 422 && status !== 0) return false;
  if (status === 413) return true;
  return CONTEXT_LENGTH.test(info.message);
}

export function classifyFailure(status: number, info: ErrorInfo): LlmErrorCode {
  const text = `${info.message} ${info.type} ${info.code}`;
  if (isContextOverflow(status, info)) return "context_length_exceeded";
  if (status === 429) return QUOTA.test(text) || /\b3036\b/.test(text) ? "quota_exhausted" : "rate_limited";
  if (status === 402) return "quota_exhausted";
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 408) return "timeout";
  if (status === 409 || status >= 500) return "unavailable";
  if (status === 404) return "unavailable";
  if (MISSING_MODEL.test(text)) return "unavailable";
  if (status === 400 || status === 422) {
    if (CONTENT_FILTER.test(text)) return "content_filtered";
    return "bad_request";
  }
  return "bad_request";
}

export function errorFromResponse(status: number, headers: Headers, body: string, now: number): LlmError {
  const info = describeErrorBody(body);
  const code = classifyFailure(status, info);
  const text = `${info.message} ${info.type} ${info.code}`;
  const missingModel = code === "unavailable" && (status === 404 || MISSING_MODEL.test(text));
  return new LlmError(code, `upstream ${status}: ${info.message}`, {
    status,
    body,
    retryAfterMs: parseRetryAfter(headers, now),
    // A missing model will not appear by retrying the same target, but another target may serve.
    retryable: missingModel ? false : undefined,
    misconfigured: code === "unauthorized" || missingModel,
    contextWindow: code === "context_length_exceeded" ? info.contextWindow : undefined,
  });
}

/** An error carried inside a 200 stream (OpenRouter `finish_reason: "error"`, Anthropic `event: error`,
 * llama.cpp's `error:` line, TGI's {"error":{…,"http_status_code":422}}). */
export function errorFromInBand(payload: unknown): LlmError {
  const raw = (typeof payload === "string" ? { message: payload } : (payload ?? {})) as Record<string, unknown>;
  const message = String(raw.message ?? "in-band error");
  const statusField = typeof raw.code === "number" ? raw.code : typeof raw.http_status_code === "number" ? raw.http_status_code : Number.NaN;
  const info: ErrorInfo = { message, type: String(raw.type ?? raw.error_type ?? ""), code: String(raw.code ?? ""), contextWindow: statedWindow(message, raw.n_ctx) };
  const text = `${message} ${info.type} ${info.code}`;
  let code: LlmErrorCode;
  if (isContextOverflow(Number.isFinite(statusField) ? statusField : 0, info)) code = "context_length_exceeded";
  else if (Number.isFinite(statusField)) code = classifyFailure(statusField, info);
  else if (/overloaded|server_error|api_error|unavailable/i.test(text)) code = "unavailable";
  else if (/rate_limit/i.test(text)) code = "rate_limited";
  else if (CONTENT_FILTER.test(text)) code = "content_filtered";
  else code = "unavailable";
  return new LlmError(code, `in-band error: ${message}`, {
    status: Number.isFinite(statusField) ? statusField : undefined,
    body: JSON.stringify(payload),
    contextWindow: code === "context_length_exceeded" ? info.contextWindow : undefined,
  });
}
