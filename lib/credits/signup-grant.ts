import type { Db } from "@/db/client";
import { insertLedgerEntry } from "@/db/queries/credits";

/** Every new account starts with a grant; the key makes a repeated call harmless. */
export async function grantSignupCredits(db: Db, userId: string, amount: number): Promise<void> {
  await insertLedgerEntry(db, {
    userId,
    amount,
    type: "SIGNUP_GRANT",
    idempotencyKey: `signup:${userId}`,
    description: "Welcome credits",
  });
}
