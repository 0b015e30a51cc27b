import type { Db } from "@/db/client";
import { insertDebitIfCovered, insertLedgerEntry, selectAmountByKey, selectBalance } from "@/db/queries/credits";
import { closeExpiredGrants } from "./expiry";
import { AppError, type Surface } from "@/lib/errors";

/**
 * Reserve → settle → refund, on a ledger that D1 can keep honest without transactions:
 * - reserve is ONE conditional INSERT that only writes when the unexpired balance covers the amount,
 *   so concurrent reservations cannot overdraw (SQLite runs each statement atomically);
 * - every row has an idempotency key derived from the step's key, so a retried or resumed step
 *   writes nothing new.
 */
export type ChargeKey = string;

export type Reservation = { key: ChargeKey; amount: number; created: boolean };

export async function reserveCredits(
  db: Db,
  input: { userId: string; amount: number; key: ChargeKey; jobId?: string | null; description: string; surface: Surface },
): Promise<Reservation> {
  const amount = Math.max(0, Math.ceil(input.amount));
  const idempotencyKey = `reserve:${input.key}`;
  await closeExpiredGrants(db, input.userId);
  const created = await insertDebitIfCovered(db, {
    userId: input.userId,
    debit: amount,
    type: "AI_USAGE",
    idempotencyKey,
    jobId: input.jobId ?? null,
    description: input.description,
  });
  if (created) return { key: input.key, amount, created: true };

  // Nothing written: either this step was reserved before (a retry), or the balance is short.
  const existing = await selectAmountByKey(db, idempotencyKey);
  if (existing !== null) return { key: input.key, amount: -existing, created: false };
  const balance = await selectBalance(db, input.userId);
  throw new AppError(`insufficient_credits:${input.surface}`, { details: { needed: amount, balance } });
}

/** Brings the charge to the real cost: gives back what was over-reserved, takes what was under. */
export async function settleCredits(
  db: Db,
  input: { userId: string; reservation: Reservation; actual: number; jobId?: string | null; description: string },
): Promise<void> {
  const difference = input.reservation.amount - Math.max(0, Math.ceil(input.actual));
  if (difference === 0) return;
  await insertLedgerEntry(db, {
    userId: input.userId,
    amount: difference,
    type: difference > 0 ? "REFUND" : "AI_USAGE",
    idempotencyKey: `settle:${input.reservation.key}`,
    jobId: input.jobId ?? null,
    description: input.description,
  });
}

/** A failed step gives back everything it reserved but did not use. */
export async function refundCredits(
  db: Db,
  input: { userId: string; reservation: Reservation; used?: number; jobId?: string | null; description: string },
): Promise<void> {
  const back = input.reservation.amount - Math.max(0, Math.ceil(input.used ?? 0));
  if (back <= 0) return;
  await insertLedgerEntry(db, {
    userId: input.userId,
    amount: back,
    type: "REFUND",
    idempotencyKey: `refund:${input.reservation.key}`,
    jobId: input.jobId ?? null,
    description: input.description,
  });
}
