import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
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
import { mailSenderFromEnv, resetPasswordMail, type MailSender } from "./mail";
import { ACCOUNT_LIMITS, accountNameSchema, passwordProblem, signUpProblem } from "./policy";

/** A refusal better-auth returns as 400 with this message (the forms show it as it is). */
function refuse(message: string, code = "ACCOUNT_POLICY"): never {
  throw new APIError("BAD_REQUEST", { message, code });
}

/**
 * Limits on every field a person can send to the auth endpoints, enforced here (the forms only say them):
 * sign-up fields and the password policy, a new password at reset or change, a new name.
 */
const accountPolicy = createAuthMiddleware(async (ctx) => {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  switch (ctx.path) {
    case "/sign-up/email": {
      const problem = signUpProblem(body);
      if (problem) refuse(problem);
      return;
    }
    case "/reset-password":
    case "/change-password": {
      const problem = typeof body.newPassword === "string" ? passwordProblem(body.newPassword) : "Please give a new password.";
      if (problem) refuse(problem);
      return;
    }
    case "/update-user": {
      if ("name" in body) {
        const name = accountNameSchema.safeParse(body.name);
        if (!name.success) refuse(name.error.issues[0]!.message);
      }
      if (typeof body.image === "string" && body.image.length > ACCOUNT_LIMITS.url) refuse("That image address is too long.");
      return;
    }
  }
});

/** better-auth on D1 through drizzle: email and password, sessions in the database. */
export function createAuth(db: Db, env: AppEnv, mail: MailSender = mailSenderFromEnv(env)) {
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
      minPasswordLength: ACCOUNT_LIMITS.password.min,
      maxPasswordLength: ACCOUNT_LIMITS.password.max,
      autoSignIn: true,
      // better-auth's own reset flow: a one-use token (1 hour) mailed as a link; a reset signs out everywhere.
      sendResetPassword: async ({ user, url }) => {
        await mail.send(resetPasswordMail(user.email, url));
      },
      resetPasswordTokenExpiresIn: 3_600,
      revokeSessionsOnPasswordReset: true,
    },
    hooks: { before: accountPolicy },
    user: {
      additionalFields: {
        // Never settable by the person signing up: admins are made by the seed or by another admin.
        role: { type: "string", required: false, defaultValue: "user", input: false },
      },
    },
    databaseHooks: {
      user: {
        create: {
          // Every way a user is created (sign-up, seed, admin tools) keeps the name's limits.
          before: async (user) => {
            const name = accountNameSchema.safeParse(user.name);
            if (!name.success) refuse(name.error.issues[0]!.message);
          },
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
        "/request-password-reset": { window: 60, max: env.AUTH_RATE_LIMIT_PER_MINUTE },
        "/reset-password": { window: 60, max: env.AUTH_RATE_LIMIT_PER_MINUTE },
      },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip", "x-forwarded-for"] },
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
