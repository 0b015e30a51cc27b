import "server-only";
import type { Db } from "@/db/client";
import { selectRecentCalls } from "@/db/queries/admin";
import { loadLlmConfig, type CircuitState, type TargetHealth } from "@/lib/llm";

export type TargetHealthRow = {
  targetId: string;
  label: string;
  circuit: CircuitState | "unknown";
  /** Where the circuit state comes from: the running service's breaker, or inferred from recent calls. */
  source: "live" | "recent-calls";
  errorRate: number;
  recentCalls: number;
  lastErrorCode: string | null;
  /** The target is set up wrong (its key was refused, or it does not know its model): retrying will not help,
   * an operator must fix its configuration. From the live breaker, or else the latest recorded call
   * failing as `unauthorized`. */
  misconfigured: boolean;
};

const WINDOW_MS = 15 * 60_000;
const MAX_CALLS = 2_000;

/**
 * Each configured target's circuit state and recent error rate. Error rate and call counts come from
 * the last 15 minutes of llm_calls (at most 2,000 rows, newest first on the created_at index), which
 * every isolate writes. The circuit state comes from the running LLM service's breaker (`live`, from
 * getLlm().health()) when it knows the target; that breaker is per isolate, so a target it has not yet
 * called is inferred from the recorded calls instead: open when its latest LLM_BREAKER_FAILURES calls
 * all failed within the cooldown.
 */
export async function modelHealth(db: Db, live?: TargetHealth[], now = Date.now(), env: Record<string, string | undefined> = process.env): Promise<TargetHealthRow[]> {
  const config = loadLlmConfig(env);
  const calls = await selectRecentCalls(db, now - WINDOW_MS, MAX_CALLS);
  const liveById = new Map((live ?? []).map((h) => [h.targetId, h]));
  const targets = new Map(config.targets.map((t) => [t.id, `${t.provider}:${t.model}`]));
  for (const h of live ?? []) if (!targets.has(h.targetId)) targets.set(h.targetId, `${h.provider}:${h.model}`);
  for (const call of calls) if (!targets.has(call.targetId)) targets.set(call.targetId, `${call.provider}:${call.model}`);
  return [...targets].map(([targetId, label]) => {
    const mine = calls.filter((c) => c.targetId === targetId && c.outcome !== "cached");
    const failures = mine.filter((c) => c.outcome === "error");
    const latest = mine.slice(0, config.breaker.failureThreshold);
    const benched =
      latest.length === config.breaker.failureThreshold &&
      latest.every((c) => c.outcome === "error") &&
      now - Number(latest[0]!.createdAt) < config.breaker.cooldownMs;
    const fromBreaker = liveById.get(targetId);
    const liveKnows = fromBreaker && (fromBreaker.recentCalls > 0 || fromBreaker.circuit !== "closed");
    return {
      targetId,
      label,
      circuit: liveKnows ? fromBreaker.circuit : mine.length === 0 ? "unknown" : benched ? "open" : "closed",
      source: liveKnows ? "live" : "recent-calls",
      errorRate: mine.length === 0 ? 0 : failures.length / mine.length,
      recentCalls: mine.length,
      lastErrorCode: failures[0]?.errorCode ?? fromBreaker?.lastErrorCode ?? null,
      misconfigured: liveKnows ? fromBreaker.misconfigured === true : mine[0]?.outcome === "error" && mine[0].errorCode === "unauthorized",
    };
  });
}
