import type { Db } from "@/db/client";
import { insertDebitIfCovered, insertLedgerEntry, selectBalance } from "@/db/queries/credits";
import { newId } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { closeExpiredGrants } from "./expiry";

/**
 * An admin adds or takes back credits, with a reason and their own id on the row (actorId). A grant
 * and a revocation are both ADMIN_GRANT rows (positive or negative), so the ledger's types stay those of
 * the schema. A revocation cannot push a balance below zero: it is the same conditional write as a
 * reservation. `requestKey` comes from the admin's form, so a double-submitted form writes once.
 */
export type AdminAdjustment = { actorId: string; userId: string; amount: number; reason: string; requestKey?: string };

export async function grantCreditsAsAdmin(db: Db, input: AdminAdjustment): Promise<{ balance: number; created: boolean }> {
  const created = await insertLedgerEntry(db, {
    userId: input.userId,
    amount: input.amount,
    type: "ADMIN_GRANT",
    idempotencyKey: `admin:${input.requestKey ?? newId("req")}`,
    description: input.reason,
    actorId: input.actorId,
  });
  return { created, balance: await selectBalance(db, input.userId) };
}

export async function revokeCreditsAsAdmin(db: Db, input: AdminAdjustment): Promise<{ balance: number; created: boolean }> {
  await closeExpiredGrants(db, input.userId);
  const created = await insertDebitIfCovered(db, {
    userId: input.userId,
    debit: input.amount,
    type: "ADMIN_GRANT",
    idempotencyKey: `admin:${input.requestKey ?? newId("req")}`,
    description: `Revoked: ${input.reason}`,
    actorId: input.actorId,
  });
  const balance = await selectBalance(db, input.userId);
  if (!created && balance < input.amount) {
    throw new AppError("insufficient_credits:admin", { details: { needed: input.amount, balance } });
  }
  return { created, balance };
}
