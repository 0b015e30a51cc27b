import { z } from "zod";

/**
 * A secret copied from .env.example (or as simple as "xxxx…") would make sessions and the internal job
 * token forgeable by anyone who read the example, so it is refused at start.
 */
function looksLikePlaceholder(secret: string): boolean {
  if (/change[-_ ]?me|replace[-_ ]?me|placeholder|your[-_ ]?secret|example|openssl/i.test(secret)) return true;
  return new Set(secret).size < 8;
}

/**
 * App configuration, validated once per isolate with messages that name the variable at fault.
 * The LLM service validates its own variables in lib/llm/config.ts.
 */
const envSchema = z.object({
  BETTER_AUTH_SECRET: z
    .string({ required_error: "is required (32 or more random characters; `npm start` writes one into .dev.vars)" })
    .min(32, "must be at least 32 characters")
    .refine((v) => !looksLikePlaceholder(v), {
      message: "is a placeholder or too simple; generate one with `openssl rand -hex 32`",
    }),
  APP_URL: z.string().url("must be a URL such as https://quire.example.com").optional(),
  /** Extra origins allowed to post to auth endpoints, comma-separated (the app's own URL always is). */
  TRUSTED_ORIGINS: z
    .string()
    .transform((v) => v.split(",").map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.string().url("must list URLs such as http://127.0.0.1:3000")))
    .default(""),
  /** A running job whose heartbeat is older than this is taken over by a new runner. */
  JOB_STALE_SECONDS: z.coerce.number().int().min(2).max(3_600).default(30),
  SIGNUP_CREDITS: z.coerce.number().int().min(0).max(1_000_000).default(500),
  /**
   * Local only: account mail (password-reset links) goes to the server log and the /dev/mail page
   * instead of being sent. `npm start` and `npm run dev` set it; never set it in production.
   */
  DEV_MAIL_OUTBOX: z
    .enum(["true", "false"], { message: 'must be "true" or "false"' })
    .default("false")
    .transform((v) => v === "true"),
  /** Sign-in and sign-up attempts allowed per IP per minute. */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
});

export type AppEnv = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(issues: string[]) {
    super(`Quire is not configured correctly:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  // Empty strings (a blank line in .env) mean "not set".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`));
  }
  return result.data;
}

let cached: AppEnv | undefined;

export function appEnv(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
