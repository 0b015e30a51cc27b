import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { balanceSql } from "./credits";

/**
 * The cost dashboard's reads. Every panel reads the usage_daily / usage_daily_facets rollups for a
 * day range (never llm_calls), except recentCallsForHealth, which reads a bounded, indexed window of
 * the latest calls when the live service's health board is not at hand.
 */
export type UsageRange = { from: string; to: string; model?: string; task?: string };

export type UsageSums = {
  requests: number;
  errors: number;
  cachedRequests: number;
  fallbacks: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  /** The sum of the KNOWN costs only; `unpricedRequests` counts the calls whose cost is unknown. */
  costMicroUsd: number;
  unpricedRequests: number;
  savedMicroUsd: number;
  credits: number;
  latencyMsSum: number;
};

const SUMS = sql`coalesce(sum(requests), 0) AS requests, coalesce(sum(errors), 0) AS errors,
  coalesce(sum(cached_requests), 0) AS cachedRequests, coalesce(sum(fallbacks), 0) AS fallbacks,
  coalesce(sum(input_tokens), 0) AS inputTokens, coalesce(sum(output_tokens), 0) AS outputTokens,
  coalesce(sum(cached_tokens), 0) AS cachedTokens, coalesce(sum(cost_micro_usd), 0) AS costMicroUsd,
  coalesce(sum(unpriced_requests), 0) AS unpricedRequests, coalesce(sum(saved_micro_usd), 0) AS savedMicroUsd, coalesce(sum(credits), 0) AS credits,
  coalesce(sum(latency_ms_sum), 0) AS latencyMsSum`;

function narrowing(r: UsageRange): SQL {
  return sql`${r.model ? sql` AND model = ${r.model}` : sql``}${r.task ? sql` AND task = ${r.task}` : sql``}`;
}

/** All-users rows in the range (the partial index usage_daily_all_users_idx serves this). */
function allUsers(r: UsageRange): SQL {
  return sql`FROM usage_daily WHERE user_id = '' AND day BETWEEN ${r.from} AND ${r.to}${narrowing(r)}`;
}

export async function selectTotals(db: Db, r: UsageRange): Promise<UsageSums> {
  const rows = await db.all<UsageSums>(sql`SELECT ${SUMS} ${allUsers(r)}`);
  return rows[0]!;
}

export type Dimension = "provider" | "model" | "task";

export async function selectBreakdown(db: Db, r: UsageRange, by: Dimension): Promise<(UsageSums & { key: string })[]> {
  const column = sql.raw({ provider: "provider", model: "model", task: "task" }[by]);
  return db.all(sql`SELECT ${column} AS key, ${SUMS} ${allUsers(r)} GROUP BY ${column} ORDER BY costMicroUsd DESC, requests DESC`);
}

export async function selectByDay(db: Db, r: UsageRange): Promise<{ day: string; requests: number; costMicroUsd: number; unpricedRequests: number; credits: number }[]> {
  return db.all(sql`SELECT day, sum(requests) AS requests, sum(cost_micro_usd) AS costMicroUsd, sum(unpriced_requests) AS unpricedRequests, sum(credits) AS credits
    ${allUsers(r)} GROUP BY day ORDER BY day`);
}

/**
 * The users who spent most in the range, reading only covering-index entries of users × days rows:
 * usage_user_daily when unfiltered, usage_user_daily_by for a task or a model alone, and the per-user
 * usage_daily rows (index on task, model, day) when both are set. The email comes from the user table.
 */
export async function selectTopUsers(db: Db, r: UsageRange, limit = 10) {
  const source =
    r.task && r.model
      ? sql`usage_daily INDEXED BY usage_daily_task_users_idx WHERE user_id <> '' AND task = ${r.task} AND model = ${r.model} AND day BETWEEN ${r.from} AND ${r.to}`
      : r.task || r.model
        ? sql`usage_user_daily_by INDEXED BY usage_user_daily_by_covering_idx WHERE dim = ${r.task ? "task" : "model"} AND value = ${(r.task ?? r.model)!} AND day BETWEEN ${r.from} AND ${r.to}`
        : sql`usage_user_daily INDEXED BY usage_user_daily_covering_idx WHERE day BETWEEN ${r.from} AND ${r.to}`;
  // How many of each listed user's calls had no price (their dollars are the known costs only): from
  // the per-user usage_daily rows (index on user_id, day), for the ten listed users only.
  const unpriced = sql`(SELECT coalesce(sum(d.unpriced_requests), 0) FROM usage_daily d
    WHERE d.user_id = t.user_id AND d.day BETWEEN ${r.from} AND ${r.to}${r.task ? sql` AND d.task = ${r.task}` : sql``}${r.model ? sql` AND d.model = ${r.model}` : sql``})`;
  return db.all<{ userId: string; email: string | null; requests: number; costMicroUsd: number; unpricedRequests: number; credits: number; tokens: number }>(sql`
    SELECT t.user_id AS userId, u.email AS email, t.requests, t.costMicroUsd, ${unpriced} AS unpricedRequests, t.credits, t.tokens FROM (
      SELECT user_id, sum(requests) AS requests, sum(cost_micro_usd) AS costMicroUsd, sum(credits) AS credits,
        sum(input_tokens + output_tokens) AS tokens
      FROM ${source}
      GROUP BY user_id ORDER BY costMicroUsd DESC, credits DESC LIMIT ${limit}
    ) t LEFT JOIN user u ON u.id = t.user_id ORDER BY t.costMicroUsd DESC, t.credits DESC`);
}

export type FacetRow = { provider: string; model: string; facet: string; count: number };

export async function selectFacets(db: Db, r: UsageRange, kind: "error" | "fallback" | "latency" | "ttft"): Promise<FacetRow[]> {
  return db.all(sql`SELECT provider, model, facet, sum(count) AS count FROM usage_daily_facets
    WHERE day BETWEEN ${r.from} AND ${r.to} AND kind = ${kind}${narrowing(r)}
    GROUP BY provider, model, facet`);
}

/** Models and tasks seen in the range, for the filter menus. */
export async function selectFilterOptions(db: Db, r: UsageRange): Promise<{ models: string[]; tasks: string[] }> {
  const rows = await db.all<{ model: string; task: string }>(
    sql`SELECT DISTINCT model, task FROM usage_daily WHERE user_id = '' AND day BETWEEN ${r.from} AND ${r.to}`,
  );
  return { models: [...new Set(rows.map((x) => x.model))].sort(), tasks: [...new Set(rows.map((x) => x.task))].sort() };
}

/** Spend in a day range (budget gauges: today, this month), all models and tasks. */
export async function selectSpend(db: Db, from: string, to: string): Promise<number> {
  const rows = await db.all<{ spent: number }>(
    sql`SELECT coalesce(sum(cost_micro_usd), 0) AS spent FROM usage_daily WHERE user_id = '' AND day BETWEEN ${from} AND ${to}`,
  );
  return Number(rows[0]?.spent ?? 0);
}

/** What the LLM budget store has reserved but not yet settled, per window. */
export async function selectBudgetWindows(db: Db, windows: string[]): Promise<Map<string, { reserved: number; spent: number }>> {
  if (windows.length === 0) return new Map();
  const rows = await db.all<{ window: string; reserved: number; spent: number }>(sql`
    SELECT "window" AS "window", reserved_micro_usd AS reserved, spent_micro_usd AS spent FROM llm_budget
    WHERE "window" IN (${sql.join(windows.map((w) => sql`${w}`), sql`, `)})`);
  return new Map(rows.map((row) => [row.window, { reserved: Number(row.reserved), spent: Number(row.spent) }]));
}

/** The latest calls, newest first, bounded by both time and count (the created_at index serves it). */
export async function selectRecentCalls(db: Db, since: number, limit: number) {
  return db.all<{ targetId: string; provider: string; model: string; outcome: string; errorCode: string | null; latencyMs: number; createdAt: number }>(sql`
    SELECT target_id AS targetId, provider, model, outcome, error_code AS errorCode, latency_ms AS latencyMs, created_at AS createdAt
    FROM llm_calls WHERE created_at >= ${since} ORDER BY created_at DESC LIMIT ${limit}`);
}

/** Users by email (admin search): a prefix match on the unique email index, bounded. */
export async function selectUsersByEmail(db: Db, query: string, limit = 20) {
  const prefix = query.trim().toLowerCase();
  return db.all<{ id: string; email: string; name: string; role: string; createdAt: number }>(sql`
    SELECT id, email, name, role, created_at AS createdAt FROM user
    WHERE email >= ${prefix} AND email < ${prefix + "\uffff"} ORDER BY email LIMIT ${limit}`);
}

export const USER_SORTS = ["email", "joined", "balance", "spend"] as const;
export type UserSort = (typeof USER_SORTS)[number];
export type UserListRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: number;
  balance: number;
  spentCredits: number;
  /** The KNOWN costs only; `spentUnpricedRequests` of `spentRequests` calls had no price. */
  spentMicroUsd: number;
  spentRequests: number;
  spentUnpricedRequests: number;
};

/**
 * One page of every user with their balance (from the ledger, see balanceSql) and their spend since
 * `sinceDay` (the usage_user_daily rollup), sorted on any of those columns; ties fall back to email.
 */
export async function selectUsersPage(db: Db, o: { sort: UserSort; desc: boolean; limit: number; offset: number; sinceDay: string; now: number }): Promise<UserListRow[]> {
  const order = sql.raw({ email: "email", joined: "createdAt", balance: "balance", spend: "spentCredits" }[o.sort]);
  const dir = sql.raw(o.desc ? "DESC" : "ASC");
  return db.all<UserListRow>(sql`
    SELECT u.id, u.email, u.name, u.role, u.created_at AS createdAt,
      ${balanceSql(sql`u.id`, o.now)} AS balance,
      coalesce(s.credits, 0) AS spentCredits, coalesce(s.cost, 0) AS spentMicroUsd, coalesce(s.requests, 0) AS spentRequests,
      (SELECT coalesce(sum(d.unpriced_requests), 0) FROM usage_daily d WHERE d.user_id = u.id AND d.day >= ${o.sinceDay}) AS spentUnpricedRequests
    FROM user u LEFT JOIN (
      SELECT user_id, sum(credits) AS credits, sum(cost_micro_usd) AS cost, sum(requests) AS requests FROM usage_user_daily WHERE day >= ${o.sinceDay} GROUP BY user_id
    ) s ON s.user_id = u.id
    ORDER BY ${order} ${dir}, email ASC LIMIT ${o.limit} OFFSET ${o.offset}`);
}

export async function countUsers(db: Db): Promise<number> {
  const rows = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM user`);
  return Number(rows[0]?.n ?? 0);
}
