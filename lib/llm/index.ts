// Public API of Quire's LLM service. The app imports from "@/lib/llm" only.
export * from "./contract";
export { LlmError, isLlmError, LLM_ERROR_CODES, type LlmErrorCode } from "./errors";
export { loadLlmConfig, imageTargets, DEMO_TARGET, DEMO_EMBEDDING_TARGET, type LlmConfig } from "./config";
export { createLlmService, type LlmService, type LlmServiceDeps } from "./service";
export { MAX_EMBED_INPUTS } from "./embedding/request";
export { demoEmbedding, DEMO_EMBEDDING_DIMENSIONS } from "./embedding/demo";
export { estimateTokens, countTokens, countMessageTokens, approximateTokens, loadTokenizer } from "./tokens";
export { priceFor, costMicroUsd, usdToMicroUsd, BUILTIN_PRICES } from "./cost/prices";
export { createOpenRouterPriceRefresher, type PriceRefresher, type PriceSnapshotStore } from "./cost/price-refresher";
export { MemoryLruCache } from "./cache/memory-lru";
export type { CacheStore, CachedAnswer } from "./cache/store";
export { MemoryBudgetStore, periodKeys, type BudgetStore, type BudgetLimit, type BudgetUse, type Reservation, type ReserveOutcome } from "./budget";
export { extractJson, repairJson, parseJsonAnswer } from "./json";
export { SseDecoder, type SseEvent } from "./transport/sse";
export { demoAnswer } from "./demo/model";
export type { WorkersAiBinding } from "./providers/workers-ai";
