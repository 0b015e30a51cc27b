import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runRawBatch } from "@/db/batch";
import { batchedReservation, reservationSql, type Reservation } from "@/lib/credits/ledger";
import { AppError } from "@/lib/errors";
import { rateLimits } from "@/lib/rate-limit/config";
import { keyHolderOf } from "./api-keys";
import { bucketKeySql, countRequestSql, rateLimitError, sweepOldWindows, userOfBucketKey, windowStartOf } from "@/lib/rate-limit/limiter";

/**
 * Who may make a gateway call, and the credits it holds, in ONE D1 round trip. Before the upstream
 * call the gateway needs three answers: whose key this is, whether they are past their per-minute
 * limit, and whether their balance covers the call's worst case. Asked one after another they cost a
 * round trip each; here they are one `batch` of two statements (applied in order, as one transaction;
 * locally each statement of a batch costs about as much as a round trip, so there are only two):
 *
 *   1. the rate-limit bucket upsert of the key's owner, RETURNING the count and the bucket's key (which
 *      names the owner); nothing at all when the key is unknown or revoked,
 *   2. the reservation: a debit row written only if the owner exists, the count from (1) is within
 *      the limit and the balance covers the estimate (so a refused call leaves no reservation behind),
 *      RETURNING its key (which names the API key).
 * The refusal is read from the results, in the order the separate steps would give it: 401, 429, 402.
 * A short balance returns no reservation: `OpenCharge.open` then reserves the ordinary way (closing an
 * expired grant first), which refuses with the balance it reports.
 * The reservation goes on to `OpenCharge.open(db, spec, reservation)`, so settle and refund stay the
 * charging seam's (lib/credits/charge.ts). The key's "last used" is written after the answer, at most
 * once a minute.
 */

/** An API key (the SHA-256 of its secret) or a signed-in user (the playground). */
export type Credential = { keyHash: string } | { userId: string };

/** Who is calling, and the call's charge key; with the reservation when the batch could make it. */
export type Admitted = { userId: string; apiKeyId?: string; key: string; reservation?: Reservation };

/** The caller as one row (key_id, user_id), or none for an unknown or revoked key. */
function callerSql(credential: Credential): SQL {
  return "keyHash" in credential
    ? sql`SELECT k.id AS key_id, k.user_id AS user_id FROM api_keys k WHERE k.hash = ${credential.keyHash} AND k.revoked_at IS NULL`
    : sql`SELECT NULL AS key_id, u.id AS user_id FROM user u WHERE u.id = ${credential.userId}`;
}

const LAST_USED_PRECISION_MS = 60_000;
/** When this isolate last wrote each key's "last used" (so a busy key costs one write a minute, not one a call). */
const lastTouched = new Map<string, number>();
/** The charge key of an API call: `api:<key id or "playground">:<random>`. */
const chargeKeyPrefix = "api:";
const PLAYGROUND = "playground";

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
  const [counted, reserved] = (await runRawBatch(db, [
    countRequestSql({ userId: user, name: "api", windowStart, from }),
    reservationSql({
      userId: user,
      amount,
      key: sql`${chargeKeyPrefix} || coalesce(w.key_id, ${PLAYGROUND}) || ${`:${crypto.randomUUID()}`}`,
      description: input.description,
      now,
      from,
      where: sql`(SELECT r.count FROM rate_limit_buckets r WHERE r.key = ${bucketKeySql(user, "api")} AND r.window_start = ${windowStart}) <= ${limit}`,
    }),
  ])) as [{ count: number; key: string }[], { debit: number; key: string }[]];

  const bucket = counted[0];
  if (!bucket) throw new AppError("unauthorized:api");
  const userId = userOfBucketKey(bucket.key, "api");
  const defer = input.defer ?? ((work: Promise<unknown>) => void work);
  const later = (work: Promise<unknown>, what: string) => defer(work.catch((err: unknown) => console.error(`[quire] could not ${what}`, err)));
  later(sweepOldWindows(db, windowStart), "sweep rate-limit windows");
  if ("keyHash" in credential && now - (lastTouched.get(credential.keyHash) ?? 0) >= LAST_USED_PRECISION_MS) {
    if (lastTouched.size >= 10_000) lastTouched.clear();
    lastTouched.set(credential.keyHash, now);
    later(
      db.run(sql`UPDATE api_keys SET last_used_at = ${now}
        WHERE hash = ${credential.keyHash} AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < ${now - LAST_USED_PRECISION_MS})`),
      "record key use",
    );
  }
  if (Number(bucket.count) > limit) throw rateLimitError("api", limit, windowStart, now);
  const row = reserved[0];
  if (row) {
    const reservation = batchedReservation(row, userId);
    const apiKeyId = reservation.key.slice(chargeKeyPrefix.length).split(":")[0];
    return { userId, apiKeyId: apiKeyId === PLAYGROUND ? undefined : apiKeyId, key: reservation.key, reservation };
  }
  // Short: but a grant that expired without its EXPIRY row counts as wholly gone in the balance until
  // it is closed. No reservation here: the charging seam reserves the ordinary way (closing expired
  // grants first) when the charge opens, and refuses with the figures if the balance is still short.
  const apiKeyId = "keyHash" in credential ? (await keyHolderOf(db, credential.keyHash)).apiKeyId : undefined;
  return { userId, apiKeyId, key: `${chargeKeyPrefix}${apiKeyId ?? PLAYGROUND}:${crypto.randomUUID()}` };
}

/** Refuses an unknown key with unauthorized:api: for refusals that come before admission (an unknown model). */
export async function identify(db: Db, credential: Credential): Promise<void> {
  if ("keyHash" in credential) await keyHolderOf(db, credential.keyHash);
}
