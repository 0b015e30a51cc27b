import { describe, expect, it } from "vitest";
import { AppError, errorStatus, toPublicError, type Surface } from "@/lib/errors";
import { LLM_ERROR_CODES, LlmError } from "@/lib/llm";
import { describeLlmError, fromLlmError } from "./llm-errors";

const SURFACES: Surface[] = ["suggestion", "chapter", "job", "outline", "cover", "api"];

describe("one mapping from LLM failures to what a person sees", () => {
  it.each(LLM_ERROR_CODES.map((c) => [c]))("%s gets a typed code and a plain message on every surface", (code) => {
    for (const surface of SURFACES) {
      const err = new LlmError(code, "upstream said something technical", { body: '{"error":"secret upstream body"}' });
      const seen = describeLlmError(err, surface);
      expect(seen.code).toMatch(/^[a-z_]+:[a-z]+$/);
      expect(seen.message).not.toMatch(/upstream said|secret/);
      // A failure that retrying cannot fix says what to change instead.
      if (!err.retryable) expect({ code, surface, message: seen.message }).not.toMatchObject({ message: expect.stringMatching(/try again/i) });
    }
  });

  it("maps context_length_exceeded to 413 everywhere, with what to change there", () => {
    const err = new LlmError("context_length_exceeded", "exceed_context_size_error");
    const codes = SURFACES.map((s) => describeLlmError(err, s).code);
    expect(codes).toEqual(["payload_too_large:suggestion", "payload_too_large:chapter", "payload_too_large:job", "payload_too_large:outline", "payload_too_large:cover", "payload_too_large:api"]);
    expect(codes.every((c) => errorStatus(c) === 413)).toBe(true);
    expect(describeLlmError(err, "suggestion").message).toMatch(/shorter passage/);
    expect(describeLlmError(err, "job").message).toMatch(/fewer chapters in context/);
    expect(describeLlmError(err, "api").message).toMatch(/larger context window/);
  });

  it("keeps how long to wait for a busy model, and the message reaches the public error", () => {
    const mapped = fromLlmError(new LlmError("rate_limited", "429", { retryAfterMs: 2_500 }), "suggestion") as AppError;
    expect(mapped.code).toBe("rate_limit:model");
    expect(mapped.details).toMatchObject({ reason: "rate_limited", retryAfterSeconds: 3 });
    expect(toPublicError(mapped, "suggestion").message).toMatch(/busy/);
    const down = fromLlmError(new LlmError("unavailable", "503"), "outline") as AppError;
    expect(down.code).toBe("unavailable:model");
    expect(toPublicError(down).message).toMatch(/try again/i);
  });

  it("passes other errors through untouched", () => {
    const other = new Error("boom");
    expect(fromLlmError(other, "job")).toBe(other);
  });
});
