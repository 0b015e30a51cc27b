import "server-only";
import type { ZodType, ZodTypeDef } from "zod";
import type { Db } from "@/db/client";
import { getDb } from "@/db/request-db";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { AppError, type ErrorCode, type Surface } from "@/lib/errors";
import { authenticateApiKey, bearerKeyHash, keyHolderOf, type KeyHolder } from "@/lib/gateway/api-keys";
import { assertInternalCaller } from "@/lib/jobs/internal-auth";
import { enforceRateLimit } from "@/lib/rate-limit/limiter";
import type { RateLimitName } from "@/lib/rate-limit/config";
import { parseJsonBytes, readBodyCapped } from "./body";
import { deferWork } from "./defer";
import { inputError, routeErrorResponse, type ErrorShape } from "./errors";
import { assertSameOrigin } from "./origin";

/**
 * The one procedure every route handler (app/**\/route.ts) is built from, as server actions are
 * built from actions/safe-action.ts. Each kind brings its caller check; all of them bring:
 *  - a same-origin check on cookie-authenticated requests that change something (403),
 *  - a body read with a cap enforced while reading (413; never an unbounded buffer),
 *  - zod on the body and the path's params,
 *  - the rate limit of its kind, counted per user,
 *  - every error through one shaper (lib/http/errors): Quire's `type:surface` JSON, or OpenAI's
 *    error object for the `/api/v1` gateway.
 * The walker test (lib/http/routes.integration.test.ts) fails for a route.ts that bypasses it.
 */

export type RouteKind = "public" | "signedIn" | "admin" | "apiKey" | "internal";

/** What a built handler tells the walker test about itself. */
export type RouteInfo = {
  kind: RouteKind;
  surface: Surface;
  /** Signed in by the session cookie, so unsafe methods need this site's Origin. */
  cookieAuth: boolean;
  /** The body cap, when the route reads a body. */
  maxBytes?: number;
  errors: ErrorShape;
};

type SegmentParams = Record<string, string | string[] | undefined>;
export type RouteHandler = ((request: Request, context?: { params: Promise<SegmentParams> }) => Promise<Response>) & { route: RouteInfo };

type BodyOption<B> =
  /** A JSON body, read up to `maxBytes`, then parsed by `json`. */
  | { json: ZodType<B, ZodTypeDef, unknown>; maxBytes: number; bytes?: never }
  /** A raw body (an upload, or a request handed on), read up to `maxBytes`. */
  | { bytes: true; maxBytes: number; json?: never }
  | { json?: never; bytes?: never; maxBytes?: never };

export type RouteOptions<B, P> = BodyOption<B> & {
  /** Names the area in error codes (`forbidden:<surface>`, `payload_too_large:<surface>` …). */
  surface: Surface;
  /** The path's params; a mismatch is `notFound` (default `not_found:<surface>`). */
  params?: ZodType<P, ZodTypeDef, unknown>;
  notFound?: ErrorCode;
  /** Counts each request against the caller's per-minute limit of this name. */
  rateLimit?: RateLimitName;
  /** Quire's JSON errors (default) or OpenAI's. */
  errors?: ErrorShape;
};

type Base<B, P> = { request: Request; params: P; body: B; bytes: Uint8Array | null; db: Db };
export type PublicContext<B, P> = Base<B, P>;
export type SignedInContext<B, P> = Base<B, P> & { user: SessionUser };
export type ApiKeyContext<B, P> = Base<B, P> & { caller: KeyHolder };
export type ApiKeyHashContext<B, P> = Base<B, P> & { keyHash: string };

type Authenticate<C> = (request: Request, db: Db, surface: Surface) => Promise<C>;
/** Checks a caller whose authentication was left to the handler, when the request is refused before it. */
type Confirm<C> = (caller: C, db: Db) => Promise<void>;

function build<C extends object, B, P>(
  kind: RouteKind,
  authenticate: Authenticate<C>,
  options: RouteOptions<B, P>,
  handler: (ctx: Base<B, P> & C) => Promise<Response>,
  confirm?: Confirm<C>,
): RouteHandler {
  const { surface } = options;
  const errors = options.errors ?? (kind === "apiKey" ? "openai" : "app");
  const cookieAuth = kind === "signedIn" || kind === "admin";
  const userId = (caller: C): string | undefined =>
    "user" in caller ? (caller.user as SessionUser).id : "caller" in caller ? (caller.caller as KeyHolder).id : undefined;

  const route = async (request: Request, context?: { params: Promise<SegmentParams> }): Promise<Response> => {
    let unconfirmed: { caller: C; db: Db } | undefined;
    try {
      // A foreign page never gets as far as the session lookup.
      if (cookieAuth) assertSameOrigin(request, surface);
      const db = getDb();
      const caller = await authenticate(request, db, surface);
      if (confirm) unconfirmed = { caller, db };
      let params = (await context?.params) as P;
      if (options.params) {
        const parsed = options.params.safeParse(params ?? {});
        if (!parsed.success) throw new AppError(options.notFound ?? `not_found:${surface}`);
        params = parsed.data;
      }
      let bytes: Uint8Array | null = null;
      let body = undefined as B;
      if (options.maxBytes !== undefined) {
        bytes = await readBodyCapped(request, options.maxBytes, surface);
        if (options.json) {
          const parsed = options.json.safeParse(parseJsonBytes(bytes));
          if (!parsed.success) throw inputError(parsed.error, surface, errors);
          body = parsed.data;
        }
      }
      const id = userId(caller);
      if (options.rateLimit && id) await enforceRateLimit(db, { userId: id, name: options.rateLimit, surface });
      const handling = handler({ request, params, body, bytes, db, ...caller });
      unconfirmed = undefined; // from here the handler answers for its caller
      return await handling;
    } catch (err) {
      // Refused before the handler could check the caller: an unknown caller hears that first.
      const refusal = unconfirmed ? await confirm!(unconfirmed.caller, unconfirmed.db).then(() => err, (e: unknown) => e) : err;
      return routeErrorResponse(refusal, surface, errors);
    }
  };
  return Object.assign(route, { route: { kind, surface, cookieAuth, maxBytes: options.maxBytes, errors } });
}

async function sessionUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized:auth");
  return user;
}

/** Anyone may call it (health, better-auth's own endpoints, which check their own origins). */
export function publicRoute<B = undefined, P = SegmentParams>(options: RouteOptions<B, P>, handler: (ctx: PublicContext<B, P>) => Promise<Response>): RouteHandler {
  return build("public", async () => ({}), options, handler);
}

/** A signed-in author, by the session cookie. */
export function signedInRoute<B = undefined, P = SegmentParams>(options: RouteOptions<B, P>, handler: (ctx: SignedInContext<B, P>) => Promise<Response>): RouteHandler {
  return build("signedIn", async () => ({ user: await sessionUser() }), options, handler);
}

/** An administrator, by the session cookie; anyone else is `forbidden:admin`. */
export function adminRoute<B = undefined, P = SegmentParams>(options: RouteOptions<B, P>, handler: (ctx: SignedInContext<B, P>) => Promise<Response>): RouteHandler {
  return build(
    "admin",
    async () => {
      const user = await sessionUser();
      if (user.role !== "admin") throw new AppError("forbidden:admin");
      return { user };
    },
    options,
    handler,
  );
}

/** A personal API key (`Authorization: Bearer qk_…`); errors in OpenAI's shape by default. No cookie, so no Origin check. */
export function apiKeyRoute<B = undefined, P = SegmentParams>(options: RouteOptions<B, P>, handler: (ctx: ApiKeyContext<B, P>) => Promise<Response>): RouteHandler {
  return build("apiKey", async (request, db) => ({ caller: await authenticateApiKey(db, request.headers.get("authorization"), deferWork) }), options, handler);
}

/**
 * A personal API key that the handler looks up itself, in the same D1 round trip as its own work (the
 * gateway: lib/gateway/admission.ts). Here the header's form is checked and the secret hashed; a
 * request refused before the handler (its body, its params) is answered 401 if the key is unknown, as
 * apiKeyRoute would.
 */
export function apiKeyHashRoute<B = undefined, P = SegmentParams>(options: RouteOptions<B, P>, handler: (ctx: ApiKeyHashContext<B, P>) => Promise<Response>): RouteHandler {
  return build(
    "apiKey",
    async (request) => ({ keyHash: await bearerKeyHash(request.headers.get("authorization")) }),
    options,
    handler,
    async ({ keyHash }, db) => {
      await keyHolderOf(db, keyHash);
    },
  );
}

/** The worker's own queue consumer and sweeper (the internal job token). */
export function internalRoute<B = undefined, P = SegmentParams>(options: RouteOptions<B, P>, handler: (ctx: PublicContext<B, P>) => Promise<Response>): RouteHandler {
  return build(
    "internal",
    async (request) => {
      await assertInternalCaller(request);
      return {};
    },
    options,
    handler,
  );
}

