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
  ],
);
