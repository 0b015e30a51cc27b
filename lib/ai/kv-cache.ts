import type { CacheStore, CachedAnswer, PriceSnapshotStore } from "@/lib/llm";

/** The LLM response cache on Workers KV, shared by every isolate (KV's shortest TTL is 60 s). */
export function kvCacheStore(kv: KVNamespace): CacheStore {
  return {
    async get(key) {
      return (await kv.get<CachedAnswer>(`llm:${key}`, "json")) ?? undefined;
    },
    async set(key, value, ttlMs) {
      await kv.put(`llm:${key}`, JSON.stringify(value), { expirationTtl: Math.max(60, Math.ceil(ttlMs / 1000)) });
    },
  };
}

/** Small snapshots (the OpenRouter price list) on KV. */
export function kvSnapshotStore(kv: KVNamespace): PriceSnapshotStore {
  return {
    async get(key) {
      return (await kv.get(key)) ?? undefined;
    },
    async set(key, value, ttlMs) {
      await kv.put(key, value, { expirationTtl: Math.max(60, Math.ceil(ttlMs / 1000)) });
    },
  };
}
