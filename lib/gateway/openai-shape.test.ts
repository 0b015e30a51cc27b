import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { LlmError } from "@/lib/llm";
import { gatewayError } from "./openai-shape";

describe("gateway errors in OpenAI's shape", () => {
  it("a rate limit is 429 with retry-after and rate_limit_error", () => {
    const e = gatewayError(new AppError("rate_limit:api", { details: { retryAfterSeconds: 17 } }));
    expect(e.status).toBe(429);
    expect(e.headers["retry-after"]).toBe("17");
    expect(e.body.error).toMatchObject({ type: "rate_limit_error", code: "rate_limit:api" });
  });

  it("short credits are 402 insufficient_quota and say how many are needed", () => {
    const e = gatewayError(new AppError("insufficient_credits:api", { details: { needed: 12, balance: 3 } }));
    expect(e.status).toBe(402);
    expect(e.body.error).toMatchObject({ type: "insufficient_quota" });
    expect(String(e.body.error.message)).toContain("Needed: 12, balance: 3");
  });

  it("a bad key is 401 and a bad body 400 naming the field", () => {
    expect(gatewayError(new AppError("unauthorized:api")).status).toBe(401);
    const bad = gatewayError(new AppError("bad_request:api", { details: { message: "messages: must not be empty", param: "messages" } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ type: "invalid_request_error", message: "messages: must not be empty", param: "messages" });
  });

  it("no model available is 503; an upstream rate limit passes on its retry-after", () => {
    expect(gatewayError(new LlmError("unavailable", "all targets failed", { retryable: true })).status).toBe(503);
    const limited = gatewayError(new LlmError("rate_limited", "slow down", { retryable: true, retryAfterMs: 4_000 }));
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("4");
  });

  it("an unexpected failure is a 500 server_error without its details", () => {
    const e = gatewayError(new Error("SQLITE_BUSY at /srv/secret/path"));
    expect(e.status).toBe(500);
    expect(JSON.stringify(e.body)).not.toContain("SQLITE_BUSY");
  });
});
