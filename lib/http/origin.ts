import { appEnv } from "@/lib/env";
import { AppError, type Surface } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** This app's own origins: the request's, APP_URL and TRUSTED_ORIGINS (wrangler dev answers as localhost). */
export function ownOrigins(request: Request): Set<string> {
  const env = appEnv();
  const allowed = new Set([new URL(request.url).origin, ...env.TRUSTED_ORIGINS.map((o) => new URL(o).origin)]);
  if (env.APP_URL) allowed.add(new URL(env.APP_URL).origin);
  return allowed;
}

/**
 * For cookie-authenticated requests that change something: the browser must say the request comes
 * from this site. SameSite=Lax cookies still ride along on a cross-site `fetch` with a "simple"
 * Content-Type (text/plain, form encodings), so the Content-Type proves nothing; the Origin header,
 * which a page cannot forge, does. Without an Origin, only `Sec-Fetch-Site: same-origin` passes.
 */
export function assertSameOrigin(request: Request, surface: Surface): void {
  if (!isUnsafeMethod(request.method)) return;
  const origin = request.headers.get("origin");
  const ok = origin ? origin !== "null" && ownOrigins(request).has(origin) : request.headers.get("sec-fetch-site") === "same-origin";
  if (!ok) throw new AppError(`forbidden:${surface}`, { details: { reason: "cross_origin" } });
}
