import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { userTable } from "./auth";

/** Personal API keys for the OpenAI-compatible gateway; only a hash and a display prefix are kept. */
export const apiKeysTable = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => userTable.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("api_keys_hash_idx").on(t.hash), index("api_keys_user_idx").on(t.userId)],
);

/** What a writer did with each inline suggestion, per model: acceptance rate and training data. */
export const suggestionEventsTable = sqliteTable(
  "suggestion_events",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => userTable.id, { onDelete: "cascade" }),
    bookId: text("book_id"),
    chapterId: text("chapter_id"),
    /** For an outcome (accept, reject, edit): the offer it answers. Null on the offer itself. */
    suggestionId: text("suggestion_id"),
    model: text("model").notNull(),
    arm: text("arm"),
    action: text("action").notNull(),
    instruction: text("instruction").notNull(),
    original: text("original").notNull(),
    suggestion: text("suggestion").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("suggestion_events_model_idx").on(t.model, t.createdAt),
    // One outcome of each kind per suggestion: a repeated accept cannot inflate A/B acceptance.
    uniqueIndex("suggestion_events_outcome_idx").on(t.suggestionId, t.action),
  ],
);
