import { getAuth } from "@/lib/auth/session";
import { publicRoute } from "@/lib/http/route";

/** Sign-up, sign-in and sign-out forms are small; nothing better-auth answers needs more. */
const MAX_AUTH_BODY_BYTES = 64_000;

// better-auth answers sign-up, sign-in and sign-out itself, with its own input validation and its own
// trusted-origins check. The procedure caps the body while reading it, then hands better-auth a copy.
const handle = publicRoute({ surface: "auth", bytes: true, maxBytes: MAX_AUTH_BODY_BYTES }, async ({ request, bytes }) => {
  const forwarded = request.body
    ? new Request(request.url, { method: request.method, headers: request.headers, body: bytes as Uint8Array<ArrayBuffer>, signal: request.signal })
    : request;
  return getAuth().handler(forwarded);
});

export { handle as GET, handle as POST };
