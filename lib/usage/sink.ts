import type { Db } from "@/db/client";
import { insertCallWithRollups, type FacetCount, type LlmCallRecord } from "@/db/queries/usage";
import type { BudgetWarning, UsageEvent, UsageSink } from "@/lib/llm";
import { creditsForAttempt } from "@/lib/credits/prices";
import { latencyBucket } from "./latency-buckets";

/** The facet counters one attempt adds to (errors by code, fallbacks by origin, latency histograms). */
export function facetsOf(event: UsageEvent): FacetCount[] {
  const facets: FacetCount[] = [];
  // `code@target`: the dashboard groups by code, and reads fallback reasons from the targets handed over from.
  if (event.outcome === "error") facets.push({ kind: "error", facet: `${event.errorCode ?? "unknown"}@${event.targetId}` });
  if (event.fallbackFrom && event.outcome !== "error") facets.push({ kind: "fallback", facet: event.fallbackFrom });
  // Cache hits answer in microseconds: they would drag every percentile of the target down.
  if (!event.cached) {
    facets.push({ kind: "latency", facet: String(latencyBucket(event.latencyMs)) });
    if (event.ttftMs !== null) facets.push({ kind: "ttft", facet: String(latencyBucket(event.ttftMs)) });
  }
  return facets;
}

export function toCallRecord(event: UsageEvent): LlmCallRecord {
  return {
    task: event.task,
    provider: event.provider,
    model: event.model,
    targetId: event.targetId,
    attempt: event.attempt,
    fallbackFrom: event.fallbackFrom,
    cached: event.cached,
    inputTokens: event.inputTokens,
    outputTokens: event.outputTokens,
    cachedTokens: event.cachedInputTokens,
    estimated: event.estimated,
    // Unknown is not zero: an unpriced model's spend stays NULL (the row keeps its tokens).
    costMicroUsd: event.costMicroUsd,
    savedMicroUsd: event.savedMicroUsd,
    latencyMs: Math.max(0, Math.round(event.latencyMs)),
    ttftMs: event.ttftMs === null ? null : Math.max(0, Math.round(event.ttftMs)),
    outcome: event.outcome,
    errorCode: event.errorCode,
    arm: event.arm,
    userId: event.userId,
    bookId: event.bookId,
    jobId: event.jobId,
    apiKeyId: event.apiKeyId ?? null,
    // The credits this attempt is worth: the same function and the same event the charging seam
    // (lib/credits/charge.ts) charges the author with, so the dashboard and the ledger agree.
    credits: creditsForAttempt(event),
    at: event.at,
  };
}

/**
 * The app's usage sink for the LLM service: one llm_calls row per attempt and the usage_daily
 * rollups (the caller's and the all-users row) plus facet counters, in one D1 batch.
 */
export function createUsageSink(
  db: Db,
  options: {
    onBudgetWarning?: (w: BudgetWarning) => void;
    /** The worker's ctx.waitUntil: the service does not await the sink, and a worker may stop once it has answered. */
    waitUntil?: (pending: Promise<unknown>) => void;
  } = {},
): UsageSink {
  return {
    record(event) {
      const pending = insertCallWithRollups(db, toCallRecord(event), facetsOf(event));
      try {
        options.waitUntil?.(pending.catch(() => undefined));
      } catch {
        // Outside a request (a test, a script) there is nothing to extend; the promise is still returned.
      }
      return pending;
    },
    budgetWarning(warning) {
      (options.onBudgetWarning ?? ((w) => console.warn("[quire] LLM budget warning", w)))(warning);
    },
  };
}
