import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { AppError, type Surface } from "@/lib/errors";
import { rateLimits, type RateLimitName } from "./config";

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows counted in D1, so every isolate counts together. The count is ONE upsert
 * with RETURNING: SQLite applies it atomically, so N concurrent requests get N distinct counts and only
 * the ones past the limit are refused — no read-then-write race.
 */
export async function countRequest(db: Db, key: string, now = Date.now()): Promise<{ count: number; windowStart: number }> {
  const windowStart = now - (now % WINDOW_MS);
  const rows = await db.all<{ count: number }>(sql`
    INSERT INTO rate_limit_buckets (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
    RETURNING count`);
  // Old windows are worthless; sweeping now and then keeps the table small without a cron.
  if (Math.random() < 0.01) await db.run(sql`DELETE FROM rate_limit_buckets WHERE window_start < ${windowStart - WINDOW_MS}`);
  return { count: Number(rows[0]?.count ?? 0), windowStart };
}

/** Counts this request of the user against its limit; past the limit it is refused with when to retry. */
export async function enforceRateLimit(
  db: Db,
  input: { userId: string; name: RateLimitName; surface: Surface; limit?: number; now?: number },
): Promise<void> {
  const now = input.now ?? Date.now();
  const limit = input.limit ?? rateLimits()[input.name];
  const { count, windowStart } = await countRequest(db, `user:${input.userId}:${input.name}`, now);
  if (count > limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
    throw new AppError(`rate_limit:${input.surface}`, { details: { retryAfterSeconds, limit } });
  }
}
