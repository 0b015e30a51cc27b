import { sql } from "drizzle-orm";
import { sqliteTable, text, integer, index, primaryKey } from "drizzle-orm/sqlite-core";

/** One row per attempt at a model call, cached, failed or not. */
export const llmCallsTable = sqliteTable(
  "llm_calls",
  {
    id: text("id").primaryKey(),
    task: text("task").notNull(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    targetId: text("target_id").notNull(),
    attempt: integer("attempt").notNull(),
    fallbackFrom: text("fallback_from"),
    cached: integer("cached", { mode: "boolean" }).notNull().default(false),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    cachedTokens: integer("cached_tokens").notNull().default(0),
    estimated: integer("estimated", { mode: "boolean" }).notNull().default(false),
    /** NULL when the model has no known price: unknown is not zero. */
    costMicroUsd: integer("cost_micro_usd"),
    savedMicroUsd: integer("saved_micro_usd").notNull().default(0),
    latencyMs: integer("latency_ms").notNull().default(0),
    ttftMs: integer("ttft_ms"),
    outcome: text("outcome").notNull(),
    errorCode: text("error_code"),
    arm: text("arm"),
    userId: text("user_id"),
    bookId: text("book_id"),
    jobId: text("job_id"),
    apiKeyId: text("api_key_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("llm_calls_created_idx").on(t.createdAt),
    index("llm_calls_user_created_idx").on(t.userId, t.createdAt),
  ],
);

/**
 * Rollups by day × provider × model × task × user, upserted with each call so the dashboard never
 * scans llm_calls. user_id is '' on the all-users row.
 */
export const usageDailyTable = sqliteTable(
  "usage_daily",
  {
    day: text("day").notNull(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    task: text("task").notNull(),
    userId: text("user_id").notNull().default(""),
    requests: integer("requests").notNull().default(0),
    errors: integer("errors").notNull().default(0),
    cachedRequests: integer("cached_requests").notNull().default(0),
    fallbacks: integer("fallbacks").notNull().default(0),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    cachedTokens: integer("cached_tokens").notNull().default(0),
    /** The sum of the KNOWN costs; `unpricedRequests` counts the calls whose cost is unknown. */
    costMicroUsd: integer("cost_micro_usd").notNull().default(0),
    savedMicroUsd: integer("saved_micro_usd").notNull().default(0),
    credits: integer("credits").notNull().default(0),
    unpricedRequests: integer("unpriced_requests").notNull().default(0),
    latencyMsSum: integer("latency_ms_sum").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.provider, t.model, t.task, t.userId] }),
    // A user's own 30-day usage (the credits page) reads one user's rows without scanning the day range.
    index("usage_daily_user_day_idx").on(t.userId, t.day),
    // The dashboard reads the all-users rows of a date range; this keeps per-user rows out of that scan.
    index("usage_daily_all_users_idx").on(t.day, t.provider, t.model, t.task).where(sql`user_id = ''`),
    // Top users for a task and/or model: covering indexes, so the ranking reads index entries only.
    index("usage_daily_task_users_idx")
      .on(t.task, t.model, t.day, t.userId, t.costMicroUsd, t.credits, t.requests, t.inputTokens, t.outputTokens)
      .where(sql`user_id <> ''`),
  ],
);

/**
 * Per user per day, all models and tasks together: the unfiltered "top users" ranking reads this
 * (users × days rows) instead of every user × model × task row of usage_daily.
 */
export const usageUserDailyTable = sqliteTable(
  "usage_user_daily",
  {
    day: text("day").notNull(),
    userId: text("user_id").notNull(),
    requests: integer("requests").notNull().default(0),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    costMicroUsd: integer("cost_micro_usd").notNull().default(0),
    credits: integer("credits").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.userId] }),
    index("usage_user_daily_covering_idx").on(t.day, t.userId, t.costMicroUsd, t.credits, t.requests, t.inputTokens, t.outputTokens),
  ],
);

/**
 * Per user per day for one task, or for one model (`dim` says which): the "top users" ranking under a
 * task or a model filter reads users × days rows of one value instead of every user × model × task row.
 */
export const usageUserDailyByTable = sqliteTable(
  "usage_user_daily_by",
  {
    dim: text("dim").$type<"task" | "model">().notNull(),
    value: text("value").notNull(),
    day: text("day").notNull(),
    userId: text("user_id").notNull(),
    requests: integer("requests").notNull().default(0),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    costMicroUsd: integer("cost_micro_usd").notNull().default(0),
    credits: integer("credits").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.dim, t.value, t.day, t.userId] }),
    index("usage_user_daily_by_covering_idx").on(t.dim, t.value, t.day, t.userId, t.costMicroUsd, t.credits, t.requests, t.inputTokens, t.outputTokens),
  ],
);

export const USAGE_FACET = { error: "error", fallback: "fallback", latency: "latency", ttft: "ttft" } as const;
export type UsageFacetKind = (typeof USAGE_FACET)[keyof typeof USAGE_FACET];

/**
 * Counts the dashboard needs beyond sums, per day × provider × model × task: errors by code, fallbacks by
 * the target handed over from, and latency / time-to-first-token histograms (log buckets, see
 * lib/usage/latency-buckets.ts). Percentiles come from these counts, so no panel scans llm_calls.
 */
export const usageDailyFacetsTable = sqliteTable(
  "usage_daily_facets",
  {
    day: text("day").notNull(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    task: text("task").notNull(),
    kind: text("kind").$type<UsageFacetKind>().notNull(),
    facet: text("facet").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind, t.provider, t.model, t.task, t.facet] })],
);

/** Spend reserved and settled per budget window (`day:2026-11-22`, `month:2026-11`). */
export const llmBudgetTable = sqliteTable("llm_budget", {
  window: text("window").primaryKey(),
  reservedMicroUsd: integer("reserved_micro_usd").notNull().default(0),
  spentMicroUsd: integer("spent_micro_usd").notNull().default(0),
});

/** Fixed-window request counters for per-user, per-task rate limits. */
export const rateLimitBucketsTable = sqliteTable(
  "rate_limit_buckets",
  {
    key: text("key").notNull(),
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
