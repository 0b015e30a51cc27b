import type { ZodError } from "zod";
import { AppError, errorResponse, type Surface } from "@/lib/errors";
import { gatewayError } from "@/lib/gateway/openai-shape";
import { fromLlmError } from "@/lib/llm-errors";

/** How a route's errors are written: Quire's `{ error: { code, message } }` or OpenAI's error object. */
export type ErrorShape = "app" | "openai";

/**
 * The one shaper every route's failures go through: LLM failures through the one mapping
 * (lib/llm-errors), then the code decides the status. Never a bare 500, never a stack trace.
 */
export function routeErrorResponse(err: unknown, surface: Surface, shape: ErrorShape): Response {
  const typed = fromLlmError(err, surface);
  if (shape === "openai") {
    const e = gatewayError(typed);
    return new Response(JSON.stringify(e.body), { status: e.status, headers: e.headers });
  }
  return errorResponse(typed, surface);
}

/** A body that failed its schema: too long is 413 for the surface, anything else names the fields. */
export function inputError(error: ZodError, surface: Surface, shape: ErrorShape): AppError {
  const issue = error.issues[0];
  const param = issue?.path.join(".") || null;
  const details = {
    message: `${param ?? "body"}: ${issue?.message ?? "is not valid"}`,
    param,
    fieldErrors: error.flatten().fieldErrors,
  };
  if (error.issues.some((i) => i.code === "too_big")) return new AppError(`payload_too_large:${surface}`, { details });
  return new AppError(shape === "openai" ? "bad_request:api" : "bad_request:input", { details });
}
