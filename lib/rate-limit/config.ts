import { z } from "zod";

/**
 * Per-user request limits per minute, by what is being asked for. Read from the environment
 * (RATE_LIMIT_<NAME>_PER_MINUTE) and validated once per isolate; a bad value is reported by name.
 */
export const RATE_LIMITS = {
  suggestion: 30,
  chapter: 10,
  outline: 10,
  cover: 5,
  purchase: 10,
  export: 20,
  /** Calls to the OpenAI-compatible API and the playground. */
  api: 60,
} as const;
export type RateLimitName = keyof typeof RATE_LIMITS;

const perMinute = z.coerce.number().int().min(1, "must be at least 1").max(100_000, "must be at most 100000");

export function loadRateLimits(source: Record<string, string | undefined>): Record<RateLimitName, number> {
  const out = { ...RATE_LIMITS } as Record<RateLimitName, number>;
  const issues: string[] = [];
  for (const name of Object.keys(RATE_LIMITS) as RateLimitName[]) {
    const variable = `RATE_LIMIT_${name.toUpperCase()}_PER_MINUTE`;
    const raw = source[variable];
    if (raw === undefined || raw.trim() === "") continue;
    const parsed = perMinute.safeParse(raw);
    if (parsed.success) out[name] = parsed.data;
    else issues.push(`${variable} ${parsed.error.issues[0]?.message ?? "is not valid"}`);
  }
  if (issues.length) throw new Error(`Quire is not configured correctly:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
  return out;
}

let cached: Record<RateLimitName, number> | undefined;
export function rateLimits(): Record<RateLimitName, number> {
  cached ??= loadRateLimits(process.env);
  return cached;
}
