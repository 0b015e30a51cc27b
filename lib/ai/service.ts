import "server-only";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { createLlmService, createOpenRouterPriceRefresher, loadLlmConfig, type LlmService } from "@/lib/llm";
import { kvCacheStore, kvSnapshotStore } from "./kv-cache";

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
  const config = loadLlmConfig(strings);
  const openRouter = config.targets.find((t) => t.provider === "openrouter");
  service = createLlmService(config, {
    cache: env.KV ? kvCacheStore(env.KV) : undefined,
    // OpenRouter's price list, kept 24 h in KV so every isolate shares one fetch a day.
    priceRefresher:
      openRouter && env.KV
        ? createOpenRouterPriceRefresher({ baseUrl: openRouter.baseUrl, store: kvSnapshotStore(env.KV) })
        : undefined,
    aiBinding: (env as unknown as { AI?: unknown }).AI,
  });
  return service;
}

/** The context window of the first target on a task's route (what prompts are budgeted for). */
export function contextWindowFor(llm: LlmService, task: "chapter" | "outline"): number {
  const first = llm.config.routes[task].targets[0]?.id;
  return llm.config.targets.find((t) => t.id === first)?.capabilities.contextWindow ?? 8_192;
}
