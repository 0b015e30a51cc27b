import type { Db } from "@/db/client";
import { insertLedgerEntry, selectBalance } from "@/db/queries/credits";
import { AppError } from "@/lib/errors";
import type { CreditPackId } from "./packs";
import type { PaymentProvider } from "./payments";

export async function startPurchase(provider: PaymentProvider, userId: string, packId: CreditPackId) {
  return provider.createCheckout({ userId, packId });
}

/**
 * Grants a paid checkout's credits exactly once: the ledger row's key is the checkout id, so confirming
 * the same purchase again (a double click, a webhook retry) writes nothing and says so.
 */
export async function confirmPurchase(db: Db, provider: PaymentProvider, input: { userId: string; checkoutId: string }) {
  const paid = await provider.verifyCheckout(input.checkoutId);
  // Someone else's checkout and a forged one look the same from here: not found.
  if (!paid || paid.userId !== input.userId) throw new AppError("not_found:credits");
  const created = await insertLedgerEntry(db, {
    userId: input.userId,
    amount: paid.credits,
    type: "PURCHASE",
    idempotencyKey: `purchase:${provider.name}:${input.checkoutId}`,
    description: `Bought the ${paid.packId} pack (${provider.name})`,
  });
  return { created, credits: paid.credits, balance: await selectBalance(db, input.userId) };
}
