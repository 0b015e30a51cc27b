import "server-only";
import { createServerActionProcedure, ZSAError } from "zsa";
import { ZodError } from "zod";
import { getDb } from "@/db/request-db";
import { currentUser } from "@/lib/auth/session";
import { AppError, toPublicError, type PublicError, type Surface } from "@/lib/errors";

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
    return toPublicError(cause, surface);
  };
}

/** An action for a signed-in user; `surface` names the area in error codes. */
export function signedInAction(surface: Surface) {
  return signedIn.createServerAction().experimental_shapeError(shapeError(surface));
}

/** An action for admins only. */
export function adminAction(surface: Surface) {
  return admin.createServerAction().experimental_shapeError(shapeError(surface));
}
