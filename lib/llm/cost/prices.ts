// Price table. Prices are USD per million tokens as vendors publish them; arithmetic happens in
// integer pico-USD per token so that sums are exact and the result is integer micro-USD.
// These list prices are a starting point (checked 2025); configure exact ones per target, and
// OpenRouter's model list refreshes its models when reachable (see price-refresher.ts).
import type { TargetPrice } from "../contract";

export const BUILTIN_PRICES: Readonly<Record<string, TargetPrice>> = {
  demo: { inputPerMTok: 0, outputPerMTok: 0 },
  "gpt-4o-mini": { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 },
  "gpt-4o": { inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: 1.25 },
  "gpt-4.1-nano": { inputPerMTok: 0.1, outputPerMTok: 0.4, cachedInputPerMTok: 0.025 },
  "gpt-4.1-mini": { inputPerMTok: 0.4, outputPerMTok: 1.6, cachedInputPerMTok: 0.1 },
  "claude-sonnet-4-5": { inputPerMTok: 3, outputPerMTok: 15, cachedInputPerMTok: 0.3 },
  "claude-haiku-4-5": { inputPerMTok: 1, outputPerMTok: 5, cachedInputPerMTok: 0.1 },
  "openai/gpt-4o-mini": { inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 },
  "anthropic/claude-sonnet-4.5": { inputPerMTok: 3, outputPerMTok: 15, cachedInputPerMTok: 0.3 },
  "meta-llama/llama-3.1-8b-instruct": { inputPerMTok: 0.02, outputPerMTok: 0.05 },
  "meta-llama/llama-3.3-70b-instruct": { inputPerMTok: 0.13, outputPerMTok: 0.4 },
  "@cf/meta/llama-3.1-8b-instruct": { inputPerMTok: 0.282, outputPerMTok: 0.827 },
  "@cf/meta/llama-3.3-70b-instruct-fp8-fast": { inputPerMTok: 0.293, outputPerMTok: 2.253 },
  // Image models are priced per picture (1,290 output tokens at $30/M for Gemini's image output).
  "google/gemini-2.5-flash-image": { inputPerMTok: 0, outputPerMTok: 0, perImage: 0.039 },
  // Embedding models are priced by input tokens only.
  "text-embedding-3-small": { inputPerMTok: 0.02, outputPerMTok: 0 },
  "text-embedding-3-large": { inputPerMTok: 0.13, outputPerMTok: 0 },
  "openai/text-embedding-3-small": { inputPerMTok: 0.02, outputPerMTok: 0 },
  "openai/text-embedding-3-large": { inputPerMTok: 0.13, outputPerMTok: 0 },
  "@cf/baai/bge-small-en-v1.5": { inputPerMTok: 0.02, outputPerMTok: 0 },
  "@cf/baai/bge-base-en-v1.5": { inputPerMTok: 0.067, outputPerMTok: 0 },
  "@cf/baai/bge-large-en-v1.5": { inputPerMTok: 0.204, outputPerMTok: 0 },
  "@cf/baai/bge-m3": { inputPerMTok: 0.012, outputPerMTok: 0 },
};

/** Strips a dated suffix ("claude-sonnet-4-5-20250929", "gpt-4.1-nano-2025-04-14") to find a list price. */
function undated(model: string): string {
  return model.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, "");
}

/**
 * The price of a target or model: `extra` first (configured targets, refreshed prices, keyed by
 * target id or model), then the built-in table. Undefined means unknown, which callers must flag.
 */
export function priceFor(targetIdOrModel: string, extra?: Readonly<Record<string, TargetPrice | undefined>>): TargetPrice | undefined {
  return extra?.[targetIdOrModel] ?? BUILTIN_PRICES[targetIdOrModel] ?? BUILTIN_PRICES[undated(targetIdOrModel)];
}

const PICO_PER_MICRO = 1_000_000;

/** USD per million tokens → integer pico-USD per token (the two scales differ by exactly 1e6). */
export function picoPerToken(usdPerMTok: number): number {
  return Math.round(usdPerMTok * 1_000_000);
}

/** Cost of a call in integer micro-USD, rounded up so that a non-empty call never costs 0 on a priced model. */
export function costMicroUsd(usage: { inputTokens: number; outputTokens: number; cachedInputTokens: number }, price: TargetPrice): number {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const uncached = usage.inputTokens - cached;
  const pico =
    uncached * picoPerToken(price.inputPerMTok) +
    cached * picoPerToken(price.cachedInputPerMTok ?? price.inputPerMTok) +
    usage.outputTokens * picoPerToken(price.outputPerMTok);
  return Math.ceil(pico / PICO_PER_MICRO);
}

/** A provider-reported USD amount (OpenRouter `usage.cost`) in integer micro-USD. */
export function usdToMicroUsd(usd: number): number {
  return Math.round(usd * 1_000_000);
}
