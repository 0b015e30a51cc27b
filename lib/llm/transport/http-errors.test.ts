import { describe, expect, it } from "vitest";
import { CONTEXT_OVERFLOW, OTHER_BODIES, OVERFLOW_FAMILIES } from "../../../test/helpers/upstream/families";
import { SseDecoder } from "./sse";
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

  it("reads Ollama's re-wrapped 'model not found' (400 or 404) as a misconfigured target, not the request's fault", () => {
    const ollama = OTHER_BODIES["ollama-model-not-found"].body;
    for (const status of [400, 404]) {
      const error = errorFromResponse(status, h(), ollama, NOW);
      expect([error.code, error.retryable, error.misconfigured]).toEqual(["unavailable", false, true]);
    }
  });

  it("marks a refused key as misconfigured", () => {
    const error = errorFromResponse(401, h(), OTHER_BODIES["openai-invalid-key"].body, NOW);
    expect([error.code, error.retryable, error.misconfigured]).toEqual(["unauthorized", false, true]);
  });
});

describe("context overflow, per server family", () => {
  const plain = OVERFLOW_FAMILIES.filter((f) => CONTEXT_OVERFLOW[f].kind === "json");
  it.each(plain)("%s: its own overflow body is context_length_exceeded with the window it states", (family) => {
    const sample = CONTEXT_OVERFLOW[family] as { status: number; body: string; window?: number };
    const error = errorFromResponse(sample.status, h(), sample.body, NOW);
    expect([error.code, error.retryable]).toEqual(["context_length_exceeded", false]);
    expect(error.contextWindow).toBe(sample.window);
  });

  const streamed = OVERFLOW_FAMILIES.filter((f) => CONTEXT_OVERFLOW[f].kind === "sse");
  it.each(streamed)("%s: the overflow carried inside a 200 stream is context_length_exceeded", (family) => {
    const events = new SseDecoder().feed(CONTEXT_OVERFLOW[family].body);
    expect(events).toHaveLength(1);
    const data = JSON.parse(events[0]!.data) as Record<string, unknown>;
    expect(errorFromInBand(data.error ?? data).code).toBe("context_length_exceeded");
  });

  it("does not read other real 400s, 429s or 5xx as an overflow", () => {
    const codes = Object.values(OTHER_BODIES).map((b) => errorFromResponse(b.status, h(), b.body, NOW).code);
    expect(codes).toEqual(["bad_request", "unavailable", "rate_limited", "unavailable", "unauthorized"]);
    const server = JSON.stringify({ error: { message: "context window cache corrupted", type: "server_error", code: null } });
    expect(errorFromResponse(500, h(), server, NOW).code).toBe("unavailable");
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
