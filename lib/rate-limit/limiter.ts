import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { AppError, type Surface } from "@/lib/errors";
import { rateLimits, type RateLimitName } from "./config";

const WINDOW_MS = 60_000;

/** The start of the one-minute window `now` falls in. */
export function windowStartOf(now: number): number {
  return now - (now % WINDOW_MS);
}

/** A user's bucket of one limit, as SQL (the user may be a column). */
export function bucketKeySql(userId: string | SQL, name: RateLimitName): SQL {
  return sql`'user:' || ${userId} || ${`:${name}`}`;
}

/** The user a bucket's key names (the inverse of bucketKeySql). */
export function userOfBucketKey(key: string, name: RateLimitName): string {
  return key.slice("user:".length, key.length - `:${name}`.length);
}

/**
 * The bucket upsert: counts one request of `userId` (a value, or SQL over `from`) and returns the
 * window's count. ONE statement with RETURNING, so SQLite applies it atomically: N concurrent requests
 * get N distinct counts and only the ones past the limit are refused — no read-then-write race.
 * RETURNING the count and the bucket's key.
 * The gateway runs it inside its one D1 batch (lib/gateway/admission.ts), where `from` is its caller.
 */
export function countRequestSql(input: { userId: string | SQL; name: RateLimitName; windowStart: number; from?: SQL }): SQL {
  const key = bucketKeySql(input.userId, input.name);
  // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT.
  const source = input.from ? sql`SELECT ${key}, ${input.windowStart}, 1 FROM ${input.from} WHERE true` : sql`VALUES (${key}, ${input.windowStart}, 1)`;
  return sql`
    INSERT INTO rate_limit_buckets (key, window_start, count) ${source}
    ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
    RETURNING count, key`;
}

/** Old windows are worthless; sweeping now and then keeps the table small without a cron. */
export async function sweepOldWindows(db: Db, windowStart: number): Promise<void> {
  if (Math.random() < 0.01) await db.run(sql`DELETE FROM rate_limit_buckets WHERE window_start < ${windowStart - WINDOW_MS}`);
}

/** Refused past the limit, saying when the window turns. */
export function rateLimitError(surface: Surface, limit: number, windowStart: number, now: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
  return new AppError(`rate_limit:${surface}`, { details: { retryAfterSeconds, limit } });
}

export async function countRequest(db: Db, userId: string, name: RateLimitName, now = Date.now()): Promise<{ count: number; windowStart: number }> {
  const windowStart = windowStartOf(now);
  const rows = await db.all<{ count: number }>(countRequestSql({ userId, name, windowStart }));
  await sweepOldWindows(db, windowStart);
  return { count: Number(rows[0]?.count ?? 0), windowStart };
}

/** Counts this request of the user against its limit; past the limit it is refused with when to retry. */
export async function enforceRateLimit(
  db: Db,
  input: { userId: string; name: RateLimitName; surface: Surface; limit?: number; now?: number },
): Promise<void> {
  const now = input.now ?? Date.now();
  const limit = input.limit ?? rateLimits()[input.name];
  const { count, windowStart } = await countRequest(db, input.userId, input.name, now);
  if (count > limit) throw rateLimitError(input.surface, limit, windowStart, now);
}
