import "server-only";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { createLlmService, loadLlmConfig, type LlmService } from "@/lib/llm";
import { createDb } from "@/db/client";
import { createD1BudgetStore } from "@/lib/usage/budget-store";
import { createUsageSink } from "@/lib/usage/sink";
import { kvCacheStore } from "./kv-cache";

/**
 * The app's one LLM service per isolate: configuration from the worker's environment, the response
 * cache on KV, and the Workers AI binding when one is bound. Nothing else in the app builds one.
 */
let service: LlmService | undefined;

export function getLlm(): LlmService {
  if (service) return service;
  const { env } = getCloudflareContext();
  const vars = { ...(env as unknown as Record<string, unknown>), ...process.env };
  const strings = Object.fromEntries(Object.entries(vars).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  service = createLlmService(loadLlmConfig(strings), {
    cache: env.KV ? kvCacheStore(env.KV) : undefined,
    aiBinding: (env as unknown as { AI?: unknown }).AI,
    // Usage lands in D1 (llm_calls + rollups) and budgets are shared by every isolate (lib/usage).
    sink: createUsageSink(createDb(env.DB), { waitUntil: (pending) => getCloudflareContext().ctx.waitUntil(pending) }),
    budget: createD1BudgetStore(createDb(env.DB)),
  });
  return service;
}

/** The context window of the first target on a task's route (what prompts are budgeted for). */
export function contextWindowFor(llm: LlmService, task: "chapter" | "outline"): number {
  const first = llm.config.routes[task].targets[0]?.id;
  return llm.config.targets.find((t) => t.id === first)?.capabilities.contextWindow ?? 8_192;
}
