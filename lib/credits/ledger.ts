import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { insertLedgerEntry, selectBalance } from "@/db/queries/credits";
import { newId } from "@/db/schema";
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
  const now = Date.now();
  const rows = await db.all<{ id: string }>(sql`
    INSERT INTO credit_transactions (id, user_id, amount, type, job_id, idempotency_key, description, created_at)
    SELECT ${newId("ctx")}, ${input.userId}, ${-amount}, 'AI_USAGE', ${input.jobId ?? null}, ${idempotencyKey}, ${input.description}, ${now}
    WHERE (
      SELECT coalesce(sum(amount), 0) FROM credit_transactions
      WHERE user_id = ${input.userId} AND (expires_at IS NULL OR expires_at > ${now})
    ) >= ${amount}
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id`);
  if (rows.length === 1) return { key: input.key, amount, created: true };

  // Nothing written: either this step was reserved before (a retry), or the balance is short.
  const existing = await db.all<{ amount: number }>(
    sql`SELECT amount FROM credit_transactions WHERE idempotency_key = ${idempotencyKey}`,
  );
  if (existing[0]) return { key: input.key, amount: -existing[0].amount, created: false };
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
