import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { creditTransactionsTable, newId, type CreditType } from "../schema";

export type LedgerEntry = {
  userId: string;
  amount: number;
  type: CreditType;
  idempotencyKey: string;
  description: string;
  jobId?: string | null;
  actorId?: string | null;
  expiresAt?: Date | null;
};

/** Writes one ledger row; a repeated idempotency key writes nothing. Returns whether it was new. */
export async function insertLedgerEntry(db: Db, entry: LedgerEntry): Promise<boolean> {
  const rows = await db
    .insert(creditTransactionsTable)
    .values({ id: newId("ctx"), ...entry })
    .onConflictDoNothing({ target: creditTransactionsTable.idempotencyKey })
    .returning({ id: creditTransactionsTable.id });
  return rows.length === 1;
}

/** The balance is never stored: it is the sum of the rows that have not expired. */
export async function selectBalance(db: Db, userId: string, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ balance: sql<number>`coalesce(sum(${creditTransactionsTable.amount}), 0)` })
    .from(creditTransactionsTable)
    .where(
      and(
        eq(creditTransactionsTable.userId, userId),
        or(isNull(creditTransactionsTable.expiresAt), gt(creditTransactionsTable.expiresAt, now)),
      ),
    );
  return Number(row?.balance ?? 0);
}
