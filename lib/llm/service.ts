// createLlmService: the one entry point the app calls. Around the dispatcher it adds routing, the
// response cache with single-flight, budget reservation, usage events and structured output.
import { zodSchema } from "ai";
import type { LlmConfig } from "./config";
import type { BudgetWarning, LlmRequest, LlmResult, LlmStream, LlmTask, ObjectRequest, ProviderKind, Target, TargetHealth, TargetPrice, UsageEvent, UsageSink } from "./contract";
import { LlmError } from "./errors";
import { cacheKey } from "./cache/key";
import { MemoryLruCache } from "./cache/memory-lru";
import type { CacheStore, CachedAnswer } from "./cache/store";
import { type BudgetLimit, type BudgetStore, MemoryBudgetStore, periodKeys, type Reservation } from "./budget";
import { priceFor } from "./cost/prices";
import { createOpenRouterPriceRefresher, type PriceRefresher } from "./cost/price-refresher";
import { demoInvoker } from "./demo/model";
import { parseJsonAnswer } from "./json";
import { anthropicInvoker } from "./providers/anthropic";
import { customFormatInvoker } from "./providers/custom-format";
import { openAiCompatibleInvoker, openAiInvoker } from "./providers/openai-compatible";
import { openRouterInvoker } from "./providers/openrouter";
import type { ModelInvoker, ProviderCall } from "./providers/types";
import { workersAiBindingInvoker, workersAiRestInvoker, type WorkersAiBinding } from "./providers/workers-ai";
import { HealthBoard } from "./router/breaker";
import { routeTargets } from "./router/strategies";
import { TextChannel } from "./service/channel";
import { continuationMessages, dispatch, type DispatchEnv } from "./service/dispatch";
import { Tally } from "./service/metering";
import { approximateMessageTokens } from "./tokens";

export interface LlmServiceDeps {
  sink?: UsageSink;
  cache?: CacheStore;
  budget?: BudgetStore;
  fetch?: typeof fetch;
  now?: () => number;
  /** The Workers AI binding (`env.AI`) when running in a worker. */
  aiBinding?: unknown;
  /** Randomness for jitter, weighted and unsticky A/B picks (tests make it deterministic). */
  random?: () => number;
  /** Price refresh from OpenRouter's model list; null disables it. */
  priceRefresher?: PriceRefresher | null;
  /** Where a failing usage sink is reported (default console.error). */
  onSinkError?: (error: unknown) => void;
}

export interface LlmService {
  readonly config: LlmConfig;
  streamText(req: LlmRequest): LlmStream;
  generateText(req: LlmRequest): Promise<LlmResult>;
  generateObject<T>(req: ObjectRequest<T>): Promise<LlmResult & { object: T }>;
  health(): TargetHealth[];
  /** Price of a configured target (by id) or model, including refreshed prices; undefined if unknown. */
  priceFor(targetIdOrModel: string): TargetPrice | undefined;
}

/** Output tokens assumed for budget reservations when the request sets no maxTokens. */
const EXPECTED_OUTPUT_TOKENS: Record<LlmTask, number> = {
  outline: 2000,
  bible: 1500,
  chapter: 4000,
  summary: 400,
  suggestion: 200,
  grammar: 200,
  "cover-prompt": 150,
  "cover-image": 300,
};

interface ExecuteOptions {
  json?: ProviderCall["json"];
  /** A complete answer is stored only if this accepts it (generateObject: valid JSON). */
  accept?: (text: string) => boolean;
}

export function createLlmService(config: LlmConfig, deps: LlmServiceDeps = {}): LlmService {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const doFetch = deps.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const cache = deps.cache ?? new MemoryLruCache(config.cache.maxEntries, now);
  const budgetStore = deps.budget ?? new MemoryBudgetStore();
  const health = new HealthBoard(config.breaker, now);
  const targets = new Map(config.targets.map((t) => [t.id, t]));
  const inFlight = new Map<string, Promise<LlmResult>>();
  const turns = new Map<LlmTask, number>();
  const warned = new Set<string>();
  const onSinkError = deps.onSinkError ?? ((error: unknown) => console.error("[llm] usage sink failed", error));
  let refreshed: Record<string, TargetPrice> = {};

  const demo = demoInvoker({ delayMs: config.demo.delayMs });
  const binding = deps.aiBinding as WorkersAiBinding | undefined;
  const invokers: Record<ProviderKind, ModelInvoker> = {
    "openai-compatible": openAiCompatibleInvoker,
    openrouter: openRouterInvoker,
    openai: openAiInvoker,
    anthropic: anthropicInvoker,
    "workers-ai": binding && typeof binding.run === "function" ? workersAiBindingInvoker(binding) : workersAiRestInvoker,
    "custom-format": customFormatInvoker,
    demo,
  };
  for (const t of config.targets) {
    if (t.provider === "workers-ai" && !binding && !t.accountId) {
      throw new LlmError("config", "Invalid LLM configuration: WORKERS_AI_MODEL needs the AI binding or CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN", { retryable: false });
    }
  }

  const openRouter = config.targets.find((t) => t.provider === "openrouter");
  const refresher =
    deps.priceRefresher === null || !config.refreshPrices || !openRouter
      ? undefined
      : (deps.priceRefresher ?? createOpenRouterPriceRefresher({ fetch: doFetch, baseUrl: openRouter.baseUrl, now }));
  function refreshPrices(): void {
    refresher?.prices().then((prices) => {
      refreshed = prices;
    });
  }

  function priceOf(target: Target): TargetPrice | undefined {
    return target.price ?? refreshed[target.model] ?? priceFor(target.model);
  }

  function emit(event: UsageEvent): void {
    if (!deps.sink) return;
    try {
      const pending = deps.sink.record(event);
      if (pending) pending.catch(onSinkError);
    } catch (error) {
      onSinkError(error);
    }
  }

  function warn(warning: BudgetWarning): void {
    try {
      const pending = deps.sink?.budgetWarning?.(warning);
      if (pending) pending.catch(onSinkError);
    } catch (error) {
      onSinkError(error);
    }
  }

  const env: DispatchEnv = {
    retry: config.retry,
    timeouts: config.timeouts,
    health,
    invokerFor: (target) => invokers[target.provider],
    priceOf,
    fetch: doFetch,
    now,
    random,
    emit,
    continuationTasks: new Set(config.continuationTasks),
  };

  function plan(req: LlmRequest, json: ProviderCall["json"]) {
    const route = config.routes[req.task];
    if (!route) throw new LlmError("bad_request", `unknown task "${req.task}"`, { retryable: false });
    if (!Array.isArray(req.messages) || req.messages.length === 0) throw new LlmError("bad_request", "messages must be a non-empty array", { retryable: false });
    const messages = req.continueFrom ? continuationMessages(req.messages, req.continueFrom) : req.messages;
    const call: ProviderCall = { task: req.task, messages, maxTokens: req.maxTokens, temperature: req.temperature, stop: req.stop, json };
    const turn = turns.get(req.task) ?? 0;
    turns.set(req.task, turn + 1);
    const promptTokens = approximateMessageTokens(messages);
    const decision = routeTargets({
      route,
      targets,
      promptTokens,
      maxOutputTokens: req.maxTokens ?? EXPECTED_OUTPUT_TOKENS[req.task],
      needsJson: json !== undefined,
      userId: req.user?.id,
      bookId: req.bookId,
      turn,
      random,
      priceOf,
      isAvailable: (id) => health.isAvailable(id),
    });
    return { route, call, decision, promptTokens };
  }

  function cachedEvent(req: LlmRequest, hit: CachedAnswer, arm: string | undefined, started: number): void {
    emit({
      task: req.task,
      provider: hit.provider,
      model: hit.model,
      targetId: hit.targetId,
      attempt: 0,
      fallbackFrom: null,
      cached: true,
      inputTokens: hit.usage.inputTokens,
      outputTokens: hit.usage.outputTokens,
      cachedInputTokens: hit.usage.cachedInputTokens,
      estimated: hit.usage.estimated,
      costMicroUsd: 0,
      costSource: "cached",
      savedMicroUsd: hit.costMicroUsd ?? 0,
      latencyMs: now() - started,
      ttftMs: null,
      outcome: "cached",
      errorCode: null,
      arm: arm ?? null,
      userId: req.user?.id ?? null,
      bookId: req.bookId ?? null,
      jobId: req.jobId ?? null,
      at: started,
    });
  }

  function fromCache(hit: CachedAnswer, arm: string | undefined, channel: TextChannel | undefined): LlmResult {
    if (channel) {
      // Replay as a stream: word-sized chunks, no pacing.
      const chunks = hit.text.match(/\s*\S+\s*/g) ?? [hit.text];
      for (const chunk of chunks) channel.push(chunk);
    }
    return {
      text: hit.text,
      provider: hit.provider,
      model: hit.model,
      targetId: hit.targetId,
      attempts: 0,
      usage: hit.usage,
      costMicroUsd: 0,
      costSource: "cached",
      cached: true,
      finishReason: hit.finishReason,
      arm,
    };
  }

  function budgetLimits(at: number): BudgetLimit[] {
    const keys = periodKeys(at);
    const limits: BudgetLimit[] = [];
    if (config.budget.dailyMicroUsd !== null) limits.push({ period: "day", periodKey: `day:${keys.day}`, limitMicroUsd: config.budget.dailyMicroUsd });
    if (config.budget.monthlyMicroUsd !== null) limits.push({ period: "month", periodKey: `month:${keys.month}`, limitMicroUsd: config.budget.monthlyMicroUsd });
    return limits;
  }

  /** The most this request can cost on any target it may try (unknown prices count as 0 and are flagged at settle). */
  function estimateCost(order: Target[], promptTokens: number, outputTokens: number): number {
    let max = 0;
    for (const target of order) {
      const price = priceOf(target);
      if (!price) continue;
      max = Math.max(max, Math.ceil(promptTokens * price.inputPerMTok + outputTokens * price.outputPerMTok));
    }
    return max;
  }

  async function reserveBudget(req: LlmRequest, order: Target[], promptTokens: number): Promise<Reservation | undefined> {
    const limits = budgetLimits(now());
    if (limits.length === 0) return undefined;
    const amount = estimateCost(order, promptTokens, req.maxTokens ?? EXPECTED_OUTPUT_TOKENS[req.task]);
    const outcome = await budgetStore.reserve(limits, amount);
    if (!outcome.ok) {
      const { refusedBy } = outcome;
      throw new LlmError("budget_exceeded", `${refusedBy.period} LLM budget reached (${refusedBy.usedMicroUsd} of ${refusedBy.limitMicroUsd} micro-USD used)`, { retryable: false });
    }
    for (const use of outcome.usage) {
      if (use.usedMicroUsd >= use.limitMicroUsd * config.budget.warnRatio && !warned.has(use.periodKey)) {
        warned.add(use.periodKey);
        warn({ period: use.period, periodKey: use.periodKey, usedMicroUsd: use.usedMicroUsd, limitMicroUsd: use.limitMicroUsd, at: now() });
      }
    }
    return outcome.reservation;
  }

  async function execute(req: LlmRequest, channel: TextChannel | undefined, signal: AbortSignal, options: ExecuteOptions): Promise<LlmResult> {
    const started = now();
    refreshPrices();
    const { route, call, decision, promptTokens } = plan(req, options.json);
    const primary = decision.order[0];
    if (!primary) throw new LlmError("config", `route for ${req.task} has no targets`, { retryable: false });
    const cacheable = config.cache.enabled && req.cache !== false;
    let key: string | undefined;
    const keyFor = (target: Target) =>
      cacheKey({ task: req.task, target, messages: call.messages, maxTokens: req.maxTokens, temperature: req.temperature, stop: req.stop, jsonSchema: options.json?.jsonSchema });
    if (cacheable) {
      key = await keyFor(primary);
      const hit = await cache.get(key);
      if (hit) {
        cachedEvent(req, hit, decision.arm, started);
        return fromCache(hit, decision.arm, channel);
      }
      const leader = inFlight.get(key);
      if (leader) {
        // Single flight: share the identical request already under way.
        const shared = await leader.then(
          (result) => result,
          (error: unknown) => (error instanceof LlmError && error.code === "aborted" ? undefined : Promise.reject(error)),
        );
        if (shared) {
          const answer: CachedAnswer = { ...shared, storedAt: started };
          cachedEvent(req, answer, decision.arm, started);
          return fromCache(answer, decision.arm, channel);
        }
      }
    }
    const run = (async () => {
      const reservation = await reserveBudget(req, decision.order, promptTokens);
      const tally = new Tally();
      try {
        const result = await dispatch(env, { req, call, order: decision.order, noFallback: route.noFallback === true, arm: decision.arm, signal, channel }, tally);
        if (key !== undefined && result.finishReason === "stop" && (options.accept?.(result.text) ?? true)) {
          const answer: CachedAnswer = {
            text: result.text,
            finishReason: result.finishReason,
            targetId: result.targetId,
            provider: result.provider,
            model: result.model,
            usage: result.usage,
            costMicroUsd: result.costMicroUsd,
            costSource: result.costSource,
            storedAt: now(),
          };
          // Stored under the model that actually answered: a fallback's text never poses as the first choice's.
          const answeredBy = result.targetId === primary.id ? primary : targets.get(result.targetId);
          const storeKey = answeredBy === primary ? key : answeredBy ? await keyFor(answeredBy) : undefined;
          if (storeKey !== undefined) await cache.set(storeKey, answer, config.cache.ttlMs[req.task]);
        }
        return result;
      } finally {
        if (reservation) await budgetStore.settle(reservation, tally.cost.costMicroUsd ?? tally.knownCostMicroUsd);
      }
    })();
    if (key !== undefined) {
      inFlight.set(key, run);
      run.then(
        () => inFlight.delete(key),
        () => inFlight.delete(key),
      );
    }
    return run;
  }

  function requestSignal(req: LlmRequest): { controller: AbortController; signal: AbortSignal } {
    const controller = new AbortController();
    const signal = req.signal ? AbortSignal.any([req.signal, controller.signal]) : controller.signal;
    return { controller, signal };
  }

  async function jsonSchemaOf(schema: unknown): Promise<unknown> {
    return await zodSchema(schema as Parameters<typeof zodSchema>[0]).jsonSchema;
  }

  const service: LlmService = {
    config,

    streamText(req) {
      const { controller, signal } = requestSignal(req);
      const channel = new TextChannel(() => controller.abort(new LlmError("aborted", "stream consumer stopped reading", { retryable: false })));
      const result = execute(req, channel, signal, {}).then(
        (value) => {
          channel.close();
          return value;
        },
        (error: unknown) => {
          channel.fail(error);
          throw error;
        },
      );
      // The caller may read only textStream; the error still reaches it there.
      result.catch(() => undefined);
      return { textStream: channel, result };
    },

    generateText(req) {
      return execute(req, undefined, requestSignal(req).signal, {});
    },

    async generateObject<T>(req: ObjectRequest<T>) {
      const jsonSchema = await jsonSchemaOf(req.schema);
      const instruction = `Answer with a single JSON value${req.schemaName ? ` (${req.schemaName})` : ""} that matches this JSON schema. No prose, no code fences.\n${JSON.stringify(jsonSchema)}`;
      const messages = [{ role: "system" as const, content: instruction }, ...req.messages];
      const json = { jsonSchema, zod: req.schema, name: req.schemaName };
      const signal = requestSignal(req).signal;
      const accept = (text: string) => parseJsonAnswer(text, req.schema).ok;
      const first = await execute({ ...req, messages }, undefined, signal, { json, accept });
      const parsed = parseJsonAnswer(first.text, req.schema);
      if (parsed.ok) return { ...first, object: parsed.value };
      // One more try, telling the model exactly what was wrong.
      const retryMessages = [
        ...messages,
        { role: "assistant" as const, content: first.text },
        { role: "user" as const, content: `That answer is not valid for the schema: ${parsed.errors.join("; ")}. Reply with the corrected JSON only.` },
      ];
      const second = await execute({ ...req, messages: retryMessages, cache: false }, undefined, signal, { json });
      const reparsed = parseJsonAnswer(second.text, req.schema);
      if (!reparsed.ok) {
        throw new LlmError("invalid_output", `model output does not match the schema after a re-ask: ${reparsed.errors.join("; ")}`, { retryable: false, targetId: second.targetId, body: second.text });
      }
      const costMicroUsd = first.costMicroUsd === null || second.costMicroUsd === null ? null : first.costMicroUsd + second.costMicroUsd;
      return {
        ...second,
        attempts: first.attempts + second.attempts,
        usage: {
          inputTokens: first.usage.inputTokens + second.usage.inputTokens,
          outputTokens: first.usage.outputTokens + second.usage.outputTokens,
          cachedInputTokens: first.usage.cachedInputTokens + second.usage.cachedInputTokens,
          estimated: first.usage.estimated || second.usage.estimated,
        },
        costMicroUsd,
        costSource: costMicroUsd === null ? "unknown" : second.costSource,
        object: reparsed.value,
      };
    },

    health() {
      return health.snapshot(config.targets);
    },

    priceFor(targetIdOrModel) {
      const target = targets.get(targetIdOrModel);
      if (target) return priceOf(target);
      return refreshed[targetIdOrModel] ?? priceFor(targetIdOrModel);
    },
  };
  return service;
}
