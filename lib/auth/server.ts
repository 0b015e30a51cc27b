import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import type { Db } from "@/db/client";
import {
  accountTable,
  authRateLimitTable,
  sessionTable,
  userTable,
  verificationTable,
} from "@/db/schema";
import type { AppEnv } from "@/lib/env";
import { grantSignupCredits } from "@/lib/credits/signup-grant";

export const PASSWORD_LIMITS = { min: 8, max: 128 } as const;

/** better-auth on D1 through drizzle: email and password, sessions in the database. */
export function createAuth(db: Db, env: AppEnv) {
  return betterAuth({
    secret: env.BETTER_AUTH_SECRET,
    baseURL: env.APP_URL,
    trustedOrigins: env.TRUSTED_ORIGINS,
    database: drizzleAdapter(db, {
      provider: "sqlite",
      schema: {
        user: userTable,
        session: sessionTable,
        account: accountTable,
        verification: verificationTable,
        rateLimit: authRateLimitTable,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_LIMITS.min,
      maxPasswordLength: PASSWORD_LIMITS.max,
      autoSignIn: true,
    },
    user: {
      additionalFields: {
        // Never settable by the person signing up: admins are made by the seed or by another admin.
        role: { type: "string", required: false, defaultValue: "user", input: false },
      },
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            await grantSignupCredits(db, user.id, env.SIGNUP_CREDITS);
          },
        },
      },
    },
    rateLimit: {
      enabled: true,
      // Shared by every isolate, unlike the in-memory default.
      storage: "database",
      window: 60,
      max: 200,
      customRules: {
        "/sign-in/email": { window: 60, max: env.AUTH_RATE_LIMIT_PER_MINUTE },
        "/sign-up/email": { window: 60, max: env.AUTH_RATE_LIMIT_PER_MINUTE },
      },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip", "x-forwarded-for"] },
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
