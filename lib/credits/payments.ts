import "server-only";
import { AppError } from "@/lib/errors";
import { CREDIT_PACKS, type CreditPackId } from "./packs";

/**
 * The seam for a payment provider. A real one (Stripe, Paddle …) creates a hosted checkout and later
 * tells Quire, by webhook or redirect, that a checkout was paid; Quire then calls confirmPurchase with
 * the provider's checkout id, which is the purchase's idempotency key, so a webhook delivered twice (or
 * a redirect plus a webhook) grants once.
 */
export interface PaymentProvider {
  readonly name: string;
  createCheckout(input: { userId: string; packId: CreditPackId }): Promise<{ checkoutId: string }>;
  /** What was paid for under this checkout id, or null when it was not (or the id is not genuine). */
  verifyCheckout(checkoutId: string): Promise<{ userId: string; packId: CreditPackId; credits: number } | null>;
}

/**
 * No payment is reachable here, so the placeholder "pays" at once: its checkout id is a signed claim
 * (user, pack, nonce) that only this server can mint, so a forged or altered id is refused. Set
 * PAYMENT_PROVIDER=none in production until a real provider is wired in.
 */
export function placeholderPaymentProvider(secret: string): PaymentProvider {
  return {
    name: "placeholder",
    async createCheckout({ userId, packId }) {
      const claim = b64url(JSON.stringify({ u: userId, p: packId, n: crypto.randomUUID() }));
      return { checkoutId: `chk_${claim}.${await sign(secret, claim)}` };
    },
    async verifyCheckout(checkoutId) {
      const match = checkoutId.match(/^chk_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/);
      if (!match || (await sign(secret, match[1]!)) !== match[2]) return null;
      const claim = JSON.parse(fromB64url(match[1]!)) as { u: string; p: CreditPackId };
      const pack = CREDIT_PACKS[claim.p];
      return pack ? { userId: claim.u, packId: claim.p, credits: pack.credits } : null;
    },
  };
}

/**
 * Safe by default: with PAYMENT_PROVIDER unset (or "none") purchases are off, with a clear message;
 * a deployed Quire never hands out credits unless a provider is chosen on purpose.
 */
export function paymentProviderFromEnv(env: { PAYMENT_PROVIDER?: string; BETTER_AUTH_SECRET: string }): PaymentProvider {
  const name = env.PAYMENT_PROVIDER?.trim() || "none";
  if (name === "placeholder") return placeholderPaymentProvider(env.BETTER_AUTH_SECRET);
  if (name === "none") throw new AppError("unavailable:credits");
  throw new Error(`Quire is not configured correctly:\n  - PAYMENT_PROVIDER must be "placeholder" or "none" (got "${name}")`);
}

async function sign(secret: string, data: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`quire-checkout:${data}`));
  return b64url(String.fromCharCode(...new Uint8Array(mac)));
}

/** Base64url of a binary (Latin-1) string; the claims are ASCII (ids and a pack name). */
function b64url(binary: string): string {
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromB64url(text: string): string {
  return atob(text.replace(/-/g, "+").replace(/_/g, "/"));
}
