// Maps an upstream HTTP failure (status, headers, body) or a network failure to a typed LlmError.
// Bodies differ by vendor (OpenAI {error:{message,type,code}}, vLLM code as integer, OpenRouter
// metadata, Anthropic {type:"error",error:{type}}, Cloudflare {success:false,errors:[{code}]}), so the
// classification matches on status first and on a few stable words second.
import { LlmError, type LlmErrorCode } from "../errors";

const CONTEXT_LENGTH = /context[ _-]?length|context window|maximum context|prompt is too long|too many tokens|input is too long|reduce the length/i;
const QUOTA = /quota|insufficient[_ ]credits|billing|credit balance|daily free allocation|exceeded your current|out of credits|payment required/i;
const CONTENT_FILTER = /content[ _-]?(filter|policy|management)|safety system|flagged|moderation/i;

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

/** Pulls a human message and vendor type/code out of any of the known error envelopes. */
export function describeErrorBody(body: string): { message: string; type: string; code: string } {
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const err = (json.error ?? json) as Record<string, unknown> | string;
    if (typeof err === "string") return { message: err, type: "", code: "" };
    const errors = Array.isArray(json.errors) ? (json.errors as Record<string, unknown>[]) : [];
    const cf = errors[0];
    const metadata = (err.metadata ?? {}) as Record<string, unknown>;
    return {
      message: String(err.message ?? cf?.message ?? body).slice(0, 500),
      type: String(err.type ?? metadata.error_type ?? ""),
      code: String(err.code ?? cf?.code ?? metadata.provider_code ?? ""),
    };
  } catch {
    return { message: body.slice(0, 500), type: "", code: "" };
  }
}

export function classifyFailure(status: number, text: string): LlmErrorCode {
  if (status === 429) return QUOTA.test(text) || /\b3036\b/.test(text) ? "quota_exhausted" : "rate_limited";
  if (status === 402) return "quota_exhausted";
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 408) return "timeout";
  if (status === 409 || status >= 500) return "unavailable";
  if (status === 404) return "unavailable";
  if (status === 400 || status === 413 || status === 422) {
    if (CONTEXT_LENGTH.test(text)) return "context_length_exceeded";
    if (CONTENT_FILTER.test(text)) return "content_filtered";
    return "bad_request";
  }
  return "bad_request";
}

export function errorFromResponse(status: number, headers: Headers, body: string, now: number): LlmError {
  const info = describeErrorBody(body);
  const code = classifyFailure(status, `${info.message} ${info.type} ${info.code}`);
  return new LlmError(code, `upstream ${status}: ${info.message}`, {
    status,
    body,
    retryAfterMs: parseRetryAfter(headers, now),
    // A missing model (404) will not appear by retrying the same target, but another target may serve.
    retryable: status === 404 ? false : undefined,
  });
}

/** An error carried inside a 200 stream (OpenRouter `finish_reason: "error"`, Anthropic `event: error`). */
export function errorFromInBand(payload: unknown): LlmError {
  const raw = (payload ?? {}) as Record<string, unknown>;
  const message = String(raw.message ?? "in-band error");
  const numeric = typeof raw.code === "number" ? raw.code : Number.NaN;
  const text = `${message} ${String(raw.type ?? "")} ${String(raw.code ?? "")}`;
  let code: LlmErrorCode;
  if (Number.isFinite(numeric)) code = classifyFailure(numeric, text);
  else if (/overloaded|server_error|api_error|unavailable/i.test(text)) code = "unavailable";
  else if (/rate_limit/i.test(text)) code = "rate_limited";
  else if (CONTENT_FILTER.test(text)) code = "content_filtered";
  else if (CONTEXT_LENGTH.test(text)) code = "context_length_exceeded";
  else code = "unavailable";
  return new LlmError(code, `in-band error: ${message}`, {
    status: Number.isFinite(numeric) ? numeric : undefined,
    body: JSON.stringify(payload),
  });
}
