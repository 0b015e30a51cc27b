import { sql } from "drizzle-orm";
import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { userTable } from "./auth";
import { jobsTable } from "./jobs";

export const CREDIT_TYPE = {
  signupGrant: "SIGNUP_GRANT",
  purchase: "PURCHASE",
  adminGrant: "ADMIN_GRANT",
  aiUsage: "AI_USAGE",
  refund: "REFUND",
  expiry: "EXPIRY",
} as const;
export type CreditType = (typeof CREDIT_TYPE)[keyof typeof CREDIT_TYPE];

/** The ledger is the only truth about credits: a balance is the sum of the unexpired rows. */
export const creditTransactionsTable = sqliteTable(
  "credit_transactions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => userTable.id, { onDelete: "cascade" }),
    /** Positive for a grant, negative for use. */
    amount: integer("amount").notNull(),
    type: text("type").$type<CreditType>().notNull(),
    jobId: text("job_id").references(() => jobsTable.id, { onDelete: "set null" }),
    /** The same charge, retried or resumed, hits this unique key instead of charging twice. */
    idempotencyKey: text("idempotency_key").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    description: text("description").notNull().default(""),
    /** The admin who granted or revoked, for ADMIN_GRANT rows. */
    actorId: text("actor_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    uniqueIndex("credit_tx_idempotency_idx").on(t.idempotencyKey),
    index("credit_tx_user_created_idx").on(t.userId, t.createdAt),
    // The grants that can expire, for the balance's expiry correction (a few rows, not the whole ledger).
    index("credit_tx_user_expiring_idx").on(t.userId, t.expiresAt).where(sql`${t.expiresAt} IS NOT NULL`),
  ],
);

/**
 * Each user's sum of ledger amounts, kept by triggers on credit_transactions (migration
 * 0007_credit_totals) in the same statement as the row that changes it, so it always equals
 * `SUM(amount)`: a balance is read in O(1) however long the ledger grows, and the ledger stays the
 * only thing code writes. Never written by application code.
 */
export const creditTotalsTable = sqliteTable("credit_totals", {
  userId: text("user_id")
    .primaryKey()
    .references(() => userTable.id, { onDelete: "cascade" }),
  total: integer("total").notNull().default(0),
});
