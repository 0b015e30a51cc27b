/**
 * Security headers for every response the worker serves (pages, route handlers, server actions).
 * worker.ts applies them around OpenNext's handler, so no page or route can forget them.
 *
 * Scripts: Next's bootstrap is inline, so the policy carries a fresh nonce per request. The worker
 * also puts the policy on the request it hands to Next, which reads the nonce from there and stamps it
 * on every script it renders (`'strict-dynamic'` then lets those scripts load the app's chunks).
 * Every page is dynamic (app/layout.tsx), so no HTML is prerendered without a nonce.
 */

/** A new nonce: 128 random bits, base64 (what Next's nonce pattern accepts). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // React renders style="" attributes and the editor positions its overlays with inline styles.
    "style-src 'self' 'unsafe-inline'",
    // Covers are served by the app; data: and blob: cover previews and inline icons.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Streams (SSE) and server actions go to the app's own origin only.
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ].join("; ");
}

/** The headers every response gets, beside the policy. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "strict-transport-security": "max-age=63072000; includeSubDomains",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

/** The request as Next should see it: carrying this response's policy (and so its nonce). */
export function requestWithPolicy(request: Request, policy: string): Request {
  const headers = new Headers(request.headers);
  // Overwritten, never taken from the client: a nonce a visitor chose would be no nonce at all.
  headers.set("content-security-policy", policy);
  headers.delete("content-security-policy-report-only");
  // The signal is passed on explicitly: it aborts when the client leaves (enable_request_signal).
  return new Request(request, { headers, signal: request.signal });
}

/** The response with the security headers set (and no X-Powered-By), body untouched (streams stay streams). */
export function withSecurityHeaders(response: Response, policy: string): Response {
  // A 101 (WebSocket upgrade) keeps its own headers; Quire serves none, but never break one.
  if (response.status === 101) return response;
  const secured = new Response(response.body, response);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) secured.headers.set(name, value);
  // A route that sets a stricter policy of its own (the cover's SVG: nothing may run) keeps it; it
  // still may not be framed.
  const own = response.headers.get("content-security-policy");
  if (!own) secured.headers.set("content-security-policy", policy);
  else if (!/frame-ancestors/i.test(own)) secured.headers.set("content-security-policy", `${own}; frame-ancestors 'none'`);
  secured.headers.delete("x-powered-by");
  return secured;
}
