import { z } from "zod";

/**
 * What Quire accepts at sign-up and password reset. Used by the forms (to say it up front) and by
 * better-auth's hooks on the server (lib/auth/server.ts), which are what actually enforce it.
 */
export const ACCOUNT_LIMITS = { name: 100, email: 254, password: { min: 10, max: 128 }, url: 2_048 } as const;

/** Shown beside every new-password field. */
export const PASSWORD_RULES =
  "At least 10 characters, not only digits, not a common password and not your email address.";

// A short list of the passwords that top every breach list (and survive the 10-character minimum).
const COMMON_PASSWORDS = new Set([
  "1234567890", "12345678910", "123456789a", "a123456789", "0123456789", "9876543210", "1111111111",
  "password12", "password123", "password1!", "password1234", "passw0rd123", "qwertyuiop", "qwerty1234",
  "qwerty12345", "1q2w3e4r5t", "1qaz2wsx3edc", "zaq12wsxcde", "iloveyou12", "iloveyou123", "abcdefghij",
  "abcd123456", "abc1234567", "letmein123", "welcome123", "trustno1234", "football12", "baseball12",
  "sunshine12", "princess12", "dragon1234", "monkey1234", "superman12", "changeme123", "administrator",
  "adminadmin", "admin12345", "qwertyqwerty", "asdfghjkl1", "asdfghjkl;", "zxcvbnm123", "passwordpassword",
]);

/** Why this password is refused, in words a person can act on, or null when it is fine. */
export function passwordProblem(password: string, account: { email?: string | null } = {}): string | null {
  const { min, max } = ACCOUNT_LIMITS.password;
  if (password.length < min) return `Use at least ${min} characters for your password.`;
  if (password.length > max) return `Use at most ${max} characters for your password.`;
  if (/^\d+$/.test(password)) return "A password of only digits is too easy to guess; add some letters or words.";
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || new Set(lower).size <= 3) return "That password is too common or too simple; pick another.";
  const email = account.email?.trim().toLowerCase();
  if (email && (lower === email || lower === email.split("@")[0])) return "Your password cannot be your email address.";
  return null;
}

// No control characters in a name (line breaks, NUL, bidi tricks stay out of headers and exports).
const printable = (s: string) => !/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(s);

export const accountNameSchema = z
  .string()
  .trim()
  .min(1, "Please give your name.")
  .max(ACCOUNT_LIMITS.name, `Use at most ${ACCOUNT_LIMITS.name} characters for your name.`)
  .refine(printable, "Your name has characters that cannot be shown.");

/** Every field better-auth's email sign-up accepts, each with its limit; anything else is refused. */
export const signUpBodySchema = z
  .object({
    name: accountNameSchema,
    email: z.string().trim().max(ACCOUNT_LIMITS.email, `Use an email address of at most ${ACCOUNT_LIMITS.email} characters.`),
    password: z.string(),
    image: z.string().max(ACCOUNT_LIMITS.url).optional(),
    callbackURL: z.string().max(ACCOUNT_LIMITS.url).optional(),
    rememberMe: z.boolean().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const problem = passwordProblem(body.password, { email: body.email });
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["password"], message: problem });
  });

/** The first problem with a sign-up, in words, or null. */
export function signUpProblem(body: unknown): string | null {
  const result = signUpBodySchema.safeParse(body);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  return issue.code === "unrecognized_keys" ? `Sign-up does not take ${issue.keys.join(", ")}.` : issue.message;
}
