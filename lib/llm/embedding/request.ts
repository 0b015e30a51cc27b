// The service's embed(): checks the request, routes it over the embedding targets, serves what the
// per-text cache holds, embeds the rest on the first target that answers (embed.ts) and stores it.
// The cache-then-fallback rule keeps one result to one model (see docs/llm.md "Embeddings").
import type { BudgetGuard } from "../service/budget-guard";
import type { CacheStore } from "../cache/store";
import type { LlmConfig } from "../config";
import { EMBEDDING_TASK, type EmbedRequest, type EmbedResult, type Target, type TargetPrice, type UsageEvent } from "../contract";
import { LlmError } from "../errors";
import type { HealthBoard } from "../router/breaker";
import { routeTargets } from "../router/strategies";
import { cachedUsageEvent } from "../service/cache-replay";
import { Tally } from "../service/metering";
import { approximateTokens } from "../tokens";
import { embeddingCacheKey, vectorFromCached, vectorToCached } from "./cache";
import { embedOnRoute, type EmbedEnv } from "./embed";

/** Inputs per embed call: under every provider's batch limit (Workers AI BGE: 100; OpenAI: 2,048). */
export const MAX_EMBED_INPUTS = 96;
/** Characters per input: ~8k tokens, OpenAI's limit; BGE models read the first 512 tokens. */
const MAX_EMBED_INPUT_CHARS = 32_000;

export interface EmbedContext {
  config: LlmConfig;
  cache: CacheStore;
  budget: BudgetGuard;
  health: HealthBoard;
  embedders: Map<string, Target>;
  env: EmbedEnv;
  emit: (event: UsageEvent, req: Pick<EmbedRequest, "onUsage">) => void;
  now: () => number;
  random: () => number;
  priceOf: (target: Target) => TargetPrice | undefined;
  /** This request's turn on the route (round-robin strategies). */
  turn: number;
}

export async function embedTexts(ctx: EmbedContext, req: EmbedRequest): Promise<EmbedResult> {
  const { config, cache, budget, health, embedders, env, emit, now, random, priceOf, turn } = ctx;
  const input = req.input;
  if (!Array.isArray(input) || input.length === 0 || input.some((t) => typeof t !== "string" || t.trim() === "")) {
    throw new LlmError("bad_request", "embed needs a non-empty list of non-empty texts", { retryable: false });
  }
  if (input.length > MAX_EMBED_INPUTS) throw new LlmError("bad_request", `embed takes at most ${MAX_EMBED_INPUTS} texts per call (got ${input.length})`, { retryable: false });
  if (input.some((t) => t.length > MAX_EMBED_INPUT_CHARS)) throw new LlmError("bad_request", `an embedded text may hold at most ${MAX_EMBED_INPUT_CHARS} characters`, { retryable: false });
  const started = now();
  const route = config.routes[EMBEDDING_TASK];
  const decision = route.targets.length === 0 ? { order: [] } : routeTargets({ route, targets: embedders, promptTokens: 0, maxOutputTokens: 0, needsJson: false, userId: req.user?.id, bookId: req.bookId, turn, random, priceOf, isAvailable: (id) => health.isAvailable(id) });
  const order = decision.order.filter((t) => t.output === "embedding");
  const primary = order[0];
  if (!primary) throw new LlmError("config", "the embedding route has no embedding targets", { retryable: false });
  const signal = req.signal ?? new AbortController().signal;
  const cacheable = config.cache.enabled && req.cache !== false;
  const vectors: Array<Float32Array | undefined> = Array.from({ length: input.length }, () => undefined);

  if (cacheable) {
    const hits = await Promise.all(input.map(async (text) => cache.get(await embeddingCacheKey(primary, text))));
    let inputTokens = 0;
    let saved = 0;
    hits.forEach((hit, i) => {
      const vector = hit && vectorFromCached(hit);
      if (!hit || !vector) return;
      vectors[i] = vector;
      inputTokens += hit.usage.inputTokens;
      saved += hit.costMicroUsd ?? 0;
    });
    const first = hits.find((h) => h !== undefined);
    if (first) {
      // One event for the inputs the cache served: what they would have cost is what was saved.
      const event = cachedUsageEvent({ ...req, task: EMBEDDING_TASK, messages: [] }, { ...first, usage: { ...first.usage, inputTokens }, costMicroUsd: saved }, undefined, started, now() - started);
      emit(event, req);
    }
  }

  const missing = input.flatMap((_, i) => (vectors[i] ? [] : [i]));
  const served = input.length - missing.length;
  let answeredBy = primary;
  let attempts = 0;
  let fallbackFrom: string | null = null;
  const tally = new Tally();
  if (missing.length > 0) {
    const texts = missing.map((i) => input[i]!);
    const reservation = await budget.reserve(order, texts.reduce((n, t) => n + approximateTokens(t), 0), 0);
    try {
      const answered = await embedOnRoute(env, req, texts, { order, noFallback: route.noFallback === true, signal }, tally);
      ({ attempts, fallbackFrom } = answered);
      answeredBy = answered.target;
      missing.forEach((i, k) => (vectors[i] = answered.value[k]));
      if (answeredBy.id !== primary.id && served > 0) {
        // The cached vectors are the first choice's: a fallback's vectors cannot sit beside them.
        const rest = input.flatMap((_, i) => (missing.includes(i) ? [] : [i]));
        const again = await embedOnRoute(env, req, rest.map((i) => input[i]!), { order: [answeredBy], noFallback: true, signal }, tally);
        attempts += again.attempts;
        rest.forEach((i, k) => (vectors[i] = again.value[k]));
      }
      if (cacheable) {
        // Each vector is stored under the model that made it, with its share of the cost.
        const cost = tally.cost.costMicroUsd;
        const tokens = texts.map((t) => approximateTokens(t));
        const total = tokens.reduce((a, b) => a + b, 0) || 1;
        await Promise.all(
          texts.map(async (text, k) => {
            const share = cost === null ? null : Math.ceil((cost * tokens[k]!) / total);
            const entry = vectorToCached(vectors[missing[k]!]!, answeredBy, Math.round((tally.usage.inputTokens * tokens[k]!) / total), share, tally.usage.estimated, now());
            await cache.set(await embeddingCacheKey(answeredBy, text), entry, config.cache.ttlMs[EMBEDDING_TASK]);
          }),
        );
      }
    } finally {
      await budget.settle(reservation, tally.cost.costMicroUsd ?? tally.knownCostMicroUsd);
    }
  }
  const done = vectors as Float32Array[];
  return {
    vectors: done,
    dimensions: done[0]!.length,
    provider: answeredBy.provider,
    model: answeredBy.model,
    targetId: answeredBy.id,
    attempts,
    usage: tally.usage,
    ...(missing.length > 0 ? tally.cost : { costMicroUsd: 0, costSource: "cached" as const }),
    cachedInputs: answeredBy.id === primary.id ? served : 0,
    fallbackFrom: fallbackFrom ?? undefined,
  };
}
