// The response cache's storage seam. In process: MemoryLruCache. In production the app backs it with
// Workers KV (get → JSON, set → put with expirationTtl). Either may answer synchronously.
import type { CostSource, FinishReason, ProviderKind, TokenUsage } from "../contract";

/** A complete answer as stored; failures and truncated answers are never stored. */
export interface CachedAnswer {
  text: string;
  finishReason: FinishReason;
  targetId: string;
  provider: ProviderKind;
  model: string;
  usage: TokenUsage;
  /** What producing it cost (null if unknown); a hit reports this as saved. */
  costMicroUsd: number | null;
  costSource: CostSource;
  storedAt: number;
}

export type MaybePromise<T> = T | Promise<T>;

export interface CacheStore {
  get(key: string): MaybePromise<CachedAnswer | undefined>;
  set(key: string, value: CachedAnswer, ttlMs: number): MaybePromise<void>;
}
