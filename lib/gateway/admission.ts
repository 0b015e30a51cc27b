import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runRawBatch } from "@/db/batch";
import { balanceSql, debitInsertSql } from "@/db/queries/credits";
import { closeExpiredGrants } from "@/lib/credits/expiry";
import { reserveCredits, reserveKey, type Reservation } from "@/lib/credits/ledger";
import { AppError } from "@/lib/errors";
import { rateLimits } from "@/lib/rate-limit/config";
import { keyHolderOf } from "./api-keys";
import { bucketKeySql, countRequestSql, rateLimitError, sweepOldWindows, windowStartOf } from "@/lib/rate-limit/limiter";

/**
 * Who may make a gateway call, and the credits it holds, in ONE D1 round trip. Before the upstream
 * call the gateway needs three answers: whose key this is, whether they are past their per-minute
 * limit, and whether their balance covers the call's worst case. Asked one after another they cost a
 * round trip each; here they are one `batch` (applied in order, as one transaction):
 *
 *   1. the rate-limit bucket upsert of the key's owner (nothing when the key is unknown or revoked),
 *   2. the reservation: a debit row written only if the owner exists, the count from (1) is within
 *      the limit and the balance covers the estimate (so a refused call leaves no reservation behind),
 *   3. the owner and their balance after (2), which tells 401 from 402 and what to say in a 402,
 *   4. the key's "last used" time.
 * The refusal is read from the results, in the order the separate steps would give it: 401, 429, 402.
 * The reservation goes on to `OpenCharge.open(db, spec, reservation)`, so settle and refund stay the
 * charging seam's (lib/credits/charge.ts).
 */

/** An API key (the SHA-256 of its secret) or a signed-in user (the playground). */
export type Credential = { keyHash: string } | { userId: string };

export type Admitted = { userId: string; role: "user" | "admin"; apiKeyId?: string; reservation: Reservation };

/** The caller as one row (key_id, user_id, role), or none for an unknown or revoked key. */
function callerSql(credential: Credential): SQL {
  return "keyHash" in credential
    ? sql`SELECT k.id AS key_id, k.user_id AS user_id, u.role AS role FROM api_keys k JOIN user u ON u.id = k.user_id WHERE k.hash = ${credential.keyHash} AND k.revoked_at IS NULL`
    : sql`SELECT NULL AS key_id, u.id AS user_id, u.role AS role FROM user u WHERE u.id = ${credential.userId}`;
}

type Who = { keyId: string | null; userId: string; role: string; balance: number };

export async function admitGatewayCall(
  db: Db,
  credential: Credential,
  input: { estimate: number; description: string; limit?: number; now?: number; defer?: (work: Promise<unknown>) => void },
): Promise<Admitted> {
  const now = input.now ?? Date.now();
  const limit = input.limit ?? rateLimits().api;
  const amount = Math.max(0, Math.ceil(input.estimate));
  const windowStart = windowStartOf(now);
  const from = sql`(${callerSql(credential)}) w`;
  const user = sql`w.user_id`;
  const statements = [
    countRequestSql({ userId: user, name: "api", windowStart, from }),
    debitInsertSql({
      userId: user,
      debit: amount,
      type: "AI_USAGE",
      // The charge key: `api:<key id or "playground">:<random>`, unique per call.
      idempotencyKey: sql`${reserveKey("api:")} || coalesce(w.key_id, 'playground') || ${`:${crypto.randomUUID()}`}`,
      description: input.description,
      now,
      from,
      where: sql`(SELECT r.count FROM rate_limit_buckets r WHERE r.key = ${bucketKeySql(user, "api")} AND r.window_start = ${windowStart}) <= ${limit}
        AND ${balanceSql(user, now)} >= ${amount}`,
    }),
    sql`SELECT w.key_id AS keyId, w.user_id AS userId, w.role AS role, ${balanceSql(user, now)} AS balance FROM ${from}`,
  ];
  if ("keyHash" in credential) statements.push(sql`UPDATE api_keys SET last_used_at = ${now} WHERE hash = ${credential.keyHash} AND revoked_at IS NULL`);
  const [counted, reserved, found] = (await runRawBatch(db, statements)) as [{ count: number }[], { debit: number; key: string }[], Who[]];

  const who = found[0];
  if (!who) throw new AppError("unauthorized:api");
  const defer = input.defer ?? ((work: Promise<unknown>) => void work);
  defer(sweepOldWindows(db, windowStart).catch((err: unknown) => console.error("[quire] could not sweep rate-limit windows", err)));
  const admitted = { userId: who.userId, role: who.role === "admin" ? ("admin" as const) : ("user" as const), apiKeyId: who.keyId ?? undefined };
  if (Number(counted[0]?.count ?? 0) > limit) throw rateLimitError("api", limit, windowStart, now);
  const row = reserved[0];
  if (row) {
    return { ...admitted, reservation: { key: row.key.slice(reserveKey("").length), userId: who.userId, amount: Number(row.debit), created: true } };
  }
  // Short: but a grant that expired without its EXPIRY row counts as wholly gone in the balance until
  // it is closed, so close it and try once more the ordinary way (which refuses with the figures).
  if ((await closeExpiredGrants(db, who.userId, now)) > 0) {
    const key = `api:${who.keyId ?? "playground"}:${crypto.randomUUID()}`;
    const reservation = await reserveCredits(db, { userId: who.userId, amount, key, description: input.description, surface: "api" });
    return { ...admitted, reservation };
  }
  throw new AppError("insufficient_credits:api", { details: { needed: amount, balance: Number(who.balance) } });
}

/** Refuses an unknown key with unauthorized:api: for refusals that come before admission (an unknown model). */
export async function identify(db: Db, credential: Credential): Promise<void> {
  if ("keyHash" in credential) await keyHolderOf(db, credential.keyHash);
}
