// Typed errors of the LLM service. The code decides retry, fallback, breaker and what a user is told;
// callers compare codes, never message text.

export const LLM_ERROR_CODES = [
  "rate_limited",
  "quota_exhausted",
  "context_length_exceeded",
  "bad_request",
  "unauthorized",
  "unavailable",
  "timeout",
  "content_filtered",
  "truncated",
  "budget_exceeded",
  "invalid_output",
  "bad_response",
  "aborted",
  "config",
] as const;
export type LlmErrorCode = (typeof LLM_ERROR_CODES)[number];

/** Codes worth retrying on the same target (after a backoff). */
const RETRYABLE: ReadonlySet<LlmErrorCode> = new Set([
  "rate_limited",
  "unavailable",
  "timeout",
  "truncated",
  "bad_response",
]);

const USER_MESSAGES: Record<LlmErrorCode, string> = {
  rate_limited: "The writing model is busy. Please try again in a moment.",
  quota_exhausted: "The writing model has reached its usage limit. Please try again later.",
  context_length_exceeded: "This request is too long for the available models.",
  bad_request: "The model could not process this request.",
  unauthorized: "The writing model is not configured correctly.",
  unavailable: "The writing model is unavailable right now. Please try again in a moment.",
  timeout: "The writing model took too long to answer. Please try again.",
  content_filtered: "The model declined to write this content.",
  truncated: "The model's answer was cut off. Please try again.",
  budget_exceeded: "AI spending has reached its limit for now.",
  invalid_output: "The model returned an answer in the wrong shape.",
  bad_response: "The writing model sent a garbled answer. Please try again.",
  aborted: "The request was cancelled.",
  config: "The AI service is not configured correctly.",
};

export interface LlmErrorInit {
  status?: number;
  retryable?: boolean;
  retryAfterMs?: number;
  targetId?: string;
  body?: string;
  cause?: unknown;
  /** The target itself is set up wrong (bad key, unknown model): benched long, shown as misconfigured. */
  misconfigured?: boolean;
  /** The context window the upstream stated in a context_length_exceeded error. */
  contextWindow?: number;
  /** The request field at fault (a bad_request about one parameter), in the OpenAI wire name. */
  param?: string;
}

export class LlmError extends Error {
  readonly code: LlmErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly targetId?: string;
  /** Upstream response body (truncated), for logs; never shown to users. */
  readonly body?: string;
  readonly misconfigured: boolean;
  readonly contextWindow?: number;
  readonly param?: string;

  constructor(code: LlmErrorCode, message: string, init: LlmErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "LlmError";
    this.code = code;
    this.retryable = init.retryable ?? RETRYABLE.has(code);
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.targetId = init.targetId;
    this.body = init.body === undefined ? undefined : init.body.slice(0, 2000);
    this.misconfigured = init.misconfigured ?? code === "unauthorized";
    this.contextWindow = init.contextWindow;
    this.param = init.param;
  }

  /** A message safe to show to an author. */
  get userMessage(): string {
    return USER_MESSAGES[this.code];
  }

  withTarget(targetId: string): LlmError {
    if (this.targetId === targetId) return this;
    return new LlmError(this.code, this.message, {
      status: this.status,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      targetId,
      body: this.body,
      cause: this.cause,
      misconfigured: this.misconfigured,
      contextWindow: this.contextWindow,
      param: this.param,
    });
  }
}

export function isLlmError(value: unknown): value is LlmError {
  return value instanceof LlmError;
}
