/**
 * Typed errors: a code `type:surface` decides the HTTP status, the message a user sees and whether
 * details may be shown. Tests compare codes, never message text.
 */
export const ERROR_TYPES = {
  bad_request: { status: 400, message: "That request is not valid." },
  unauthorized: { status: 401, message: "Please sign in to continue." },
  forbidden: { status: 403, message: "You do not have access to this." },
  not_found: { status: 404, message: "We could not find that." },
  conflict: { status: 409, message: "This was changed elsewhere. Reload and try again." },
  payload_too_large: { status: 413, message: "That is too long." },
  insufficient_credits: { status: 402, message: "You do not have enough credits for this." },
  rate_limit: { status: 429, message: "Too many requests. Please wait and try again." },
  unavailable: { status: 503, message: "This is unavailable right now. Please try again soon." },
  internal: { status: 500, message: "Something went wrong on our side. Nothing was changed." },
} as const;

export type ErrorType = keyof typeof ERROR_TYPES;
export type Surface =
  | "auth"
  | "book"
  | "chapter"
  | "outline"
  | "bible"
  | "job"
  | "credits"
  | "suggestion"
  | "admin"
  | "database"
  | "model"
  | "api"
  | "input"
  | "cover"
  | "export";
export type ErrorCode = `${ErrorType}:${Surface}`;

/** Messages for codes that deserve more than their type's default. */
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  "not_found:book": "That book does not exist, or it is not yours.",
  "unauthorized:auth": "Your session has ended. Please sign in again.",
  "forbidden:admin": "This page is for Quire administrators.",
  "bad_request:input": "Some fields need attention.",
  "unavailable:database": "The database is not reachable right now.",
  "unavailable:credits": "Buying credits is switched off on this server: no payment provider is configured.",
};

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Safe to show: structured facts such as field errors or how long to wait. */
  readonly details?: Record<string, unknown>;
  /** A plainer message than the code's default, written by the server (never from user or upstream text). */
  readonly userMessage?: string;

  constructor(code: ErrorCode, options: { cause?: unknown; details?: Record<string, unknown>; userMessage?: string } = {}) {
    super(code, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
    this.userMessage = options.userMessage;
  }

  get type(): ErrorType {
    return this.code.split(":")[0] as ErrorType;
  }
}

export function errorStatus(code: ErrorCode): number {
  return ERROR_TYPES[code.split(":")[0] as ErrorType]?.status ?? 500;
}

export function errorMessage(code: ErrorCode): string {
  return MESSAGES[code] ?? ERROR_TYPES[code.split(":")[0] as ErrorType]?.message ?? ERROR_TYPES.internal.message;
}

/** What leaves the server: a code, a message from the allow-list, and only deliberate details. */
export type PublicError = {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  fieldErrors?: Record<string, string[] | undefined>;
};

export function toPublicError(err: unknown, surface: Surface = "api"): PublicError {
  if (err instanceof AppError) {
    return { code: err.code, message: err.userMessage ?? errorMessage(err.code), details: err.details };
  }
  // Anything else is a bug or a driver failure: log it with its cause, show nothing of it.
  console.error(`[quire] unexpected error on ${surface}`, err);
  const code: ErrorCode = `internal:${surface}`;
  return { code, message: errorMessage(code) };
}

/** A JSON response for route handlers, never a bare 500. */
export function errorResponse(err: unknown, surface: Surface = "api"): Response {
  const body = toPublicError(err, surface);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const retryAfter = body.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") headers["retry-after"] = String(Math.ceil(retryAfter));
  return new Response(JSON.stringify({ error: body }), { status: errorStatus(body.code), headers });
}
