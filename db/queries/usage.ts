import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { newId } from "../schema";
import { runRawBatch } from "../batch";

/** One attempt at a model call, as the sink stores it (money in integer micro-USD). */
export type LlmCallRecord = {
  task: string;
  provider: string;
  model: string;
  targetId: string;
  attempt: number;
  fallbackFrom: string | null;
  cached: boolean;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  estimated: boolean;
  /** null when the model has no known price (counted apart, never as $0). */
  costMicroUsd: number | null;
  savedMicroUsd: number;
  latencyMs: number;
  ttftMs: number | null;
  outcome: string;
  errorCode: string | null;
  arm: string | null;
  userId: string | null;
  bookId: string | null;
  jobId: string | null;
  /** The personal API key of a gateway call. */
  apiKeyId?: string | null;
  credits: number;
  at: number;
};

export type FacetCount = { kind: "error" | "fallback" | "latency" | "ttft"; facet: string };

export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function insertCall(call: LlmCallRecord): SQL {
  return sql`INSERT INTO llm_calls (id, task, provider, model, target_id, attempt, fallback_from, cached, input_tokens,
    output_tokens, cached_tokens, estimated, cost_micro_usd, saved_micro_usd, latency_ms, ttft_ms, outcome, error_code,
    arm, user_id, book_id, job_id, api_key_id, created_at)
    VALUES (${newId("llm")}, ${call.task}, ${call.provider}, ${call.model}, ${call.targetId}, ${call.attempt},
    ${call.fallbackFrom}, ${call.cached ? 1 : 0}, ${call.inputTokens}, ${call.outputTokens}, ${call.cachedTokens},
    ${call.estimated ? 1 : 0}, ${call.costMicroUsd}, ${call.savedMicroUsd}, ${call.latencyMs}, ${call.ttftMs}, ${call.outcome},
    ${call.errorCode}, ${call.arm}, ${call.userId}, ${call.bookId}, ${call.jobId}, ${call.apiKeyId ?? null}, ${call.at})`;
}

/** A rollup adds the known cost; an unknown one is counted in `unpriced_requests` instead. */
const knownCost = (call: LlmCallRecord) => call.costMicroUsd ?? 0;

/** The rows of usage_daily an attempt adds to (the all-users row '' and the caller's), in ONE upsert. */
function upsertDaily(call: LlmCallRecord, userIds: string[]): SQL {
  const error = call.outcome === "error" ? 1 : 0;
  const unpriced = call.costMicroUsd === null ? 1 : 0;
  const cached = call.cached ? 1 : 0;
  const fallback = call.fallbackFrom && call.outcome !== "error" ? 1 : 0;
  const rows = userIds.map(
    (userId) => sql`(${utcDay(call.at)}, ${call.provider}, ${call.model}, ${call.task}, ${userId}, 1, ${error}, ${cached}, ${fallback},
    ${call.inputTokens}, ${call.outputTokens}, ${call.cachedTokens}, ${knownCost(call)}, ${call.savedMicroUsd}, ${call.credits}, ${unpriced}, ${call.latencyMs})`,
  );
  return sql`INSERT INTO usage_daily (day, provider, model, task, user_id, requests, errors, cached_requests, fallbacks,
    input_tokens, output_tokens, cached_tokens, cost_micro_usd, saved_micro_usd, credits, unpriced_requests, latency_ms_sum)
    VALUES ${sql.join(rows, sql`, `)}
    ON CONFLICT (day, provider, model, task, user_id) DO UPDATE SET
      requests = requests + 1, errors = errors + excluded.errors, cached_requests = cached_requests + excluded.cached_requests,
      fallbacks = fallbacks + excluded.fallbacks, input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens,
      cost_micro_usd = cost_micro_usd + excluded.cost_micro_usd, saved_micro_usd = saved_micro_usd + excluded.saved_micro_usd,
      credits = credits + excluded.credits, unpriced_requests = unpriced_requests + excluded.unpriced_requests,
      latency_ms_sum = latency_ms_sum + excluded.latency_ms_sum`;
}

function upsertUserDay(call: LlmCallRecord, userId: string): SQL {
  return sql`INSERT INTO usage_user_daily (day, user_id, requests, input_tokens, output_tokens, cost_micro_usd, credits)
    VALUES (${utcDay(call.at)}, ${userId}, 1, ${call.inputTokens}, ${call.outputTokens}, ${knownCost(call)}, ${call.credits})
    ON CONFLICT (day, user_id) DO UPDATE SET requests = requests + 1, input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens, cost_micro_usd = cost_micro_usd + excluded.cost_micro_usd,
      credits = credits + excluded.credits`;
}

/** The caller's day by task and by model, in ONE upsert. */
function upsertUserDayBy(call: LlmCallRecord, userId: string): SQL {
  const rows = (["task", "model"] as const).map(
    (dim) => sql`(${dim}, ${call[dim]}, ${utcDay(call.at)}, ${userId}, 1, ${call.inputTokens}, ${call.outputTokens}, ${knownCost(call)}, ${call.credits})`,
  );
  return sql`INSERT INTO usage_user_daily_by (dim, value, day, user_id, requests, input_tokens, output_tokens, cost_micro_usd, credits)
    VALUES ${sql.join(rows, sql`, `)}
    ON CONFLICT (dim, value, day, user_id) DO UPDATE SET requests = requests + 1, input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens, cost_micro_usd = cost_micro_usd + excluded.cost_micro_usd,
      credits = credits + excluded.credits`;
}

/** Every facet counter of the attempt, in ONE upsert. */
function upsertFacets(call: LlmCallRecord, facets: FacetCount[]): SQL {
  const rows = facets.map((facet) => sql`(${utcDay(call.at)}, ${facet.kind}, ${call.provider}, ${call.model}, ${call.task}, ${facet.facet}, 1)`);
  return sql`INSERT INTO usage_daily_facets (day, kind, provider, model, task, facet, count)
    VALUES ${sql.join(rows, sql`, `)}
    ON CONFLICT (day, kind, provider, model, task, facet) DO UPDATE SET count = count + 1`;
}

/**
 * The statements that record one attempt: its llm_calls row, the all-users rollup (user_id ''), the
 * caller's own rollups (by model and task; per day; per day and task; per day and model), and the facet counters: at most
 * five statements. The caller runs them in ONE db.batch, so a call is
 * either fully counted or not at all.
 */
export function recordCallStatements(call: LlmCallRecord, facets: FacetCount[]): SQL[] {
  // Multi-row upserts keep the batch short (locally a write batch costs about the same for 1 or 5 statements).
  const statements = [insertCall(call), upsertDaily(call, call.userId ? ["", call.userId] : [""])];
  if (call.userId) statements.push(upsertUserDay(call, call.userId), upsertUserDayBy(call, call.userId));
  if (facets.length > 0) statements.push(upsertFacets(call, facets));
  return statements;
}

/** Records one attempt: its statements in one D1 batch. */
export async function insertCallWithRollups(db: Db, call: LlmCallRecord, facets: FacetCount[]): Promise<void> {
  await runRawBatch(db, recordCallStatements(call, facets));
}

/** One user's own usage by task over a range (the credits page), from their rollup rows. */
export async function selectUserUsageByTask(db: Db, userId: string, from: string, to: string) {
  return db.all<{ task: string; requests: number; inputTokens: number; outputTokens: number; credits: number }>(sql`
    SELECT task, sum(requests) AS requests, sum(input_tokens) AS inputTokens, sum(output_tokens) AS outputTokens, sum(credits) AS credits
    FROM usage_daily WHERE user_id = ${userId} AND day BETWEEN ${from} AND ${to}
    GROUP BY task ORDER BY credits DESC, requests DESC`);
}

/** An attempt's place in the rollups, and credits to take off it (a charge waived after the sink counted it). */
export type CreditCorrection = { at: number; provider: string; model: string; task: string; userId: string; credits: number };

/**
 * Takes waived credits off the rollups that counted them: the caller's and the all-users rows of
 * usage_daily, usage_user_daily and usage_user_daily_by. Upserts with zero requests, so the
 * correction holds even if it lands before the sink's own write.
 */
export function creditCorrectionStatements(c: CreditCorrection): SQL[] {
  const day = utcDay(c.at);
  const minus = -c.credits;
  const daily = (userId: string) => sql`INSERT INTO usage_daily (day, provider, model, task, user_id, credits) VALUES (${day}, ${c.provider}, ${c.model}, ${c.task}, ${userId}, ${minus})
    ON CONFLICT (day, provider, model, task, user_id) DO UPDATE SET credits = credits + excluded.credits`;
  const by = (dim: string, value: string) => sql`INSERT INTO usage_user_daily_by (dim, value, day, user_id, credits) VALUES (${dim}, ${value}, ${day}, ${c.userId}, ${minus})
    ON CONFLICT (dim, value, day, user_id) DO UPDATE SET credits = credits + excluded.credits`;
  return [
    daily(""),
    daily(c.userId),
    sql`INSERT INTO usage_user_daily (day, user_id, credits) VALUES (${day}, ${c.userId}, ${minus})
      ON CONFLICT (day, user_id) DO UPDATE SET credits = credits + excluded.credits`,
    by("task", c.task),
    by("model", c.model),
  ];
}
