import { TASKS, type LlmConfig } from "@/lib/llm";
import { EvalOptionsError } from "./errors";

/**
 * The configuration that sends every task to one target and nowhere else: no fallback (a failure is
 * the target's own and counts against it) and no response cache (every case pays its real latency
 * and cost). Retries stay as configured, because production retries too.
 */
export function singleTargetConfig(config: LlmConfig, targetId: string): LlmConfig {
  if (!config.targets.some((t) => t.id === targetId)) {
    throw new EvalOptionsError(`--targets: "${targetId}" is not configured (configured: ${config.targets.map((t) => t.id).join(", ")}); see .env.example`);
  }
  const routes = Object.fromEntries(TASKS.map((task) => [task, { strategy: "priority" as const, targets: [{ id: targetId }], noFallback: true }])) as LlmConfig["routes"];
  return { ...config, routes, cache: { ...config.cache, enabled: false } };
}
