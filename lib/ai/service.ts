import "server-only";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { createLlmService, createOpenRouterPriceRefresher, loadLlmConfig, type LlmConfig, type LlmService, type LlmServiceDeps } from "@/lib/llm";
import { createDb } from "@/db/client";
import { createD1BudgetStore } from "@/lib/usage/budget-store";
import { createUsageSink } from "@/lib/usage/sink";
import { deferWork } from "@/lib/http/defer";
import { kvCacheStore, kvSnapshotStore } from "./kv-cache";

/**
 * The app's one LLM service per isolate: configuration from the worker's environment, the response
 * cache on KV, and the Workers AI binding when one is bound. Nothing else in the app builds one.
 */
let service: LlmService | undefined;
let deps: LlmServiceDeps | undefined;
const perTarget = new Map<string, LlmService>();

export function getLlm(): LlmService {
  if (service) return service;
  const { env } = getCloudflareContext();
  const vars = { ...(env as unknown as Record<string, unknown>), ...process.env };
  const strings = Object.fromEntries(Object.entries(vars).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const config = loadLlmConfig(strings);
  const openRouter = config.targets.find((t) => t.provider === "openrouter");
  deps = {
    cache: env.KV ? kvCacheStore(env.KV) : undefined,
    // OpenRouter's price list, kept 24 h in KV so every isolate shares one fetch a day.
    priceRefresher:
      openRouter && env.KV
        ? createOpenRouterPriceRefresher({ baseUrl: openRouter.baseUrl, store: kvSnapshotStore(env.KV) })
        : undefined,
    aiBinding: (env as unknown as { AI?: unknown }).AI,
    // Usage lands in D1 (llm_calls + rollups) and budgets are shared by every isolate (lib/usage).
    sink: createUsageSink(createDb(env.DB), { waitUntil: deferWork }),
    budget: createD1BudgetStore(createDb(env.DB)),
  };
  service = createLlmService(config, deps);
  return service;
}

/**
 * A service that sends every task to one target only (the gateway's `quire/<target>` models and the
 * playground's direct choice). It shares the cache and usage sink of the app's service.
 */
export function getLlmForTarget(targetId: string): LlmService | undefined {
  const base = getLlm();
  if (!base.config.targets.some((t) => t.id === targetId)) return undefined;
  let one = perTarget.get(targetId);
  if (!one) {
    const routes = Object.fromEntries(
      Object.keys(base.config.routes).map((task) => [task, { strategy: "priority" as const, targets: [{ id: targetId }], noFallback: true }]),
    ) as LlmConfig["routes"];
    one = createLlmService({ ...base.config, routes }, deps);
    perTarget.set(targetId, one);
  }
  return one;
}

/** The context window of the first target on a task's route (what prompts are budgeted for). */
export function contextWindowFor(llm: LlmService, task: "chapter" | "outline"): number {
  const first = llm.config.routes[task].targets[0]?.id;
  return llm.config.targets.find((t) => t.id === first)?.capabilities.contextWindow ?? 8_192;
}
