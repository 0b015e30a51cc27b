import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { userTable } from "./auth";
import { booksTable, chaptersTable } from "./books";
import { timestamps } from "./columns";

export const JOB_KIND = {
  outline: "outline",
  chapter: "chapter",
  writeAll: "write-all",
  cover: "cover",
  export: "export",
} as const;
export type JobKind = (typeof JOB_KIND)[keyof typeof JOB_KIND];

export const JOB_STATUS = {
  queued: "queued",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
} as const;
export type JobStatus = (typeof JOB_STATUS)[keyof typeof JOB_STATUS];

export const jobsTable = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => userTable.id, { onDelete: "cascade" }),
    kind: text("kind").$type<JobKind>().notNull(),
    bookId: text("book_id").references(() => booksTable.id, { onDelete: "cascade" }),
    chapterId: text("chapter_id").references(() => chaptersTable.id, { onDelete: "set null" }),
    status: text("status").$type<JobStatus>().notNull().default("queued"),
    /** Steps done and steps in all (chapters for write-all), for the progress bar. */
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(1),
    attempt: integer("attempt").notNull().default(0),
    /** A running job whose heartbeat goes stale is claimed again by the next runner. */
    heartbeatAt: integer("heartbeat_at", { mode: "timestamp_ms" }),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    creditsReserved: integer("credits_reserved").notNull().default(0),
    input: text("input", { mode: "json" }).$type<unknown>(),
    /** Stops a double click from starting the same job twice. */
    idempotencyKey: text("idempotency_key"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    ...timestamps,
  },
  (t) => [
    index("jobs_user_status_idx").on(t.userId, t.status),
    index("jobs_book_idx").on(t.bookId),
    uniqueIndex("jobs_idempotency_idx").on(t.idempotencyKey),
  ],
);
