import type { Db } from "@/db/client";
import { sql, type SQL } from "drizzle-orm";
import { balanceSql, cappedDebitSql, debitInsertSql, insertDebitIfCovered, ledgerEntrySql, selectAmountByKey, selectBalance } from "@/db/queries/credits";
import { closeExpiredGrants } from "./expiry";
import { AppError, type Surface } from "@/lib/errors";

/**
 * The two ledger steps of a charge, on a ledger that D1 keeps honest without transactions. Only the
 * charging seam (./charge.ts) calls them; features call `charged(...)`.
 * - reserve is ONE conditional INSERT that only writes when the unexpired balance covers the amount,
 *   so concurrent reservations cannot overdraw (SQLite runs each statement atomically);
 * - settle is ONE row that brings the charge to what was used: a refund of the rest, or (when the use
 *   ran over the reservation) a debit capped at what the balance holds, so no balance goes below zero;
 * - every row's idempotency key derives from the charge's key, so a retried or resumed step writes
 *   nothing new.
 */
export type ChargeKey = string;

export type Reservation = { key: ChargeKey; userId: string; amount: number; created: boolean };

export const reserveKey = (key: ChargeKey) => `reserve:${key}`;
export const settleKey = (key: ChargeKey) => `settle:${key}`;

export async function reserveCredits(
  db: Db,
  input: { userId: string; amount: number; key: ChargeKey; jobId?: string | null; description: string; surface: Surface },
): Promise<Reservation> {
  const amount = Math.max(0, Math.ceil(input.amount));
  const idempotencyKey = reserveKey(input.key);
  await closeExpiredGrants(db, input.userId);
  const created = await insertDebitIfCovered(db, {
    userId: input.userId,
    debit: amount,
    type: "AI_USAGE",
    idempotencyKey,
    jobId: input.jobId ?? null,
    description: input.description,
  });
  if (created) return { key: input.key, userId: input.userId, amount, created: true };

  // Nothing written: either this step was reserved before (a retry), or the balance is short.
  const existing = await selectAmountByKey(db, idempotencyKey);
  if (existing !== null) return { key: input.key, userId: input.userId, amount: -existing, created: false };
  const balance = await selectBalance(db, input.userId);
  throw new AppError(`insufficient_credits:${input.surface}`, { details: { needed: amount, balance } });
}

export type SettleInput = { reservation: Reservation; used: number; jobId?: string | null; description: string };

/**
 * A settlement as ONE statement, to run alone (settleCredits) or in a batch with the charge's other
 * after-the-answer writes (./charge.ts), and how to read what it returned: the credits the whole
 * charge came to (reservation and settlement), which is less than `used` only when the balance could
 * not cover an overrun.
 * - used ≤ reserved: a refund row of the rest (of 0 too, so a settled charge can be told from an open one);
 * - used > reserved: a debit of the overrun capped at what the balance holds (never below zero).
 */
export function settlement(db: Db, input: SettleInput): { statement: SQL; charged: (rows: { debit?: number }[]) => Promise<number> } {
  const { reservation } = input;
  const used = Math.max(0, Math.ceil(input.used));
  const back = reservation.amount - used;
  const entry = { userId: reservation.userId, idempotencyKey: settleKey(reservation.key), jobId: input.jobId ?? null, description: input.description };
  if (back >= 0) return { statement: ledgerEntrySql(db, { ...entry, amount: back, type: "REFUND" }), charged: async () => used };
  return {
    statement: cappedDebitSql({ ...entry, debit: -back, type: "AI_USAGE" }),
    async charged(rows) {
      if (rows.length === 1) return reservation.amount + Number(rows[0]!.debit);
      // Nothing written: settled before (a retry), or an empty balance; either way the ledger says what stands.
      const earlier = await selectAmountByKey(db, entry.idempotencyKey);
      return reservation.amount - (earlier ?? 0);
    },
  };
}

/** Brings a reservation to the credits actually used (see `settlement`); returns what the charge came to. */
export async function settleCredits(db: Db, input: SettleInput): Promise<number> {
  const { statement, charged } = settlement(db, input);
  return charged(await db.all<{ debit?: number }>(statement));
}

/**
 * A reservation as one statement of someone else's batch (the gateway's admission): the debit row
 * is written only when `where` holds and the balance of `userId` (an SQL expression over `from`)
 * covers `amount`; it RETURNS its debit and key, which `batchedReservation` reads back.
 */
export function reservationSql(a: { userId: SQL; amount: number; key: SQL; description: string; now: number; from: SQL; where: SQL }): SQL {
  return debitInsertSql({
    userId: a.userId,
    debit: a.amount,
    type: "AI_USAGE",
    idempotencyKey: sql`${reserveKey("")} || ${a.key}`,
    description: a.description,
    now: a.now,
    from: a.from,
    where: sql`${a.where} AND ${balanceSql(a.userId, a.now)} >= ${a.amount}`,
  });
}

/** The reservation a `reservationSql` row stands for (its charge key without the reserve prefix). */
export function batchedReservation(row: { debit: number; key: string }, userId: string): Reservation {
  return { key: row.key.slice(reserveKey("").length), userId, amount: Number(row.debit), created: true };
}
