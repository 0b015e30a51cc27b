// Refreshes model prices from OpenRouter's public model list (pricing in USD per token, as strings).
// Cached for 24 h in memory and, when given, in a CacheStore-like KV; an unreachable list is not an
// error: the previous or built-in prices stay in force.
import type { TargetPrice } from "../contract";

export interface PriceSnapshotStore {
  get(key: string): Promise<string | undefined> | string | undefined;
  set(key: string, value: string, ttlMs: number): Promise<void> | void;
}

export interface PriceRefresher {
  /** Prices by model id; resolves to the last known list (possibly empty), never rejects. */
  prices(): Promise<Record<string, TargetPrice>>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const STORE_KEY = "llm:openrouter-prices:v1";

export function parseOpenRouterModels(json: unknown): Record<string, TargetPrice> {
  const out: Record<string, TargetPrice> = {};
  const data = (json as { data?: unknown }).data;
  if (!Array.isArray(data)) return out;
  for (const entry of data as Array<Record<string, unknown>>) {
    const pricing = entry.pricing as Record<string, unknown> | undefined;
    const prompt = Number(pricing?.prompt);
    const completion = Number(pricing?.completion);
    if (typeof entry.id !== "string" || !Number.isFinite(prompt) || !Number.isFinite(completion) || prompt < 0 || completion < 0) continue;
    const price: TargetPrice = { inputPerMTok: prompt * 1e6, outputPerMTok: completion * 1e6 };
    const cacheRead = Number(pricing?.input_cache_read);
    if (Number.isFinite(cacheRead) && cacheRead >= 0 && pricing?.input_cache_read !== undefined) price.cachedInputPerMTok = cacheRead * 1e6;
    out[entry.id] = price;
  }
  return out;
}

export function createOpenRouterPriceRefresher(options: {
  fetch?: typeof fetch;
  baseUrl?: string;
  now?: () => number;
  store?: PriceSnapshotStore;
  ttlMs?: number;
  onError?: (error: unknown) => void;
}): PriceRefresher {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const now = options.now ?? Date.now;
  const ttl = options.ttlMs ?? DAY_MS;
  const url = `${(options.baseUrl ?? "https://openrouter.ai/api/v1").replace(/\/+$/, "")}/models`;
  let cached: { at: number; prices: Record<string, TargetPrice> } | undefined;
  let inFlight: Promise<Record<string, TargetPrice>> | undefined;

  async function load(): Promise<Record<string, TargetPrice>> {
    try {
      const stored = await options.store?.get(STORE_KEY);
      if (stored) {
        const snapshot = JSON.parse(stored) as { at: number; prices: Record<string, TargetPrice> };
        if (now() - snapshot.at < ttl) {
          cached = snapshot;
          return snapshot.prices;
        }
      }
      const res = await doFetch(url, { headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(`OpenRouter models list answered ${res.status}`);
      const prices = parseOpenRouterModels(await res.json());
      cached = { at: now(), prices };
      await options.store?.set(STORE_KEY, JSON.stringify(cached), ttl);
      return prices;
    } catch (error) {
      options.onError?.(error);
      // Try again after a short pause rather than on every call.
      cached = { at: now() - ttl + 60_000, prices: cached?.prices ?? {} };
      return cached.prices;
    }
  }

  return {
    prices() {
      if (cached && now() - cached.at < ttl) return Promise.resolve(cached.prices);
      inFlight ??= load().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}
