import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";

/**
 * Per-user suggestion limit, per fixed minute, counted in D1 so every isolate counts together.
 * Stand-in until the shared limiter (lib/rate-limit) lands on main: same table, same key
 * (`user:<id>:suggestion`), same variable (RATE_LIMIT_SUGGESTION_PER_MINUTE) and default, so
 * swapping it for `enforceRateLimit(db, { userId, name: "suggestion", surface: "suggestion" })`
 * changes nothing a user sees.
 */
const WINDOW_MS = 60_000;
export const DEFAULT_SUGGESTIONS_PER_MINUTE = 30;

const perMinute = z.coerce.number().int().min(1).max(100_000);

export function suggestionLimit(source: Record<string, string | undefined> = process.env): number {
  const raw = source.RATE_LIMIT_SUGGESTION_PER_MINUTE;
  if (raw === undefined || raw.trim() === "") return DEFAULT_SUGGESTIONS_PER_MINUTE;
  const parsed = perMinute.safeParse(raw);
  if (!parsed.success) throw new Error("Quire is not configured correctly:\n  - RATE_LIMIT_SUGGESTION_PER_MINUTE must be a whole number from 1 to 100000");
  return parsed.data;
}

/** ONE upsert with RETURNING: concurrent requests get distinct counts, so none slips past the limit. */
export async function enforceSuggestionLimit(db: Db, input: { userId: string; limit: number; now?: number }): Promise<void> {
  const now = input.now ?? Date.now();
  const windowStart = now - (now % WINDOW_MS);
  const rows = await db.all<{ count: number }>(sql`
    INSERT INTO rate_limit_buckets (key, window_start, count) VALUES (${`user:${input.userId}:suggestion`}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
    RETURNING count`);
  const count = Number(rows[0]?.count ?? 0);
  if (count > input.limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
    throw new AppError("rate_limit:suggestion", { details: { retryAfterSeconds, limit: input.limit } });
  }
}
