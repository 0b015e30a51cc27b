import { AppError, type ErrorType, type Surface } from "@/lib/errors";
import { isLlmError, type LlmError, type LlmErrorCode } from "@/lib/llm";

/**
 * The one mapping from a failure of the LLM service to what a person sees: a `type:surface` code
 * (which decides the HTTP status) and a plain message. Jobs, suggestions, the outline, covers and the
 * gateway all use it, so the same failure reads the same everywhere. A failure that retrying cannot
 * fix never says "try again": it says what to change.
 */

type Rule = { type: ErrorType; message: string };

/** What to shorten when the request is longer than the model's window, by where it was asked. */
const TOO_LONG: Partial<Record<Surface, string>> = {
  suggestion: "This selection is too long for the writing model. Select a shorter passage, or choose a model with a larger context window.",
  chapter: "This chapter's request is too long for the writing model. Put fewer chapters in context, or choose a model with a larger context window.",
  job: "A chapter's request is too long for the writing model. Put fewer chapters in context, or choose a model with a larger context window.",
  outline: "The book's premise and settings are too long for the writing model. Shorten the premise, or choose a model with a larger context window.",
  cover: "The book's description is too long for the model. Shorten the premise, or choose a model with a larger context window.",
  api: "The messages are longer than this model's context window. Send fewer or shorter messages, or choose a model with a larger context window.",
};
const TOO_LONG_DEFAULT = "This request is too long for the writing model. Send less text, or choose a model with a larger context window.";

const RULES: Record<LlmErrorCode, Rule> = {
  rate_limited: { type: "rate_limit", message: "The writing model is busy. Please try again in a moment." },
  quota_exhausted: { type: "unavailable", message: "The writing model has used up its provider's allowance. It will answer again once an administrator raises the limit or the allowance renews." },
  context_length_exceeded: { type: "payload_too_large", message: TOO_LONG_DEFAULT },
  bad_request: { type: "bad_request", message: "The writing model could not accept this request. Change the text or the settings, or choose another model." },
  unauthorized: { type: "unavailable", message: "The writing model is not set up correctly (its key was refused). An administrator needs to fix its configuration." },
  unavailable: { type: "unavailable", message: "The writing model is unavailable right now. Please try again in a moment." },
  timeout: { type: "unavailable", message: "The writing model took too long to answer. Please try again." },
  content_filtered: { type: "bad_request", message: "The model declined to write this content. Rephrase the passage, or choose another model." },
  truncated: { type: "unavailable", message: "The model's answer was cut off. Please try again." },
  budget_exceeded: { type: "unavailable", message: "AI spending has reached its limit for now. An administrator can raise the budget." },
  invalid_output: { type: "unavailable", message: "The model answered in a shape Quire cannot use. Choose another model, or change the settings." },
  bad_response: { type: "unavailable", message: "The writing model sent a garbled answer. Please try again." },
  aborted: { type: "bad_request", message: "The request was cancelled before the model finished." },
  config: { type: "unavailable", message: "The AI service is not set up correctly. An administrator needs to fix its configuration." },
};

/** Where the code names the model rather than the place it was asked from. */
const MODEL_SURFACE: ReadonlySet<ErrorType> = new Set(["unavailable", "rate_limit", "bad_request"]);

export type LlmFailure = { code: `${ErrorType}:${Surface}`; message: string; retryAfterSeconds?: number };

/** The code and plain message for an LLM failure asked from `surface`. */
export function describeLlmError(err: LlmError, surface: Surface): LlmFailure {
  const rule = RULES[err.code] ?? RULES.unavailable;
  const message = err.code === "context_length_exceeded" ? (TOO_LONG[surface] ?? TOO_LONG_DEFAULT) : rule.message;
  const codeSurface: Surface = MODEL_SURFACE.has(rule.type) ? "model" : surface;
  const retryAfterSeconds = err.retryAfterMs ? Math.max(1, Math.ceil(err.retryAfterMs / 1000)) : undefined;
  return { code: `${rule.type}:${codeSurface}`, message, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
}

/** An LLM failure as the typed AppError every route and action shapes; other errors pass through. */
export function fromLlmError(err: unknown, surface: Surface): unknown {
  if (!isLlmError(err)) return err;
  const failure = describeLlmError(err, surface);
  const details: Record<string, unknown> = { reason: err.code };
  if (failure.retryAfterSeconds) details.retryAfterSeconds = failure.retryAfterSeconds;
  return new AppError(failure.code, { cause: err, details, userMessage: failure.message });
}
