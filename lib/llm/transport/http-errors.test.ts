import { describe, expect, it } from "vitest";
import { errorFromInBand, errorFromResponse, parseRetryAfter } from "./http-errors";

const h = (init: Record<string, string> = {}) => new Headers(init);
const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("errorFromResponse", () => {
  it("reads vLLM's context-length 400 (integer code, class-name type) as context_length_exceeded", () => {
    const body = JSON.stringify({ error: { message: "This model's maximum context length is 4096 tokens and your request has 5000 input tokens.", type: "BadRequestError", param: null, code: 400 } });
    const error = errorFromResponse(400, h(), body, NOW);
    expect(error.code).toBe("context_length_exceeded");
    expect(error.retryable).toBe(false);
  });

  it("reads an OpenAI unsupported-parameter 400 as a non-retryable bad_request", () => {
    const body = JSON.stringify({ error: { message: "Unsupported parameter: 'max_tokens'", type: "invalid_request_error", param: "max_tokens", code: "unsupported_parameter" } });
    const error = errorFromResponse(400, h(), body, NOW);
    expect([error.code, error.retryable, error.status]).toEqual(["bad_request", false, 400]);
  });

  it("reads OpenRouter's 429 as rate_limited with the retry-after it sent", () => {
    const body = JSON.stringify({ error: { code: 429, message: "Rate limit exceeded", metadata: { error_type: "rate_limit_exceeded" } } });
    const error = errorFromResponse(429, h({ "retry-after": "2" }), body, NOW);
    expect([error.code, error.retryable, error.retryAfterMs]).toEqual(["rate_limited", true, 2000]);
  });

  it("tells a quota 429 from a rate limit", () => {
    const body = JSON.stringify({ error: { message: "You exceeded your current quota", type: "insufficient_quota", code: "insufficient_quota" } });
    expect(errorFromResponse(429, h(), body, NOW).code).toBe("quota_exhausted");
    const cloudflare = JSON.stringify({ success: false, errors: [{ code: 3036, message: "daily free allocation used" }] });
    expect(errorFromResponse(429, h(), cloudflare, NOW).code).toBe("quota_exhausted");
  });

  it("maps auth, overload and server errors", () => {
    expect(errorFromResponse(401, h(), "{}", NOW).code).toBe("unauthorized");
    expect(errorFromResponse(529, h(), JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }), NOW).code).toBe("unavailable");
    const e503 = errorFromResponse(503, h(), "Service Unavailable", NOW);
    expect([e503.code, e503.retryable]).toEqual(["unavailable", true]);
  });

  it("reads Ollama's re-wrapped 'model not found' and a 404 so that they are not retried on the same target", () => {
    const ollama = JSON.stringify({ error: { code: null, message: "model not found", param: null, type: "invalid_request_error" } });
    expect(errorFromResponse(400, h(), ollama, NOW).code).toBe("bad_request");
    const missing = errorFromResponse(404, h(), ollama, NOW);
    expect([missing.code, missing.retryable]).toEqual(["unavailable", false]);
  });
});

describe("parseRetryAfter", () => {
  it("prefers retry-after-ms, then seconds, then an HTTP date", () => {
    expect(parseRetryAfter(h({ "retry-after-ms": "150", "retry-after": "9" }), NOW)).toBe(150);
    expect(parseRetryAfter(h({ "retry-after": "3" }), NOW)).toBe(3000);
    expect(parseRetryAfter(h({ "retry-after": new Date(NOW + 5000).toUTCString() }), NOW)).toBe(5000);
    expect(parseRetryAfter(h(), NOW)).toBeUndefined();
  });
});

describe("errorFromInBand", () => {
  it("maps OpenRouter's in-band provider error by its numeric code", () => {
    const error = errorFromInBand({ code: 502, message: "Provider returned error" });
    expect([error.code, error.retryable]).toEqual(["unavailable", true]);
  });

  it("maps Anthropic's overloaded_error event", () => {
    expect(errorFromInBand({ type: "overloaded_error", message: "Overloaded" }).code).toBe("unavailable");
  });
});
