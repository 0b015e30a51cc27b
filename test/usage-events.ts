import type { UsageEvent } from "@/lib/llm";

/** A usage event as the LLM service emits it for one attempt; tests override what they care about. */
export function usageEvent(overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    task: "chapter",
    provider: "openai-compatible",
    model: "quire-writer",
    targetId: "custom",
    attempt: 1,
    fallbackFrom: null,
    cached: false,
    inputTokens: 2000,
    outputTokens: 4000,
    cachedInputTokens: 0,
    estimated: false,
    costMicroUsd: 1500,
    costSource: "price-table",
    savedMicroUsd: 0,
    latencyMs: 800,
    ttftMs: 120,
    outcome: "ok",
    errorCode: null,
    arm: null,
    userId: "u_ada",
    bookId: "bk_1",
    jobId: null,
    apiKeyId: null,
    at: Date.UTC(2026, 10, 20, 12),
    ...overrides,
  };
}
