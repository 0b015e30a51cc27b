import { and, desc, eq, lt, or, sql, type SQL } from "drizzle-orm";
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
  createdAt?: Date;
};

function ledgerInsert(db: Db, entry: LedgerEntry) {
  return db
    .insert(creditTransactionsTable)
    .values({ id: newId("ctx"), ...entry })
    .onConflictDoNothing({ target: creditTransactionsTable.idempotencyKey })
    .returning({ id: creditTransactionsTable.id });
}

/** Writes one ledger row; a repeated idempotency key writes nothing. Returns whether it was new. */
export async function insertLedgerEntry(db: Db, entry: LedgerEntry): Promise<boolean> {
  return (await ledgerInsert(db, entry)).length === 1;
}

/** The same row as one statement of a caller's batch; it RETURNS one row when it was new. */
export function ledgerEntrySql(db: Db, entry: LedgerEntry): SQL {
  return ledgerInsert(db, entry).getSQL();
}

/** The key of the EXPIRY row that closes a grant; one per grant, so expiry is written once. */
export function expiryKey(grantId: string): string {
  return `expiry:${grantId}`;
}

/**
 * The balance as one SQL expression: the sum of every row (the running total the ledger's triggers
 * keep in credit_totals, so a long ledger costs nothing to read), minus the whole of any grant that
 * has expired but whose EXPIRY row is not written yet. That second term is deliberately pessimistic
 * (it treats a not-yet-closed grant as entirely gone), so a reservation racing the lazy expiry can
 * never spend credits that are about to expire; once the EXPIRY row exists the grant's used part
 * counts again. It reads only the user's expiring grants (a partial index).
 * `userId` may be a column (the admin's users list computes every listed user's balance in one query).
 */
export function balanceSql(userId: string | SQL, now: number): SQL<number> {
  return sql<number>`(
    coalesce((SELECT total FROM credit_totals WHERE user_id = ${userId}), 0) - coalesce((
      SELECT sum(amount) FROM credit_transactions c
      WHERE c.user_id = ${userId} AND c.expires_at IS NOT NULL AND c.expires_at <= ${now}
        AND NOT EXISTS (SELECT 1 FROM credit_transactions e WHERE e.idempotency_key = 'expiry:' || c.id)
    ), 0)
  )`;
}

/** The balance is never written by code: it is computed from the ledger (see balanceSql). */
export async function selectBalance(db: Db, userId: string, now = new Date()): Promise<number> {
  const rows = await db.all<{ balance: number }>(sql`SELECT ${balanceSql(userId, now.getTime())} AS balance`);
  return Number(rows[0]?.balance ?? 0);
}

/**
 * THE debit row: an INSERT … SELECT that writes one debit only when `where` holds, in ONE statement
 * (SQLite runs a statement atomically, so concurrent debits cannot together overdraw). `from` names the
 * rows it selects from (the balance, or the API caller: lib/gateway/admission.ts), so `userId`, `debit`
 * and `idempotencyKey` may be SQL over them. A repeated idempotency key writes nothing. RETURNING the
 * amount taken (positive) and the row's key.
 */
export function debitInsertSql(input: {
  userId: string | SQL;
  debit: number | SQL;
  type: CreditType;
  idempotencyKey: string | SQL;
  description: string;
  jobId?: string | null;
  actorId?: string | null;
  now: number;
  from: SQL;
  where: SQL;
}): SQL {
  return sql`
    INSERT INTO credit_transactions (id, user_id, amount, type, job_id, idempotency_key, description, actor_id, created_at)
    SELECT ${newId("ctx")}, ${input.userId}, -(${input.debit}), ${input.type}, ${input.jobId ?? null}, ${input.idempotencyKey},
      ${input.description}, ${input.actorId ?? null}, ${input.now}
    FROM ${input.from}
    WHERE ${input.where}
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING -amount AS debit, idempotency_key AS key`;
}

type DebitEntry = Omit<LedgerEntry, "amount" | "expiresAt"> & { debit: number };

/**
 * A debit of `debit` written only if the balance covers it, or (capped) of at most `debit`, as far as
 * the balance holds, written only if the balance is above zero. RETURNS the amount taken when written.
 */
function debitSql(entry: DebitEntry, capped: boolean): SQL {
  const now = Date.now();
  return debitInsertSql({
    ...entry,
    now,
    debit: capped ? sql`min(${entry.debit}, b.balance)` : entry.debit,
    from: sql`(SELECT ${balanceSql(entry.userId, now)} AS balance) b`,
    where: capped ? sql`b.balance > 0` : sql`b.balance >= ${entry.debit}`,
  });
}

/** A debit written only if the balance covers it. A repeated idempotency key writes nothing. Returns whether a row was written. */
export async function insertDebitIfCovered(db: Db, entry: DebitEntry): Promise<boolean> {
  return (await db.all(debitSql(entry, false))).length === 1;
}

/**
 * A debit of at most `debit`, capped at what the balance holds (so no race can take a balance below
 * zero), as one statement of a caller's batch. Nothing is written when the balance is empty or the key
 * exists; it RETURNS `debit` (the amount taken) when written.
 */
export function cappedDebitSql(entry: DebitEntry): SQL {
  return debitSql(entry, true);
}

/**
 * Gives back, in full, every reservation under a key prefix that was never settled (its runner died
 * before it could settle; nothing it used was recorded either). One statement; a settle row's key is
 * `settle:` + the charge key, so a later settle of the same charge writes nothing.
 */
export async function refundUnsettledReservations(db: Db, input: { userId: string; chargeKeyPrefix: string; exceptKey: string; description: string }): Promise<number> {
  const now = Date.now();
  const rows = await db.all<{ id: string }>(sql`
    INSERT INTO credit_transactions (id, user_id, amount, type, job_id, idempotency_key, description, actor_id, created_at)
    SELECT 'ctx_' || lower(hex(randomblob(12))), r.user_id, -r.amount, 'REFUND', r.job_id, 'settle:' || substr(r.idempotency_key, 9), ${input.description}, NULL, ${now}
    FROM credit_transactions r
    WHERE r.user_id = ${input.userId}
      -- A range over the unique key index (D1 refuses long LIKE patterns); the keys after the prefix are ASCII.
      AND r.idempotency_key > ${`reserve:${input.chargeKeyPrefix}`} AND r.idempotency_key < ${`reserve:${input.chargeKeyPrefix}~`} AND r.idempotency_key <> ${`reserve:${input.exceptKey}`}
      AND NOT EXISTS (SELECT 1 FROM credit_transactions s WHERE s.idempotency_key = 'settle:' || substr(r.idempotency_key, 9))
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id`);
  return rows.length;
}

export async function selectAmountByKey(db: Db, idempotencyKey: string): Promise<number | null> {
  const rows = await db
    .select({ amount: creditTransactionsTable.amount })
    .from(creditTransactionsTable)
    .where(eq(creditTransactionsTable.idempotencyKey, idempotencyKey));
  return rows[0]?.amount ?? null;
}

export type LedgerRow = typeof creditTransactionsTable.$inferSelect;

/** Grants of this user that have expired and have no EXPIRY row yet (the lazy expiry's work list). */
export async function selectUnclosedExpiredGrants(db: Db, userId: string, now: number) {
  return db.all<{ id: string; amount: number; expiresAt: number }>(sql`
    SELECT id, amount, expires_at AS expiresAt
    FROM credit_transactions c
    WHERE c.user_id = ${userId} AND c.expires_at IS NOT NULL AND c.expires_at <= ${now} AND c.amount > 0
      AND NOT EXISTS (SELECT 1 FROM credit_transactions e WHERE e.idempotency_key = 'expiry:' || c.id)
    ORDER BY c.expires_at, c.id`);
}

/** Every row of a user created before a moment: what the expiry of a grant is computed from. */
export async function selectRowsBefore(db: Db, userId: string, before: number) {
  return db
    .select({
      id: creditTransactionsTable.id,
      amount: creditTransactionsTable.amount,
      type: creditTransactionsTable.type,
      idempotencyKey: creditTransactionsTable.idempotencyKey,
      expiresAt: creditTransactionsTable.expiresAt,
      createdAt: creditTransactionsTable.createdAt,
    })
    .from(creditTransactionsTable)
    .where(and(eq(creditTransactionsTable.userId, userId), lt(creditTransactionsTable.createdAt, new Date(before))));
}

/** One page of a user's history, newest first, by (created_at, id) keyset so pages never shift. */
export async function selectHistoryPage(db: Db, userId: string, limit: number, cursor?: { createdAt: number; id: string }) {
  const t = creditTransactionsTable;
  const after = cursor
    ? or(lt(t.createdAt, new Date(cursor.createdAt)), and(eq(t.createdAt, new Date(cursor.createdAt)), lt(t.id, cursor.id)))
    : undefined;
  return db
    .select({ id: t.id, amount: t.amount, type: t.type, description: t.description, expiresAt: t.expiresAt, createdAt: t.createdAt, jobId: t.jobId })
    .from(t)
    .where(and(eq(t.userId, userId), after))
    .orderBy(desc(t.createdAt), desc(t.id))
    .limit(limit);
}
