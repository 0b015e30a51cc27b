import { describe, expect, it } from "vitest";
import { AppError, toPublicError } from "@/lib/errors";
import { paymentProviderFromEnv } from "./payments";

const secret = "test-secret-for-checkouts-000000000";

describe("payments are safe by default", () => {
  it("refuses purchases with a clear message when PAYMENT_PROVIDER is unset or none", () => {
    for (const PAYMENT_PROVIDER of [undefined, "", "none"]) {
      const err = (() => {
        try {
          paymentProviderFromEnv({ PAYMENT_PROVIDER, BETTER_AUTH_SECRET: secret });
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("unavailable:credits");
      expect(toPublicError(err as AppError, "credits").message).toMatch(/switched off/);
    }
  });

  it("grants through the placeholder only when it is asked for by name", () => {
    expect(paymentProviderFromEnv({ PAYMENT_PROVIDER: "placeholder", BETTER_AUTH_SECRET: secret }).name).toBe("placeholder");
  });
});
