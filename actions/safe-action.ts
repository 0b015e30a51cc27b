import "server-only";
import { createServerActionProcedure, ZSAError } from "zsa";
import { ZodError } from "zod";
import { getDb } from "@/db/request-db";
import { currentUser } from "@/lib/auth/session";
import { AppError, toPublicError, type PublicError, type Surface } from "@/lib/errors";
import { enforceRateLimit } from "@/lib/rate-limit/limiter";
import { fromLlmError } from "@/lib/llm-errors";
import type { RateLimitName } from "@/lib/rate-limit/config";

/**
 * The one file that imports zsa. Every action is built from `signedInAction` or `adminAction`, so
 * none can forget the session check, and every error leaves as a PublicError (code + allow-listed
 * message), never a stack trace. Input size is bounded twice: Next refuses action bodies over
 * `serverActions.bodySizeLimit` (next.config.ts), and every string in every input schema has a max.
 */

const signedIn = createServerActionProcedure().handler(async () => {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized:auth");
  return { user, db: getDb() };
});

const admin = createServerActionProcedure(signedIn).handler(async ({ ctx }) => {
  if (ctx.user.role !== "admin") throw new AppError("forbidden:admin");
  return ctx;
});

function shapeError(surface: Surface) {
  return ({ err }: { err: unknown }): PublicError => {
    if (err instanceof ZSAError && err.code === "INPUT_PARSE_ERROR") {
      const zod = err.data instanceof ZodError ? err.data : undefined;
      return {
        code: "bad_request:input",
        message: "Some fields need attention.",
        fieldErrors: zod?.flatten().fieldErrors as Record<string, string[] | undefined> | undefined,
      };
    }
    const cause = err instanceof ZSAError && err.data instanceof Error ? err.data : err;
    // A model failure reads the same here as in every route and job (lib/llm-errors).
    return toPublicError(fromLlmError(cause, surface), surface);
  };
}

/** A signed-in procedure that also counts the request against the user's per-minute limit. */
function rateLimited(name: RateLimitName, surface: Surface) {
  return createServerActionProcedure(signedIn).handler(async ({ ctx }) => {
    await enforceRateLimit(ctx.db, { userId: ctx.user.id, name, surface });
    return ctx;
  });
}

/**
 * An action for a signed-in user; `surface` names the area in error codes. With `rateLimit`, a
 * request past the user's limit is refused with `rate_limit:<surface>` and `retryAfterSeconds`.
 */
export function signedInAction(surface: Surface, options: { rateLimit?: RateLimitName } = {}) {
  const procedure = options.rateLimit ? rateLimited(options.rateLimit, surface) : signedIn;
  return procedure.createServerAction().experimental_shapeError(shapeError(surface));
}

/** An action for admins only. */
export function adminAction(surface: Surface) {
  return admin.createServerAction().experimental_shapeError(shapeError(surface));
}
