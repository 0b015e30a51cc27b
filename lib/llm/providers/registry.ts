// Which adapter serves which provider kind. The Workers AI binding wins over its REST API when the
// worker has one.
import type { ProviderKind, Target } from "../contract";
import { LlmError } from "../errors";
import { demoInvoker } from "../demo/model";
import { anthropicInvoker } from "./anthropic";
import { customFormatInvoker } from "./custom-format";
import { openAiCompatibleInvoker, openAiInvoker } from "./openai-compatible";
import { openRouterInvoker } from "./openrouter";
import type { ModelInvoker } from "./types";
import { workersAiBindingInvoker, workersAiRestInvoker, type WorkersAiBinding } from "./workers-ai";

export function createInvokers(targets: Target[], options: { aiBinding?: unknown; demoDelayMs: number }): Record<ProviderKind, ModelInvoker> {
  const binding = options.aiBinding as WorkersAiBinding | undefined;
  const hasBinding = binding !== undefined && binding !== null && typeof binding.run === "function";
  for (const t of targets) {
    if (t.provider === "workers-ai" && t.output !== "image" && !hasBinding && !t.accountId) {
      throw new LlmError("config", "Invalid LLM configuration: WORKERS_AI_MODEL needs the AI binding or CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN", { retryable: false });
    }
  }
  return {
    "openai-compatible": openAiCompatibleInvoker,
    openrouter: openRouterInvoker,
    openai: openAiInvoker,
    anthropic: anthropicInvoker,
    "workers-ai": hasBinding ? workersAiBindingInvoker(binding) : workersAiRestInvoker,
    "custom-format": customFormatInvoker,
    demo: demoInvoker({ delayMs: options.demoDelayMs }),
  };
}
